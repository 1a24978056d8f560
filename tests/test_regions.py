"""components.views.regions on a tiny package: ties from events, the comparison, the matrix, years, disputes,
claims, the map (light SVG and plotly) and the base map's geography."""
from __future__ import annotations

import re
from urllib.parse import unquote
from dataclasses import replace

import pandas as pd
import pytest

from components.data.dataset import load_dataset
from components.views import geo
from components.views import regions as rg
from tests.package_fixture import write_package

EVENTS = [
    # id, kind, start, region, counterpart, tie, sectors, known_by
    ("bs-sh-sister-1993", "sister_region_tie", "1993-08-24", "busan", "shanghai", "tie-busan-shanghai", (), ""),
    ("bs-sh-renewal-2003", "agreement_signed", "2003", "busan", "shanghai", "tie-busan-shanghai", (), ""),
    ("cn-sc-friend-2008", "friendship_tie", "2008-09", "chungnam", "sichuan", "tie-chungnam-sichuan", (), ""),
    ("cn-sc-sister-2018", "sister_region_tie", "2018-09-03", "chungnam", "sichuan", "tie-chungnam-sichuan", (), ""),
    ("cn-qd-friend", "friendship_tie", "unknown", "chungnam", "qingdao", "tie-chungnam-qingdao", (), "2010-05"),
    ("bs-office-2010", "opening", "2010-03-29", "busan", "shanghai", "", ("trade",), ""),
    ("bs-visit-2019", "visit", "2019", "busan", "<img src=x>", "", (), ""),
]


def events_frame() -> pd.DataFrame:
    return pd.DataFrame([
        {"id": i, "kind": k, "date_start": s, "date_end": "", "name_ko": f"{i} 행사", "name_en": f"{i} event",
         "name_zh": "", "place_ko": "unknown", "place_en": "unknown", "kr_region_id": r, "cn_counterpart_id": c,
         "sectors": sec, "description_ko": "설명", "description_en": "About it", "confidence": "seen",
         "source_ids": (f"src-{i}",), "locator": "¶1", "tie_id": tie, "stated_as": "", "known_by": known}
        for i, k, s, r, c, tie, sec, known in EVENTS
    ])


def region(i, country, ko, en, level):
    return {"id": i, "kind": "region", "country": country, "name_ko": ko, "name_en": en, "sectors": (),
            "admin_level": level}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    base = load_dataset(write_package(tmp_path_factory.mktemp("pkg")))
    entities = pd.DataFrame([
        region("busan", "KR", "부산", "Busan", "provincial"), region("chungnam", "KR", "충남", "Chungnam", "provincial"),
        region("jeju", "KR", "제주", "Jeju", "provincial"), region("korea", "KR", "한국", "Korea", "national"),
        region("shanghai", "CN", "상하이", "Shanghai", "provincial"), region("sichuan", "CN", "쓰촨", "Sichuan", "provincial"),
        region("qingdao", "CN", "칭다오", "Qingdao <b>", "city"), region("<img src=x>", "CN", "x", "<img src=x>", "city"),
    ]).assign(name_zh="", role="", description_ko="", description_en="", confidence="seen", source_ids=[()] * 8,
              locator="")
    disputes = pd.DataFrame([
        {"event_id": "cn-sc-friend-2008", "field": "date_start", "value": "2008-09", "note_ko": "두 보도", "note_en": "Two reports",
         "confidence": "seen", "source_ids": ("a", "b"), "locator": "¶1"},
        {"event_id": "cn-sc-friend-2008", "field": "date_start", "value": "2007", "note_ko": "한 보도", "note_en": "One report",
         "confidence": "seen", "source_ids": ("c",), "locator": "¶2"},
    ])
    claims = pd.DataFrame([
        {"region_id": "chungnam", "as_of": "2018", "count": 13, "scope": "cn_partners_all", "text_ko": "13곳",
         "text_en": "13 partners", "confidence": "seen", "source_ids": ("d",), "locator": "¶3"},
        {"region_id": "busan", "as_of": "2023-05", "count": 1, "scope": "cn_sister", "text_ko": "자매 1곳",
         "text_en": "1 sister", "confidence": "seen", "source_ids": ("e",), "locator": ""},
    ])
    places = pd.DataFrame([
        {"entity_id": e, "seat_ko": e, "seat_en": e, "lat": lat, "lon": lon}
        for e, lat, lon in (("busan", 35.1, 129.0), ("chungnam", 36.6, 126.7), ("shanghai", 31.2, 121.5),
                            ("sichuan", 30.7, 104.1))  # qingdao has no seat: its tie is listed, not drawn
    ])
    return replace(base, entities=entities, events=events_frame(), event_participants=None, event_outcomes=None,
                   disputes=disputes, region_claims=claims, places=places)


