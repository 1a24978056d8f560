"""AppTest: every page in both languages, with and without filters, runs without exception inside the frame; the
frame's widgets show the URL's values and write a visitor's change to the URL as ids."""
from __future__ import annotations

import pytest

from components.i18n import t
from tests.apptest_helpers import (
    PAGE_FILES, all_text, captions, metrics, nav_labels, open_lazy_expanders, open_page, page_links_shown, query,
    share_link,
)


@pytest.mark.parametrize("sector", [None, ["security"], ["cloud", "ai"]])
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_every_page_runs_in_both_languages_with_filters(page, lang, sector):
    params = {"lang": lang}
    if sector:
        params["sector"] = sector
    at = open_page(page, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == []
    # the frame: page links in the language, language switch, sector filter showing the URL's sectors
    assert nav_labels(at) == [t(f"page.{p}", lang) for p in PAGE_FILES]
    assert at.radio(key="lang").value == lang
    assert at.radio(key="lang").options == [t("lang.ko", lang), t("lang.en", lang)]
    canonical = [s for s in ("ai", "cloud", "security") if s in (sector or [])]  # taxonomy order
    assert at.multiselect(key="sector").value == canonical
    assert at.title, "every page has a heading"
    assert query(at).get("sector", []) == canonical
    # every page link carries the language (when not the browser's) and the filter
    expected = "&".join(([f"lang={lang}"] if lang != "en" else []) + [f"sector={s}" for s in canonical])
    links = at.sidebar.get("page_link")
    assert [link.proto.query_string for link in links if link.proto.page != {"overview": ""}.get(page, page)] == [expected] * (len(PAGE_FILES) - 1)
    # the share box pins the language
    assert share_link(at).split("?")[1].startswith(f"lang={lang}")


def test_overview_shows_the_headline_figures_with_sources():
    at = open_page("overview", lang="en")
    shown = metrics(at)
    text = all_text(at)
    assert any(v.startswith("US$750.2bn") for v in shown.values()), shown
    assert any(v == "₩1,070tn" for v in shown.values()), shown
    assert "= US$763.9bn (as the article gives it)" in text.replace("\\", "")
    assert shown[t("overview.metric.companies", "en")] == "6"
    assert shown[t("overview.metric.fields", "en")] == "11"
    assert shown[t("overview.metric.agreements", "en")] == "4"
    assert "Source: [Pressian \\(프레시안\\), 2025\\-09\\-26](https://www.pressian.com/pages/articles/2025092614191146073) ¶1" in text


def test_overview_in_korean_formats_numbers_the_korean_way():
    at = open_page("overview", lang="ko")
    values = list(metrics(at).values())
    assert "7,502억 달러" in values
    assert "1,070조 원" in values
    assert "= 7,639억 달러 (기사 표기)" in all_text(at).replace("\\", "")


def test_overview_cards_lead_to_every_page_keeping_language_and_filter():
    at = open_page("overview", lang="ko", sector="cloud")
    # the first screen offers the regions view under the title; the cards at the end lead to every page
    assert page_links_shown(at) == [
        {"label": t("overview.regions.link", "ko"), "path": "regions", "query": "lang=ko&sector=cloud"},
        *({"label": t(f"page.{page}", "ko"), "path": page, "query": "lang=ko&sector=cloud"}
          for page in ("network", "regions", "delegation", "economy", "mou", "sources")),
    ]


def test_unknown_query_values_show_a_notice_and_are_dropped():
    at = open_page("delegation", lang="en", sector=["cloud", "<script>alert(1)</script>"], zzz="1")
    assert not at.exception
    notice = at.warning[0].value
    assert "sector\\=\\<script\\>alert\\(1\\)\\</script\\>" in notice  # shown literally, escaped for markdown
    assert "zzz" in notice
    assert at.multiselect(key="sector").value == ["cloud"]
    assert query(at) == {"sector": ["cloud"]}


def test_broken_data_shows_one_clear_message_not_a_traceback(tmp_path, monkeypatch):
    from tests.package_fixture import TINY, write_package

    rows = [dict(r) for r in TINY["entities"]]
    rows[1]["sectors"] = "clod"
    write_package(tmp_path, {"entities": rows})
    monkeypatch.setenv("KRCN_DATA_DIR", str(tmp_path))
    for lang, expected in [
        ("en", "entities.csv, row 3, column 'sectors': 'clod' is not an id in sectors.csv."),
        ("ko", "entities.csv, 3행, 'sectors' 열: 'clod'은(는) sectors.csv에 없는 id입니다."),
    ]:
        at = open_page("delegation", lang=lang)
        assert not at.exception
        assert len(at.error) == 1
        assert t("error.data.title", lang) in at.error[0].value
        assert expected.replace("'", "'") in at.error[0].value.replace("\\", "")


def test_changing_the_sidebar_widgets_writes_ids_to_the_url():
    at = open_page("mou", lang="en")
    at.multiselect(key="sector").set_value(["security", "ai"]).run()
    assert query(at) == {"sector": ["ai", "security"]}  # ids, in the taxonomy's order
    assert at.multiselect(key="sector").value == ["ai", "security"]
    at.radio(key="lang").set_value("ko").run()
    assert query(at) == {"lang": ["ko"], "sector": ["ai", "security"]}  # the id, not the label "한국어"
    assert nav_labels(at)[0] == t("page.overview", "ko")
    assert at.title[0].value == t("mou.title", "ko")
    at.radio(key="lang").set_value("en").run()
    assert "lang" not in query(at)  # the browser's language is the default: left out
    at.multiselect(key="sector").set_value([]).run()
    assert query(at) == {}


def test_a_forged_value_changes_nothing():
    # in the URL: dropped with a notice; in the widget's state before a run: the URL's value wins
    at = open_page("delegation", lang="en", sector="cloud")
    for param, value in [("sector", "no-such-sector"), ("lang", "fr"), ("unit", "krw"), ("x", "1")]:
        at.query_params[param] = value
        at.run()
        assert not at.exception
        assert at.multiselect(key="sector").value == ([] if param == "sector" else ["cloud"])
        assert "unit" not in query(at) and "x" not in query(at) and "lang" not in query(at)
        at.query_params.clear()
        at.query_params["sector"] = "cloud"
        at.run()
    at.session_state["sector"] = ["no-such-sector"]
    at.run()
    assert not at.exception
    assert at.multiselect(key="sector").value == ["cloud"] and query(at) == {"sector": ["cloud"]}


def test_the_page_links_keep_language_and_filter_and_page_level_state_stays_with_its_page():
    at = open_page("network", lang="ko", sector="cloud", focus="initech")
    links = {link.proto.page: link.proto.query_string for link in at.sidebar.get("page_link")}
    assert links == {
        "": "lang=ko&sector=cloud", "network": "lang=ko&sector=cloud&focus=initech",
        "delegation": "lang=ko&sector=cloud", "economy": "lang=ko&sector=cloud", "mou": "lang=ko&sector=cloud",
        "regions": "lang=ko&sector=cloud", "timeline": "lang=ko&sector=cloud", "story": "lang=ko&sector=cloud",
        "sources": "lang=ko&sector=cloud",
    }
    at.switch_page("pages/delegation.py")
    at.query_params.clear()
    for key, values in {"lang": "ko", "sector": "cloud"}.items():
        at.query_params[key] = values
    at.run()
    assert at.title[0].value == t("delegation.title", "ko")
    assert at.radio(key="lang").value == "ko" and at.multiselect(key="sector").value == ["cloud"]


def test_cite_this_view_names_the_view_the_dashboard_the_data_date_and_the_link():
    at = open_page("network", lang="en", sector=["cloud"], focus="initech")
    from tests.apptest_helpers import citation

    text = citation(at)
    assert text.startswith("“Cloud · Initech")
    assert "(Network). Korea–China Business Linkage Dashboard. Data last changed 20" in text
    assert share_link(at) in text and "(accessed 20" in text
    ko = citation(open_page("overview", lang="ko"))
    assert ko.startswith("「개요」") or "한중 비즈니스 연결 대시보드" in ko


def _expander_labels(at) -> list[str]:
    return [e.label for e in at.sidebar.expander]


def test_the_event_filter_is_folded_under_its_summary_until_opened():
    # its list of every event (20-23 KB) is sent only while open, not on every run of every page
    at = open_page("overview", lang="en")
    assert t("event.summary.default", "en") in _expander_labels(at)
    assert not [m for m in at.sidebar.multiselect if m.key == "event"]
    ko = open_page("overview", lang="ko")
    assert t("event.summary.default", "ko") in _expander_labels(ko)


def test_a_link_that_chose_events_opens_the_event_filter_with_them():
    at = open_page("overview", lang="en", event=["gyeonggi-chongqing-friendship-2025"])
    assert t("event.summary.chosen", "en", count=1) in _expander_labels(at)
    assert at.multiselect(key="event").value == ["gyeonggi-chongqing-friendship-2025"]


def test_the_event_filter_is_in_the_sidebar_and_narrows_every_page():
    at = open_lazy_expanders(open_page("network", lang="en"))
    events = at.multiselect(key="event")
    assert events.value == [] and "gyeonggi-chongqing-friendship-2025" in events.options or len(events.options) > 12
    events.set_value(["gyeonggi-chongqing-friendship-2025"]).run()
    assert query(at)["event"] == ["gyeonggi-chongqing-friendship-2025"]
    assert not at.exception
    shown = all_text(at)
    assert "Chongqing" in shown


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_sidebar_says_how_many_events_over_which_years_on_every_page_and_event(lang):
    from components.data.dataset import load_dataset

    events = load_dataset().events
    dated = events[events["date_start"] != "unknown"]  # an undated event has no year to count
    years = (dated["date_start"].str[:4].min(), max(dated["date_start"].str[:4].max(), dated["date_end"].str[:4].max()))
    line = t("app.subtitle", lang, count=len(events), first=years[0], last=years[1])
    for at in (open_page("overview", lang=lang), open_page("sources", lang=lang, event="gyeonggi-liaoning-sister-1993")):
        assert line in captions(at, sidebar=True)  # the whole package, whatever events the link chose


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_no_select_box_shows_streamlits_english_placeholder_on_a_korean_page(page):
    at = open_page(page, lang="ko", open="gyeonggi-chongqing-friendship-2025") if page == "timeline" else open_page(page, lang="ko")
    boxes = [*at.selectbox, *at.multiselect]
    assert boxes
    for box in boxes:
        assert box.proto.placeholder and box.proto.placeholder not in ("Choose an option", "Choose options"), box.key
    if page == "network":
        assert at.selectbox(key="focus").proto.placeholder == t("network.focus.none", "ko")
