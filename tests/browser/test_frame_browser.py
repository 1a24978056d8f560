"""The frame in a real browser: every page loads clean and offline, the URL is the state, shared links and
cold deep links reproduce the view."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from components.data.dataset import load_dataset
from components.i18n import t
from bench.browser import language_option, sector_option
from tests.browser.conftest import (
    new_page,
    new_phone_context,
    screenshot,
    start_server,
    unexpected_console_errors,
    wait_ready,
)

SECURITY_EN = load_dataset().sectors.set_index("id").loc["security", "name_en"]
PAGES = {"overview": "/", "network": "/network", "delegation": "/delegation", "economy": "/economy", "mou": "/mou",
         "timeline": "/timeline", "story": "/story", "sources": "/sources"}


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def sidebar_state(page) -> dict:
    """What the sidebar shows: the chosen language, the chosen sectors (their labels), the share link."""
    return page.locator('[data-testid="stSidebar"]').evaluate(
        """(bar) => ({
          lang_label: bar.querySelector('[data-testid="stRadioOption"][data-selected="true"]')?.textContent.trim() || '',
          sectors: [...bar.querySelectorAll('[data-testid="stMultiSelect"] [data-tag]')].map((tag) => tag.getAttribute('aria-label')),
          share: bar.querySelector('.krcn-copy-text')?.value.trim() || '',
        })"""
    )


def tick_sector(page, name: str) -> None:
    """Open the sidebar's sector list and choose `name`, as a visitor does."""
    sector_option(page, name).click()
    page.keyboard.press("Escape")


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page_id", list(PAGES))
def test_every_page_loads_clean_and_offline(browser, app_server, page_id, lang):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url(f"{PAGES[page_id]}?lang={lang}"))
        wait_ready(page)
        page.wait_for_timeout(1500)  # charts and the network draw after the script run
        wait_ready(page)
        screenshot(page, f"frame-{page_id}-{lang}")
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[data-testid="stAlertContentError"]').count() == 0
        assert t(f"page.{page_id}", lang) in page.locator('[data-testid="stSidebar"]').inner_text()
        assert page.title().startswith(t(f"page.{page_id}", lang))
        assert watch.foreign_requests(app_server.origin) == []
        assert unexpected_console_errors(watch) == []
        assert watch.page_errors == []
    finally:
        context.close()


def test_sector_filter_updates_url_and_navigation_keeps_it(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url("/delegation?lang=en"))
        wait_ready(page)
        tick_sector(page, SECURITY_EN)
        page.wait_for_function("() => location.search.includes('sector=security')")
        wait_ready(page)
        assert query(page) == {"sector": ["security"]}  # lang=en is this browser's default: left out
        # moving to another page keeps language and filter
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Network").click()
        page.wait_for_url("**/network?**")
        wait_ready(page)
        assert query(page) == {"sector": ["security"]}
        assert sidebar_state(page)["sectors"] == [SECURITY_EN]
    finally:
        context.close()


def test_language_switch_updates_url_and_page(browser, app_server):
    context, page, _ = new_page(browser, locale="en-US")
    try:
        page.goto(app_server.url("/mou"))
        wait_ready(page)
        assert query(page) == {}
        language_option(page, "한국어").click()
        page.wait_for_function("() => location.search.includes('lang=ko')")
        wait_ready(page)
        assert t("page.mou", "ko") in page.locator('[data-testid="stSidebar"]').inner_text()
        assert page.title().startswith(t("page.mou", "ko"))
    finally:
        context.close()


@pytest.mark.parametrize(("locale", "lang"), [("ko-KR", "ko"), ("en-GB", "en"), ("zh-CN", "en")])
def test_language_follows_browser_locale_without_lang(browser, app_server, locale, lang):
    context, page, _ = new_page(browser, locale=locale)
    try:
        page.goto(app_server.url("/economy"))
        wait_ready(page)
        assert page.title().startswith(t("page.economy", lang))
        assert "lang" not in query(page)  # the default is left out of the address bar
        share = sidebar_state(page)["share"]
        assert parse_qs(urlparse(share).query)["lang"] == [lang]  # ... but pinned in the shared link
    finally:
        context.close()


