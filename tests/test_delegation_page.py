"""AppTest of /delegation inside the frame: both languages, with and without the sector filter."""
from __future__ import annotations

import pytest

from components.i18n import t
from tests.apptest_helpers import all_text, bar_charts, download_buttons, headings, open_page, page_links_shown, tables

SIX_EN = ["NHN Cloud", "Megazone Cloud", "Hancom", "AIworks", "Hypernology", "Initech"]
HOSTS_EN = ["Tencent (腾讯)", "Tencent Cloud (腾讯云)"]
SIX_KO = ["NHN클라우드", "메가존클라우드", "한글과컴퓨터", "에이아이웍스", "하이퍼놀로지", "이니텍"]


def charts(at) -> list[dict]:
    return bar_charts(at)


def values(chart: dict) -> list:
    return [bar["value"] for bar in chart["bars"]]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_page_shows_table_profiles_and_both_charts(lang):
    at = open_page("delegation", expand=True, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("delegation.title", lang)
    assert headings(at) == [
        t("delegation.table.heading", lang),
        t("delegation.sectors.heading", lang),
        t("delegation.location.heading", lang),
        t("delegation.profiles.heading", lang),
    ]
    table = tables(at)[0]
    names = SIX_EN + HOSTS_EN if lang == "en" else SIX_KO + ["텐센트 (腾讯)", "텐센트 클라우드 (腾讯云)"]
    assert table[t("delegation.col.name", lang)].tolist() == names
    assert table[t("delegation.col.role", lang)].tolist() == [t("delegation.role.delegation", lang)] * 6 + [
        t("delegation.role.host", lang)
    ] * 2
    assert (table == "").sum().sum() == 0  # nothing blank: unknown is said
    assert (table == t("unknown", lang)).sum().sum() > 0
    assert len(at.main.expander) == 8 + 2  # a profile per company, plus the two chart tables
    sector_chart, location_chart = charts(at)
    assert values(sector_chart) == [4, 2, 1, 1]
    assert values(location_chart) == [2, 2, 2]
    assert sector_chart["axis"]["ticks"][-1] == {"value": 4, "text": "4"}
    assert len(download_buttons(at)) == 3
    assert page_links_shown(at)  # the network links and the claims-ledger link


def test_english_profiles_link_facts_to_sources_and_the_network():
    at = open_page("delegation", expand=True, lang="en")
    text = all_text(at)
    # a fact and its source in one table row (a link to the filing, with its locator)
    hq = next(line for line in text.splitlines() if line.startswith("| Headquarters | Hancom Tower"))
    assert "49 Daewangpangyo\\-ro 644beon\\-gil" in hq
    assert "(https://kind.krx.co.kr/" in hq and hq.endswith(" company overview |")
    # an inferred fact is marked, a missing one says unknown, one not found says what was found
    assert "| Parent / owner | Hancom group" in text and "\\(inferred\\)" in text
    assert "| Founded | unknown | Not in any source consulted |" in text
    assert "| Headquarters | Not found \\(Gyeonggi and the article only call it a Pangyo\\-cluster firm\\)" in text
    links = page_links_shown(at)
    network = [p for p in links if p["label"].startswith("See ") and p["label"].endswith(" in the network")]
    assert len(network) == 8
    assert network[0] == {"label": "See NHN Cloud in the network", "path": "network", "query": "focus=nhn-cloud"}
    sources = [p for p in links if p["label"] == t("delegation.claim.link", "en")]
    assert len(sources) == 1 and sources[0]["path"] == "sources"
    # the claims-ledger entry on 'all six are Pangyo firms'
    assert "only NHN Cloud and Hancom are confirmed in Pangyo" in text.replace("\\", "")


def test_korean_page_reads_in_korean():
    at = open_page("delegation", expand=True, lang="ko")
    text = all_text(at)
    assert "| 본사 | 경기 성남시 분당구 대왕판교로644번길 49 한컴타워" in text.replace("\\", "")
    assert "(추정)" in text.replace("\\", "")
    assert "출처: " in text
    table = tables(at)[0]
    assert table.loc[table["회사"] == "이니텍", "설립"].item() == "알 수 없음"
    location = charts(at)[1]["bars"]
    assert [bar["label"] for bar in location] == ["판교", "서울", "알 수 없음"]
    assert [bar["hatched"] for bar in location] == [False, False, True]  # unknown reads without colour


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_security_keeps_initech_alone(lang):
    at = open_page("delegation", expand=True, lang=lang, sector="security")
    assert not at.exception
    table = tables(at)[0]
    assert table[t("delegation.col.name", lang)].tolist() == (["Initech"] if lang == "en" else ["이니텍"])
    assert len(at.main.expander) == 1 + 2
    sector_chart, location_chart = charts(at)
    assert values(sector_chart) == [1]
    assert values(location_chart) == [1]
    assert t("delegation.filter.count", lang, shown=1, total=8) in at.info[0].value


def test_cloud_keeps_nhn_megazone_and_the_tencent_cloud_host():
    at = open_page("delegation", expand=True, lang="en", sector="cloud")
    table = tables(at)[0]
    assert table["Company"].tolist() == ["NHN Cloud", "Megazone Cloud", "Tencent Cloud (腾讯云)"]
    sectors = tables(at)[1]
    assert sectors.values.tolist() == [
        ["Artificial intelligence", 1, "NHN Cloud"],
        ["Cloud", 2, "NHN Cloud, Megazone Cloud"],
    ]
    note = next(m.value for m in at.markdown if m.value.startswith(":small[A company in two sectors"))
    assert "NHN Cloud" in note


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_filter_that_keeps_nothing_says_so(lang):
    at = open_page("delegation", expand=True, lang=lang, sector="tourism")
    assert not at.exception
    assert [w.value for w in at.warning].count(t("delegation.none", lang)) >= 1
    assert not charts(at)
    assert not tables(at)


def test_hostile_names_show_literally(tmp_path, monkeypatch):
    """Data text never becomes markdown, HTML or a link: names and facts are escaped everywhere they appear."""
    import csv

    from tests.package_fixture import copy_real_package

    copy_real_package(tmp_path)
    hostile = "Han[x](javascript:alert(1))<img src=x onerror=alert(1)>:red[X]**b**"
    path = tmp_path / "entities.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == "hancom":
            row["name_en"] = hostile
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("KRCN_DATA_DIR", str(tmp_path))
    at = open_page("delegation", expand=True, lang="en")
    assert not at.exception, [e.value for e in at.exception]
    text = all_text(at) + "\n".join(e.proto.label for e in at.expander)
    escaped = "Han\\[x\\]\\(javascript\\:alert\\(1\\)\\)\\<img src\\=x onerror\\=alert\\(1\\)\\>\\:red\\[X\\]\\*\\*b\\*\\*"
    assert escaped in text
    assert "](javascript" not in text
    assert tables(at)[0]["Company"].tolist()[2] == hostile  # a table cell is plain text already
    bars = charts(at)[0]["bars"]
    # drawn with textContent: the name shows as typed in the bar's text and hover, never as markup
    assert any("<img src=x onerror=alert(1)>" in bar["text"] and "<img src=x onerror=alert(1)>" in bar["hover"] for bar in bars)
    link = [p["label"] for p in page_links_shown(at) if p["label"].startswith("See Han")]
    assert link == [f"See {hostile} in the network"]  # drawn with textContent: shown as typed, never markup
