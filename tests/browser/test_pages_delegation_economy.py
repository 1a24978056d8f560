"""/delegation and /economy in a real browser: charts drawn, the unit switch in the URL, CSV downloads of what is
shown, nothing fetched from another host, no console errors. Screenshots go to test-artifacts/."""
from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from components.i18n import t
from bench.browser import language_option
from tests.browser.conftest import (
    new_page,
    screenshot,
    sent_once_it_holds,
    start_server,
    unexpected_console_errors,
    wait_ready,
    wait_tables_measured,
)

PLOT = '.krcn-chart[data-state="drawn"] .krcn-bars'


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def wait_charts(page, count: int) -> None:
    """Wait until `count` bar charts are drawn, each with its bars."""
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n && "
        "[...document.querySelectorAll('.krcn-bars')].every(b => b.querySelector('.krcn-bar'))",
        arg=[PLOT, count],
        timeout=30_000,
    )


def full_screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to the content first."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 8000)})
    page.wait_for_timeout(800)
    screenshot(page, name)
    page.set_viewport_size({"width": 1400, "height": 1000})


def download_rows(page, button) -> tuple[str, list[list[str]]]:
    # A button drawn by the rerun an expander's click starts must be there before the run is waited for: a click
    # during that run asks for a file the run has just replaced, and nothing downloads (seen once in CI).
    button.wait_for(state="visible", timeout=30_000)
    wait_ready(page)  # a button is disabled while the app reconnects or reruns
    with page.expect_download() as info:
        button.click()
    download = info.value
    text = open(download.path(), encoding="utf-8-sig").read()
    return download.suggested_filename, list(csv.reader(io.StringIO(text)))


def assert_clean(watch, app_server) -> None:
    assert watch.foreign_requests(app_server.origin) == []
    assert unexpected_console_errors(watch) == []
    assert watch.page_errors == []


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_delegation_page_draws_charts_and_downloads_the_table(browser, app_server, lang):
    context, page, watch = new_page(browser, locale="ko-KR" if lang == "ko" else "en-US")
    try:
        page.goto(app_server.url(f"/delegation?lang={lang}"))
        wait_ready(page)
        wait_charts(page, 2)
        assert page.locator(PLOT).count() >= 2
        assert page.locator('[data-testid="stException"]').count() == 0
        text = main_text(page)
        assert t("delegation.title", lang) in text
        # open one profile, as a visitor would, before the screenshot
        page.locator('[data-testid="stExpander"] summary', has_text="NHN").first.click()
        page.wait_for_timeout(300)
        full_screenshot(page, f"delegation-{lang}")
        name, rows = download_rows(page, page.get_by_role("button", name=t("delegation.download", lang)).first)
        assert name == f"delegation-companies-{lang}.csv"
        assert rows[0][:3] == [t("delegation.col.name", lang), t("delegation.col.other_name", lang), t("delegation.col.role", lang)]
        firsts = [r[0] for r in rows[1:]]
        if lang == "en":
            assert firsts == ["NHN Cloud", "Megazone Cloud", "Hancom", "AIworks", "Hypernology", "Initech",
                              "Tencent (腾讯)", "Tencent Cloud (腾讯云)"]
        else:
            assert firsts[:3] == ["NHN클라우드", "메가존클라우드", "한글과컴퓨터"]
        assert all(cell for row in rows[1:] for cell in row)  # unknown is written, never blank
        assert_clean(watch, app_server)
    finally:
        context.close()


