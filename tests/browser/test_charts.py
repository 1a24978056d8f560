"""The chart component (components/web/charts.py) in a real browser: bar charts and the MOU's Sankey are drawn by
the app's own code (no chart library on a first visit: Streamlit's 4.7 MB plotly chunk only for a visitor who
switches a chart's "interactive" toggle on); charts are named for screen readers, keep every label inside the chart
at any width, follow a filter change in place, and redraw for a new width."""
from __future__ import annotations

from pathlib import Path

import pytest

from components.data.dataset import load_dataset
from components.i18n import t
from components.views.mou import sankey_spec
from components.web.render.chart import PLOTLY_CHUNK_MB
from tests.browser.conftest import new_page, unexpected_console_errors, wait_ready
from tests.browser.test_pages_mou_sources import choose_sector

DATA = load_dataset()


def wait_drawn(page, count: int, selector: str = ".krcn-bars, svg.krcn-sankey") -> None:
    page.wait_for_function(
        "([n, sel]) => { const c = [...document.querySelectorAll('.krcn-chart')];"
        " return c.length >= n && c.every(e => e.dataset.state === 'drawn' && e.querySelector(sel)); }",
        arg=[count, selector],
        timeout=30_000,
    )


@pytest.mark.parametrize(("path", "charts"), [("/delegation", 2), ("/economy", 4), ("/mou", 1)])
def test_charts_need_no_chart_library(browser, app_server, path, charts):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url(path))
        wait_ready(page)
        wait_drawn(page, charts)
        scripts = [u for u in watch.requests if ".js" in u]
        assert not [u for u in scripts if "plotly" in u.lower() or "PlotlyChart" in u], scripts
        assert page.evaluate("() => typeof window.Plotly") == "undefined"
        assert watch.foreign_requests(app_server.origin) == []
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


# The fonts a first visit downloads, whatever the page or view: Streamlit's own text face and icon font, as the
# empty app loads them. (st.code would add its code face; an italic face would be one more download.)
EXPECTED_FONTS = {"SourceSansVF-Upright", "MaterialSymbols-Rounded"}


@pytest.mark.parametrize("path", [
    "/?lang=ko", "/network?focus=initech&lang=en", "/delegation?sector=cloud", "/economy?unit=krw",
    "/mou?sector=tourism&lang=en", "/mou?sector=tourism&lang=ko", "/sources?lang=en", "/regions?lang=ko",
])
def test_a_first_visit_downloads_no_font_beyond_streamlits_own(browser, app_server, path):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url(path))
        wait_ready(page)
        page.wait_for_timeout(500)  # a font is fetched when text first needs it
        fonts = {u.split("?")[0].rsplit("/", 1)[-1].split(".")[0] for u in watch.requests if ".woff" in u or ".ttf" in u}
        assert fonts <= EXPECTED_FONTS, fonts
    finally:
        context.close()


SANKEY_GEOMETRY = """() => {
  const svg = document.querySelector('svg.krcn-sankey');
  const box = svg.getBoundingClientRect();
  const cols = [...svg.querySelectorAll('rect.sankey-node')].map(r => r.getBoundingClientRect());
  const middle = Math.min(...cols.filter(r => Math.abs(r.left + r.width / 2 - (box.left + box.width / 2)) < 20).map(r => r.left));
  const labels = [...svg.querySelectorAll('.sankey-labels text')].map(t => t.getBoundingClientRect());
  return {
    width: box.width,
    inside: labels.every(r => r.left >= box.left - 1 && r.right <= box.right + 1),
    clauseLabelsBeforeMiddle: labels.filter(r => r.left < box.left + 40).every(r => r.right <= middle + 1),
  };
}"""


