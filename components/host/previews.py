"""The link-preview images (og:image): `<base path>/preview/<page>.<lang>.png`, each page's view drawn by
components/views/preview_image.py, kept in memory per data package, with an ETag (304 when unchanged)."""
from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from components.data.dataset import DataPackageError, Dataset, load_dataset
from components.views.preview_image import LANGS, PAGES, preview_png

LOG = logging.getLogger("kr_cn_dashboard")
PREVIEW_DIR = "preview"
FILE_NAME = re.compile(r"(?P<page>[a-z]{1,20})\.(?P<lang>[a-z]{2})\.png")
# Crawlers fetch an image once per link; an hour's caching spares the CPU, the ETag makes a later check cheap. A
# changed package gives new bytes (a new ETag) at the same address.
CACHE_CONTROL = "public, max-age=3600"
MAX_CACHED = 64  # images (~60–270 KB each): every page in both languages for three packages, ~10 MB at most


def preview_path(page: str, lang: str) -> str:
    """The image's path under the app's root (public URL, base path included), e.g. '/preview/network.ko.png'."""
    if page not in PAGES or lang not in LANGS:
        raise ValueError(f"no preview for page {page!r} in language {lang!r}")
    return f"/{PREVIEW_DIR}/{page}.{lang}.png"


@lru_cache(maxsize=1)
def loaded_dataset() -> Dataset:
    """The package, loaded once per process (the default; server.py hands the serving package instead)."""
    return load_dataset()


class PreviewCache:
    """PNG bytes and ETag per (dataset, page, language), least recently used dropped first. The dataset is part of
    the key by identity (Dataset compares by identity), so a swapped package draws new images; one image is drawn
    at a time (drawing is CPU-bound: a burst of crawlers queues rather than starving the visitors' sessions)."""

    def __init__(self, max_entries: int = MAX_CACHED) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()
        self._drawing = threading.Lock()

    def get(self, data: Dataset, page: str, lang: str) -> tuple[bytes, str]:
        key = (data, page, lang)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        with self._drawing:
            with self._lock:  # drawn by the request this one waited for
                if key in self._entries:
                    return self._entries[key]
            body = preview_png(data, page, lang)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        with self._lock:
            self._entries[key] = (body, etag)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return body, etag

    def __len__(self) -> int:
        return len(self._entries)


def _matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


def preview_endpoint(dataset: Callable[[], Dataset], cache: PreviewCache) -> Callable:
    async def preview(request: Request) -> Response:
        found = FILE_NAME.fullmatch(request.path_params.get("file", ""))
        if not found or found["page"] not in PAGES or found["lang"] not in LANGS:
            return PlainTextResponse("No such preview image.", status_code=404)
        try:
            data = await run_in_threadpool(dataset)
            body, etag = await run_in_threadpool(cache.get, data, found["page"], found["lang"])
        except DataPackageError:
            LOG.exception("preview %s: the data package is not valid", found[0])
            return PlainTextResponse("The data is not available right now.", status_code=503)
        except Exception:  # never a traceback to a crawler; the log says what failed
            LOG.exception("preview %s failed", found[0])
            return PlainTextResponse("The preview image could not be drawn.", status_code=500)
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if _matches(request.headers.get("if-none-match", ""), etag):
            return Response(status_code=304, headers=headers)
        if request.method == "HEAD":  # the headers of the GET, its length included, without the bytes
            return Response(b"", media_type="image/png", headers={**headers, "Content-Length": str(len(body))})
        return Response(body, media_type="image/png", headers=headers)

    return preview


def preview_routes(base_path: str = "", dataset: Callable[[], Dataset] = loaded_dataset,
                   cache: PreviewCache | None = None) -> list[BaseRoute]:
    """The route, under the base path: st.App mounts user routes as given, without Streamlit's baseUrlPath."""
    base = base_path.strip("/")
    path = f"/{base}/{PREVIEW_DIR}/{{file}}" if base else f"/{PREVIEW_DIR}/{{file}}"
    return [Route(path, preview_endpoint(dataset, cache if cache is not None else PreviewCache()), methods=["GET", "HEAD"])]