def test_korean_regions_are_the_provincial_ones_in_file_order(data):
    assert rg.korean_regions(data) == ("busan", "chungnam", "jeju")
    reordered = replace(data, entities=data.entities.iloc[::-1].reset_index(drop=True))
    assert rg.korean_regions(reordered) == ("busan", "chungnam", "jeju")  # the official order, not the file's
    assert rg.region_choices(data, "ko") == [("busan", "부산"), ("chungnam", "충남"), ("jeju", "제주")]


def test_a_tie_is_every_event_of_one_tie_id_in_time_order(data):
    ties = {tie.id: tie for tie in rg.all_ties(data)}
    assert list(ties) == ["tie-busan-shanghai", "tie-chungnam-sichuan", "tie-chungnam-qingdao"]  # undated last
    busan = ties["tie-busan-shanghai"]
    assert (busan.standing, busan.events, busan.first, busan.level) == (
        "sister", ("bs-sh-sister-1993", "bs-sh-renewal-2003"), "1993-08-24", "provincial")
    sichuan = ties["tie-chungnam-sichuan"]
    assert (sichuan.standing, sichuan.first, sichuan.sister_since, sichuan.disputed) == ("sister", "2008-09", "2018-09-03", True)
    qingdao = ties["tie-chungnam-qingdao"]
    assert (qingdao.standing, qingdao.first, qingdao.known_by, qingdao.first_year) == ("friendship", "", "2010-05", None)
    assert rg.since_text(qingdao, "en") == "date not found; known by May 2010"
    assert rg.since_text(qingdao, "ko") == "날짜 미확인, 2010년 5월에 이미 있었음"


def test_filters_choose_ties_by_region_sector_and_event(data):
    assert [t.id for t in rg.chosen_ties(data, regions=("busan",))] == ["tie-busan-shanghai"]
    assert [t.id for t in rg.chosen_ties(data, events=("cn-sc-sister-2018",))] == ["tie-chungnam-sichuan"]
    assert rg.chosen_ties(data, sectors=("trade",)) == ()  # only the office has the sector, and it is no tie
    assert rg.chosen_ties(data, regions=("jeju",)) == ()


def test_the_comparison_counts_what_sources_name_and_shows_the_claim_beside_it(data):
    rows = rg.region_rows(data, "en").set_index("region")
    assert list(rows.index) == ["Busan", "Chungnam", "Jeju"]  # every region, even one with no tie found
    assert rows.loc["Chungnam", ["ties", "provincial", "city", "sister", "friendship"]].tolist() == [2, 1, 1, 1, 1]
    assert (rows.loc["Chungnam", "first"], rows.loc["Chungnam", "latest"]) == ("2008", "2008")
    assert rows.loc["Chungnam", "partners"] == "Sichuan, Qingdao <b>"
    assert rows.loc["Chungnam", "claimed"] == "13 Chinese partners (2018)"
    assert rows.loc["Busan", "business"] == 1 and rows.loc["Busan", "claimed"] == "1 Chinese sister regions (May 2023)"
    assert rows.loc["Jeju"].tolist()[:7] == [0, 0, 0, 0, 0, "–", "–"]
    chosen = rg.region_rows(data, "ko", regions=("jeju", "busan"))
    assert list(chosen["region"]) == ["제주", "부산"]