@pytest.mark.parametrize(("lang", "width"), [("ko", 1400), ("en", 1400), ("en", 400)])
def test_sankey_is_named_labelled_and_fits(browser, app_server, lang, width):
    spec = sankey_spec(DATA, lang)
    context, page, watch = new_page(browser)
    try:
        page.set_viewport_size({"width": width, "height": 1000})
        page.goto(app_server.url(f"/mou?lang={lang}"))
        wait_ready(page)
        wait_drawn(page, 1, "svg.krcn-sankey")
        sankey = page.get_by_role("figure", name=t("mou.map.alt", lang), exact=False)
        assert sankey.count() == 1
        assert sankey.locator("rect.sankey-node").count() == len(spec["nodes"])
        assert sankey.locator("path.sankey-link").count() == len(spec["links"])
        assert sankey.locator("path.sankey-inferred").count() == sum(link["inferred"] for link in spec["links"])
        # every node and link says what it is on hover; labels are real text
        titles = sankey.locator("svg title").all_text_contents()
        assert [n["title"] for n in spec["nodes"]] == titles[len(spec["links"]) : len(spec["links"]) + len(spec["nodes"])]
        assert spec["links"][0]["title"] == titles[0]
        texts = sankey.locator(".sankey-titles text").all_text_contents()
        assert texts == [c["title"] for c in spec["columns"]]
        legend = sankey.locator(".krcn-sankey-legend li").all_inner_texts()
        assert legend == [item["label"] for item in spec["legend"]]
        geometry = page.evaluate(SANKEY_GEOMETRY)
        # labels stay inside the chart, clause labels short of the sector column (cut with an ellipsis if need be)
        assert geometry["inside"] and geometry["clauseLabelsBeforeMiddle"], geometry
        labels = sankey.locator(".sankey-labels text").all_text_contents()
        if width >= 1400:
            assert labels == [n["label"] for n in spec["nodes"]]  # room enough: every label whole
        else:
            assert any(label.endswith("…") for label in labels)
            assert all(label.rstrip("…") and n["label"].startswith(label.rstrip("…").rstrip()) for label, n in zip(labels, spec["nodes"]))
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def connected(links: list[dict], node: int) -> set[int]:
    """Indices of the links on a path through `node` (downstream and upstream)."""
    found: set[int] = set()
    for ends in (("source", "target"), ("target", "source")):
        queue, seen = [node], {node}
        while queue:
            at = queue.pop()
            for i, link in enumerate(links):
                if link[ends[0]] == at:
                    found.add(i)
                    if link[ends[1]] not in seen:
                        seen.add(link[ends[1]])
                        queue.append(link[ends[1]])
    return found


@pytest.mark.parametrize("label", ["Hancom", "Artificial intelligence", "1. Economy and trade"])
def test_pointing_at_a_sankey_node_keeps_its_flows_and_fades_the_rest(browser, app_server, label):
    spec = sankey_spec(DATA, "en")
    index = next(i for i, n in enumerate(spec["nodes"]) if n["label"] == label)
    expected = connected(spec["links"], index)
    assert 0 < len(expected) < len(spec["links"])
    context, page, _ = new_page(browser)
    try:
        page.goto(app_server.url("/mou?lang=en"))
        wait_ready(page)
        wait_drawn(page, 1, "svg.krcn-sankey")
        page.locator(f'svg.krcn-sankey rect.sankey-node[data-node="{index}"]').hover()
        on = page.evaluate(
            "() => { const s = document.querySelector('svg.krcn-sankey');"
            " return s.classList.contains('sankey-focus') ? [...s.querySelectorAll('path.sankey-link')]"
            ".flatMap((p, i) => p.classList.contains('sankey-on') ? [i] : []) : null; }"
        )
        assert on is not None and set(on) == expected
        page.mouse.move(5, 5)  # away from the chart: every flow in full colour again
        assert page.evaluate("() => document.querySelector('svg.krcn-sankey').classList.contains('sankey-focus')") is False
    finally:
        context.close()


def test_sankey_redraws_for_a_new_width(browser, app_server):
    context, page, _ = new_page(browser)
    try:
        page.goto(app_server.url("/mou?lang=en"))
        wait_ready(page)
        wait_drawn(page, 1, "svg.krcn-sankey")
        wide = page.evaluate("() => document.querySelector('svg.krcn-sankey').getAttribute('width')")
        page.set_viewport_size({"width": 700, "height": 1000})
        page.wait_for_function(
            "(w) => { const s = document.querySelector('svg.krcn-sankey'); return s && s.getAttribute('width') !== w; }",
            arg=wide,
            timeout=10_000,
        )
        assert page.evaluate(SANKEY_GEOMETRY)["inside"]
    finally:
        context.close()


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


BAR_FIT_JS = """() => [...document.querySelectorAll('.krcn-bars')].map((grid) => ({
  stacked: grid.classList.contains('krcn-stacked'),
  cut: [...grid.querySelectorAll('.krcn-bar-text')].filter((t) => t.scrollWidth > t.clientWidth + 1)
    .map((t) => t.textContent),
  longest: Math.max(...[...grid.querySelectorAll('.krcn-bar-track')].map((track) =>
    track.querySelector('.krcn-bar').offsetWidth / track.clientWidth)),
}))"""