def test_shared_link_reproduces_the_view_in_a_new_browser(browser, app_server):
    context, page, _ = new_page(browser, locale="ko-KR")
    try:
        page.goto(app_server.url("/delegation?sector=cloud&sector=security"))
        wait_ready(page)
        before = sidebar_state(page)
        text_before = main_text(page)
        shared = before["share"]
        assert urlparse(shared).path == "/delegation"
        assert parse_qs(urlparse(shared).query) == {"lang": ["ko"], "sector": ["cloud", "security"]}
    finally:
        context.close()
    # the recipient's browser speaks English: the link still shows the Korean view
    context, page, _ = new_page(browser, locale="en-US")
    try:
        page.goto(shared)
        wait_ready(page)
        after = sidebar_state(page)
        assert after == before
        assert main_text(page) == text_before
    finally:
        context.close()


def test_share_box_shows_the_link_and_copies_it(browser, app_server):
    """The share box: the link as text in a read-only box named by its label, and a copy button; both are reached
    with Tab, and the button copies the link and says so."""
    context, page, _ = new_page(browser, permissions=("clipboard-read", "clipboard-write"))
    try:
        page.goto(app_server.url("/economy?lang=en&unit=krw"))
        wait_ready(page)
        share = sidebar_state(page)["share"]
        assert share == app_server.url("/economy?lang=en&unit=krw")
        box = page.locator('[data-testid="stSidebar"]').get_by_role("textbox", name="Link to this view")
        assert box.input_value() == share and box.get_attribute("readonly") is not None
        box.focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Copy"
        page.keyboard.press("Enter")
        page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0")
        assert page.evaluate("navigator.clipboard.readText()") == share
        status = page.locator('[data-testid="stSidebar"] .krcn-copy-status').first
        assert status.inner_text() == "Copied." and status.get_attribute("role") == "status"
    finally:
        context.close()


def test_unknown_values_are_dropped_with_a_notice(browser, app_server):
    context, page, watch = new_page(browser)
    try:
        page.goto(app_server.url("/delegation?lang=en&sector=cloud&sector=nope&colour=red"))
        wait_ready(page)
        notice = page.locator('[data-testid="stAlertContentWarning"]').inner_text()
        assert "sector=nope" in notice and "colour" in notice
        assert query(page) == {"sector": ["cloud"]}
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()


def test_cold_deep_link_is_the_same_view_as_a_warm_one(browser):
    """First visit after the server starts runs pages/delegation.py directly (legacy pages mode):
    the frame, filter and language must still apply, exactly as for a later visitor."""
    server = start_server()
    try:
        url = server.url("/delegation?lang=ko&sector=security")
        views = []
        for _ in range(2):  # the first is the cold visit; the second goes through app.py
            context, page, watch = new_page(browser, locale="en-US")
            try:
                page.goto(url)
                wait_ready(page)
                page.wait_for_timeout(1000)
                wait_ready(page)
                views.append((sidebar_state(page), main_text(page), page.title(), query(page)))
                assert page.locator('[data-testid="stException"]').count() == 0
                assert unexpected_console_errors(watch) == []
            finally:
                context.close()
        cold, warm = views
        security_ko = load_dataset().sectors.set_index("id").loc["security", "name_ko"]
        assert cold[0]["lang_label"] == "한국어" and cold[0]["sectors"] == [security_ko]
        assert cold[0]["share"].endswith("/delegation?lang=ko&sector=security")
        assert cold == warm
        assert cold[3] == {"lang": ["ko"], "sector": ["security"]}
    finally:
        server.stop()


