"""A minimal in-process HTTP client for ASGI apps (Starlette's TestClient needs a package we do not ship)."""
from __future__ import annotations

from dataclasses import dataclass, field

import anyio


@dataclass
class Answer:
    status_code: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")


def request(app, method: str, target: str, headers: dict[str, str] | None = None) -> Answer:
    """Send one request to `app` and collect the whole answer (header names lower-cased)."""
    path, _, query = target.partition("?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()],
        "client": ("127.0.0.1", 1), "server": ("testserver", 80),
    }
    answer = Answer(0)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            answer.status_code = message["status"]
            answer.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            answer.content += message.get("body", b"")

    anyio.run(app, scope, receive, send)
    return answer


class Client:
    def __init__(self, app) -> None:
        self.app = app

    def get(self, target: str, headers: dict[str, str] | None = None) -> Answer:
        return request(self.app, "GET", target, headers)

    def head(self, target: str, headers: dict[str, str] | None = None) -> Answer:
        return request(self.app, "HEAD", target, headers)
