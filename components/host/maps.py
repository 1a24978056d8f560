"""The /regions light map as its own address (`<base path>/map/regions.svg?lang=…&region=…&sector=…&event=…`):
the page shows it as an image, so the browser fetches a view's map once and a rerun that keeps the view sends
nothing. The query is read by the page's own link parser, so the picture is the page's (unknown values dropped)."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from components.data.dataset import DataPackageError, Dataset
from components.views import regions as rg
from components.views.link_state import parse_link

LOG = logging.getLogger("kr_cn_dashboard")
# Revalidate on each new visit (a changed package gives new bytes at the same address); within a page the
# browser's image cache keeps the picture across reruns without asking.
CACHE_CONTROL = "no-cache"


def map_picture(data: Dataset, lang: str, regions: tuple, sectors: tuple, events: tuple) -> tuple[bytes, str]:
    """(SVG bytes, ETag) of the light map of a view."""
    body = rg.map_svg(data, lang, regions, sectors, events).encode("utf-8")
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def picture_for(data: Dataset, query: dict[str, list[str]]) -> tuple[bytes, str]:
    """The map a /regions link's parameters show: parsed as the page parses them, regions kept as the page keeps
    them (its 17, in the link's order made canonical by the parser)."""
    state, _ = parse_link(query, "regions", data, None)
    choices = dict(rg.region_choices(data, state.lang))
    chosen = tuple(r for r in state.regions if r in choices)
    return data.memo(map_picture, state.lang, chosen, tuple(state.sectors), tuple(state.events))


def _matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


def map_endpoint(dataset: Callable[[], Dataset]) -> Callable:
    async def regions_map(request: Request) -> Response:
        query: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            query.setdefault(key, []).append(value)
        try:
            data = await run_in_threadpool(dataset)
            body, etag = await run_in_threadpool(picture_for, data, query)
        except DataPackageError:
            LOG.exception("map: the data package is not valid")
            return PlainTextResponse("The data is not available right now.", status_code=503)
        except Exception:  # never a traceback to a visitor; the log says what failed
            LOG.exception("map %s failed", request.url.query[:200])
            return PlainTextResponse("The map could not be drawn.", status_code=500)
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if _matches(request.headers.get("if-none-match", ""), etag):
            return Response(status_code=304, headers=headers)
        if request.method == "HEAD":
            return Response(b"", media_type="image/svg+xml",
                            headers={**headers, "Content-Length": str(len(body))})
        return Response(body, media_type="image/svg+xml", headers=headers)

    return regions_map


def map_routes(base_path: str, dataset: Callable[[], Dataset]) -> list[BaseRoute]:
    """The route, under the base path (st.App mounts user routes as given, without Streamlit's baseUrlPath)."""
    base = base_path.strip("/")
    path = f"/{base}/{rg.MAP_PATH}" if base else f"/{rg.MAP_PATH}"
    return [Route(path, map_endpoint(dataset), methods=["GET", "HEAD"])]
