"""The server's security headers (components/host/headers.py): a strict content security policy with the hashes
of Streamlit's inline scripts, a frame-ancestors setting that cannot inject directives, and the headers on every
HTTP answer (pages, files, errors) of the real server stack (components/host/server.py)."""
from __future__ import annotations

import base64
import hashlib

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from components.host.headers import (
    SecurityHeadersMiddleware,
    content_security_policy,
    frame_ancestors,
    inline_script_hashes,
    streamlit_index,
)
from tests.asgi_client import Client


def directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split("; ")}


def test_inline_scripts_are_hashed_and_external_ones_are_not():
    html = '<script>a()</script><script type="module" src="x.js"></script><script>\n b()\n</script><script>a()</script>'
    expected = ["'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
                for body in ("a()", "\n b()\n")]
    assert inline_script_hashes(html) == tuple(expected)


def test_streamlits_index_has_exactly_the_inline_scripts_the_policy_allows():
    index = streamlit_index()
    hashes = inline_script_hashes(index)
    assert len(hashes) == index.count("<script>") >= 1
    policy = directives(content_security_policy(hashes))
    scripts = policy["script-src"]
    assert scripts[0] == "'self'" and set(hashes) <= set(scripts)
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts and "*" not in scripts
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


def test_frame_ancestors_take_plain_sources_only():
    assert frame_ancestors(None) == "'self'" and frame_ancestors("  ") == "'self'"
    assert frame_ancestors("https://news.test https://*.portal.test:8443 'self'") == \
        "https://news.test https://*.portal.test:8443 'self'"
    # a setting that tries to add a directive or a quoted keyword is cut down to its plain sources
    hostile = frame_ancestors("https://ok.test; script-src * 'unsafe-inline'")
    assert ";" not in hostile and "unsafe" not in hostile and "https://ok.test" not in hostile
    assert frame_ancestors("'unsafe-inline' javascript:alert(1)") == "'none'"


def _app() -> Client:
    async def page(request):
        return PlainTextResponse("hi", headers={"x-content-type-options": "sniff-please"})

    async def missing(request):
        return PlainTextResponse("gone", status_code=404)

    app = Starlette(routes=[Route("/page", page), Route("/{rest:path}", missing)],
                    middleware=[Middleware(SecurityHeadersMiddleware, ancestors="https://news.test")])
    return Client(app)


def test_every_answer_carries_the_headers_once():
    client = _app()
    for path in ("/page", "/nowhere"):
        answer = client.get(path)
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in answer.headers["permissions-policy"]
        assert directives(answer.headers["content-security-policy"])["frame-ancestors"] == ["https://news.test"]


def test_the_server_stack_compresses_and_sets_headers():
    """components/host/server.py's middleware in order, around a stand-in for Streamlit."""
    from components.host.server import middleware

    async def bundle(request):
        return PlainTextResponse("x" * 5000, media_type="application/javascript")

    app = Starlette(routes=[Route("/static/js/index.js", bundle)], middleware=middleware())
    answer = Client(app).get("/static/js/index.js", headers={"accept-encoding": "gzip"})
    assert answer.headers["content-encoding"] == "gzip" and len(answer.content) < 200
    assert "script-src 'self'" in answer.headers["content-security-policy"]
