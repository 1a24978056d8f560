"""The server's middleware and extra routes, in the order a request meets them (app.py hands them to st.App)."""
from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute

# Below this size compression costs more than it saves (one TCP packet holds ~1.4 KB).
MIN_COMPRESSED_BYTES = 500


def middleware() -> list[Middleware]:
    return [Middleware(GZipMiddleware, minimum_size=MIN_COMPRESSED_BYTES)]


def routes() -> list[BaseRoute]:
    return []
