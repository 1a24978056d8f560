"""A minimal Streamlit client speaking the browser's own protocol, for load and memory tests on loopback.

It does what Streamlit's frontend does on a page load: opens ws://127.0.0.1:PORT/_stcore/stream with the
`streamlit` subprotocol (the frontend puts its XSRF token and a previous session id as the 2nd and 3rd
entries; neither is needed for a fresh session), sends a BackMsg `rerun_script` with the page's query string,
page name and context info (locale, timezone, URL), then reads ForwardMsgs until `script_finished`. A filter
or language change is another `rerun_script` on the same session with the new query string and the page's
script hash — the same script run a widget change causes (the app's widgets write their value to the URL).

It does not run JavaScript nor fetch static files, so it measures the server: script runs, protobuf
traffic, session memory. What the browser adds is measured by bench/benchmark.py.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

SUCCESS = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


@dataclass
class RunResult:
    """One script run as the client saw it."""

    seconds: float
    bytes_received: int
    messages: int
    deltas: int
    errors: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class StreamlitClient:
    """One browser-like session. Use `async with StreamlitClient(port) as c: await c.load("network", "lang=en")`."""

    def __init__(self, port: int, locale: str = "en-US", timeout: float = 60.0, host: str = "127.0.0.1",
                 base_path: str = "") -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("load tests target loopback only")
        self.port = port
        self.base = "/" + base_path.strip("/") if base_path.strip("/") else ""  # --server.baseUrlPath
        self.host = host
        self.locale = locale
        self.timeout = timeout
        self.ws = None
        self.page_script_hash = ""
        self.page_name = ""
        self.query_string = ""  # as the app last wrote it (st.query_params), like the address bar

    async def __aenter__(self) -> StreamlitClient:
        from websockets.asyncio.client import connect

        self.ws = await connect(
            f"ws://{self.host}:{self.port}{self.base}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=f"http://{self.host}:{self.port}",
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.ws.close(), timeout=5)
            except (TimeoutError, asyncio.TimeoutError, OSError):
                pass
            self.ws = None

    def _rerun_msg(self, page: str, query: str, first: bool) -> BackMsg:
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = query
        if first or not self.page_script_hash or page != self.page_name:
            rerun.page_script_hash = ""
            rerun.page_name = page
        else:
            rerun.page_script_hash = self.page_script_hash
        rerun.widget_states.SetInParent()
        ctx = rerun.context_info
        ctx.timezone = "Asia/Seoul"
        ctx.timezone_offset = -540
        ctx.locale = self.locale
        ctx.url = f"http://{self.host}:{self.port}{self.base}/{page}" + (f"?{query}" if query else "")
        ctx.is_embedded = False
        ctx.color_scheme = "light"
        return msg

    async def run(self, page: str = "", query: str = "") -> RunResult:
        """Run `page` ("" for /, "network", ...) with `query` ("lang=en&sector=cloud") and wait for the end."""
        first = not self.page_script_hash
        started = time.perf_counter()
        await self.ws.send(self._rerun_msg(page, query, first).SerializeToString())
        self.page_name = page
        result = RunResult(0.0, 0, 0, 0)
        deadline = started + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                result.errors.append(f"timeout after {self.timeout:.0f}s")
                break
            try:
                data = await asyncio.wait_for(self.ws.recv(), timeout=remaining)
            except (TimeoutError, asyncio.TimeoutError):
                result.errors.append(f"timeout after {self.timeout:.0f}s")
                break
            if isinstance(data, str):
                result.errors.append("unexpected text frame")
                continue
            result.bytes_received += len(data)
            result.messages += 1
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash
            elif kind == "navigation":  # st.navigation resolved the page: its hash addresses later reruns
                self.page_script_hash = fwd.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "delta":
                result.deltas += 1
                self._check_delta(fwd, result)
            elif kind == "page_not_found":
                result.errors.append(f"page not found: {fwd.page_not_found.page_name!r}")
            elif kind == "session_event" and fwd.session_event.WhichOneof("type") == "script_compilation_exception":
                result.errors.append("script compilation exception")
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == EARLY_FOR_RERUN:
                    continue  # the app called st.rerun (e.g. after writing the URL): another run follows
                if status != SUCCESS:
                    result.errors.append(f"script finished with status {status}")
                break
        result.seconds = time.perf_counter() - started
        return result

    @staticmethod
    def _check_delta(fwd: ForwardMsg, result: RunResult) -> None:
        delta = fwd.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            result.errors.append(f"exception: {element.exception.type}: {element.exception.message[:200]}")
        elif kind == "alert" and element.alert.format == Alert.Format.ERROR:
            result.errors.append(f"error box: {element.alert.body[:200]}")
        elif kind == "heading":
            result.texts.append(element.heading.body)
        elif kind == "markdown":
            result.texts.append(element.markdown.body)


async def one_session(port: int, page: str, query: str, locale: str = "en-US") -> RunResult:
    async with StreamlitClient(port, locale=locale) as client:
        return await client.run(page, query)
