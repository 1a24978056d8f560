"""AppTest of /timeline and /story in both languages, the event filter on the other pages, and the /network
downloads for the tools journalists use (each file read back with networkx)."""
from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx
import pytest

from components.data.dataset import load_dataset
from components.i18n import t
from components.views import timeline as tl
from components.views.event_scope import scope_dataset
from components.views.safe_text import escape_markdown
from components.views.story import story_steps
from tests.apptest_helpers import all_text, download_file, headings, open_page, query, tables

DATA = load_dataset()
CHONGQING = "gyeonggi-chongqing-friendship-2025"
LIAONING_1993 = "gyeonggi-liaoning-sister-1993"  # a tie with no delegation, clauses or figures, and no known place


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_timeline_shows_every_event_as_chart_and_table(lang):
    at = open_page("timeline", lang=lang)
    assert not at.exception and [e.value for e in at.error] == []
    assert at.title[0].value == t("timeline.title", lang)
    chart = next(h for h in at.get("html") if "krcn-timeline\"" in h.proto.body)
    undated = DATA.events[DATA.events["date_start"] == "unknown"]
    assert len(undated) > 0  # ties no source dates: in the table, not on the chart, and the page says so
    drawn = len(DATA.events) - len(undated)
    assert 'role="img"' in chart.proto.body and chart.proto.body.count('class="krcn-event"') == drawn
    (table,) = tables(at)
    assert table.shape[0] == len(DATA.events)  # the chart's text twin: every event
    starts = [tl.event_span(d).start for d in DATA.events.set_index("id").loc[list(table.iloc[:drawn, 1]), "date_start"]]
    assert starts == sorted(starts) and set(table.iloc[drawn:, 1]) == set(undated["id"])  # time order, undated last
    text = all_text(at)
    assert t("timeline.count", lang, shown=len(DATA.events), total=len(DATA.events)) in text
    assert t("timeline.chart.undated", lang, count=len(undated)) in text


def test_timeline_filters_write_ids_to_the_url_and_narrow_the_events():
    at = open_page("timeline", lang="en")
    at.multiselect(key="region").set_value(["gangwon"]).run()
    assert query(at)["region"] == ["gangwon"]
    (table,) = tables(at)
    gangwon = set(DATA.events.loc[DATA.events["kr_region_id"] == "gangwon", "id"])
    assert set(table.iloc[:, 1]) == gangwon and {"gangwon-anhui-sister-2015", "gangwon-jilin-sister-1994"} <= gangwon
    at = open_page("timeline", lang="en", sector=["cloud"])
    (table,) = tables(at)
    assert "tencent-cloud-visit-2025" in set(table.iloc[:, 1]) and CHONGQING not in set(table.iloc[:, 1])


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_opened_event_shows_its_participants_outcome_sources_and_network(lang):
    at = open_page("timeline", lang=lang, open=CHONGQING)
    assert not at.exception
    name = DATA.events.set_index("id").loc[CHONGQING, f"name_{lang}"]
    assert escape_markdown(name) in headings(at, 3) and at.selectbox(key="open").value == CHONGQING
    text = all_text(at)
    hu = DATA.entities.set_index("id").loc["hu-henghua", f"name_{lang}"]
    assert hu in text and t("timeline.event.participants", lang) in text
    assert any(el.key == "network_graph" for el in at.get("bidi_component"))
    links = [link.proto for link in at.get("page_link")]
    assert any(l.page == "network" and f"event={CHONGQING}" in l.query_string for l in links)


def test_the_event_filter_narrows_every_page_and_no_event_means_the_first_story():
    first = open_page("delegation", lang="en")
    chongqing = open_page("delegation", lang="en", event=CHONGQING)
    assert not first.exception and not chongqing.exception
    assert "Initech" in all_text(first) and "Initech" not in all_text(chongqing)
    network = open_page("network", lang="en", event=CHONGQING)
    (relations,) = tables(network)
    assert len(relations) == len(scope_dataset(DATA, (CHONGQING,)).relations) < 37
    hostile = open_page("network", lang="en", event=["<script>alert(1)</script>", CHONGQING])
    assert query(hostile)["event"] == [CHONGQING]  # the unknown value is dropped and named
    assert "&lt;script&gt;" in all_text(hostile) or "<script>" not in all_text(hostile)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_overview_introduces_the_events_a_link_chooses_not_the_first_story(lang):
    oldest = LIAONING_1993
    event = DATA.events.set_index("id").loc[oldest]
    at = open_page("overview", lang=lang, event=oldest)
    assert not at.exception and [e.value for e in at.error] == []
    assert [h.value for h in at.title] == [t("overview.events.title", lang)]
    assert escape_markdown(event[f"name_{lang}"]) in headings(at)  # each card's title under the page's
    text = all_text(at)
    # the 1993 tie: no known place, two signatories, its outcome; none of the first story's figures
    assert escape_markdown(t("timeline.event.when", lang, date=tl.format_event_dates(event["date_start"], "", lang),
                             kind=t(f"event.kind.{event['kind']}", lang), place=t("unknown", lang))) in text
    liaoning = DATA.entities.set_index("id").loc["liaoning", f"name_{lang}"]
    assert liaoning in text and t("overview.figures.heading", lang) not in headings(at)
    assert not any(m.label == t("overview.metric.companies", lang) for m in at.metric)
    links = [link.proto for link in at.get("page_link")]
    assert any(l.page == "timeline" and f"open={oldest}" in l.query_string for l in links)
    assert any(l.page == "network" and f"event={oldest}" in l.query_string for l in links)
    at.button(key="first_story").click().run()  # back to the first story: the event filter cleared
    assert "event" not in query(at) and [h.value for h in at.title] == [t("overview.title", lang)]
    assert t("overview.figures.heading", lang) in headings(at)


