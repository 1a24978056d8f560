"""/network in a real browser: the drawing (vis-network served by the app itself), clicks that focus a node,
hostile names shown as text, and the offline HTML download."""
from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from bench.browser import focus_option, language_option, sector_option
from tests.browser.conftest import (
    new_page,
    new_phone_context,
    screenshot,
    sent_once_it_holds,
    start_server,
    unexpected_console_errors,
    wait_ready,
)
from tests.package_fixture import copy_real_package

DRAWN = '.krcn-net[data-state="drawn"]'
CANVAS = '[data-testid="stBidiComponentRegular"] .krcn-net-canvas canvas'
HOSTILE = "<img src=x onerror=alert(1)>"


def open_network(page, server, query: str = "") -> None:
    page.goto(server.url("/network" + (f"?{query}" if query else "")))
    wait_ready(page)
    page.wait_for_selector(DRAWN, timeout=20_000)


def node_point(page, node_id: str) -> tuple[float, float]:
    """Viewport coordinates of a node's centre, from the vis-network instance the page exposes for tests."""
    page.locator(".krcn-net-canvas").scroll_into_view_if_needed()
    offset = page.evaluate(
        """(id) => {
            const net = window.__krcnNetwork;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.querySelector('.krcn-net-canvas canvas').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""",
        node_id,
    )
    return offset[0], offset[1]