def test_claims_sit_beside_the_ties_named_at_the_level_counted(data):
    claims = rg.claim_rows(data, "en")
    assert list(claims["named"]) == ["says 13; sources here name 2", "says 1; sources here name 1"]
    assert list(rg.claim_rows(data, "ko", regions=("busan",))["named"]) == ["1곳이라고 함, 출처 확인 1곳"]


def test_the_matrix_links_each_event_and_escapes_names(data):
    columns, rows, cells = rg.matrix(data, "en")
    assert columns == ["busan", "chungnam"]  # jeju has no tie: no empty column
    assert rows == ["shanghai", "sichuan", "qingdao"]  # provinces first
    html = rg.matrix_html(data, "en", "timeline?lang=en&")
    assert html.count('<a href="timeline?lang=en&amp;open=') == 4  # a link an event that made a tie
    assert 'open=bs-sh-sister-1993" target="_self">1993</a>' in html
    # the pair's other event (the 2003 agreement) is on the timeline filtered to the two sides
    assert '<a href="timeline?lang=en&amp;region=busan&amp;counterpart=shanghai" target="_self" title="1 more' in html
    assert ">undated</a>" in html and "Sister*" in html  # the disputed Chungnam–Sichuan tie is marked
    assert html.count("<td></td>") == 3 * 2 - 3 and html.count('<td class="krcn-sister">') == 2  # empty cells stay bare
    assert "Qingdao &lt;b&gt;" in html and "<b>" not in html
    assert '<th scope="col">Busan</th>' in html and "<caption>3 ties: 3 Chinese partners (rows) by 2 Korean regions" in html


def test_years_count_a_tie_in_the_year_it_began_and_upgrades_apart(data):
    years = rg.year_rows(data, "en").set_index("year")
    assert list(years.index) == [str(y) for y in range(1993, 2019)]
    assert years.loc["1993", "new"] == 1 and years.loc["2008", "new"] == 1 and years.loc["2018", "became_sister"] == 1
    assert years["new"].sum() == 2 and rg.undated_count(data) == 1
    figure = rg.year_figure(data, "en")
    assert list(figure.data[0].x)[:2] == [1, 0] and figure.layout.yaxis.autorange == "reversed"


def test_disputes_list_every_value_with_its_sources_and_mark_the_one_shown(data):
    rows = rg.dispute_rows(data, "en")
    assert list(rows["value"]) == ["Sep 2008", "2007"]
    assert list(rows["shown"]) == ["shown", ""] and list(rows["source_ids"]) == ["a; b", "c"]
    assert list(rg.dispute_rows(data, "ko")["field"]) == ["날짜", "날짜"]
    assert rg.dispute_rows(data, "en", regions=("busan",)).empty


def test_the_map_draws_ties_with_seats_and_lists_the_others(data):
    drawn, unmapped = rg.mapped_ties(data)
    assert [t.id for t in drawn] == ["tie-busan-shanghai", "tie-chungnam-sichuan"]
    assert [t.id for t in unmapped] == ["tie-chungnam-qingdao"]
    svg = rg.map_svg(data, "en")
    assert svg.count("<path d=\"M") == 2 + 2  # land and the two countries, then a curve a tie
    assert svg.count("<circle") == 4 and ">Shanghai</text>" in svg and ">Sichuan</text>" in svg
    assert 'stroke="#009E73"' in svg  # sister
    html = rg.map_html(data, "ko")
    assert 'src="map/regions.svg?lang=ko"' in html  # the picture is fetched once from its own address
    assert rg.map_address("en", ("busan",), ("cloud", "ai"), ("e1",)) == \
        "map/regions.svg?lang=en&region=busan&sector=cloud&sector=ai&event=e1"
    assert 'alt="한국 지역과 중국 성·시 사이 관계 2건의 지도' in html


def test_the_interactive_map_is_plotly_scattergeo_over_asia(data):
    figure = rg.map_figure(data, "en")
    lines, seats = figure.data[0], figure.data[-1]
    assert (lines.type, lines.mode, lines.name) == ("scattergeo", "lines", "Sister")
    assert list(lines.lon) == [129.0, 121.5, None, 126.7, 104.1, None]
    assert seats.mode == "markers" and len(seats.lon) == 4
    assert figure.layout.geo.scope == "asia" and figure.layout.geo.resolution == 50


