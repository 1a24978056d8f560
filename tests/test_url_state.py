"""URL state: parse (invalid dropped, with notices) and serialise (defaults left out), table-driven."""
from dataclasses import replace

import pytest

from components.views.url_state import (
    Dropped,
    ViewState,
    default_lang,
    page_href,
    parse_query,
    query_string,
    state_changes,
    to_query,
)

SECTORS = ["ai", "cloud", "security", "trade"]
VERDICTS = ["consistent", "outdated", "incorrect"]
FOCUS = {"initech", "hancom", "clause:agreement-1"}


def parse(params, page="overview", locale=None):
    return parse_query(params, page=page, sector_ids=SECTORS, focus_ids=FOCUS, verdict_ids=VERDICTS, locale=locale)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("ko-KR", "ko"), ("ko", "ko"), ("KO-kr", "ko"), ("en-US", "en"), ("zh-CN", "en"), (None, "en"), ("", "en")],
)
def test_default_lang_follows_browser_locale(locale, expected):
    assert default_lang(locale) == expected


@pytest.mark.parametrize(
    ("params", "page", "state", "dropped"),
    [
        ({}, "overview", ViewState("en"), []),
        ({"lang": ["ko"]}, "overview", ViewState("ko"), []),
        ({"lang": ["fr"]}, "overview", ViewState("en"), [Dropped("lang", "fr")]),
        ({"lang": ["ko", "en"]}, "overview", ViewState("ko"), [Dropped("lang", "en")]),
        # multi-value kept in taxonomy order, duplicates merged, unknown dropped, empty ignored
        ({"sector": ["security", "ai", "ai", "nope", ""]}, "delegation", ViewState("en", ("ai", "security")), [Dropped("sector", "nope")]),
        ({"focus": ["initech"], "depth": ["2"]}, "network", ViewState("en", focus="initech", depth=2), []),
        ({"focus": ["clause:agreement-1"]}, "network", ViewState("en", focus="clause:agreement-1"), []),
        ({"focus": ["<script>"], "depth": ["9"]}, "network", ViewState("en"), [Dropped("focus", "<script>"), Dropped("depth", "9")]),
        ({"fade": ["1"]}, "network", ViewState("en", fade=True), []),
        ({"fade": ["yes"]}, "network", ViewState("en"), [Dropped("fade", "yes")]),
        ({"unit": ["krw"]}, "economy", ViewState("en", unit="krw"), []),
        ({"unit": ["eur"]}, "economy", ViewState("en"), [Dropped("unit", "eur")]),
        # the claims ledger's verdict filter on /sources: repeatable, in the verdicts' order, unknown dropped
        ({"verdict": ["incorrect", "outdated", "maybe"]}, "sources", ViewState("en", verdicts=("outdated", "incorrect")),
         [Dropped("verdict", "maybe")]),
        ({"verdict": ["outdated"]}, "mou", ViewState("en"), []),
        # page-level parameters of another page are dropped quietly (a link from /network to /economy)
        ({"unit": ["krw"], "focus": ["initech"]}, "delegation", ViewState("en"), []),
        # unknown keys get a notice; tracking parameters added by social networks do not
        ({"x": ["1"], "utm_source": ["t"], "fbclid": ["abc"]}, "overview", ViewState("en"), [Dropped("x")]),
    ],
)
def test_parse_query(params, page, state, dropped):
    assert parse(params, page) == (state, dropped)


def test_parse_without_lang_uses_locale():
    assert parse({}, locale="ko-KR")[0].lang == "ko"
    assert parse({"lang": ["en"]}, locale="ko-KR")[0].lang == "en"


@pytest.mark.parametrize(
    ("state", "page", "locale", "expected"),
    [
        (ViewState("en"), "overview", "en-US", {}),
        (ViewState("ko"), "overview", "ko-KR", {}),  # default for that browser: left out
        (ViewState("ko"), "overview", "en-US", {"lang": ["ko"]}),
        (ViewState("en"), "overview", "ko-KR", {"lang": ["en"]}),
        (ViewState("en", ("ai", "cloud")), "mou", None, {"sector": ["ai", "cloud"]}),
        (ViewState("en", focus="initech"), "network", None, {"focus": ["initech"]}),
        (ViewState("en", focus="initech", depth=3, fade=True), "network", None, {"focus": ["initech"], "depth": ["3"], "fade": ["1"]}),
        (ViewState("en", depth=3), "network", None, {}),  # depth means nothing without a focus
        (ViewState("en", focus="initech", unit="krw"), "economy", None, {"unit": ["krw"]}),
        (ViewState("en", focus="initech", unit="krw"), "overview", None, {}),
    ],
)
def test_to_query_leaves_defaults_out(state, page, locale, expected):
    assert to_query(state, page=page, locale=locale) == expected


def test_shared_links_pin_the_language():
    assert to_query(ViewState("en"), page="overview", locale="en-US", pin_lang=True) == {"lang": ["en"]}


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("network", {"lang": ["ko"], "sector": ["ai", "security"], "focus": ["hancom"], "depth": ["2"], "fade": ["1"]}),
        ("economy", {"sector": ["trade"], "unit": ["krw"]}),
        ("overview", {}),
    ],
)
def test_round_trip(page, params):
    state, dropped = parse(params, page)
    assert dropped == []
    assert to_query(state, page=page) == params


def test_query_string_and_href():
    assert query_string({}) == ""
    assert query_string({"sector": ["cloud", "ai"], "lang": ["ko"]}) == "?sector=cloud&sector=ai&lang=ko"
    assert page_href("network", {"focus": ["initech"]}) == "/network?focus=initech"
    assert page_href("", {}) == "/"
    assert page_href("mou", {}, base_path="/dash/") == "/dash/mou"


