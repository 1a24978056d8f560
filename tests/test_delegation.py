"""/delegation builders: exact tables, counts and figures on a tiny package written in code, plus spot checks
against the real data."""
from __future__ import annotations

import pytest

from components.views import delegation as d
from components.data.dataset import load_dataset
from components.data.export import csv_bytes
from tests.package_fixture import TINY, write_package

SRC = "src-a"


def entity(eid, name_en, name_ko, sectors, role, name_zh="", kind="company", country="KR"):
    return {
        "id": eid, "kind": kind, "country": country, "name_ko": name_ko, "name_en": name_en, "name_zh": name_zh,
        "sectors": sectors, "role": role, "description_ko": f"{name_ko} 설명", "description_en": f"About {name_en}",
        "confidence": "seen", "source_ids": SRC, "locator": "¶9",
    }


def attr(eid, attribute, en, ko=None, confidence="seen", sources=SRC, locator=""):
    return {"entity_id": eid, "attribute": attribute, "value_ko": ko or en, "value_en": en,
            "confidence": confidence, "source_ids": sources, "locator": locator}


TABLES = {
    "sectors": TINY["sectors"] + [
        {"id": "security", "name_ko": "보안", "name_en": "Security", "color": "#CC79A7", "order": "3"},
    ],
    "entities": [
        TINY["entities"][0],  # gyeonggi: a region, no role: never in the delegation tables
        entity("acme-cloud", "Acme Cloud", "에이크미", "cloud;ai", "delegation"),
        entity("bolt-sec", "Bolt <b>Sec</b>", "볼트", "security", "delegation"),
        entity("dyn-ai", "Dyn AI", "다인", "ai", "delegation"),
        entity("tengu", "Tengu", "텐구", "cloud", "host", name_zh="天狗", country="CN"),
    ],
    "attributes": [
        attr("acme-cloud", "business", "Cloud hosting", "클라우드 호스팅"),
        attr("acme-cloud", "headquarters", "Pangyo office", "판교 사옥", locator="p. 2"),
        attr("acme-cloud", "location_class", "Pangyo", "판교"),
        attr("acme-cloud", "founded", "unknown", "unknown", confidence="not found", sources=""),
        attr("acme-cloud", "parent", "Acme Group", "에이크미 그룹", confidence="inferred"),
        attr("bolt-sec", "location_class", "Seoul", "서울", confidence="inferred"),
        attr("bolt-sec", "headquarters", "Not found (called a Pangyo firm)", "확인 안 됨 (판교 기업으로만 소개)",
             confidence="not found"),
        attr("bolt-sec", "leader", "CEO Kim", "대표 김"),
        attr("tengu", "location_class", "China", "중국"),
    ],
    "relations": [],
    "claims": [
        {"id": "claim-1", "claim_ko": "1위", "claim_en": "No. 1", "verdict": "needs_context", "note_ko": "도시 중 1위",
         "note_en": "First among cities", "entity_ids": "gyeonggi", "source_ids": SRC, "locator": "¶1"},
        {"id": "claim-all-pangyo", "claim_ko": "판교 기업들", "claim_en": "Pangyo firms", "verdict": "needs_context",
         "note_ko": "일부만 판교", "note_en": "Only some are in Pangyo", "entity_ids": "acme-cloud;bolt-sec;dyn-ai",
         "source_ids": SRC, "locator": "¶7"},
    ],
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return load_dataset(write_package(tmp_path_factory.mktemp("delegation"), TABLES))


@pytest.fixture(scope="module")
def real():
    return load_dataset()


# --- tiny package: exact results ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sectors", "expected"),
    [
        ((), ["acme-cloud", "bolt-sec", "dyn-ai", "tengu"]),  # delegation in file order, then the hosts
        (("security",), ["bolt-sec"]),
        (("cloud",), ["acme-cloud", "tengu"]),  # kept when any of its sectors is chosen
        (("ai", "security"), ["acme-cloud", "bolt-sec", "dyn-ai"]),
        (("no-such-sector",), []),
    ],
)
def test_companies_follow_the_sector_filter(tiny, sectors, expected):
    assert list(d.companies(tiny, sectors)["id"]) == expected