@pytest.mark.parametrize(
    ("lang", "unit", "width"), [("ko", "usd", 1400), ("ko", "krw", 1400), ("en", "usd", 1400), ("ko", "usd", 1024), ("en", "krw", 1100)]
)
def test_values_after_bars_are_never_cut_even_in_a_narrow_column(browser, app_server, lang, unit, width):
    """/economy's city chart sits in a third of the page: its longest bar leaves room for its whole value
    ("≈ 7,502억 달러"), and bars still use most of their row. Where a column is too narrow for that beside the
    labels (1024-1100 px with the sidebar open), the labels go above the bars; on a wide screen they stay beside."""
    context, page, watch = new_page(browser)
    try:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(app_server.url(f"/economy?lang={lang}&unit={unit}"))
        wait_ready(page)
        wait_drawn(page, 4, ".krcn-bars")
        charts = page.evaluate(BAR_FIT_JS)
        assert len(charts) >= 4
        assert [chart["cut"] for chart in charts] == [[] for _ in charts]
        assert all(0.5 < chart["longest"] < 1 for chart in charts), charts
        stacked = [chart["stacked"] for chart in charts]
        assert not stacked[0]  # Shanghai beside Gyeonggi, at the page's width: labels beside the bars
        if width < 1200:
            assert stacked[2], charts  # the cities, in a third of the page
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def plotly_chunks(urls: list[str]) -> list[str]:
    return [u for u in urls if "PlotlyChart" in u or "plotly" in u.lower()]


@pytest.mark.parametrize(("path", "lang", "charts"), [("/economy", "en", 4), ("/mou", "ko", 1)])
def test_interactive_chart_loads_plotly_only_when_asked_and_saves_a_png_offline(browser, app_server, path, lang, charts):
    """A first visit fetches no plotly; switching a chart's toggle on draws the same figure with plotly.js from the
    app's own server (the modebar without plotly's logo); its camera button saves a PNG with the network cut off."""
    context, page, watch = new_page(browser)
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    try:
        page.goto(app_server.url(f"{path}?lang={lang}"))
        wait_ready(page)
        wait_drawn(page, charts)
        page.wait_for_load_state("networkidle")
        assert plotly_chunks(watch.requests) == []
        first_visit = len(watch.requests)
        label = t("chart.interactive.label", lang, **PLOTLY_CHUNK_MB)
        toggles = page.get_by_role("switch", name=label)
        assert toggles.count() == charts
        assert all(not toggles.nth(i).is_checked() for i in range(charts))
        switch = toggles.first.locator("xpath=ancestor::label[1]")  # the input itself is visually hidden
        switch.click()
        page.wait_for_selector(".js-plotly-plot .modebar", state="attached", timeout=60_000)
        wait_ready(page)
        page.wait_for_load_state("networkidle")
        assert page.locator(".js-plotly-plot").count() == 1
        assert page.locator(".krcn-chart").count() == charts - 1  # drawn in the light chart's place
        assert page.locator(".modebar-btn--logo, a[href*='plotly.com']").count() == 0
        later = watch.requests[first_visit:]
        chunks = plotly_chunks(later)
        assert chunks and all(u.startswith(app_server.origin) for u in chunks)
        fetched = sum(sizes.get(u, 0) for u in dict.fromkeys(later) if u.endswith(".js") or ".js?" in u)
        print(f"\n{path}: switching the toggle on fetched {fetched:,} bytes of JavaScript: {chunks}")
        # about PLOTLY_CHUNK_MB["gzip"] MB: the app's server (app.py, st.App) sends it gzipped, on any host
        assert 1_000_000 < fetched < 2_000_000

        context.set_offline(True)  # the PNG is drawn in the browser: no server, no other host
        page.locator(".js-plotly-plot").hover()
        with page.expect_download(timeout=30_000) as info:
            page.locator(".js-plotly-plot .modebar-btn[data-title*='PNG']").click()
        png = Path(info.value.path()).read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
        assert info.value.suggested_filename.startswith("krcn-") and info.value.suggested_filename.endswith(".png")
        context.set_offline(False)

        switch.click()  # off again: the light chart is back
        wait_ready(page)
        wait_drawn(page, charts)
        assert page.locator(".js-plotly-plot").count() == 0
        assert watch.foreign_requests(app_server.origin) == []
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()
