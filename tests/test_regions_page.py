"""AppTest of /regions in both languages: the comparison of the 17 regions, the map and its text twin, the matrix,
ties a year, claims, disputes and business events; `?region=` chosen and written back; the interactive map asks
this app's own server for its geography; /network?focus=<region>; a disputed event's card on /timeline."""
from __future__ import annotations

import pytest

from components.data.dataset import load_dataset
from components.i18n import t
from components.views import regions as rg
from components.views.geo import TOPOJSON_URL
from tests.apptest_helpers import all_text, captions, headings, open_page, query, tables

DATA = load_dataset()
SEVENTEEN = ("seoul", "busan", "daegu", "incheon", "gwangju", "daejeon", "ulsan", "sejong", "gyeonggi", "gangwon",
             "chungbuk", "chungnam", "jeonbuk", "jeonnam", "gyeongbuk", "gyeongnam", "jeju")


def test_the_package_covers_all_17_regions_with_sourced_ties_and_business():
    # the floor, measured on the real data: every provincial-level government with an event, 100+ events,
    # 60+ provincial-level tie events, 15+ business events, disputes each with two sources or more
    assert rg.korean_regions(DATA) == SEVENTEEN
    events = DATA.events
    assert set(SEVENTEEN) <= set(events["kr_region_id"]) and len(events) >= 100
    levels = dict(zip(DATA.entities["id"], DATA.entities["admin_level"]))
    ties = events[events["kind"].isin(rg.TIE_KINDS)]
    assert (ties["cn_counterpart_id"].map(levels) == "provincial").sum() >= 60
    assert events["kind"].isin(rg.BUSINESS_KINDS).sum() >= 15
    business = events[events["kind"].isin(rg.BUSINESS_KINDS)]
    assert all(len(s) for s in business["sectors"])  # the sector filter reaches every business event
    assert DATA.disputes["event_id"].nunique() >= 5
    assert all(len(ids) for ids in events["source_ids"])


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_regions_page_shows_every_region_the_map_its_twin_and_the_matrix(lang):
    at = open_page("regions", lang=lang, expand=True)
    assert not at.exception and [e.value for e in at.error] == []
    assert at.title[0].value == t("regions.title", lang)
    headers = headings(at)
    for key in ("compare", "map", "matrix", "years", "claims", "disputes", "business"):
        assert t(f"regions.{key}.heading", lang) in headers, key
    compare, ties, *rest = tables(at)
    names = dict(zip(DATA.entities["id"], DATA.entities[f"name_{lang}"]))
    assert list(compare["region"]) == [names[r] for r in SEVENTEEN]  # all 17, in the official order
    assert (compare["ties"] > 0).all()
    assert len(ties) == len(rg.all_ties(DATA))  # the map's text twin lists every tie
    html = [h.proto.body for h in at.get("html")]
    assert any(body.startswith(f'<img class="krcn-map" src="map/regions.svg?lang={lang}"') for body in html)
    matrix = next(body for body in html if 'class="krcn-matrix"' in body)
    assert f'href="timeline?lang={lang}&amp;open=gyeonggi-liaoning-sister-1993"' in matrix
    text = all_text(at)
    assert t("regions.years.undated", lang, count=rg.undated_count(DATA)) in text


def test_choosing_regions_writes_them_to_the_url_and_narrows_every_section():
    at = open_page("regions", lang="en", expand=True)
    at.multiselect(key="region").set_value(["jeju", "busan"]).run()
    assert query(at)["region"] == ["busan", "jeju"]  # canonical: the official order
    compare, ties, *_ = tables(at)
    assert list(compare["region"]) == ["Busan", "Jeju"]
    assert set(ties["region"]) == {"Busan", "Jeju"}
    matrix = next(h.proto.body for h in at.get("html") if 'class="krcn-matrix"' in h.proto.body)
    assert '<th scope="col">Busan</th>' in matrix and '<th scope="col">Seoul</th>' not in matrix
    links = [(link.proto.page, link.proto.query_string) for link in at.main.get("page_link")]
    assert ("network", "region=busan&region=jeju&focus=busan") not in links  # /network keeps only its own parameters
    assert ("network", "focus=busan") in links and ("network", "focus=jeju") in links