def test_company_table_in_english_exact(tiny):
    table = d.company_table(tiny, "en")
    assert list(table.columns) == [
        "Company", "Korean name", "Role", "Sectors", "What it does", "Headquarters", "Founded",
        "Listing / ticker", "Parent / owner", "Who attended",
    ]
    assert table.values.tolist() == [
        ["Acme Cloud", "에이크미", "Delegation", "Cloud, AI",
         "Cloud hosting", "Pangyo office", "unknown", "unknown", "Acme Group (inferred)", "unknown"],
        ["Bolt <b>Sec</b>", "볼트", "Delegation", "Security", "unknown", "unknown", "unknown", "unknown", "unknown",
         "unknown"],
        ["Dyn AI", "다인", "Delegation", "AI", "unknown", "unknown", "unknown", "unknown", "unknown", "unknown"],
        ["Tengu (天狗)", "텐구", "Host (Tencent side)", "Cloud", "unknown", "unknown", "unknown", "unknown", "unknown",
         "unknown"],
    ]


def test_company_table_in_korean_marks_inferred_and_unknown(tiny):
    table = d.company_table(tiny, "ko", ("cloud",))
    assert list(table.columns[:2]) == ["회사", "영문 이름"]
    assert table.values.tolist() == [
        ["에이크미", "Acme Cloud", "대표단", "클라우드, 인공지능", "클라우드 호스팅", "판교 사옥", "알 수 없음", "알 수 없음",
         "에이크미 그룹 (추정)", "알 수 없음"],
        ["텐구 (天狗)", "Tengu", "주최 (텐센트 측)", "클라우드", "알 수 없음", "알 수 없음", "알 수 없음", "알 수 없음",
         "알 수 없음", "알 수 없음"],
    ]


def test_no_cell_is_ever_blank(tiny):
    for lang in ("ko", "en"):
        table = d.company_table(tiny, lang)
        assert all(str(v).strip() for v in table.values.ravel())


def test_facts_keep_sources_and_what_a_not_found_row_says(tiny):
    hq = d.fact(tiny, "acme-cloud", "headquarters", "en")
    assert hq == d.Fact("headquarters", "Pangyo office", "seen", ("src-a",), "p. 2", "")
    missing = d.fact(tiny, "bolt-sec", "headquarters", "en")
    assert missing == d.Fact("headquarters", "", "not found", ("src-a",), "", "Not found (called a Pangyo firm)")
    assert d.fact(tiny, "dyn-ai", "founded", "en") == d.Fact("founded", "", "not found")  # no row at all
    assert [f.attribute for f in d.profile(tiny, "bolt-sec", "en")] == [
        "business", "headquarters", "location_class", "founded", "listing", "parent", "leader", "attendee_level",
    ]


def test_sector_counts_count_a_two_sector_company_in_both(tiny):
    counts = d.sector_counts(tiny, "en")
    assert counts[["sector_id", "sector", "count", "companies", "color"]].values.tolist() == [
        ["ai", "AI", 2, "Acme Cloud, Dyn AI", "#0072B2"],
        ["cloud", "Cloud", 1, "Acme Cloud", "#E69F00"],  # the host Tengu is not part of the delegation
        ["security", "Security", 1, "Bolt <b>Sec</b>", "#CC79A7"],
    ]
    assert counts["count"].sum() == 4  # three firms, four sector memberships
    assert d.multi_sector(tiny, "en") == ["Acme Cloud"]
    assert d.sector_counts(tiny, "en", ("security",))["sector_id"].tolist() == ["security"]
    assert d.sector_counts(tiny, "en", ("no-such",)).empty


