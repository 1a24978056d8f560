"""The preview images' route (components/host/previews.py), called as the ASGI server calls it: 200 image/png with an
ETag and Cache-Control, 304 on If-None-Match, HEAD, 404 with a short text for unknown or hostile names, the base
path honoured, and a swapped data package drawn anew."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import unquote

import pytest
from starlette.applications import Starlette

from components.data.dataset import load_dataset
from components.host.previews import PreviewCache, preview_path, preview_routes
from components.views.preview_image import LANGS, PAGES


@pytest.fixture(scope="module")
def data():
    return load_dataset()


@dataclass
class Answer:
    status_code: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


class Client:
    """One HTTP request at a time straight into the ASGI app (Starlette's TestClient needs a package not installed)."""

    def __init__(self, app) -> None:
        self.app = app

    def request(self, method: str, path: str, headers: dict[str, str] | None = None) -> Answer:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
                 "path": unquote(path), "raw_path": path.encode("latin-1"), "root_path": "", "query_string": b"",
                 "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
                 "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
        sent: list[dict] = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        asyncio.run(self.app(scope, receive, send))
        start = next(m for m in sent if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        return Answer(start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body)

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self.request("GET", path, headers)

    def head(self, path: str) -> Answer:
        return self.request("HEAD", path)


def client(data, base: str = "", cache: PreviewCache | None = None) -> Client:
    return Client(Starlette(routes=preview_routes(base, lambda: data, cache)))


def test_preview_path_names_every_page_in_each_language():
    assert preview_path("network", "ko") == "/preview/network.ko.png"
    assert len({preview_path(p, lang) for p in PAGES for lang in LANGS}) == 2 * len(PAGES)
    with pytest.raises(ValueError):
        preview_path("network", "fr")


def test_an_image_with_its_etag_and_304_when_unchanged(data):
    http = client(data)
    first = http.get(preview_path("regions", "ko"))
    assert first.status_code == 200
    assert first.headers["content-type"] == "image/png"
    assert first.headers["cache-control"] == "public, max-age=3600"
    assert first.content.startswith(b"\x89PNG")
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = http.get(preview_path("regions", "ko"), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert http.get(preview_path("regions", "ko"), headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    changed = http.get(preview_path("regions", "ko"), headers={"If-None-Match": '"other"'})
    assert changed.status_code == 200 and changed.content == first.content
    head = http.head(preview_path("regions", "ko"))
    assert head.status_code == 200 and head.headers["etag"] == etag and head.content == b""
    assert head.headers["content-length"] == str(len(first.content))


@pytest.mark.parametrize("path", [
    "/preview/nope.en.png", "/preview/network.fr.png", "/preview/network.en.jpg", "/preview/network.png",
    "/preview/NETWORK.en.png", "/preview/%3Cscript%3Ealert(1)%3C%2Fscript%3E.en.png", "/preview/..%2F..%2Fetc.en.png",
    "/preview/network.en.png%00", "/preview/" + "a" * 5000 + ".en.png", "/preview/",
])
def test_unknown_or_hostile_names_get_a_short_404(data, path):
    answer = client(data).get(path)
    assert answer.status_code == 404
    assert "Traceback" not in answer.text and len(answer.text) < 100


def test_under_a_base_path_the_image_is_there_and_not_at_the_root(data):
    http = client(data, base="/dash/")
    assert http.get("/dash" + preview_path("story", "en")).status_code == 200
    assert http.get(preview_path("story", "en")).status_code == 404


def test_images_are_drawn_once_per_package_and_anew_for_a_swapped_one(data, tmp_path):
    cache = PreviewCache(max_entries=3)
    current = {"data": data}
    http = Client(Starlette(routes=preview_routes("", lambda: current["data"], cache)))
    first = http.get(preview_path("timeline", "en"))
    http.get(preview_path("timeline", "en"))
    assert len(cache) == 1
    current["data"] = load_dataset()  # the same files loaded again: a new package object, the same picture
    second = http.get(preview_path("timeline", "en"))
    assert len(cache) == 2 and second.headers["etag"] == first.headers["etag"]
    for page in ("mou", "story"):
        http.get(preview_path(page, "en"))
    assert len(cache) == 3  # bounded: the least recently used dropped


def test_a_package_that_fails_to_load_gets_a_short_503(data):
    from components.data.dataset import DataPackageError

    def broken():
        raise DataPackageError([])

    http = Client(Starlette(routes=preview_routes("", broken)))
    answer = http.get(preview_path("network", "en"))
    assert answer.status_code == 503 and "Traceback" not in answer.text