def test_a_shared_link_with_regions_and_a_sector_opens_that_view():
    at = open_page("regions", lang="ko", region=["chungnam"], sector=["trade"])
    assert not at.exception and at.multiselect(key="region").value == ["chungnam"]
    assert query(at) == {"lang": ["ko"], "region": ["chungnam"], "sector": ["trade"]}
    business = tables(at)[-1]
    expected = DATA.events[(DATA.events["kr_region_id"] == "chungnam") & DATA.events["kind"].isin(rg.BUSINESS_KINDS)
                           & DATA.events["sectors"].map(lambda s: "trade" in s)]
    assert len(business) >= len(expected) > 0  # the sector filter reaches the business events


def test_unknown_regions_are_dropped_with_a_notice():
    at = open_page("regions", lang="en", region=["<script>x</script>", "busan", "atlantis"])
    assert not at.exception
    assert query(at)["region"] == ["busan"]
    assert "atlantis" in at.warning[0].value and "<script>" not in at.warning[0].value


def test_the_interactive_map_reads_its_geography_from_this_app():
    at = open_page("regions", lang="en")
    at.toggle(key="regions_map_interactive").set_value(True).run()
    assert not at.exception
    chart = next(c for c in at.get("plotly_chart") if "scattergeo" in c.proto.spec)
    assert f'"topojsonURL": "{TOPOJSON_URL}"' in chart.proto.config.replace('":"', '": "')


def test_a_region_beyond_the_first_story_focuses_the_network_on_its_own_events():
    at = open_page("network", lang="en", focus="busan")
    assert not at.exception and query(at)["focus"] == ["busan"]
    busan = [e for e in DATA.events["id"] if e.startswith("busan")]
    assert any(c.startswith("Busan is beyond the first story") for c in captions(at))
    (relations, *_) = tables(at)
    assert "Shanghai" in " ".join(relations.astype(str).sum(axis=1)) and len(busan) > 3
    # a node of the first story keeps the view a link showed before
    at = open_page("network", lang="en", focus="gyeonggi")
    assert not any("beyond the first story" in c for c in captions(at))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_disputed_event_says_so_in_words_with_every_value_and_its_sources(lang):
    event = "gyeonggi-shandong-friendship-2004"
    at = open_page("timeline", lang=lang, open=event)
    assert not at.exception
    text = all_text(at).replace("\\", "")
    assert t("regions.dispute.heading", lang) in text
    for line in rg.event_disputes(DATA, event, lang):
        assert line in text
    assert "etnews-2009-12-11-gyeonggi-shandong" in text and "siminilbo-2003-10-27-gyeonggi-shandong" in text


def test_hostile_names_stay_text_in_the_matrix_and_the_map(tmp_path, monkeypatch):
    import os
    import re

    from starlette.applications import Starlette

    from components.data.dataset import load_dataset
    from components.host.maps import map_routes
    from tests.asgi_client import Client
    from tests.hostile_fixture import SVG, write_hostile_package

    monkeypatch.setenv("KRCN_DATA_DIR", str(write_hostile_package(tmp_path)))
    at = open_page("regions", lang="en")
    assert not at.exception and [e.value for e in at.error] == []
    bodies = [h.proto.body for h in at.get("html")]
    matrix = next(b for b in bodies if 'class="krcn-matrix"' in b)
    assert "&quot;&gt;&lt;svg onload=&quot;window.__pwned" in matrix and "<svg onload" not in matrix
    image = next(b for b in bodies if b.startswith('<img class="krcn-map"'))
    src = re.search(r'src="([^"]+)"', image).group(1).replace("&amp;", "&")
    routes = map_routes("", lambda: load_dataset(os.environ["KRCN_DATA_DIR"]))
    svg = Client(Starlette(routes=routes)).get("/" + src).text  # the picture the browser fetches for it
    assert "&lt;svg onload" in svg and "<svg onload" not in svg  # and as an image it could run nothing anyway
    assert SVG not in "".join(bodies)