def test_network_draws_from_the_apps_own_host(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        open_network(page, app_server, "lang=en")
        assert page.locator(CANVAS).count() == 1
        box = page.locator(CANVAS).bounding_box()
        assert box["width"] > 500 and box["height"] > 500
        assert watch.foreign_requests(app_server.origin) == []
        vis = [u for u in watch.requests if "vis-network" in u]
        assert vis == [app_server.url("/app/static/vendor/vis-network/vis-network.min.js?v=10.1.5")]
        drawn = page.evaluate("window.__krcnNetwork.body.data.nodes.getIds().length")
        assert drawn == 62
        legend = page.locator(".krcn-net-legend").inner_text()
        for text in ("Korea", "China", "Joint (both sides)", "Company", "MOU clause", "Dashed: inferred relation"):
            assert text in legend
        assert page.locator('[data-testid="stException"]').count() == 0
        assert unexpected_console_errors(watch) == []
        page.locator(".krcn-net").screenshot(path=str(screenshot(page, "network-full-en").with_name("network-full-en-graph.png")))
        # full screen: the drawing takes the window (fixed position), Escape brings it back
        page.get_by_role("button", name="Full screen").click()
        page.wait_for_timeout(400)
        full = page.locator(CANVAS).bounding_box()
        assert full["width"] > 1300 and full["height"] > 850
        page.screenshot(path=str(screenshot(page, "network-fullscreen")))  # viewport only: 100vh stays put
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        assert page.locator(CANVAS).bounding_box()["height"] < 700
    finally:
        context.close()


def test_focus_link_shows_initech_details(browser, app_server):
    context, page, watch = new_page(browser, locale="ko-KR")
    try:
        open_network(page, app_server, "focus=initech&depth=2")
        page.locator("h2", has_text="상세 정보: 이니텍").wait_for()
        assert "한국어 이름: 이니텍" in page.locator('[data-testid="stMain"]').inner_text()
        assert page.evaluate("window.__krcnNetwork.getSelectedNodes()") == ["initech"]
        ids = page.evaluate("window.__krcnNetwork.body.data.nodes.getIds()")
        assert "initech" in ids and "kim-dong-yeon" in ids and len(ids) == 11
        page.locator(".krcn-net").screenshot(path=str(Path(screenshot(page, "network-focus-ko")).with_name("network-focus-ko-graph.png")))
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def test_clear_focus_link_goes_back_to_the_whole_view(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        open_network(page, app_server, "lang=en&sector=security&focus=initech")
        page.locator("h2", has_text="Details: Initech").wait_for()
        page.get_by_role("button", name="Clear focus").click()
        page.wait_for_function("() => !new URLSearchParams(location.search).has('focus')", timeout=15_000)
        wait_ready(page)
        page.get_by_text("Click a node or choose one").first.wait_for()
        assert page.locator("h2", has_text="Details:").count() == 0
        assert parse_qs(urlparse(page.url).query)["sector"] == ["security"]
        assert page.evaluate("window.__krcnNetwork.getSelectedNodes()") == []
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def test_clicking_a_node_focuses_it_in_the_url(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        open_network(page, app_server, "lang=en&sector=ai")
        x, y = node_point(page, "hancom")
        page.mouse.click(x, y)
        page.wait_for_url("**focus=hancom**", timeout=15_000)
        wait_ready(page)
        page.locator("h2", has_text="Details: Hancom").wait_for()
        query = parse_qs(urlparse(page.url).query)
        assert query["focus"] == ["hancom"] and query["sector"] == ["ai"]
        page.wait_for_selector(DRAWN)
        assert page.evaluate("window.__krcnNetwork.getSelectedNodes()") == ["hancom"]
        # a second click, on a neighbour, moves the focus again
        x, y = node_point(page, "pangyo-techno-valley")
        page.mouse.click(x, y)
        page.wait_for_url("**focus=pangyo-techno-valley**", timeout=15_000)
        wait_ready(page)
        page.locator("h2", has_text="Details: Pangyo Techno Valley").wait_for()
        page.wait_for_selector(DRAWN)
        page.locator(".krcn-net").screenshot(path=str(screenshot(page, "network-clicked").with_name("network-clicked-graph.png")))
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def test_hostile_entity_name_is_shown_as_text(browser, tmp_path):
    data_dir = copy_real_package(tmp_path / "data")
    path = data_dir / "entities.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == "initech":
            row["name_en"] = row["name_ko"] = HOSTILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    server = start_server(data_dir=data_dir)
    try:
        context, page, watch = new_page(browser)
        try:
            open_network(page, server, "lang=en&focus=initech")
            page.locator("h2", has_text=f"Details: {HOSTILE}").wait_for()
            assert page.evaluate("window.__krcnNetwork.body.data.nodes.get('initech').label") == HOSTILE
            # hover shows the tooltip: the name is text in it, never an element
            x, y = node_point(page, "initech")
            page.mouse.move(x, y)
            tooltip = page.locator(".vis-tooltip")
            tooltip.wait_for(state="visible", timeout=5_000)
            assert tooltip.inner_text().splitlines()[0] == HOSTILE
            assert tooltip.locator("img").count() == 0
            assert page.locator('img[src="x"]').count() == 0
            page.wait_for_timeout(500)
            assert watch.dialogs == []
            screenshot(page, "network-hostile-name")
        finally:
            context.close()
    finally:
        server.stop()


def test_downloaded_html_opens_offline(browser, app_server, tmp_path):
    context, page, watch = new_page(browser)
    try:
        open_network(page, app_server, "lang=en&focus=initech&depth=2")
        with page.expect_download() as info:
            page.get_by_role("button", name="Download the visible network (HTML, works offline)").click()
        saved = tmp_path / "network.html"
        info.value.save_as(saved)
    finally:
        context.close()
    html = saved.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "@version 10.1.5" in html
    offline = browser.new_context(offline=True, viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    try:
        offline.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page = offline.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(saved.as_uri())
        page.wait_for_selector('.krcn-net[data-state="drawn"] canvas', timeout=10_000)
        assert page.evaluate("window.__krcnNetwork.body.data.nodes.getIds().length") == 11
        assert page.locator("table tbody tr").count() == 9
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
        page.screenshot(path=str(saved.parent / "offline.png"))
        screenshot(page, "network-offline-html")
    finally:
        offline.close()


@pytest.mark.parametrize("theme", ["dark"])
def test_dark_theme_and_sub_path(browser, theme):
    colours = ("--theme.backgroundColor", "#0E1117", "--theme.secondaryBackgroundColor", "#262730",
               "--theme.textColor", "#FAFAFA")
    server = start_server(base_path="dash", extra=("--theme.base", theme, *colours))
    try:
        context, page, watch = new_page(browser, color_scheme=theme)
        try:
            open_network(page, server, "lang=en&sector=cloud&fade=1")
            assert watch.foreign_requests(server.origin) == []
            assert any(u.startswith(server.url("/app/static/vendor/vis-network/")) for u in watch.requests)
            font = page.evaluate("window.__krcnNetwork.body.nodes['gyeonggi'].options.font.color")
            assert font.lower() not in ("#1f2a36", "rgb(31, 42, 54)")  # light text on the dark canvas
            page.locator(".krcn-net").screenshot(path=str(Path(screenshot(page, "network-dark")).with_name("network-dark-graph.png")))
            assert unexpected_console_errors(watch) == []
        finally:
            context.close()
    finally:
        server.stop()


def axe_failures(page) -> list[str]:
    """axe-core's serious or critical violations on the page as it is now (the rules of test_accessibility.py)."""
    from tests.browser.test_accessibility import (
        AUDIT_JS,
        AXE_TAGS,
        FAILING_IMPACTS,
        KNOWN_APP_VIOLATIONS,
        STREAMLIT_EXCLUSIONS,
        inject_axe,
    )

    inject_axe(page)
    violations = page.evaluate(AUDIT_JS, {
        "tags": AXE_TAGS, "exclusions": [list(e) for e in STREAMLIT_EXCLUSIONS],
        "known": [list(e) for e in KNOWN_APP_VIOLATIONS],
    })
    return [f"{v['id']} at {v['target']}" for v in violations if v["impact"] in FAILING_IMPACTS and not v["known"]]


def test_a_long_focus_list_narrows_as_one_types_and_writes_the_id(browser, tmp_path):
    # At 10x the data the focus list has every one of ~460 nodes: Streamlit's select box narrows it as one types.
    from bench.scale_data import make_scaled
    from components.data.dataset import load_dataset
    from components.views.network_model import focus_options

    data_dir = tmp_path / "x10"
    make_scaled(Path(__file__).resolve().parents[2] / "data", data_dir, 10)
    assert len(focus_options(load_dataset(data_dir), "en")) > 400
    server = start_server(data_dir=data_dir)
    try:
        context, page, watch = new_page(browser)
        try:
            page.goto(server.url("/network?lang=en"))
            wait_ready(page)
            option = focus_option(page, "Initech #2 ")
            assert page.locator('[role="listbox"] [role="option"]').count() <= 3  # of ~460
            assert option.inner_text().strip() == "Initech #2 · Company"
            option.click()
            page.wait_for_url("**focus=initech-x2**", timeout=15_000)
            wait_ready(page)
            page.locator("h2", has_text="Details: Initech #2").wait_for()
            page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').screenshot(path=str(screenshot(page, "network-x10-focus")))
            assert axe_failures(page) == []
            language_option(page, "한국어").click()
            page.wait_for_url("**lang=ko**", timeout=15_000)
            wait_ready(page)
            assert "focus=initech-x2" in page.url  # the id, whatever the language shows
            assert page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input[role="combobox"]').input_value() == "이니텍 #2 · 기업"
            assert unexpected_console_errors(watch) == []
        finally:
            context.close()
    finally:
        server.stop()


CANVAS_BOX_JS = "() => { const r = document.querySelector('.krcn-net-canvas').getBoundingClientRect(); return [r.width, r.height]; }"


def test_the_drawing_is_shorter_on_a_phone(browser, app_server):
    """On a phone the drawing's box is about as tall as it is wide (a 620 px box left most of the screen empty
    around a network drawn to the narrow width, and a touch on it pans the drawing instead of the page); on a
    wide screen it keeps its 620 px."""
    context = new_phone_context(browser, locale="ko-KR")
    try:
        page = context.new_page()
        open_network(page, app_server, "lang=ko")
        width, height = page.evaluate(CANVAS_BOX_JS)
        assert 360 <= height <= 380
        assert height <= width + 30
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.wait_for_timeout(300)
        assert page.evaluate(CANVAS_BOX_JS)[1] == 620
        assert page.locator(DRAWN).count() == 1
    finally:
        context.close()


SIDEBAR_ONLY_TEXT = "Every fact has a source."  # the sidebar's footer: in what the server sends only if it redraws it
SHARE_BOX = '[data-testid="stSidebar"] .krcn-copy-text'


def test_focus_depth_and_fade_redraw_the_network_panel_alone_and_the_share_link_follows(browser, app_server):
    """The controls under /network's title rerun their panel (an st.fragment), not the sidebar: the server sends no
    sidebar element for them, yet the URL and the sidebar's share link and citation show the new view, and the
    link opens it. A sidebar control still reruns the whole page (the same check sees the sidebar sent)."""
    context, page, watch = new_page(browser)
    try:
        socket_frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: socket_frames.append(
            p if isinstance(p, bytes) else p.encode())))
        open_network(page, app_server, "lang=en")
        assert page.locator('[data-testid="stButtonGroup"]').count() == 0  # no depth before a focus (issue 27, 7)

        def sent_while(action, expected: bytes) -> bytes:
            socket_frames.clear()
            action()
            sent = sent_once_it_holds(page, socket_frames, expected)
            page.wait_for_selector(DRAWN, timeout=20_000)
            return sent

        details = "Details: Tencent Cloud".encode()  # in the panel: sent with every redraw of it
        sent = sent_while(lambda: focus_option(page, "Tencent Cloud").click(), details)
        page.wait_for_url("**focus=tencent-cloud**", timeout=15_000)
        assert SIDEBAR_ONLY_TEXT.encode() not in sent
        page.wait_for_function(f"() => document.querySelector('{SHARE_BOX}').value.includes('focus=tencent-cloud')",
                               timeout=10_000)
        citation = page.locator(SHARE_BOX).nth(1).input_value()
        assert "Tencent Cloud" in citation and "focus=tencent-cloud" in citation

        # depth appears with the focus; a change keeps the focus (the frame's state followed the panel's rerun)
        depth = page.locator('[data-testid="stButtonGroup"] button', has_text="2")
        sent = sent_while(lambda: depth.first.click(), details)
        page.wait_for_url("**depth=2**", timeout=15_000)
        query = parse_qs(urlparse(page.url).query)
        assert query["focus"] == ["tencent-cloud"] and query["depth"] == ["2"]
        assert SIDEBAR_ONLY_TEXT.encode() not in sent
        page.wait_for_function(f"() => document.querySelector('{SHARE_BOX}').value.includes('depth=2')", timeout=10_000)
        shared = page.locator(SHARE_BOX).first.input_value()

        # the sidebar's sector filter reruns everything: the sidebar is sent again
        sent_while(lambda: sector_option(page, "Cloud").click(), SIDEBAR_ONLY_TEXT.encode())
        page.wait_for_url("**sector=cloud**", timeout=15_000)
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()

    context, page, _ = new_page(browser)
    try:  # whoever opens the shared link sees that view
        page.goto(shared)
        wait_ready(page)
        page.locator("h2", has_text="Details: Tencent Cloud").wait_for()
        query = parse_qs(urlparse(page.url).query)
        assert query["focus"] == ["tencent-cloud"] and query["depth"] == ["2"]
    finally:
        context.close()
