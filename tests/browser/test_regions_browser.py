"""/regions in a real browser: a shared link reproduces its view cold (the first visit after the server starts)
and warm; the light map is an image with its text name; the interactive map draws with geography from this app's
own server (nothing from plotly's CDN) and stays axe clean; hostile `region` values run nothing; a phone sees the
matrix scroll in its own box."""
from __future__ import annotations

from urllib.parse import parse_qs, quote, urlparse

from components.data.dataset import load_dataset
from tests.browser.conftest import (
    new_page,
    new_phone_context,
    screenshot,
    sent_once_it_holds,
    start_server,
    unexpected_console_errors,
    wait_ready,
    wait_tables_measured,
)
from tests.browser.test_accessibility import AUDIT_JS, AXE_TAGS, FAILING_IMPACTS, STREAMLIT_EXCLUSIONS, inject_axe

DATA = load_dataset()
LINK = "/regions?region=chungnam&region=busan&sector=trade&lang=ko"


def view_of(page) -> tuple:
    main = page.locator('[data-testid="stMain"]')
    return (main.inner_text(), parse_qs(urlparse(page.url).query),
            page.locator('[data-testid="stSidebar"] .krcn-copy-text').first.input_value())


def test_a_shared_regions_link_opens_the_same_view_cold_and_warm(browser):
    server = start_server()
    try:
        views = []
        for visit in ("cold", "warm"):
            context, page, watch = new_page(browser, locale="en-US")
            try:
                page.goto(server.url(LINK))
                wait_ready(page)
                assert page.locator('[data-testid="stException"]').count() == 0
                assert unexpected_console_errors(watch) == [] and watch.foreign_requests(server.origin) == []
                image = page.locator('[data-testid="stMain"] img.krcn-map')
                assert image.count() == 1
                # the map is fetched from its own address on this server, for this view, and drawn
                image.evaluate("(img) => img.decode()")
                assert image.evaluate("(img) => img.naturalWidth") > 0
                assert image.evaluate("(img) => img.currentSrc") == \
                    server.url("/map/regions.svg?lang=ko&region=busan&region=chungnam&sector=trade")
                assert image.get_attribute("alt").startswith("한국 지역과 중국 성·시 사이 관계")
                views.append(view_of(page))
                screenshot(page, f"regions-shared-ko-{visit}")
            finally:
                context.close()
        cold, warm = views
        assert cold == warm
        assert cold[1] == {"region": ["busan", "chungnam"], "sector": ["trade"], "lang": ["ko"]}
        assert "부산" in cold[0] and "충청남도" in cold[0]
    finally:
        server.stop()


def test_the_interactive_map_uses_this_apps_geography_and_stays_accessible(browser, app_server):
    context, page, watch = new_page(browser, locale="en-US")
    try:
        page.goto(app_server.url("/regions?lang=en"))
        wait_ready(page)
        page.get_by_text("Interactive chart", exact=False).first.click()  # the toggle under the map
        page.wait_for_selector('[data-testid="stMain"] .js-plotly-plot .geo .layer.bg, '
                               '[data-testid="stMain"] .js-plotly-plot g.geo', timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot path.js-line').length > 0",
                               timeout=60_000)
        assert any(u.endswith("/app/static/vendor/topojson/asia_50m.json") for u in watch.requests)
        assert watch.foreign_requests(app_server.origin) == []
        assert unexpected_console_errors(watch) == []
        inject_axe(page)  # as the test driver: the CSP refuses an inline <script>, as it should
        violations = page.evaluate(AUDIT_JS, {"tags": AXE_TAGS, "exclusions": [list(e) for e in STREAMLIT_EXCLUSIONS],
                                              "known": []})
        assert [v for v in violations if v["impact"] in FAILING_IMPACTS] == []
        screenshot(page, "regions-interactive-map-en")
    finally:
        context.close()


def test_hostile_region_values_run_nothing_and_are_named_in_a_notice(browser, app_server):
    context, page, watch = new_page(browser, locale="en-US")
    try:
        hostile = quote('"><img src=x onerror="window.__pwned=1">')
        page.goto(app_server.url(f"/regions?region={hostile}&region=jeju&region={'a' * 5000}"))
        wait_ready(page)
        assert page.evaluate("() => window.__pwned") is None and watch.dialogs == []
        assert page.locator('[data-testid="stAlertContentWarning"]').count() == 1
        assert parse_qs(urlparse(page.url).query)["region"] == ["jeju"]
        assert watch.foreign_requests(app_server.origin) == []
    finally:
        context.close()