def test_a_tie_past_the_map_limit_is_listed_not_drawn(data, monkeypatch):
    monkeypatch.setattr(rg, "MAX_MAP_TIES", 1)
    drawn, unmapped = rg.mapped_ties(data)
    assert [t.id for t in drawn] == ["tie-chungnam-sichuan"]  # the most recent
    assert {t.id for t in unmapped} == {"tie-busan-shanghai", "tie-chungnam-qingdao"}


def test_thin_regions_are_named_with_their_own_count(data):
    assert rg.thin_regions(data, "en") == [
        "Busan: 1 ties named (its own count: 1 Chinese sister regions (May 2023))",
        "Chungnam: 2 ties named (its own count: 13 Chinese partners (2018))",
        "Jeju: 0 ties named",
    ]


def test_topojson_arcs_decode_and_project():
    topology = {"transform": {"scale": [0.5, 0.5], "translate": [100, 20]},
                "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
                "objects": {"land": {"type": "GeometryCollection",
                                     "geometries": [{"type": "Polygon", "arcs": [[0, 1]], "id": "X"}]}}}
    assert geo.decode_arcs(topology)[0] == [(100.0, 20.0), (101.0, 20.0), (101.0, 21.0)]
    assert geo.rings(topology, "land") == [[(100.0, 20.0), (101.0, 20.0), (101.0, 21.0), (100.0, 21.0), (100.0, 20.0)]]
    assert geo.rings(topology, "land", ("Y",)) == []
    projection = geo.Projection(100, 20, 110, 30, width=100)
    assert projection(100, 30) == (0, 0) and projection(110, 20) == pytest.approx((100, projection.height))


def test_the_base_map_is_the_vendored_geography_light_enough_for_a_phone():
    base = geo.base_map()
    assert base["land"].startswith("M") and base["shaded"].startswith("M")
    assert 15_000 < len(base["land"]) + len(base["shaded"]) < 60_000


def test_a_claim_is_compared_with_the_ties_it_could_count_then(data):
    ties = rg.all_ties(data)
    assert [t.id for t in rg.named_at(ties, "chungnam", "cn_partners_all", "2009")] == ["tie-chungnam-sichuan"]
    assert rg.named_at(ties, "chungnam", "cn_partners_all", "2005") == []
    assert rg.named_at(ties, "chungnam", "cn_sister", "2010") == []  # Sichuan became sister in 2018
    assert [t.id for t in rg.named_at(ties, "chungnam", "cn_friendship", "2010-12")] == [
        "tie-chungnam-sichuan", "tie-chungnam-qingdao"]  # friendship then; Qingdao known by May 2010
    assert [t.id for t in rg.named_at(ties, "chungnam", "cn_sister", "2018-09-03")] == ["tie-chungnam-sichuan"]
    assert [t.id for t in rg.named_at(ties, "chungnam", "cn_partners_city", "2025")] == ["tie-chungnam-qingdao"]


def test_an_events_disputes_read_in_words_in_both_languages(data):
    assert rg.event_disputes(data, "cn-sc-friend-2008", "en") == [
        "date: Sep 2008 (shown here); sources: a; b. Two reports",
        "date: 2007; sources: c. One report",
    ]
    assert rg.event_disputes(data, "cn-sc-friend-2008", "ko")[1] == "날짜: 2007년; 출처: c. 한 보도"
    assert rg.event_disputes(data, "bs-sh-sister-1993", "en") == []


def test_a_tie_begins_with_the_event_that_made_it_not_a_visit_before(data):
    visit = {"id": "cn-sc-visit-2005", "kind": "visit", "date_start": "2005", "tie_id": "tie-chungnam-sichuan"}
    events = pd.concat([data.events, pd.DataFrame([{**data.events.iloc[2].to_dict(), **visit}])], ignore_index=True)
    tie = next(t for t in rg.all_ties(replace(data, events=events)) if t.id == "tie-chungnam-sichuan")
    assert tie.events[0] == "cn-sc-visit-2005" and tie.first == "2008-09"