def test_location_counts_order_and_inferred_marker(tiny):
    places = d.location_counts(tiny, "en")
    assert places[["location_key", "location", "count", "companies"]].values.tolist() == [
        ["Pangyo", "Pangyo", 1, "Acme Cloud"],
        ["Seoul", "Seoul", 1, "Bolt <b>Sec</b> (inferred)"],
        ["unknown", "unknown", 1, "Dyn AI"],
    ]
    ko = d.location_counts(tiny, "ko")
    assert ko["location"].tolist() == ["판교", "서울", "알 수 없음"]
    assert ko["companies"].tolist() == ["에이크미", "볼트 (추정)", "다인"]


def test_sector_figure_bars_colours_and_escaped_labels(tiny):
    fig = d.sector_figure(d.sector_counts(tiny, "en"), "en")
    bar = fig.data[0]
    assert list(bar.x) == [2, 1, 1]
    assert list(bar.y) == ["AI", "Cloud", "Security"]
    assert list(bar.marker.color) == ["#0072B2", "#E69F00", "#CC79A7"]
    assert bar.customdata[2][0] == "Bolt &lt;b&gt;Sec&lt;/b&gt;"  # data text shows literally in the hover
    assert "Companies: %{x}" in bar.hovertemplate
    assert list(bar.text) == ["2 · Acme Cloud, Dyn AI", "1 · Acme Cloud", "1 · Bolt &lt;b&gt;Sec&lt;/b&gt;"]
    assert list(bar.textfont.color) == ["#FFFFFF", "#1F2A36", "#1F2A36"]  # readable on each bar colour
    assert list(bar.marker.opacity) == [1.0, 1.0, 1.0]
    assert fig.layout.xaxis.dtick == 1
    # with a filter on, a sector shown only because a kept company is also in it is drawn faint
    faint = d.sector_figure(d.sector_counts(tiny, "en", ("cloud",)), "en", ("cloud",)).data[0]
    assert list(faint.y) == ["AI", "Cloud"] and list(faint.marker.opacity) == [0.45, 1.0]


def test_location_figure_marks_unknown_by_colour_and_hatch(tiny):
    fig = d.location_figure(d.location_counts(tiny, "en"), "en")
    bar = fig.data[0]
    assert list(bar.y) == ["Pangyo", "Seoul", "unknown"]
    assert list(bar.marker.color) == ["#009E73", "#56B4E9", "#999999"]
    assert list(bar.marker.pattern.shape) == ["", "", "/"]


def test_chart_tables_are_the_chart_numbers(tiny):
    table = d.sector_table(d.sector_counts(tiny, "ko"), "ko")
    assert table.values.tolist() == [
        ["인공지능", 2, "에이크미, 다인"],
        ["클라우드", 1, "에이크미"],
        ["보안", 1, "볼트"],
    ]
    assert list(table.columns) == ["분야", "기업 수", "기업"]


def test_pangyo_claim_is_the_one_naming_the_firms(tiny):
    assert d.pangyo_claim(tiny)["id"] == "claim-all-pangyo"


def test_source_ids_of_keeps_order_without_repeats():
    assert d.source_ids_of([("a", "b"), ("b", "c"), ()]) == ["a", "b", "c"]


# --- real data: spot checks --------------------------------------------------------------------------------

SIX = ["nhn-cloud", "megazone-cloud", "hancom", "aiworks", "hypernology", "initech"]


def test_real_delegation_is_the_six_then_the_tencent_hosts(real):
    firms = d.companies(real)
    assert list(firms["id"]) == SIX + ["tencent", "tencent-cloud"]
    assert list(firms["role"]) == ["delegation"] * 6 + ["host"] * 2


def test_real_security_keeps_initech_alone(real):
    assert list(d.companies(real, ("security",))["id"]) == ["initech"]
    table = d.company_table(real, "en", ("security",))
    assert table["Company"].tolist() == ["Initech"]
    assert table.iloc[0]["Founded"] == "unknown"
    assert table.iloc[0]["Listing / ticker"] == "KOSDAQ, ticker 053350"