def test_delegation_filter_narrows_table_charts_and_download(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url("/delegation?lang=en&sector=security"))
        wait_ready(page)
        wait_charts(page, 2)
        full_screenshot(page, "delegation-en-security")
        _, rows = download_rows(page, page.get_by_role("button", name="Download this table (CSV)").first)
        assert [r[0] for r in rows[1:]] == ["Initech"]
        assert "Showing 1 of 8 companies." in main_text(page)
        # the network link keeps language and filter and focuses the company
        link = page.get_by_role("link", name="See Initech in the network")
        assert link.count() == 0 or "focus=initech" in link.get_attribute("href")
        assert_clean(watch, app_server)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_economy_unit_switch_changes_url_and_numbers(browser, app_server, lang):
    context, page, watch = new_page(browser, locale="ko-KR" if lang == "ko" else "en-US")
    usd, krw = ("US$750.2bn", "≈ ₩1,051tn") if lang == "en" else ("7,502억 달러", "≈ 1,051조 원")
    try:
        page.goto(app_server.url(f"/economy?lang={lang}"))
        wait_ready(page)
        wait_charts(page, 4)
        assert page.locator(PLOT).count() >= 4
        metrics = page.locator('[data-testid="stMetricValue"]')
        assert metrics.first.inner_text().strip() == usd
        full_screenshot(page, f"economy-{lang}")
        frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: frames.append(
            p if isinstance(p, bytes) else p.encode())))
        page.reload()  # the socket opened after the listener
        wait_ready(page)
        wait_charts(page, 4)
        frames.clear()
        page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').get_by_role("radio", name=t("economy.unit.krw", lang)).click()
        page.wait_for_function("() => new URLSearchParams(location.search).get('unit') === 'krw'")
        # the unit reruns the page's body alone (an st.fragment): the sidebar is not sent again, yet its share
        # link follows the new view
        sent = sent_once_it_holds(page, frames, t("economy.headline.heading", lang).encode())
        assert t("footer.note", lang).encode() not in sent
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stSidebar\"] .krcn-copy-text').value.includes('unit=krw')",
            timeout=10_000)
        wait_charts(page, 4)
        page.wait_for_function(
            "(v) => document.querySelector('[data-testid=\"stMetricValue\"]').innerText.trim() === v", arg=krw
        )
        assert parse_qs(urlparse(page.url).query)["unit"] == ["krw"]
        text = page.locator('.krcn-bars').first.inner_text()
        assert krw in text.replace("\xa0", " ")  # the chart's bar value follows the unit
        full_screenshot(page, f"economy-{lang}-krw")
        assert_clean(watch, app_server)
    finally:
        context.close()


def test_economy_csv_download_has_the_shown_rows(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url("/economy?lang=en&unit=krw"))
        wait_ready(page)
        wait_charts(page, 4)
        page.get_by_text(t("economy.table.numbers", "en"), exact=True).first.click()
        name, rows = download_rows(page, page.get_by_role("button", name="Download this table (CSV)").first)
        assert name == "economy-shanghai-gyeonggi-krw-en.csv"
        header = rows[0]
        assert header[:5] == ["Subject", "Figure", "Period", "Value", "Value (number)"]
        assert [r[0] for r in rows[1:]] == ["▶ Shanghai (上海)", "Gyeonggi (京畿道)"]
        assert [r[4] for r in rows[1:]] == ["1050805140000000", "651000000000000"]
        assert rows[1][7] == "≈ converted from US$750.2bn at ₩1,400.7 per US$"
        full_screenshot(page, "economy-en-krw-table")
        assert_clean(watch, app_server)
    finally:
        context.close()


def test_cold_deep_link_to_economy_in_won(browser):
    """The first visit after the server starts, straight to /economy?unit=krw, gets the framed page in won."""
    server = start_server()
    context, page, watch = new_page(browser)
    try:
        page.goto(server.url("/economy?lang=en&unit=krw"))
        wait_ready(page)
        wait_charts(page, 4)
        assert page.locator('[data-testid="stMetricValue"]').first.inner_text().strip() == "≈ ₩1,051tn"
        assert "Economy" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert parse_qs(urlparse(page.url).query).get("unit") == ["krw"]
        assert_clean(watch, server)
    finally:
        context.close()
        server.stop()


def test_an_open_table_stays_open_through_a_language_switch(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url("/economy?lang=en"))
        wait_ready(page)
        page.get_by_text(t("economy.table.numbers", "en"), exact=True).first.click()
        page.wait_for_selector('.krcn-table[data-state="drawn"]')
        language_option(page, "한국어").click()
        page.wait_for_function("() => location.search.includes('lang=ko')")
        wait_ready(page)
        page.wait_for_function(
            "(h) => [...document.querySelectorAll('.krcn-table th')].some(th => th.textContent.startsWith(h))",
            arg=t("economy.col.subject", "ko"),
        )
        assert page.locator('[data-testid="stExpander"] details[open]').count() == 1
        assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0
        assert_clean(watch, app_server)
    finally:
        context.close()


SCROLL_BOXES_JS = """() => [...document.querySelectorAll('.krcn-table-scroll')].map((box) => ({
  rows: box.querySelectorAll('tbody tr').length,
  inner: box.scrollHeight - box.clientHeight,
  capped: box.style.maxHeight !== '',
}))"""


