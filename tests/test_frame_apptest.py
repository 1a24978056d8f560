"""AppTest: every page in both languages, with and without filters, runs without exception inside the frame."""
from __future__ import annotations

import pytest

from components.i18n import t
from tests.apptest_helpers import (
    PAGE_FILES,
    all_text,
    change_control,
    component_event,
    control_values,
    nav_labels,
    open_page,
    stats,
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
    frame = control_values(at, "frame_controls")
    assert frame["lang"] == lang
    canonical = [s for s in ("ai", "cloud", "security") if s in (sector or [])]  # taxonomy order
    assert frame["sector"] == canonical
    assert at.title, "every page has a heading"
    url_sectors = at.query_params.get("sector", [])
    assert ([url_sectors] if isinstance(url_sectors, str) else list(url_sectors)) == canonical


def test_overview_shows_the_headline_figures_with_sources():
    at = open_page("overview", lang="en")
    labels = {m["label"]: m["value"] for m in stats(at)}
    text = all_text(at)
    assert any(v.startswith("US$750.2bn") for v in labels.values()), labels
    assert any(v == "₩1,070tn" for v in labels.values()), labels
    assert "= US$763.9bn (as the article gives it)" in text
    assert labels[t("overview.metric.companies", "en")] == "6"
    assert labels[t("overview.metric.fields", "en")] == "11"
    assert labels[t("overview.metric.agreements", "en")] == "4"
    assert "Source: [Pressian \\(프레시안\\), 2025\\-09\\-26](https://www.pressian.com/pages/articles/2025092614191146073) ¶1" in text


def test_overview_in_korean_formats_numbers_the_korean_way():
    at = open_page("overview", lang="ko")
    values = [m["value"] for m in stats(at)]
    assert "7,502억 달러" in values
    assert "1,070조 원" in values
    assert "= 7,639억 달러 (기사 표기)" in all_text(at)


def test_unknown_query_values_show_a_notice_and_are_dropped():
    at = open_page("delegation", lang="en", sector=["cloud", "<script>alert(1)</script>"], zzz="1")
    assert not at.exception
    notice = at.warning[0].value
    assert "sector\\=\\<script\\>alert\\(1\\)\\</script\\>" in notice  # shown literally, escaped for markdown
    assert "zzz" in notice
    assert control_values(at, "frame_controls")["sector"] == ["cloud"]


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


def test_changing_the_sidebar_controls_writes_the_url():
    at = open_page("mou", lang="en")
    at = change_control(at, "frame_controls", "sector", ["security"])
    assert at.query_params["sector"] in ("security", ["security"])
    assert control_values(at, "frame_controls")["sector"] == ["security"]
    at = change_control(at, "frame_controls", "lang", "ko")
    assert at.query_params["lang"] in ("ko", ["ko"])
    assert nav_labels(at)[0] == t("page.overview", "ko")
    assert at.title[0].value == t("mou.title", "ko")


def test_a_forged_control_event_changes_nothing():
    at = open_page("delegation", lang="en", sector="cloud")
    for name, value in [("sector", ["no-such-sector"]), ("lang", "fr"), ("sector", "cloud"), ("unit", "krw"), ("x", 1)]:
        at = change_control(at, "frame_controls", name, value)
        assert not at.exception
        assert control_values(at, "frame_controls") == {"lang": "en", "sector": ["cloud"]}
        assert at.query_params["sector"] in ("cloud", ["cloud"])
        assert "unit" not in at.query_params and "x" not in at.query_params


def test_a_page_link_switches_page_keeping_language_and_filter():
    at = open_page("overview", lang="ko", sector="cloud")
    labels = nav_labels(at)
    at = component_event(at, "frame_nav", "go", labels.index(t("page.delegation", "ko")))
    assert at.title[0].value == t("delegation.title", "ko")
    assert control_values(at, "frame_controls") == {"lang": "ko", "sector": ["cloud"]}