def test_real_cloud_keeps_nhn_and_megazone_among_the_six(real):
    firms = d.companies(real, ("cloud",))
    assert [e for e in firms["id"] if e in SIX] == ["nhn-cloud", "megazone-cloud"]
    assert list(firms["id"]) == ["nhn-cloud", "megazone-cloud", "tencent-cloud"]
    table = d.company_table(real, "ko", ("cloud",))
    assert table["회사"].tolist() == ["NHN클라우드", "메가존클라우드", "텐센트 클라우드 (腾讯云)"]


def test_real_table_marks_inferred_and_unknown(real):
    table = d.company_table(real, "en").set_index("Company")
    assert table.loc["Hancom", "Parent / owner"].endswith("(inferred)")
    assert table.loc["AIworks", "Headquarters"] == "unknown"
    assert table.loc["Tencent (腾讯)", "Who attended"] == "unknown"
    assert table.loc["Tencent (腾讯)", "Role"] == "Host (Tencent side)"


def test_real_sector_counts(real):
    counts = d.sector_counts(real, "en")
    assert counts[["sector_id", "count"]].values.tolist() == [["ai", 4], ["cloud", 2], ["software", 1], ["security", 1]]
    assert d.multi_sector(real, "en") == ["NHN Cloud", "Hancom"]


def test_real_locations_show_not_all_six_in_pangyo(real):
    places = d.location_counts(real, "en")
    assert places[["location_key", "count", "companies"]].values.tolist() == [
        ["Pangyo", 2, "NHN Cloud, Hancom"],
        ["Seoul", 2, "Megazone Cloud (inferred), Initech"],
        ["unknown", 2, "AIworks, Hypernology"],
    ]
    assert d.pangyo_claim(real)["id"] == "claim-all-pangyo-cluster"


def test_csv_download_is_the_table_with_formulas_neutralised(tmp_path):
    import csv
    import io

    tables = dict(TABLES)
    tables["attributes"] = TABLES["attributes"] + [attr("dyn-ai", "business", "=HYPERLINK(\"http://x\")", "@SUM(1)")]
    data = load_dataset(write_package(tmp_path, tables))
    for lang, cell in (("en", "'=HYPERLINK(\"http://x\")"), ("ko", "'@SUM(1)")):
        table = d.company_table(data, lang)
        rows = list(csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig"))))
        assert rows[0] == list(table.columns)
        assert len(rows) == 1 + len(table)
        assert rows[3][4] == cell  # Dyn AI's 'What it does', made inert for spreadsheets
        assert rows[1] == list(table.iloc[0])


def test_bar_names_are_capped_with_the_count_of_the_rest():
    from components.views.delegation import BAR_NAMES, bar_names

    six = tuple(f"Firm {n}" for n in range(1, BAR_NAMES + 1))
    assert bar_names(six, "en") == ", ".join(six)
    assert bar_names((*six, "Firm 7", "Firm 8"), "en") == ", ".join(six) + " and 2 more"
    assert bar_names((*six, "Firm 7"), "ko") == ", ".join(six) + " 외 1곳"


def test_count_axis_has_at_most_ten_whole_ticks():
    from components.views.delegation import _count_axis

    assert [_count_axis("en", m)["dtick"] for m in (1, 4, 10, 11, 25, 80, 200, 600)] == [1, 1, 1, 2, 5, 10, 20, 100]


def test_plot_labels_keep_quotes_and_escape_tags():
    # plotly.js decodes &lt; &gt; &amp; but shows &quot; as typed: quotes must stay raw, tags must not work
    from components.views.safe_text import escape_plotly

    assert escape_plotly('Hancom & "Co" <b>x</b>') == 'Hancom &amp; "Co" &lt;b&gt;x&lt;/b&gt;'
    assert escape_plotly(None) == ""