def test_the_overview_adds_other_chosen_events_after_the_first_story_and_caps_many():
    seed = list(DATA.schema["seedEvents"])
    at = open_page("overview", lang="en", event=[seed[0], CHONGQING])
    assert [h.value for h in at.title] == [t("overview.title", "en")]
    assert t("overview.events.more", "en") in headings(at)
    assert escape_markdown(DATA.events.set_index("id").loc[CHONGQING, "name_en"]) in headings(at, 3)
    others = [e for e in DATA.events["id"] if e not in seed]
    assert len(others) > overview_cards_limit()
    many = open_page("overview", lang="en", event=others)
    assert not many.exception
    shown = headings(many)
    names = DATA.events.set_index("id")["name_en"]
    assert shown == [escape_markdown(names[e]) for e in others[:overview_cards_limit()]] + [t("overview.pages.heading", "en")]
    assert t("overview.events.capped", "en", shown=overview_cards_limit(), total=len(others)) in all_text(many)


def overview_cards_limit() -> int:
    source = (Path(__file__).resolve().parent.parent / "pages" / "overview.py").read_text(encoding="utf-8")
    return int(re.search(r"^MAX_EVENT_CARDS = (\d+)$", source, re.M).group(1))


@pytest.mark.parametrize("page", ["overview", "network", "delegation", "economy", "mou", "timeline", "story", "sources"])
def test_every_page_opens_without_an_error_for_an_event_unlike_the_first_story(page):
    # the 1993 sister-region tie has no delegation, no clauses and no figures of its own
    oldest = LIAONING_1993
    at = open_page(page, lang="ko", event=oldest)
    assert not at.exception and [e.value for e in at.error] == [], page
    assert query(at)["event"] == [oldest]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_story_step_opens_with_its_title_caption_network_and_sources(lang):
    steps = story_steps(DATA)
    for step in steps:
        at = open_page("story", lang=lang, step=str(step.number))
        assert not at.exception and [e.value for e in at.error] == [], step.number
        assert at.header[0].value == escape_markdown(getattr(step, f"title_{lang}"))
        assert t("story.progress", lang, position=step.number, count=len(steps)) in all_text(at)
        assert any(el.key == "story_network" for el in at.get("bidi_component"))
        buttons = {b.key for b in at.button}
        assert ("story_previous" in buttons) == (step.number > 1) and ("story_next" in buttons) == (step.number < len(steps))


def test_story_buttons_move_a_step_and_write_it_to_the_url():
    at = open_page("story", lang="en", step="3")
    at.button(key="story_next").click().run()
    assert query(at)["step"] == ["4"]
    at.button(key="story_previous").click().run()
    at.button(key="story_previous").click().run()
    assert query(at)["step"] == ["2"]
    at.button(key="story_previous").click().run()
    assert "step" not in query(at)  # the first step is the default
    bad = open_page("story", lang="en", step="99")
    assert "step" not in query(bad) and bad.header[0].value == escape_markdown(story_steps(DATA)[0].title_en)


@pytest.mark.parametrize(("key", "reader"), [("export_view_graphml", nx.read_graphml), ("export_all_gexf", nx.read_gexf)])
def test_network_downloads_open_in_networkx(key, reader):
    at = open_page("network", lang="ko", sector=["cloud"])
    at, name, body = download_file(at, key)
    graph = reader(io.BytesIO(body))
    assert name.endswith(".graphml" if "graphml" in key else ".gexf")
    whole = key.startswith("export_all")
    assert "tencent-cloud" in graph.nodes and ("initech" in graph.nodes) == whole  # Initech is in security, not cloud
    assert graph.number_of_nodes() == (62 if whole else 5)  # the first story's whole network, or the cloud view
    node = graph.nodes["tencent-cloud"]
    assert node["label_ko"] and node["label_en"] == "Tencent Cloud" and node["source_ids"]


def test_the_timeline_shows_the_context_series_beside_the_events():
    from tests.apptest_helpers import bar_charts

    at = open_page("timeline", lang="en")
    charts = bar_charts(at)
    assert len(charts) == 2
    exports = [bar["label"] for bar in charts[0]["bars"]]
    assert exports[0] == "2020" and "2024" in exports
    assert charts[0]["bars"][0]["text"] == "US$132.6bn"  # each year's value, as the source gives it


@pytest.mark.parametrize("page, params", [("story", {"step": "1"}), ("timeline", {"open": CHONGQING})])
def test_a_network_too_big_to_read_is_not_drawn_and_says_so(monkeypatch, page, params):
    # at 100x the data a story step holds thousands of nodes: no drawing (its layout would need seconds and scipy),
    # a notice instead, and the link to /network that narrows it stays
    import components.views.network_layout as layout

    monkeypatch.setattr(layout, "MAX_DRAWN_NODES", 2)
    at = open_page(page, lang="en", **params)
    assert not at.exception and [e.value for e in at.error] == []
    assert not [el for el in at.get("bidi_component") if el.proto.component_name == "krcn_network"]
    notices = [i.value for i in at.info if i.value.startswith("This network has ")]
    assert len(notices) == 1 and "(the limit is 2)" in notices[0]
    assert any(link.proto.page.endswith("network") for link in at.main.get("page_link"))


def test_a_sector_with_no_dated_event_shows_the_timeline_without_an_error():
    """Found by the crowd test (issue 28): an empty legend made st.html raise and the chart section fail."""
    data = load_dataset()
    empty = [s for s in data.sectors["id"] if tl.legend_html(data, "en", sectors=(s,)) == ""]
    assert empty, "no sector without a dated event: the case this guards is gone"
    at = open_page("timeline", lang="en", sector=empty[0])
    assert not at.exception and not at.error
    assert at.title[0].value == t("timeline.title", "en")
