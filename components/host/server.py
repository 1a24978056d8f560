"""The server's middleware and extra routes, in the order a request meets them (app.py hands them to st.App)."""
from __future__ import annotations

import asyncio
import collections
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


def _set_need_send_data(runtime) -> None:
    """Streamlit's `Runtime._enqueued_some_message`, which wakes the loop that sends the visitors' messages, without
    the wake-up call when it already runs on that loop (it then has only to set the event)."""
    objects = runtime._get_async_objs()
    try:
        on_the_loop = asyncio.get_running_loop() is objects.eventloop
    except RuntimeError:  # a script's thread: no loop runs here
        on_the_loop = False
    if on_the_loop:
        objects.eventloop.call_soon(objects.need_send_data.set)
    else:
        objects.eventloop.call_soon_threadsafe(objects.need_send_data.set)


def wake_the_loop_only_across_threads() -> None:
    """Each message a script draws reaches the event loop through `call_soon_threadsafe`, which writes a byte to the
    loop's wake-up socket; on the loop, Streamlit 1.67 then calls `call_soon_threadsafe` once more, from the loop
    itself, to flag that there is something to send: a second write, a system call that gives up the interpreter's
    lock, for every message of every run. py-spy over a visitor's walks (bench/run_cpu.py): 8 % of the process's
    samples were these writes, half of them the loop's own (docs/hosting.md, "Two costs of every run")."""
    from streamlit.runtime.runtime import Runtime

    Runtime._enqueued_some_message = _set_need_send_data


def _run_pending(session) -> None:
    """On the event loop: run what the session's script thread handed over, in order, until none is left."""
    session._krcn_wake_pending = False  # first: what is handed over from now on wakes the loop again
    pending = session._krcn_pending
    while pending:
        callback = pending.popleft()
        try:
            callback()
        except Exception as error:  # as asyncio treats a failing callback: logged, the others still run
            session._event_loop.call_exception_handler({"message": "session callback failed", "exception": error})


def _call_soon_on_event_loop(session, callback) -> None:
    """Streamlit's `AppSession._call_soon_on_event_loop`, waking the loop once for all the callbacks handed over
    before it gets to them, instead of once each."""
    pending = session.__dict__.get("_krcn_pending")
    if pending is None:
        pending = session.__dict__.setdefault("_krcn_pending", collections.deque())
    pending.append(callback)
    if session.__dict__.get("_krcn_wake_pending"):
        return  # the loop is already woken for this session and will run it
    session._krcn_wake_pending = True
    try:
        session._event_loop.call_soon_threadsafe(_run_pending, session)
    except RuntimeError:
        session._krcn_wake_pending = False  # not woken: the next hand-over tries again
        if not session._event_loop.is_closed():
            raise
        pending.clear()  # a closed loop (the process stopping): dropped, as Streamlit drops them


def wake_the_loop_once_for_a_runs_messages() -> None:
    """Each message a script draws is handed to the event loop with `call_soon_threadsafe`, a write to the loop's
    wake-up socket: a system call that gives up the interpreter's lock, which the script's thread must then win back
    from every other visitor's. Under a crowd of 100, 11 % of the script threads' samples were these writes
    (py-spy). Now a session's script wakes the loop only when it is not already woken: one write for all the
    messages drawn before the loop gets to them (docs/hosting.md, "One wake-up for a run's messages")."""
    from streamlit.runtime.app_session import AppSession

    AppSession._call_soon_on_event_loop = _call_soon_on_event_loop


def build_the_theme_once() -> None:
    """Streamlit 1.67 builds the theme part of its new-session message (six sections, each a walk over every config
    option under the config lock) afresh at the start of every script run: 4 % of a process's samples, 12 % of its
    event loop's (docs/hosting.md, "Two costs of every run"). It is kept here, built once per parse of the config
    (a reparse makes a new options dict: the next run builds it again), and copied into each message."""
    from streamlit import config
    from streamlit.runtime import app_session

    build = app_session._populate_theme_msg
    built: dict[tuple[str, int], object] = {}

    def populate_theme_msg(msg, section: str = "theme") -> None:
        key = (section, id(config.get_config_options()))
        theme = built.get(key)
        if theme is None:
            theme = type(msg)()
            build(theme, section)
            built[key] = theme
        msg.MergeFrom(theme)

    app_session._populate_theme_msg = populate_theme_msg


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