def test_a_phone_sees_the_page_not_the_sidebar(browser, app_server):
    """On a phone-sized screen the sidebar starts closed (it would cover the page); its controls are one tap away."""
    context = new_phone_context(browser, locale="en-US")
    page = context.new_page()
    try:
        page.goto(app_server.url("/economy?lang=en"))
        wait_ready(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_attribute("data-collapsed") == "true"
        title = page.get_by_role("heading", name=t("economy.title", "en"))
        box = title.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
        # nothing on the page is wider than the screen but the tables, which scroll inside their own box
        assert page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= 390
    finally:
        context.close()


METRIC_LINES_JS = """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].map((value) => {
  const text = value.textContent;
  const walker = document.createTreeWalker(value, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let split = 0;  // words drawn on more than one line
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) split += 1;
    }
  }
  const cut = [value, ...value.querySelectorAll('*')].some((e) => e.scrollWidth > e.clientWidth + 1);
  return {text, split, cut};
})"""


@pytest.mark.parametrize(("path", "lang"), [("/", "en"), ("/", "ko"), ("/economy", "en"), ("/economy", "ko")])
def test_a_headline_figure_is_shown_whole(browser, app_server, path, lang):
    """At 1024 px with the sidebar open the overview's four figure columns are ~150 px wide: a figure
    ("US$750.2bn", "7,502억 달러") is neither broken inside a word nor cut off."""
    context, page, watch = new_page(browser)
    try:
        page.set_viewport_size({"width": 1024, "height": 900})
        page.goto(app_server.url(f"{path}?lang={lang}"))
        wait_ready(page)
        figures = page.evaluate(METRIC_LINES_JS)
        assert figures, "no headline figure"
        assert [(f["split"], f["cut"]) for f in figures] == [(0, False)] * len(figures), figures
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


HANGUL_SPLITS_JS = """(root) => {
  // every run of Hangul syllables in the text under `root`, and those drawn on more than one line
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let runs = 0;
  const split = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !node.parentElement.getClientRects().length) continue;
    for (const match of node.data.matchAll(/[\\uac00-\\ud7a3]{2,}/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      runs += 1;
      if (tops.size > 1) split.push(match[0]);
    }
  }
  return {runs, split};
}"""


@pytest.mark.parametrize("path", ["/", "/network", "/delegation", "/economy", "/mou", "/regions", "/sources"])
def test_korean_breaks_between_words_never_inside_one(browser, app_server, path):
    """Streamlit's text breaks anywhere, so Korean headings and prose broke inside words ("텐센트 클라 / 우드 방문"
    in the overview's title at 1280 px; "경 / 제 / 통 / 상", a syllable a line, in the MOU's table on a phone). On
    Korean pages a line now breaks only between words, at a desktop, a tablet and a phone width, and on the phone
    nothing is wider than the screen."""
    context, page, watch = new_page(browser, locale="ko-KR")
    try:
        page.goto(app_server.url(f"{path}?lang=ko"))
        wait_ready(page)
        page.wait_for_function("() => document.documentElement.lang === 'ko'")
        for width in (1280, 1024, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(300)
            # the sidebar too, but not while it is collapsed off a phone's screen
            root = '[data-testid="stMain"]' if width < 640 else '[data-testid="stAppViewContainer"]'
            found = page.evaluate(HANGUL_SPLITS_JS, root)
            assert found["runs"] > 50
            assert found["split"] == [], (width, found["split"])
        # on the phone nothing is wider than the screen: a wide table scrolls inside its own box
        assert page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= 390
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def test_a_markdown_table_on_a_phone_scrolls_inside_its_box_with_a_shadow_on_the_hidden_side(browser, app_server):
    """The MOU's fields (a markdown table, four columns) are wider than a phone's screen with their words whole:
    the table scrolls sideways inside its own box, and a shadow (covered at either end by the content) marks the
    side with more, since Streamlit hides scrollbars."""
    context = new_phone_context(browser, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(app_server.url("/mou?lang=ko"))
        wait_ready(page)
        table = page.locator('[data-testid="stMarkdownContainer"] table').first
        box = table.evaluate(
            """(t) => ({scroll: t.scrollWidth, width: t.clientWidth, right: t.getBoundingClientRect().right,
              attachment: getComputedStyle(t).backgroundAttachment, image: getComputedStyle(t).backgroundImage})"""
        )
        assert box["scroll"] > box["width"] and box["right"] <= 390
        assert box["attachment"].replace(" ", "") == "local,local,scroll,scroll"
        assert box["image"].count("radial-gradient") == 2
        assert table.evaluate("(t) => { t.scrollLeft = 9999; return t.scrollLeft; }") == box["scroll"] - box["width"]
    finally:
        context.close()
