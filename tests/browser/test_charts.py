"""The chart component (components/ui_chart.py) in a real browser: plotly.js comes from the app's own static
folder as the small partial bundle (never Streamlit's 4.7 MB chart module), charts are named for screen
readers, speak the page's language, follow a filter change in place, and say so when plotly.js cannot load."""
from __future__ import annotations

import pytest

from components.chart_render import PLOTLY_FILE
from components.i18n import t
from tests.browser.conftest import new_page, unexpected_console_errors, wait_ready
from tests.browser.test_pages_mou_sources import choose_sector

BUNDLE_PATH = "/app/static/vendor/plotly/plotly-krcn.min.js"


def wait_drawn(page, count: int) -> None:
    page.wait_for_function(
        "(n) => { const c = [...document.querySelectorAll('.krcn-chart')];"
        " return c.length >= n && c.every(e => e.dataset.state === 'drawn' && e.querySelector('svg.main-svg')); }",
        arg=count,
        timeout=30_000,
    )


@pytest.mark.parametrize("path", ["/delegation", "/economy", "/mou"])
def test_charts_load_the_vendored_partial_plotly_only(browser, app_server, path):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url(path))
        wait_ready(page)
        wait_drawn(page, 1)
        scripts = [u for u in watch.requests if ".js" in u]
        assert [u for u in scripts if BUNDLE_PATH in u], scripts
        assert not [u for u in scripts if "PlotlyChart" in u]  # Streamlit's own chart module stays unloaded
        assert watch.foreign_requests(app_server.origin) == []
        assert unexpected_console_errors(watch) == []
        assert page.evaluate("() => window.Plotly.version") == "4.1.1"
    finally:
        context.close()


def test_bundle_is_the_small_one():
    # the reason the component exists: a first visit parses 1.3 MB instead of 4.7 MB
    assert 1_000_000 < PLOTLY_FILE.stat().st_size < 1_600_000


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_charts_are_named_and_speak_the_language(browser, app_server, lang):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url(f"/delegation?lang={lang}"))
        wait_ready(page)
        wait_drawn(page, 2)
        sectors = page.get_by_role("figure", name=t("delegation.sectors.heading", lang), exact=False)
        assert sectors.count() == 1
        # the accessible name lists every bar with its number
        assert "4" in sectors.get_attribute("aria-label")
        sectors.hover()
        camera = sectors.locator(".modebar-btn[data-title]").first
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
        wait_drawn(page, 2)
        page.evaluate("() => { window.__firstPlot = document.querySelector('.krcn-chart .js-plotly-plot'); }")
        bars = "() => document.querySelector('.krcn-chart').querySelectorAll('.bars .point').length"
        before = page.evaluate(bars)
        choose_sector(page, "en", "security")
        page.wait_for_function(f"() => ({bars})() < {before}", timeout=30_000)
        wait_drawn(page, 2)
        # Plotly.react updated the drawn chart: the same plot element, not a new chart drawn from scratch
        assert page.evaluate("() => document.querySelector('.krcn-chart .js-plotly-plot') === window.__firstPlot")
    finally:
        context.close()


def test_unloadable_plotly_says_so_and_keeps_the_numbers(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        page.route("**/vendor/plotly/**", lambda route: route.abort())
        page.goto(app_server.url("/economy?lang=en"))
        wait_ready(page)
        page.wait_for_function(
            "() => { const c = [...document.querySelectorAll('.krcn-chart')];"
            " return c.length >= 4 && c.every(e => e.dataset.state === 'failed'); }",
            timeout=30_000,
        )
        status = page.locator(".krcn-chart .krcn-chart-status").first.inner_text()
        assert status == t("chart.failed", "en")
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[data-testid="stExpander"]').count() >= 4  # the numbers under each chart remain
    finally:
        context.close()


def test_a_rerun_with_the_same_chart_leaves_it_alone(browser, app_server):
    # /economy ignores the sector filter: with its layout kept stable (an empty slot for the filter note), the
    # charts stay mounted and plotly.js is not asked to draw them again
    context, page, _ = new_page(browser)
    try:
        page.goto(app_server.url("/economy?lang=en"))
        wait_ready(page)
        wait_drawn(page, 4)
        page.evaluate(
            "() => { window.__draws = 0; for (const name of ['react', 'newPlot']) {"
            " const original = window.Plotly[name];"
            " window.Plotly[name] = (...args) => { window.__draws += 1; return original(...args); }; } }"
        )
        choose_sector(page, "en", "security")
        wait_drawn(page, 4)
        assert page.evaluate("() => window.__draws") == 0
        page.goto(app_server.url("/economy?lang=en&unit=krw"))  # a new page: new data, drawn as usual
        wait_ready(page)
        wait_drawn(page, 4)
    finally:
        context.close()
