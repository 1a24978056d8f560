"""The chart component (components/ui_chart.py) in a real browser: bar charts are drawn by the app's own code
(no chart library at all), the sankey by plotly.js from the app's own static folder as the small partial bundle
(never Streamlit's 4.7 MB chart module); charts are named for screen readers, speak the page's language, follow
a filter change in place, and say so when plotly.js cannot load."""
from __future__ import annotations

import pytest

from components.chart_render import PLOTLY_FILE
from components.i18n import t
from tests.browser.conftest import new_page, unexpected_console_errors, wait_ready
from tests.browser.test_pages_mou_sources import choose_sector

BUNDLE_PATH = "/app/static/vendor/plotly/plotly-krcn.min.js"


def wait_drawn(page, count: int, selector: str = ".krcn-bars, svg.main-svg") -> None:
    page.wait_for_function(
        "([n, sel]) => { const c = [...document.querySelectorAll('.krcn-chart')];"
        " return c.length >= n && c.every(e => e.dataset.state === 'drawn' && e.querySelector(sel)); }",
        arg=[count, selector],
        timeout=30_000,
    )


@pytest.mark.parametrize(("path", "charts"), [("/delegation", 2), ("/economy", 4)])
def test_bar_charts_need_no_chart_library(browser, app_server, path, charts):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url(path))
        wait_ready(page)
        wait_drawn(page, charts, ".krcn-bars")
        scripts = [u for u in watch.requests if ".js" in u]
        assert not [u for u in scripts if BUNDLE_PATH in u or "PlotlyChart" in u], scripts
        assert page.evaluate("() => typeof window.Plotly") == "undefined"
        assert watch.foreign_requests(app_server.origin) == []
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def test_sankey_loads_the_vendored_partial_plotly_only(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url("/mou"))
        wait_ready(page)
        wait_drawn(page, 1, "svg.main-svg")
        scripts = [u for u in watch.requests if ".js" in u]
        assert [u for u in scripts if BUNDLE_PATH in u], scripts
        assert not [u for u in scripts if "PlotlyChart" in u]  # Streamlit's own chart module stays unloaded
        assert watch.foreign_requests(app_server.origin) == []
        assert unexpected_console_errors(watch) == []
        assert page.evaluate("() => window.Plotly.version") == "4.1.1"
    finally:
        context.close()


def test_bundle_is_the_small_one():
    # a first visit to /mou parses 1.3 MB instead of 4.7 MB
    assert 1_000_000 < PLOTLY_FILE.stat().st_size < 1_600_000


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_bar_charts_are_named_and_show_every_label_and_value_as_text(browser, app_server, lang):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url(f"/delegation?lang={lang}"))
        wait_ready(page)
        wait_drawn(page, 2, ".krcn-bars")
        sectors = page.get_by_role("img", name=t("delegation.sectors.heading", lang), exact=False)
        assert sectors.count() == 1
        assert "4" in sectors.get_attribute("aria-label")  # the accessible name lists every bar with its number
        labels = sectors.locator(".krcn-bar-label").all_inner_texts()
        assert labels[0] == ("인공지능" if lang == "ko" else "Artificial intelligence")
        assert sectors.locator(".krcn-bar-text").first.inner_text().startswith("4 · ")
        # no label is cut: each is as wide as its text needs
        assert page.evaluate(
            "() => [...document.querySelectorAll('.krcn-bar-label')].every(e => e.scrollWidth <= e.clientWidth + 1)"
        )
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sankey_mode_bar_speaks_the_language(browser, app_server, lang):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url(f"/mou?lang={lang}"))
        wait_ready(page)
        wait_drawn(page, 1, "svg.main-svg")
        sankey = page.get_by_role("figure", name=t("mou.map.alt", lang), exact=False)
        assert sankey.count() == 1
        sankey.hover()
        camera = sankey.locator(".modebar-btn[data-title]").first
        camera.wait_for(state="attached")
        title = camera.get_attribute("data-title")
        # plotly.js's Korean locale is in the bundle: the mode bar speaks Korean on the Korean page
        assert (title == "PNG 이미지 파일로 차트를 다운로드 합니다") == (lang == "ko"), title
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def test_sector_change_redraws_in_place(browser, app_server):
    context, page, _ = new_page(browser)
    try:
        page.goto(app_server.url("/delegation?lang=en"))
        wait_ready(page)
        wait_drawn(page, 2, ".krcn-bars")
        page.evaluate("() => { window.__firstChart = document.querySelector('.krcn-chart'); }")
        bars = "() => document.querySelector('.krcn-chart').querySelectorAll('.krcn-bar').length"
        before = page.evaluate(bars)
        choose_sector(page, "en", "security")
        page.wait_for_function(f"() => ({bars})() < {before}", timeout=30_000)
        wait_drawn(page, 2, ".krcn-bars")
        # the component took the new data: the same chart element, not a new one mounted in its place
        assert page.evaluate("() => document.querySelector('.krcn-chart') === window.__firstChart")
    finally:
        context.close()


def test_unloadable_plotly_says_so_and_keeps_the_numbers(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        page.route("**/vendor/plotly/**", lambda route: route.abort())
        page.goto(app_server.url("/mou?lang=en"))
        page.wait_for_function(
            "() => { const c = [...document.querySelectorAll('.krcn-chart')];"
            " return c.length >= 1 && c.every(e => e.dataset.state === 'failed'); }",
            timeout=30_000,
        )
        status = page.locator(".krcn-chart .krcn-chart-status").first.inner_text()
        assert status == t("chart.failed", "en")
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('.krcn-table[data-state="drawn"]').count() >= 1  # every item, in the table below
    finally:
        context.close()


def test_bar_charts_draw_without_plotly(browser, app_server):
    context, page, _ = new_page(browser)
    try:
        page.route("**/vendor/plotly/**", lambda route: route.abort())
        page.goto(app_server.url("/economy?lang=en"))
        wait_ready(page)
        wait_drawn(page, 4, ".krcn-bars")
    finally:
        context.close()


def test_a_rerun_with_the_same_chart_leaves_it_alone(browser, app_server):
    # /economy ignores the sector filter: with its layout kept stable (an empty slot for the filter note), the
    # charts stay mounted and are not drawn again
    context, page, _ = new_page(browser)
    try:
        page.goto(app_server.url("/economy?lang=en"))
        wait_ready(page)
        wait_drawn(page, 4, ".krcn-bars")
        page.evaluate("() => { window.__bars = [...document.querySelectorAll('.krcn-bars')]; }")
        choose_sector(page, "en", "security")
        wait_drawn(page, 4, ".krcn-bars")
        assert page.evaluate(
            "() => { const now = [...document.querySelectorAll('.krcn-bars')];"
            " return now.length === 4 && now.every((e, i) => e === window.__bars[i]); }"
        )
        page.goto(app_server.url("/economy?lang=en&unit=krw"))  # a new page: new data, drawn as usual
        wait_ready(page)
        wait_drawn(page, 4, ".krcn-bars")
    finally:
        context.close()