def test_a_short_table_is_shown_whole_and_a_long_one_scrolls_inside(browser, app_server):
    """Tables scroll inside only past MAX_VISIBLE_ROWS rows: the delegation's eight companies, whose long profile
    cells make rows tall, are all in view; the network's relations (37 rows) scroll inside their box."""
    context, page, watch = new_page(browser, locale="ko-KR")
    try:
        page.goto(app_server.url("/delegation?lang=ko"))
        wait_ready(page)
        page.wait_for_selector('.krcn-table[data-state="drawn"]')
        (companies, *_) = page.evaluate(SCROLL_BOXES_JS)
        assert companies["rows"] == 8
        assert not companies["capped"]
        assert companies["inner"] <= 1  # no scrolling inside: every row is in the page
        page.goto(app_server.url("/network?lang=ko"))
        wait_ready(page)
        page.wait_for_selector('.krcn-table[data-state="drawn"]')
        (relations,) = [box for box in page.evaluate(SCROLL_BOXES_JS) if box["rows"] > 20]
        assert relations["capped"]
        assert relations["inner"] > 100
        assert_clean(watch, app_server)
    finally:
        context.close()


SIDEWAYS_JS = """(i) => {
  const root = document.querySelectorAll('.krcn-table')[i];
  const box = root.querySelector('.krcn-table-scroll');
  const side = root.querySelector('.krcn-table-side');
  const heads = [...box.querySelectorAll('thead th')];
  const right = box.scrollLeft + box.clientWidth;
  return {
    wide: box.scrollWidth > box.clientWidth + 1,
    left: box.scrollLeft,
    atEnd: right >= box.scrollWidth - 1,
    shown: side.hidden ? null : side.querySelector('.krcn-table-side-status').textContent,
    earlier: side.querySelector('.krcn-table-earlier').disabled,
    later: side.querySelector('.krcn-table-later').disabled,
    // the column now first after the pinned one starts at the pinned column's edge
    firstStart: Math.min(...heads.slice(1).filter((th) => th.offsetLeft >= box.scrollLeft + heads[0].offsetWidth - 1)
      .map((th) => th.offsetLeft - box.scrollLeft - heads[0].offsetWidth)),
    whole: heads.filter((th, k) => k === 0 || (th.offsetLeft >= box.scrollLeft + heads[0].offsetWidth - 1
      && th.offsetLeft + th.offsetWidth <= right + 1)).map((th) => th.textContent.replace(/[↕▲▼]/g, '')),
    moreLeft: box.classList.contains('krcn-more-left'),
    moreRight: box.classList.contains('krcn-more-right'),
    toolsShown: root.querySelector('.krcn-table-tools').offsetHeight > 0,
  };
}"""


def test_a_table_wider_than_its_box_says_so_and_pages_sideways_from_the_keyboard(browser, app_server):
    """Streamlit hides scrollbars until hovered, so the delegation table's ten columns (four or five in view at
    1280 px) would end at the box's edge with nothing to say there is more. The table says how many columns are
    in view, shades the hidden side, and its buttons page sideways a column edge at a time to the last column;
    a table that fits says nothing."""
    context, page, watch = new_page(browser)
    try:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(app_server.url("/delegation?lang=en"))
        wait_ready(page)
        wait_tables_measured(page)
        first = page.evaluate(SIDEWAYS_JS, 0)
        assert first["wide"] and first["left"] == 0
        assert first["shown"] == f"{len(first['whole'])} of 10 columns in view" and len(first["whole"]) < 10
        assert (first["earlier"], first["later"]) == (True, False)
        assert (first["moreLeft"], first["moreRight"]) == (False, True)
        later = page.locator(".krcn-table-later").first
        later.focus()
        seen = list(first["whole"])
        for _ in range(10):
            page.keyboard.press("Enter")
            page.wait_for_timeout(100)
            now = page.evaluate(SIDEWAYS_JS, 0)
            assert now["left"] > 0 and now["moreLeft"] and not now["earlier"]
            assert now["whole"][0] == "Company"  # the first column stays in view
            if now["atEnd"]:
                break
            assert abs(now["firstStart"]) <= 1  # a page starts at a column's edge
            seen += now["whole"][1:]
        assert now["atEnd"] and now["later"] and not now["moreRight"]
        assert now["whole"][-1] == t("delegation.col.attendee_level", "en")
        assert {*seen, *now["whole"]} >= {t(f"delegation.col.{k}", "en") for k in ("business", "headquarters", "founded")}
        earlier = page.locator(".krcn-table-earlier").first
        for _ in range(10):
            earlier.click()
            page.wait_for_timeout(100)
            if page.evaluate(SIDEWAYS_JS, 0)["left"] == 0:
                break
        back = page.evaluate(SIDEWAYS_JS, 0)
        assert back["left"] == 0 and back["earlier"] and not back["moreLeft"]

        # the companies per sector, behind the first chart: three columns that fit
        page.get_by_text(t("delegation.table.numbers", "en"), exact=True).first.click()
        page.wait_for_function("() => document.querySelectorAll('.krcn-table[data-state=\"drawn\"]').length == 2")
        wait_tables_measured(page)
        sectors = page.evaluate(SIDEWAYS_JS, 1)
        assert not sectors["wide"] and sectors["shown"] is None
        assert not sectors["moreRight"] and not sectors["toolsShown"]
        assert_clean(watch, app_server)
    finally:
        context.close()


