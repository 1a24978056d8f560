"""Security headers on every HTTP answer of the server: a strict content security policy (scripts only from the
app's own origin and the hashes of the inline scripts Streamlit's index.html carries), no sniffing, a referrer
policy and a permissions policy. The WebSocket is untouched. Embedding is allowed where KRCN_FRAME_ANCESTORS
says (default: the app's own origin only)."""
from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

FRAME_ANCESTORS_ENV = "KRCN_FRAME_ANCESTORS"  # the sites that may embed the app, space separated (README "Hosting")
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
_SOURCE = re.compile(r"^(?:'self'|'none'|\*|(?:https?://)?(?:\*\.)?[A-Za-z0-9.-]+(?::\d+)?(?:/\S*)?|https?:)$")


def inline_script_hashes(html: str) -> tuple[str, ...]:
    """CSP source expressions ('sha256-…') for every inline <script> of `html`, in order, without repeats."""
    found = []
    for body in _INLINE_SCRIPT.findall(html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        found.append(f"'sha256-{digest}'")
    return tuple(dict.fromkeys(found))


def streamlit_index() -> str:
    """Streamlit's own index.html as this installation serves it."""
    import streamlit

    return (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")


def frame_ancestors(configured: str | None) -> str:
    """The frame-ancestors sources: 'self' unless configured; anything that is not a plain source (quotes,
    semicolons, commas) is dropped so a setting can never inject another directive."""
    if not configured or not configured.strip():
        return "'self'"
    sources = [s for s in configured.split() if _SOURCE.match(s)]
    return " ".join(sources) or "'none'"


def content_security_policy(script_hashes: Iterable[str], ancestors: str = "'self'") -> str:
    directives = {
        "default-src": "'self'",
        # Measured with Streamlit 1.67 (docs/hosting.md): its protobuf decoder compiles WebAssembly
        # ('wasm-unsafe-eval': WebAssembly only, never JavaScript eval), and st.components.v2 loads each component's
        # JavaScript (ours: components/web/kit.py) as a blob: module made by Streamlit's own script. Neither lets
        # markup that slipped into a page run: inline scripts and event-handler attributes stay blocked.
        "script-src": " ".join(["'self'", *script_hashes, "'wasm-unsafe-eval'", "blob:"]),
        # Streamlit's styling library (emotion) writes <style> elements at run time: inline styles cannot be hashed
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",  # data: the regions map (an SVG image drawn on the server)
        "font-src": "'self' data:",
        "connect-src": "'self'",  # the WebSocket included ('self' matches ws/wss of the same host)
        "media-src": "'self' blob:",
        "worker-src": "'self' blob:",
        "frame-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


PERMISSIONS_POLICY = ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
                      "interest-cohort=(), clipboard-write=(self)")


def security_headers(csp: str) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", csp.encode("ascii")),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
        (b"permissions-policy", PERMISSIONS_POLICY.encode("ascii")),
    ]


class SecurityHeadersMiddleware:
    """ASGI middleware: adds the security headers to every HTTP response (replacing any of the same name)."""

    def __init__(self, app, *, script_hashes: Iterable[str] | None = None, ancestors: str | None = None) -> None:
        self.app = app
        hashes = inline_script_hashes(streamlit_index()) if script_hashes is None else tuple(script_hashes)
        ancestors = ancestors if ancestors is not None else frame_ancestors(os.environ.get(FRAME_ANCESTORS_ENV))
        self.headers = security_headers(content_security_policy(hashes, ancestors))
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, with_headers)
