"""The server's middleware and extra routes, in the order a request meets them (app.py hands them to st.App)."""
from __future__ import annotations

import socket
import sys
from asyncio import base_events

from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute

from components.data.dataset import Dataset, current_data_dir
from components.data.live import store_for
from components.host.first_screen import FirstScreenMiddleware
from components.host.headers import SecurityHeadersMiddleware
from components.host.maps import map_routes
from components.host.previews import preview_path, preview_routes
from components.host.status import status_routes

# Below this size compression costs more than it saves (one TCP packet holds ~1.4 KB).
MIN_COMPRESSED_BYTES = 500

# A process runs every visitor's script in a thread of its own and sends what they draw from one event loop. Under
# CPython's lock a thread that wants it back (the loop, with a message to send) waits out the running script's whole
# switch interval, 5 ms by default, many times in one script run. At 1 ms a crowd of 100 on 2 processes went from a
# p95 of 2.0 s to 0.9 s (0.5 ms: no better); docs/hosting.md, "A crowd of 100".
THREAD_SWITCH_SECONDS = 0.001


def share_the_interpreter() -> None:
    """Let the event loop and the visitors' script threads take turns often (see THREAD_SWITCH_SECONDS)."""
    sys.setswitchinterval(THREAD_SWITCH_SECONDS)


def _set_nodelay(sock: socket.socket) -> None:
    """asyncio's own, without its `sock.proto == IPPROTO_TCP` test (a socket made with proto 0 is TCP all the same)."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def send_small_messages_at_once() -> None:
    """Turn Nagle's algorithm off on every connection the server accepts, as asyncio means to.

    asyncio sets TCP_NODELAY on a new connection only when its socket says `proto == IPPROTO_TCP`; Streamlit 1.67
    binds its listening socket with `socket.socket(family=...)` (proto 0), so every visitor's connection kept Nagle
    on. A script run sends dozens of small WebSocket messages: the second waited for the visitor's delayed ACK,
    ~40 ms of every run on Linux (a /story rerun: 48 ms from request to last message, 17 ms of it the script);
    docs/performance.md, "Nagle"."""
    base_events._set_nodelay = _set_nodelay


def serving_dataset() -> Dataset:
    """The package the server's own answers (first screens) draw from: the one the pages serve (a valid change
    replaces it; components/data/live.py)."""
    return store_for(current_data_dir()).dataset()


def base_path() -> str:
    from streamlit import config

    return config.get_option("server.baseUrlPath") or ""


def middleware() -> list[Middleware]:
    return [
        # outermost: every answer, whichever layer below made it, carries the security headers
        Middleware(SecurityHeadersMiddleware),
        # compresses what every layer below sends, the first screens included
        Middleware(GZipMiddleware, minimum_size=MIN_COMPRESSED_BYTES),
        Middleware(FirstScreenMiddleware, dataset=serving_dataset, base_path=base_path, image_path=preview_path),
    ]


def routes() -> list[BaseRoute]:
    return [*status_routes(base_path()), *preview_routes(base_path(), serving_dataset),
            *map_routes(base_path(), serving_dataset)]