def test_on_a_phone_the_matrix_scrolls_in_its_own_box(browser, app_server):
    context = new_phone_context(browser, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(app_server.url("/regions?lang=ko"))
        wait_ready(page)
        box = page.locator(".krcn-matrix")
        box.scroll_into_view_if_needed()  # far down the page: drawn as it comes near the screen
        page.wait_for_function("() => document.querySelector('.krcn-matrix td').checkVisibility({contentVisibilityAuto: true})")
        sizes = box.evaluate("(el) => [el.scrollWidth, el.clientWidth, document.documentElement.scrollWidth, innerWidth]")
        assert sizes[0] > sizes[1]  # wider than the screen: it scrolls sideways in its box ...
        assert sizes[2] <= sizes[3]  # ... and the page itself does not
        screenshot(page, "regions-phone-ko")
    finally:
        context.close()


def test_the_region_filter_redraws_the_page_body_alone_and_the_share_link_follows(browser, app_server):
    """The region filter reruns everything under the title (an st.fragment), not the sidebar: the server does not
    send the sidebar again, yet the URL, the map's address and the sidebar's share link follow the new view."""
    from components.i18n import t

    context, page, watch = new_page(browser, locale="en-US")
    try:
        frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: frames.append(
            p if isinstance(p, bytes) else p.encode())))
        page.goto(app_server.url("/regions?lang=en"))
        wait_ready(page)
        frames.clear()
        box = page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]').first
        box.locator("input").fill("Jeju")
        page.get_by_role("option", name="Jeju", exact=False).first.click()
        page.wait_for_url("**region=jeju**", timeout=15_000)
        sent = sent_once_it_holds(page, frames, t("regions.compare.heading", "en").encode())
        assert t("footer.note", "en").encode() not in sent
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stSidebar\"] .krcn-copy-text').value.includes('region=jeju')",
            timeout=10_000)
        image = page.locator('[data-testid="stMain"] img.krcn-map')
        page.wait_for_function("() => document.querySelector('img.krcn-map').getAttribute('src').includes('region=jeju')",
                               timeout=10_000)
        image.evaluate("(img) => img.decode()")
        assert image.evaluate("(img) => img.naturalWidth") > 0
        assert unexpected_console_errors(watch) == [] and watch.foreign_requests(app_server.origin) == []
    finally:
        context.close()


# For each table box and the matrix, top to bottom: is its first cell drawn (not skipped as off screen), and how tall
# the box stands.
DRAWN_BOXES_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] .krcn-table-scroll, .krcn-matrix')].map(
    (box) => [box.querySelector('td, tbody th').checkVisibility({contentVisibilityAuto: true}),
              Math.round(box.getBoundingClientRect().height)])"""


def test_tables_far_below_the_screen_wait_to_be_drawn_until_they_come_near_and_print_whole(browser, app_server):
    """/regions has a table in view and several far below it: a language or sector change redraws them all, and the
    browser skipped none of their layout (440 ms a change; 340 ms when it skips what is off screen). Those far away
    keep their room on the page, are drawn as the visitor scrolls near them, and print whole."""
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url("/regions?lang=en"))
        wait_ready(page)
        boxes = page.evaluate(DRAWN_BOXES_JS)
        assert len(boxes) >= 4
        assert boxes[0][0] is True  # the regions side by side: in view, drawn
        assert boxes[-1][0] is False  # the business far below: not drawn yet ...
        assert all(height > 40 for _, height in boxes)  # ... but every box keeps its room
        last = page.locator('[data-testid="stMain"] .krcn-table-scroll').last
        last.scroll_into_view_if_needed()
        page.wait_for_function(f"() => ({DRAWN_BOXES_JS})().at(-1)[0]")
        wait_tables_measured(page)  # measured once drawn: its nine columns are wider than the box, and it says so
        assert last.evaluate("(box) => box.classList.contains('krcn-wide') && box.scrollWidth > box.clientWidth")
        # redrawn in the other language while off screen, it is measured again when the visitor comes back to it
        page.locator('[data-testid="stMain"] h1').scroll_into_view_if_needed()
        page.wait_for_function(f"() => !({DRAWN_BOXES_JS})().at(-1)[0]")
        page.locator('[data-testid="stSidebar"] [data-testid="stRadio"] label').filter(has_text="한국어").click()
        page.wait_for_function("() => document.documentElement.lang === 'ko'")
        wait_ready(page)
        last.scroll_into_view_if_needed()
        page.wait_for_function(f"() => ({DRAWN_BOXES_JS})().at(-1)[0]")
        wait_tables_measured(page)
        assert last.evaluate("(box) => box.classList.contains('krcn-wide') && box.scrollWidth > box.clientWidth")
        page.emulate_media(media="print")
        page.wait_for_function(f"() => ({DRAWN_BOXES_JS})().every(([drawn]) => drawn)", timeout=5_000)
        page.emulate_media(media="screen")
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()
