"""The pre-rendered first screen and the security headers in Chromium, on the bare server (`streamlit run app.py`):
a shared link is readable before Streamlit loads and gives way to Streamlit's page with nothing left over and the
scroll kept (phone profile); without JavaScript it is a readable page with links to every page; hostile links stay
text; every page and interaction runs with 0 content-security-policy violations, and a script slipped into a page
is blocked by the policy; every script arrives compressed."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from bench.profiles import PROFILES
from components.i18n import t
from components.views.first_screen import PAGES
from tests.browser.conftest import new_page, unexpected_console_errors, wait_ready
from tests.hostile_fixture import IMG, SVG

CSP_HOOK = """window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  [e.violatedDirective, e.blockedURI, (e.sample || '').slice(0, 80)].join(' ')));"""
HANDED_OVER = "() => document.documentElement.dataset.krcnFirst === 'handed-over'"
PATHS = {page: "/" if page == "overview" else f"/{page}" for page in PAGES}
TITLE_KEYS = {page: f"{page}.title" for page in PAGES}


def test_a_phone_reads_the_view_at_once_then_streamlit_takes_over_with_nothing_left(browser, app_server):
    phone = PROFILES["phone"]
    context = browser.new_context(**phone.context_options())
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        phone.apply(cdp)
        page.goto(app_server.url("/regions?lang=ko"), wait_until="commit")
        overlay_title = page.locator("#krcn-first h1")
        overlay_title.wait_for(state="visible", timeout=30_000)
        assert overlay_title.inner_text() == t("regions.title", "ko")
        assert not page.evaluate(HANDED_OVER)  # read before Streamlit had drawn
        assert page.locator("#krcn-first table tbody tr:visible").count() == 8  # of 17: the first rows
        page.evaluate("document.getElementById('krcn-first').scrollTop = 400")  # the visitor reads on
        page.wait_for_function(HANDED_OVER, timeout=90_000)
        assert page.locator("#krcn-first").count() == 0
        main_title = page.locator('[data-testid="stMain"] h1').first
        assert main_title.inner_text() == t("regions.title", "ko") and main_title.is_visible()
        assert page.locator('[data-testid="stSkeleton"]').count() == 0
        scrolled = """() => {
          for (let el = document.querySelector('[data-testid="stMain"]'); el; el = el.parentElement)
            if (el.scrollTop > 0) return el.scrollTop;
          return document.scrollingElement.scrollTop; }"""
        # the position is given again while Streamlit's page grows to it (lazily drawn elements), for up to 5 s
        page.wait_for_function(f"() => Math.abs(({scrolled})() - 400) <= 2", timeout=6_000)  # device pixels round
        assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    finally:
        context.close()


@pytest.mark.parametrize("path, lang", [("/network", "en"), ("/timeline?region=busan", "ko"), ("/economy", "ko")])
def test_without_javascript_the_first_screen_is_a_readable_page_with_every_page_linked(browser, app_server, path, lang):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(app_server.url(f"{path}{'&' if '?' in path else '?'}lang={lang}"))
        name = path.split("?")[0].strip("/")
        assert page.locator("#krcn-first h1").inner_text() == t(TITLE_KEYS[name], lang)
        assert page.locator("html").get_attribute("lang") == lang
        assert page.title().startswith(t(TITLE_KEYS[name], lang))
        links = page.locator("#krcn-first nav a")
        assert links.count() == len(PAGES)
        assert all(f"lang={lang}" in links.nth(i).get_attribute("href") for i in range(links.count()))
        assert page.locator("#krcn-first table tbody tr, #krcn-first dd").count() > 0
        rows = page.locator("#krcn-first table tbody tr")
        assert rows.count() == page.locator("#krcn-first table tbody tr:visible").count()  # every row sent shows
        assert page.locator(f"#{'krcn-first'}-status:visible").count() == 0  # no "loading" without JavaScript
        if "region=busan" in path:
            cells = page.locator("#krcn-first tbody tr td:nth-child(3)").all_inner_texts()
            assert cells and len(set(cells)) == 1  # one Korean side: Busan's events only
        links.filter(has_text=t("page.mou", lang)).click()
        assert page.locator("#krcn-first h1").inner_text() == t("mou.title", lang)
        assert [u for u in requests if not u.startswith(app_server.origin)] == []
    finally:
        context.close()


HOSTILE_VALUES = ["<script>alert(1)</script>", "\"><svg onload=alert(1)>", "<img src=x onerror=alert(1)>",
                  "javascript:alert(1)", "%ZZ", "a" * 3000]


@pytest.mark.parametrize("page_id", PAGES)
def test_hostile_links_leave_the_first_screen_as_text(browser, app_server, page_id):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        query = "&".join(f"{key}={quote(value)}" for key in ("lang", "sector", "focus", "region", "x")
                         for value in HOSTILE_VALUES)
        page.goto(app_server.url(f"{PATHS[page_id]}?{query}"))
        overlay = page.locator("#krcn-first")
        assert overlay.locator("h1").inner_text() == t(TITLE_KEYS[page_id], "en")  # nothing valid: English default
        assert overlay.locator("script, img, svg, iframe, object").count() == 0
        assert page.locator("script:not([src])").count() == 1  # Streamlit's own one-liner, nothing added
        # the links it offers carry only the values the page accepts
        assert "script" not in overlay.locator("nav").inner_html() and "onerror" not in page.content()
        assert [u for u in requests if not u.startswith(app_server.origin)] == []
    finally:
        context.close()


def _with_csp_watch(browser):
    context, page, watch = new_page(browser)
    context.add_init_script(CSP_HOOK)
    return context, page, watch


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_and_interaction_runs_without_a_policy_violation(browser, app_server, lang):
    from bench.browser import focus_option, language_option, sector_option

    context, page, watch = _with_csp_watch(browser)
    try:
        for page_id in PAGES:
            answer = page.goto(app_server.url(f"{PATHS[page_id]}?lang={lang}"))
            assert "script-src 'self'" in answer.headers["content-security-policy"]
            wait_ready(page)
            assert page.evaluate("window.__csp") == [], page_id
        # the interactions the benchmark times: a sector, a focus node, the language
        page.goto(app_server.url(f"/network?lang={lang}"))
        wait_ready(page)
        sector_option(page, _sector_name(lang)).click()
        wait_ready(page)
        focus_option(page, "Initech" if lang == "en" else "이니텍").click()
        wait_ready(page)
        other = "ko" if lang == "en" else "en"
        language_option(page, t(f"lang.{other}", lang)).click()
        wait_ready(page)
        assert page.evaluate("window.__csp") == []
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def _sector_name(lang: str) -> str:
    from components.data.dataset import load_dataset

    sectors = load_dataset().sectors
    return sectors.loc[sectors["id"] == "ai", f"name_{lang}"].iloc[0]


def test_a_script_slipped_into_a_page_is_blocked_by_the_policy(browser, app_server):
    """Escaping switched off, as a bug would: a hostile data row written into the page as markup, and a script
    element built from it. The policy refuses both; nothing runs."""
    context, page, watch = _with_csp_watch(browser)
    try:
        page.goto(app_server.url("/delegation?lang=en"))
        wait_ready(page)
        page.evaluate("""([img, svg]) => {
          const box = document.createElement('div');
          box.innerHTML = img + svg;                 // event-handler attributes from the data row
          document.body.append(box);
          const script = document.createElement('script');
          script.textContent = "window.__pwned = 'inline'";  // an inline script from the same row
          document.body.append(script);
        }""", [IMG, SVG])
        page.wait_for_timeout(500)
        assert page.evaluate("window.__pwned") is None
        violations = page.evaluate("window.__csp")
        assert any(v.startswith("script-src-elem inline") for v in violations), violations
        assert any(v.startswith("script-src-attr inline") for v in violations), violations
        assert watch.dialogs == []
    finally:
        context.close()


def test_the_bare_server_sends_every_script_compressed(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        scripts: dict = {}
        page.on("response", lambda r: scripts.__setitem__(r.url, r) if r.url.split("?")[0].endswith(".js") else None)
        document = page.goto(app_server.url("/economy?lang=en"))
        wait_ready(page)
        assert document.headers.get("content-encoding") == "gzip"
        assert any("/static/js/index." in url for url in scripts)
        raw = [f"{u} ({len(r.body())} bytes)" for u, r in scripts.items()
               if r.headers.get("content-encoding") != "gzip" and len(r.body()) >= 1024]
        assert raw == []
    finally:
        context.close()


@pytest.mark.parametrize("parent, shown", [("{origin}/embedding-page", True), ("http://embedder.test/page", False)])
def test_embedding_is_allowed_only_where_frame_ancestors_says(browser, app_server, parent, shown):
    """Default: the app's own origin may embed it (`?embed=true`), another site may not (KRCN_FRAME_ANCESTORS
    names the sites that may; components/host/headers.py)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        parent_url = parent.format(origin=app_server.origin)
        frame_url = app_server.url("/economy?embed=true&lang=en")
        page.route(parent_url, lambda route: route.fulfill(
            content_type="text/html", body=f'<iframe id="app" src="{frame_url}" width="900" height="700"></iframe>'))
        page.goto(parent_url)
        page.wait_for_timeout(4000)
        frame = page.frame_locator("#app")
        assert (frame.locator("#krcn-first h1, [data-testid='stMain'] h1").count() > 0) is shown
    finally:
        context.close()
