"""deploy/: the app as a host serves it — two Streamlit processes behind Caddy with deploy/Caddyfile — loads in
Chromium through the proxy with its JavaScript compressed, sticky sessions, and a session that answers a
control; and the same under a sub-path (--server.baseUrlPath)."""
from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest

from bench.common import free_port, launch_server
from bench.proxy import caddy_binary, start_proxy
from tests.browser.conftest import ARTIFACTS, ROOT, new_page, unexpected_console_errors, wait_ready

if caddy_binary() is None:
    pytest.skip("the deploy tests need Debian's caddy (run `make test`, which installs it)", allow_module_level=True)

COMPRESSED = ("gzip", "br", "zstd")
STICKY_COOKIE = "krcn_upstream"  # lb_policy cookie in deploy/Caddyfile


def serve(base_path: str = "", processes: int = 2):
    """`processes` dashboards (started side by side) behind one Caddy; returns (proxy, servers)."""
    extra = ("--server.baseUrlPath", base_path) if base_path else ()
    servers = [launch_server(ROOT / "app.py", f"deploy{i}", log_dir=ARTIFACTS, extra=extra) for i in range(processes)]
    try:
        for server in servers:
            server.wait_ready(base_path=base_path)
        proxy = start_proxy([s.port for s in servers], free_port(), base_path=base_path, log_dir=ARTIFACTS)
    except BaseException:
        for server in servers:
            server.stop()
        raise
    return proxy, servers


@pytest.fixture(scope="module")
def proxied() -> Iterator:
    proxy, servers = serve()
    yield proxy
    proxy.stop()
    for server in servers:
        server.stop()


MIN_COMPRESSED = 1024  # Caddy leaves bodies under 512 bytes alone (encode's minimum_length): not worth it


def script_responses(page) -> dict:
    """Every JavaScript response of the page from now on: url -> response."""
    found: dict = {}
    page.on("response", lambda r: found.__setitem__(r.url, r) if r.url.split("?")[0].endswith(".js") else None)
    return found


def uncompressed_scripts(responses: dict) -> list[str]:
    """Scripts of 1 KB or more that came without Content-Encoding gzip, br or zstd."""
    return [f"{url} ({len(r.body())} bytes)" for url, r in responses.items()
            if r.headers.get("content-encoding", "") not in COMPRESSED and len(r.body()) >= MIN_COMPRESSED]


def tick_sector(page, name: str) -> None:
    """Choose a sector in the app's sidebar filter, as a visitor does."""
    from bench.browser import sector_option

    sector_option(page, name).click()


def test_page_loads_through_the_proxy_compressed_and_the_session_answers(browser, proxied):
    context, page, watch = new_page(browser)
    try:
        scripts = script_responses(page)
        page.goto(proxied.url("/economy?lang=en"))
        wait_ready(page)
        assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
        entry = [r for u, r in scripts.items() if "/static/js/index." in u]
        assert entry and entry[0].headers.get("content-encoding") in COMPRESSED, list(scripts)[:5]
        assert any("/app/static/" in u for u in scripts), list(scripts)  # the app's own modules came through too
        assert not uncompressed_scripts(scripts)
        cookies = {c["name"]: c["value"] for c in context.cookies()}
        assert STICKY_COOKIE in cookies, cookies

        tick_sector(page, "Cloud")  # over the WebSocket: the server reruns and writes the filter to the URL
        page.wait_for_function("() => new URLSearchParams(location.search).getAll('sector').includes('cloud')",
                               timeout=30_000)
        wait_ready(page)
        assert {c["name"]: c["value"] for c in context.cookies()}[STICKY_COOKIE] == cookies[STICKY_COOKIE]
        assert not watch.foreign_requests(proxied.origin), watch.foreign_requests(proxied.origin)
        assert not watch.page_errors and not unexpected_console_errors(watch), (watch.page_errors, watch.console_errors)
    finally:
        context.close()


def test_new_visitors_are_spread_over_both_processes_and_each_stays_on_its_own(proxied):
    # lb_policy cookie: a visitor without the cookie gets a random process and a cookie naming it
    chosen = set()
    for _ in range(16):  # both processes stay unseen with probability 2 / 2**16
        with urllib.request.urlopen(proxied.url("/")) as resp:
            cookie = [h for h in resp.headers.get_all("Set-Cookie") or [] if h.startswith(STICKY_COOKIE + "=")]
        assert len(cookie) == 1
        chosen.add(cookie[0].split(";")[0])
    assert len(chosen) == 2, chosen
    one = next(iter(chosen))
    request = urllib.request.Request(proxied.url("/_stcore/health"), headers={"Cookie": one})
    for _ in range(4):  # with the cookie: no new cookie, the same process
        with urllib.request.urlopen(request) as resp:
            assert not [h for h in resp.headers.get_all("Set-Cookie") or [] if h.startswith(STICKY_COOKIE + "=")]


def test_the_app_works_behind_the_proxy_under_a_sub_path(browser):
    proxy, servers = serve(base_path="dash")
    context, page, watch = new_page(browser)
    try:
        scripts = script_responses(page)
        page.goto(proxy.url("/network?lang=en&sector=cloud"))
        wait_ready(page)
        assert page.url.startswith(f"{proxy.origin}/dash/network")
        assert page.locator(".krcn-net").first.get_attribute("data-state") in ("drawn", "empty")
        assert len(scripts) >= 10 and not uncompressed_scripts(scripts)
        assert all(u.startswith(f"{proxy.origin}/dash/") for u in scripts), list(scripts)[:5]
        tick_sector(page, "Security and authentication")
        page.wait_for_function("() => new URLSearchParams(location.search).getAll('sector').includes('security')",
                               timeout=30_000)
        assert page.url.startswith(f"{proxy.origin}/dash/network")
        assert not watch.page_errors and not unexpected_console_errors(watch), (watch.page_errors, watch.console_errors)
    finally:
        context.close()
        proxy.stop()
        for server in servers:
            server.stop()


def test_through_the_proxy_a_page_keeps_its_first_screen_and_headers_compressed_once(proxied):
    """The app compresses and the proxy passes it on (no second encoding); the security headers and the view's
    first screen arrive as the bare server sends them (components/host/)."""
    import gzip

    request = urllib.request.Request(proxied.url("/regions?lang=ko"), headers={"Accept-Encoding": "gzip, zstd"})
    with urllib.request.urlopen(request) as resp:
        body = resp.read()
        headers = resp.headers
    assert headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(body).decode("utf-8")  # one decoding gives the page: compressed once
    assert '<div id="krcn-first" lang="ko">' in html and '<html lang="ko">' in html
    assert "script-src 'self'" in headers["Content-Security-Policy"] and "unsafe-inline" not in \
        headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"]