PRINTED_JS = """() => ({
  sidebar: getComputedStyle(document.querySelector('[data-testid="stSidebar"]')).display,
  tables: [...document.querySelectorAll('.krcn-table')].map((root) => {
    const box = root.querySelector('.krcn-table-scroll');
    return {
      rows: box.querySelectorAll('tbody tr').length,
      clippedDown: box.scrollHeight - box.clientHeight,
      clippedAcross: box.scrollWidth - box.clientWidth,
      toolsShown: root.querySelector('.krcn-table-tools').offsetHeight > 0,
    };
  }),
})"""


def test_a_printed_page_has_no_sidebar_and_every_table_whole(browser, app_server):
    """Printed or saved as PDF (a journalist keeping what they saw), a page used to carry the sidebar down its left
    side and print only what each table's box showed: the network's relations table its first rows, the
    delegation table four of its ten columns. In print the sidebar is gone and every table is whole."""
    context, page, watch = new_page(browser)
    try:
        page.set_viewport_size({"width": 1280, "height": 900})
        for path, rows in (("/network?lang=en", 37), ("/delegation?lang=ko", 8)):
            page.goto(app_server.url(path))
            wait_ready(page)
            page.wait_for_selector('.krcn-table[data-state="drawn"]')
            page.emulate_media(media="screen")
            on_screen = page.evaluate(PRINTED_JS)
            assert on_screen["sidebar"] != "none"
            assert any(t["clippedDown"] > 100 or t["clippedAcross"] > 100 for t in on_screen["tables"])
            page.emulate_media(media="print")
            page.wait_for_timeout(300)
            printed = page.evaluate(PRINTED_JS)
            assert printed["sidebar"] == "none"
            assert [t["rows"] for t in printed["tables"]].count(rows) == 1  # every row drawn
            for t in printed["tables"]:
                assert t["clippedDown"] <= 1 and t["clippedAcross"] <= 1 and not t["toolsShown"], (path, t)
            assert len(page.pdf(format="A4")) > 10_000  # Chromium prints it
        assert_clean(watch, app_server)
    finally:
        context.close()


def test_the_ranking_charts_numbers_open_at_the_pages_width(browser, app_server):
    """The provinces' and cities' charts sit side by side; their numbers (twelve columns) used to open inside the
    chart's column, the cities' in a third of the page with two columns in view. They open below the pair, as
    wide as the page's other tables."""
    context, page, watch = new_page(browser)
    try:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(app_server.url("/economy?lang=en"))
        wait_ready(page)
        page.get_by_text(t("economy.table.numbers", "en"), exact=True).first.click()  # Shanghai beside Gyeonggi
        for heading in ("economy.ranking.provinces", "economy.ranking.cities"):
            label = t("economy.table.numbers_of", "en", title=t(heading, "en"))
            page.get_by_text(label, exact=True).click()
        page.wait_for_function("() => document.querySelectorAll('.krcn-table[data-state=\"drawn\"]').length == 3")
        widths = page.evaluate("() => [...document.querySelectorAll('.krcn-table-scroll')].map((box) => box.clientWidth)")
        main = page.evaluate("() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').clientWidth")
        assert len(widths) == 3 and len(set(widths)) == 1, widths
        assert widths[0] > 0.6 * main
        assert_clean(watch, app_server)
    finally:
        context.close()
