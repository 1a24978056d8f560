"""The pre-rendered first screen: what each page's link says before Streamlit loads (components/views/first_screen.py),
as HTML in Streamlit's index.html (components/host/page_html.py), and as the server answers it
(components/host/first_screen.py): the view's title and lead in the link's language, its first rows, the same link
parsing as the page, every text escaped, link previews per view."""
from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route

from components.data.dataset import load_dataset
from components.host.first_screen import FirstScreenMiddleware, first_language, page_of
from components.host.headers import streamlit_index
from components.host.page_html import OVERLAY_ID, SCRIPT_PATH, view_page
from components.i18n import t
from components.views.first_screen import FIRST_ROWS, PAGES, TWIN_ROWS, first_screen, plain, shorten
from components.views.link_state import parse_link
from tests.asgi_client import Client
from tests.hostile_fixture import write_hostile_package

TITLE_KEYS = {page: f"{page}.title" for page in PAGES}
INDEX = streamlit_index()
NAVIGATION = tuple((p, "" if p == "overview" else p) for p in PAGES)


@pytest.fixture(scope="module")
def data():
    return load_dataset()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return load_dataset(write_hostile_package(tmp_path_factory.mktemp("hostile")))


class Parsed(HTMLParser):
    """The page's elements: scripts (src or inline), meta tags, the title text, the overlay's text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self._in_title = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        self.handlers += [name for name in attrs if name.startswith("on")]
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name") or "charset"] = attrs.get("content", "")
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.text.append(data)


def parse(html: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(html)
    return parsed


# -- what each page says ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", PAGES)
def test_each_page_says_its_own_title_and_lead_in_the_links_language(data, page, lang):
    screen = first_screen(data, page, {"lang": [lang]}, None)
    assert screen.lang == lang
    assert screen.title == t(TITLE_KEYS[page], lang)
    assert screen.lead and "**" not in screen.lead and "](" not in screen.lead
    assert screen.app_title == t("app.title", lang)
    assert screen.document_title == f"{screen.title} · {screen.app_title}"
    assert screen.table is not None or screen.facts  # every page shows figures or rows, not only words
    if screen.table is not None:
        assert len(screen.table.rows) == min(TWIN_ROWS, screen.table.total) > 0
        assert all(len(row) == len(screen.table.columns) for row in screen.table.rows)


def test_the_language_comes_from_the_link_then_the_browser(data):
    assert first_screen(data, "network", {}, "ko-KR").lang == "ko"
    assert first_screen(data, "network", {}, "en-US").lang == "en"
    assert first_screen(data, "network", {"lang": ["en"]}, "ko-KR").lang == "en"
    assert first_language("ko-KR,ko;q=0.9,en;q=0.8") == "ko-KR"
    assert first_language("") is None


def test_the_first_screen_reads_a_link_exactly_as_the_page_does(data):
    raw = {"lang": ["ko"], "sector": ["ai", "no-such-sector", "<script>"], "focus": ["initech"], "depth": ["9"],
           "event": ["nope"], "region": ["seoul", "atlantis"]}
    for page in PAGES:
        state, dropped = parse_link(raw, page, data, None)
        assert first_screen(data, page, raw, None).state == state
        assert dropped  # the unknown values are dropped, as the page drops them
    assert first_screen(data, "network", raw, None).state.sectors == ("ai",)


def test_a_sector_filter_narrows_the_first_rows_as_it_narrows_the_page(data):
    every = first_screen(data, "delegation", {"lang": ["en"]}, None).table
    security = first_screen(data, "delegation", {"lang": ["en"], "sector": ["security"]}, None).table
    assert security.total < every.total
    assert [row[0] for row in security.rows] == ["Initech"]


def test_the_timeline_and_regions_tables_follow_their_own_filters(data):
    seoul = first_screen(data, "regions", {"lang": ["en"], "region": ["seoul"]}, None).table
    assert [row[0] for row in seoul.rows] == ["Seoul"]
    everything = first_screen(data, "timeline", {"lang": ["en"]}, None).table
    assert everything.total == len(data.events) and len(everything.rows) == TWIN_ROWS
    busan = first_screen(data, "timeline", {"lang": ["en"], "region": ["busan"]}, None).table
    assert 0 < busan.total < everything.total
    assert all(row[2] == "Busan" for row in busan.rows)


def test_an_unknown_page_is_refused(data):
    with pytest.raises(ValueError):
        first_screen(data, "admin", {}, None)


def test_plain_text_and_shortening():
    assert plain("See **the MOU** and [its source](https://x.example/a) `code`.") == "See the MOU and its source code."
    assert shorten("one two three", 20) == "one two three"
    assert shorten("one two three four", 12) == "one two…"
    assert len(shorten("가" * 300, 200)) == 200


# -- the HTML --------------------------------------------------------------------------------------------------

def test_the_page_is_streamlits_own_with_the_view_in_front(data):
    screen = first_screen(data, "regions", {"lang": ["ko"]}, None)
    html = view_page(INDEX, screen, pages=NAVIGATION)
    parsed = parse(html)
    assert '<html lang="ko">' in html and 'lang="en"' not in html.split("<head>")[0]
    assert parsed.title == f"{t('regions.title', 'ko')} · {t('app.title', 'ko')}"
    assert parsed.meta["og:title"] == t("regions.title", "ko")
    assert parsed.meta["description"] == screen.description == parsed.meta["og:description"]
    assert parsed.meta["twitter:card"] == "summary"
    assert "og:url" not in parsed.meta and "og:image" not in parsed.meta  # no public URL configured
    # Streamlit's bundle is still there; its stylesheet now sits after the overlay, just before #root
    assert [s.get("src") for s in parsed.scripts if s.get("src")] == [
        re.search(r'<script type="module" crossorigin src="([^"]+)"', INDEX).group(1), f"./{SCRIPT_PATH}"]
    overlay, root = html.index(f'id="{OVERLAY_ID}"'), html.index('<div id="root">')
    stylesheet = html.index('rel="stylesheet"')
    assert overlay < stylesheet < root and "</head>" in html[:overlay]
    text = " ".join(parsed.text)
    for row in screen.table.rows[:3]:
        assert row[0] in text
    # links to every page, in the link's language
    for page in PAGES:
        assert t(f"page.{page}", "ko") in text
    # the first rows while Streamlit loads; every row sent (the text twin) when there is no JavaScript
    assert "tbody tr:nth-child(n+9),#krcn-first .krcn-first-nojs{display:none}" in html
    assert "tbody tr:nth-child(n+9){display:table-row}" in html.split('<noscript><p class="krcn-first-note">')[1]
    assert t("first.rows", "ko", shown=8, total=17) in text
    assert 'href="/network?lang=ko"' in html and 'href="/?lang=ko"' in html


def test_the_first_screen_draws_in_the_systems_fonts_only():
    """A font Streamlit's stylesheet declares would hide the first screen's text while its file loads."""
    from components.host.page_html import OVERLAY_CSS

    families = OVERLAY_CSS.split("font:16px/1.55 ")[1].split(";")[0]
    assert "Source Sans" not in families and families.startswith("system-ui") and families.endswith("sans-serif")


def test_links_keep_the_filter_and_the_base_path(data):
    screen = first_screen(data, "network", {"lang": ["en"], "sector": ["ai"]}, None)
    html = view_page(INDEX, screen, pages=NAVIGATION, base_path="dash")
    assert 'href="/dash/mou?lang=en&amp;sector=ai"' in html
    assert 'aria-current="page">Network</a>' in html


def test_previews_use_the_configured_public_address_only(data):
    screen = first_screen(data, "mou", {"lang": ["en"]}, None)
    html = view_page(INDEX, screen, pages=NAVIGATION, page_url="https://krcn.example.org/mou?lang=en&x=\"><b>",
                     image_url="https://krcn.example.org/preview/mou.en.png")
    parsed = parse(html)
    assert parsed.meta["og:url"] == "https://krcn.example.org/mou?lang=en&x=\"><b>"  # escaped in the attribute
    assert parsed.meta["og:image"] == "https://krcn.example.org/preview/mou.en.png"
    assert parsed.meta["twitter:card"] == "summary_large_image"
    assert "b" not in parsed.tags[parsed.tags.index("head"):parsed.tags.index("body")]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_data_and_links_are_text_never_markup(hostile, page):
    raw = {"lang": ["en"], "sector": ["<script>alert(1)</script>"], "focus": ["initech"], "x": ["\"><svg onload=alert(1)>"]}
    for lang in ("en", "ko"):
        raw["lang"] = [lang]
        html = view_page(INDEX, first_screen(hostile, page, raw, None), pages=NAVIGATION)
        parsed = parse(html)
        inline = [s for s in parsed.scripts if not s.get("src")]
        assert len(inline) == INDEX.count("<script>")  # Streamlit's own, none added
        assert not parsed.handlers  # no onerror/onload attribute anywhere
        assert {"img", "svg"}.isdisjoint(parsed.tags)


def test_the_network_first_screen_shows_the_hostile_names_as_text(hostile):
    screen = first_screen(hostile, "network", {"lang": ["ko"], "focus": ["initech"]}, None)
    html = view_page(INDEX, screen, pages=NAVIGATION)
    assert "&lt;script&gt;window.__pwned=&#x27;script&#x27;" in html  # Initech's Korean name, shown as typed


def test_not_streamlits_index_is_refused(data):
    with pytest.raises(ValueError):
        view_page("<html><body>hello</body></html>", first_screen(data, "mou", {}, None), pages=NAVIGATION)


# -- the server's answers ----------------------------------------------------------------------------------------

def test_only_page_addresses_are_pre_rendered():
    assert page_of("/", "") == "overview" and page_of("/network", "") == "network"
    assert page_of("/regions/", "") == "regions"
    assert page_of("/dash/network", "dash") == "network" and page_of("/dash", "/dash/") == "overview"
    for other in ("/network/_stcore/health", "/_stcore/health", "/static/js/index.js", "/app/static/krcn/x.js",
                  "/media/abc.png", "/favicon.png", "/admin", "/network.png", "/network", "/dashboard/mou"):
        assert page_of(other, "dash" if other in ("/network", "/dashboard/mou") else "") is None, other


def _client(data, dataset=None, base="") -> Client:
    async def index(request):
        return HTMLResponse(INDEX, headers={"etag": '"streamlit"'})

    async def other(request):
        return PlainTextResponse("not a page", status_code=404)

    inner = Starlette(routes=[Route("/_stcore/{rest:path}", other), Route("/{path:path}", index)],
                      middleware=[Middleware(FirstScreenMiddleware, dataset=dataset or (lambda: data),
                                             base_path=lambda: base, image_path=lambda p, l: f"/preview/{p}.{l}.png")])
    return Client(inner)


def test_the_server_answers_a_page_with_its_first_screen_whatever_the_client_accepts(data):
    client = _client(data)
    for agent in ("facebookexternalhit/1.1", "Slackbot-LinkExpanding 1.0", "kakaotalk-scrap/1.0", "Mozilla/5.0"):
        answer = client.get("/economy?lang=ko", headers={"user-agent": agent, "accept": "*/*"})
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "text/html; charset=utf-8"
        assert parse(answer.text).meta["og:title"] == t("economy.title", "ko")
        assert answer.headers["etag"] != '"streamlit"' and answer.headers["cache-control"] == "no-cache"
    korean = client.get("/mou", headers={"accept-language": "ko-KR,ko;q=0.9"})
    assert parse(korean.text).meta["og:title"] == t("mou.title", "ko")


def test_the_server_revalidates_and_answers_head(data):
    client = _client(data)
    first = client.get("/timeline?lang=en")
    again = client.get("/timeline?lang=en", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    head = client.head("/timeline?lang=en")
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == first.headers["etag"]
    assert int(head.headers["content-length"]) == len(first.content)


def test_absolute_preview_addresses_come_from_the_configuration_never_the_host(data, monkeypatch):
    client = _client(data)
    monkeypatch.delenv("KRCN_PUBLIC_URL", raising=False)
    bare = parse(client.get("/regions?lang=en", headers={"host": "evil.example"}).text)
    assert "og:url" not in bare.meta and "og:image" not in bare.meta
    monkeypatch.setenv("KRCN_PUBLIC_URL", "https://krcn.example.org/dash/")
    meta = parse(client.get("/regions?lang=en&sector=ai&bogus=1", headers={"host": "evil.example"}).text).meta
    assert meta["og:url"] == "https://krcn.example.org/dash/regions?lang=en&sector=ai"
    assert meta["og:image"] == "https://krcn.example.org/dash/preview/regions.en.png"


def test_a_failing_pre_render_serves_streamlits_page_and_logs_it(data, caplog):
    def broken():
        raise RuntimeError("the data store is down")

    with caplog.at_level(logging.ERROR, logger="kr_cn_dashboard"):
        answer = _client(data, dataset=broken).get("/network")
    assert answer.status_code == 200 and answer.text == INDEX
    assert "first screen of /network failed" in caplog.text


def test_other_addresses_pass_through_untouched(data):
    client = _client(data)
    assert client.get("/_stcore/health").text == "not a page"
    assert client.get("/static/js/x.js").text == INDEX  # the inner app's answer, not a pre-render


def test_the_server_knows_exactly_the_frames_pages():
    """components/host keeps its own list (it must not import the Streamlit side): it must match the frame's."""
    from components.host.first_screen import PAGE_PATHS
    from components.web.frame import PAGES as FRAME_PAGES

    assert PAGE_PATHS == {spec.url_path: spec.id for spec in FRAME_PAGES}