def test_dropped_value_shown_short_and_printable():
    shown = Dropped("sector", "a" * 100 + "\x00").shown_value
    assert len(shown) == 40 and shown.endswith("…")
    assert Dropped("x", "ab\x07").shown_value == "ab?"


def test_verdicts_round_trip_on_sources_only():
    state = ViewState("en", ("cloud",), verdicts=("outdated", "incorrect"))
    assert to_query(state, page="sources", locale="en-US") == {"sector": ["cloud"], "verdict": ["outdated", "incorrect"]}
    assert to_query(state, page="mou", locale="en-US") == {"sector": ["cloud"]}
    assert parse(to_query(state, page="sources", locale="en-US"), "sources", locale="en-US") == (state, [])


@pytest.mark.parametrize(
    ("param", "value", "changes"),
    [
        ("lang", "ko", {"lang": "ko"}),
        ("sector", ["ai", "cloud"], {"sectors": ("ai", "cloud")}),
        ("sector", [], {"sectors": ()}),
        ("focus", "initech", {"focus": "initech"}),
        ("focus", None, {"focus": None}),
        ("depth", "3", {"depth": 3}),
        ("fade", True, {"fade": True}),
        ("unit", "krw", {"unit": "krw"}),
        ("verdict", ("outdated",), {"verdicts": ("outdated",)}),
    ],
)
def test_state_changes_maps_a_url_parameter_to_the_view_state(param, value, changes):
    assert state_changes(param, value) == changes


def test_state_changes_refuses_an_unknown_parameter():
    with pytest.raises(KeyError, match="colour"):
        state_changes("colour", "red")


EVENTS = ["chongqing-2025", "seed-mou", "seed-visit"]
REGIONS = ["gangwon", "gyeonggi"]
COUNTERPARTS = ["anhui", "chongqing"]


def parse_events(params, page):
    return parse_query(params, page=page, sector_ids=SECTORS, event_ids=EVENTS, region_ids=REGIONS,
                       counterpart_ids=COUNTERPARTS)


@pytest.mark.parametrize(
    ("params", "page", "state", "dropped"),
    [
        # event is shared by every page, kept in data order, unknown dropped
        ({"event": ["seed-visit", "chongqing-2025", "nope"]}, "network",
         ViewState("en", events=("chongqing-2025", "seed-visit")), [Dropped("event", "nope")]),
        ({"event": ["seed-mou"], "sector": ["ai"]}, "sources", ViewState("en", ("ai",), events=("seed-mou",)), []),
        # the timeline's own parameters
        ({"region": ["gyeonggi", "x"], "counterpart": ["chongqing"], "open": ["seed-mou"]}, "timeline",
         ViewState("en", regions=("gyeonggi",), counterparts=("chongqing",), open="seed-mou"), [Dropped("region", "x")]),
        ({"open": ["<script>"]}, "timeline", ViewState("en"), [Dropped("open", "<script>")]),
        # another page leaves them out quietly (they belong to /timeline), as with focus or unit
        ({"region": ["gyeonggi"], "open": ["seed-mou"]}, "network", ViewState("en"), []),
    ],
)
def test_event_and_timeline_parameters(params, page, state, dropped):
    assert parse_events(params, page) == (state, dropped)


def test_event_and_timeline_parameters_serialise_canonically():
    state = ViewState("en", events=("chongqing-2025",), regions=("gyeonggi",), counterparts=("anhui",), open="seed-mou")
    assert to_query(state, page="timeline") == {
        "event": ["chongqing-2025"], "region": ["gyeonggi"], "counterpart": ["anhui"], "open": ["seed-mou"]}
    assert to_query(state, page="delegation") == {"event": ["chongqing-2025"]}
    assert state_changes("event", ["seed-mou"]) == {"events": ("seed-mou",)}
    assert state_changes("open", "seed-mou") == {"open": "seed-mou"}


@pytest.mark.parametrize(
    ("params", "step", "dropped"),
    [({}, None, []), ({"step": ["3"]}, 3, []), ({"step": ["1"]}, None, []),  # the first step is the default
     ({"step": ["0"]}, None, [Dropped("step", "0")]), ({"step": ["12"]}, None, [Dropped("step", "12")]),
     ({"step": ["two", "4"]}, 4, [Dropped("step", "two")])],
)
def test_story_step(params, step, dropped):
    state, lost = parse_query(params, page="story", sector_ids=SECTORS, step_numbers=range(1, 10))
    assert (state.step, lost) == (step, dropped)
    assert to_query(state, page="story") == ({"step": [str(step)]} if step else {})
    assert to_query(state, page="network") == {}


@pytest.mark.parametrize(
    ("param", "expected"),
    [("lang", "ko"), ("sector", ["ai", "cloud"]), ("focus", "initech"), ("depth", 2), ("fade", True), ("unit", "krw"),
     ("verdict", ["outdated"])],
)
def test_state_value_is_what_a_widget_shows_and_state_changes_inverts_it(param, expected):
    from components.views.url_state import state_value

    state = ViewState("ko", ("ai", "cloud"), "initech", 2, True, "krw", ("outdated",))
    assert state_value(state, param) == expected
    field = {"sector": "sectors", "verdict": "verdicts"}.get(param, param)
    assert replace(ViewState("en"), **state_changes(param, expected)) == replace(ViewState("en"), **{field: getattr(state, field)})
