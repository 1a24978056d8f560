"""The middleware that answers a page's address (/, /network, ... under the base path) with Streamlit's own
index.html made into that view's page: its title, description and link-preview tags, and its first screen as
plain HTML (components/host/page_html.py), so a shared link is readable before Streamlit's JavaScript arrives and
a chat's link preview names the view. Crawlers send `Accept: */*`: the answer depends on the path, never on
Accept. If pre-rendering fails or takes too long, the visitor gets Streamlit's page unchanged and the log says why.
"""
from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from urllib.parse import parse_qs

import anyio

from components.data.dataset import Dataset
from components.host.page_html import canonical_query, view_page
from components.views.first_screen import PAGES, first_screen
from components.views.url_state import query_string

LOG = logging.getLogger("kr_cn_dashboard")
PUBLIC_URL_ENV = "KRCN_PUBLIC_URL"  # the address visitors reach the app at, with its sub-path (README "Hosting")
TIME_LIMIT_SECONDS = 5.0  # a first screen later than this is no longer first: serve Streamlit's page instead
# url path (under the base path) -> page id; the overview is the app's root
PAGE_PATHS = {("" if page == "overview" else page): page for page in PAGES}
# (page id, url path) in the navigation's order
NAVIGATION = tuple((page, "" if page == "overview" else page) for page in PAGES)


def page_of(path: str, base_path: str) -> str | None:
    """The page a request path asks for, or None for anything else (files, Streamlit's own endpoints)."""
    base = "/" + base_path.strip("/") if base_path.strip("/") else ""
    if base and not (path == base or path.startswith(base + "/")):
        return None
    rest = path[len(base):].strip("/")
    return PAGE_PATHS.get(rest)


def first_language(accept_language: str) -> str | None:
    """The first language tag of an Accept-Language header ('ko-KR,ko;q=0.9' -> 'ko-KR'), standing in for the
    browser's locale that Streamlit reads once its JavaScript runs."""
    first = accept_language.split(",")[0].split(";")[0].strip()
    return first or None


def public_url() -> str | None:
    """The configured public address (never the request's Host header, which a client chooses)."""
    value = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    return value if value.startswith(("https://", "http://")) else None


class FirstScreenMiddleware:
    """ASGI middleware: pages get their first screen; every other request passes through untouched."""

    def __init__(self, app, *, dataset: Callable[[], Dataset], base_path: Callable[[], str],
                 image_path: Callable[[str, str], str] | None = None) -> None:
        self.app = app
        self.dataset = dataset
        self.base_path = base_path
        self.image_path = image_path

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        base = self.base_path()
        page = page_of(scope["path"], base)
        if page is None:
            await self.app(scope, receive, send)
            return
        status, headers, body = await self._streamlit_page(scope, receive)
        html = None
        if status == 200 and headers.get(b"content-type", b"").startswith(b"text/html"):
            html = await self._render(body.decode("utf-8"), page, scope, base)
        if html is None:
            await _send(send, status, list(headers.items()), body, scope["method"] == "HEAD")
            return
        encoded = html.encode("utf-8")
        etag = '"' + hashlib.sha256(encoded).hexdigest()[:32] + '"'
        request = dict(scope["headers"])
        common = [(b"etag", etag.encode()), (b"cache-control", b"no-cache"), (b"vary", b"Accept-Language")]
        if etag.encode() in [t.strip() for t in request.get(b"if-none-match", b"").split(b",")]:
            await _send(send, 304, common, b"", True)
            return
        await _send(send, 200, [(b"content-type", b"text/html; charset=utf-8"), *common], encoded,
                    scope["method"] == "HEAD")

    async def _streamlit_page(self, scope, receive) -> tuple[int, dict[bytes, bytes], bytes]:
        """Streamlit's answer for the page (its index.html), asked as a plain GET: no cache validators, so it
        always sends the body; no compression asked, so the body is text."""
        dropped = {b"if-none-match", b"if-modified-since", b"accept-encoding", b"range"}
        inner = {**scope, "method": "GET", "headers": [(k, v) for k, v in scope["headers"] if k not in dropped]}
        started: dict = {}
        chunks: list[bytes] = []

        async def capture(message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(inner, receive, capture)
        headers = {k.lower(): v for k, v in started.get("headers", [])}
        return started.get("status", 500), headers, b"".join(chunks)

    async def _render(self, template: str, page: str, scope, base: str) -> str | None:
        raw = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        locale = first_language(dict(scope["headers"]).get(b"accept-language", b"").decode("latin-1"))
        try:
            with anyio.fail_after(TIME_LIMIT_SECONDS):
                return await anyio.to_thread.run_sync(self._page_html, template, page, raw, locale, base)
        except TimeoutError:
            LOG.warning("first screen of /%s took over %.0f s: served Streamlit's page", page, TIME_LIMIT_SECONDS)
        except Exception:  # any failure: the visitor still gets Streamlit's page
            LOG.exception("first screen of /%s failed: served Streamlit's page", page)
        return None

    def _page_html(self, template: str, page: str, raw: dict[str, list[str]], locale: str | None, base: str) -> str:
        data = self.dataset()
        key = tuple(sorted((k, tuple(v)) for k, v in raw.items()))
        screen = data.memo(first_screen_of, page, key, locale)
        root = public_url()
        path = "" if page == "overview" else page
        page_url = f"{root}/{path}{query_string(canonical_query(screen))}" if root else None
        image_url = f"{root}{self.image_path(page, screen.lang)}" if root and self.image_path else None
        return view_page(template, screen, pages=NAVIGATION, base_path=base, page_url=page_url, image_url=image_url)


def first_screen_of(data: Dataset, page: str, raw_key: tuple, locale: str | None):
    return first_screen(data, page, {k: list(v) for k, v in raw_key}, locale)


async def _send(send, status: int, headers: list, body: bytes, head_only: bool) -> None:
    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    if status != 304:
        headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head_only else body})
