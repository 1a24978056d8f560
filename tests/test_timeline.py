"""components.views.timeline: partial dates, filters, the text twin, the figure, the light SVG, one event's view."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest

from components.data.dataset import load_dataset
from components.views import timeline as tl
from tests.package_fixture import write_package

EVENTS = [
    # id, kind, start, end, region, counterpart, sectors
    ("tie-2009", "sister_region_tie", "2009", "", "gyeonggi", "shandong", ()),
    ("mou-2025", "agreement_signed", "2025-09-25", "", "gyeonggi", "shanghai", ("trade",)),
    ("visit-2025", "visit", "2025-09-25", "", "gyeonggi", "tencent", ()),
    ("trip-2025", "visit", "2025-09", "2025-09-27", "busan", "shanghai", ("<b>x</b>",)),
]


def events_frame(rows=EVENTS) -> pd.DataFrame:
    return pd.DataFrame([
        {"id": i, "kind": k, "date_start": s, "date_end": e, "name_ko": f"{i} 행사", "name_en": f"{i} event",
         "name_zh": "", "place_ko": "상하이", "place_en": "Shanghai", "kr_region_id": r, "cn_counterpart_id": c,
         "sectors": sec, "description_ko": "설명", "description_en": "About it", "confidence": "seen",
         "source_ids": ("src-a",), "locator": "¶1"}
        for i, k, s, e, r, c, sec in rows
    ])


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    base = load_dataset(write_package(tmp_path_factory.mktemp("pkg")))
    entities = pd.concat([base.entities, pd.DataFrame([
        {"id": "shandong", "kind": "region", "country": "CN", "name_ko": "산둥성", "name_en": "Shandong", "sectors": ()},
        {"id": "shanghai", "kind": "region", "country": "CN", "name_ko": "상하이", "name_en": "Shanghai", "sectors": ()},
        {"id": "tencent", "kind": "company", "country": "CN", "name_ko": "텐센트", "name_en": "Tencent", "sectors": ("cloud",)},
        {"id": "busan", "kind": "region", "country": "KR", "name_ko": "부산", "name_en": "Busan <i>", "sectors": ()},
    ])], ignore_index=True).fillna("")
    participants = pd.DataFrame([
        {"event_id": "visit-2025", "entity_id": "acme-cloud", "role": "visitor"},
        {"event_id": "visit-2025", "entity_id": "tencent", "role": "host"},
        {"event_id": "mou-2025", "entity_id": "gyeonggi", "role": "signatory"},
    ])
    outcomes = pd.DataFrame([
        {"event_id": "mou-2025", "kind": "clause", "ref_id": "field-1", "text_ko": "경제 교류", "text_en": "Economic exchange"},
    ])
    return replace(base, entities=entities, events=events_frame(), event_participants=participants, event_outcomes=outcomes)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2009", dt.date(2009, 1, 1), dt.date(2009, 12, 31), "year"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        ("2025-09-25", dt.date(2025, 9, 25), dt.date(2025, 9, 25), "day"),
    ],
)
def test_partial_dates_span_their_period(text, start, end, precision):
    assert tl.parse_partial_date(text) == tl.DateSpan(start, end, precision)


@pytest.mark.parametrize("text", ["", "soon", "2025-13", "2025-02-30", "20x5"])
def test_bad_dates_are_none(text):
    assert tl.parse_partial_date(text) is None


def test_a_range_runs_from_its_start_to_the_end_of_its_last_period():
    assert tl.event_span("2025-09", "2025-09-27") == tl.DateSpan(dt.date(2025, 9, 1), dt.date(2025, 9, 27), "month")
    assert tl.event_span("2025-09-25", "2024") == tl.DateSpan(dt.date(2025, 9, 25), dt.date(2025, 9, 25), "day")


@pytest.mark.parametrize(
    ("text", "lang", "shown"),
    [("2009", "en", "2009"), ("2009", "ko", "2009년"), ("2024-06", "en", "Jun 2024"), ("2024-06", "ko", "2024년 6월"),
     ("2025-09-25", "en", "25 Sep 2025"), ("2025-09-25", "ko", "2025년 9월 25일"), ("x", "en", "unknown")],
)
def test_dates_are_shown_at_the_precision_the_source_gives(text, lang, shown):
    assert tl.format_partial_date(text, lang) == shown


def test_events_come_in_time_order_then_by_id(data):
    assert list(tl.chosen_events(data)["id"]) == ["tie-2009", "trip-2025", "mou-2025", "visit-2025"]


def test_filters(data):
    assert list(tl.chosen_events(data, regions=["busan"])["id"]) == ["trip-2025"]
    assert list(tl.chosen_events(data, counterparts=["shanghai"])["id"]) == ["trip-2025", "mou-2025"]
    # a participant's sector counts: the Tencent visit has cloud through its participants
    assert list(tl.chosen_events(data, sectors=["cloud"])["id"]) == ["visit-2025"]
    assert list(tl.chosen_events(data, sectors=["trade"], regions=["gyeonggi"])["id"]) == ["mou-2025"]
    assert list(tl.chosen_events(data, events=["visit-2025", "tie-2009"])["id"]) == ["tie-2009", "visit-2025"]
    assert tl.chosen_events(data, regions=["nowhere"]).empty


def test_rows_are_the_text_twin(data):
    rows = tl.timeline_rows(data, "en")
    assert list(rows.columns) == list(tl.ROW_COLUMNS)
    first = rows.iloc[0].to_dict()
    assert first["number"] == 1 and first["date"] == "2009" and first["kind"] == "Sister-region tie"
    assert first["region"] == "Gyeonggi" and first["counterpart"] == "Shandong"
    visit = rows[rows["id"] == "visit-2025"].iloc[0]
    assert visit["participants"] == "Acme Cloud; Tencent" and visit["outcomes"] == ""
    assert rows[rows["id"] == "mou-2025"].iloc[0]["outcomes"] == "Economic exchange"
    assert tl.timeline_rows(data, "ko").iloc[1]["date"] == "2025년 9월 – 2025년 9월 27일"


def test_options_list_regions_and_counterparts_with_events(data):
    assert tl.region_options(data, "en") == [("busan", "Busan <i>"), ("gyeonggi", "Gyeonggi")]
    assert [i for i, _ in tl.counterpart_options(data, "en")] == ["shandong", "shanghai", "tencent"]


def test_figure_one_trace_a_kind_with_event_ids(data):
    figure = tl.timeline_figure(data, "en")
    assert [trace.name for trace in figure.data] == ["Agreement signed", "Sister-region tie", "Visit"]
    visit = figure.data[2]
    assert list(visit.customdata) == ["trip-2025", "visit-2025"]
    assert visit.x[1] == "2025-09-25" and visit.y[0] == "Busan &lt;i&gt;"  # hostile text stays text
    assert figure.layout.xaxis.type == "date"


def test_the_light_chart_numbers_match_the_table_and_text_is_escaped(data):
    html = tl.timeline_html(data, "en")
    assert html.startswith('<div class="krcn-timeline" role="img"') and "4 events from 2009 to 2025" in html
    assert html.count('class="krcn-event"') == 4
    assert "Busan &lt;i&gt;" in html and "<i>" not in html and "<svg" not in html  # st.html keeps HTML, not SVG
    assert ">2009<" in html and ">2025<" in html
    assert 'title="1. tie-2009 event · 2009 · Sister-region tie"' in html
    # the two events of 25 Sep 2025 in Gyeonggi sit in two lanes, not on top of each other
    assert tl._lanes([10.0, 10.0, 13.0], 2.6) == [0, 1, 0]
    assert tl.timeline_html(data, "en", regions=["nowhere"]) == ""


def test_event_view(data):
    view = tl.event_view(data, "visit-2025", "en")
    assert view.name == "visit-2025 event" and view.date == "25 Sep 2025" and view.kind == "Visit"
    assert view.participants == (("acme-cloud", "Acme Cloud", "visitor"), ("tencent", "Tencent", "host"))
    assert view.entity_ids == ("gyeonggi", "tencent", "acme-cloud")
    assert tl.event_view(data, "no-such", "en") is None


def test_a_package_without_events_has_an_empty_timeline(tmp_path):
    plain = replace(load_dataset(write_package(tmp_path)), events=None, event_participants=None, event_outcomes=None)
    assert tl.timeline_rows(plain, "en").empty and tl.timeline_html(plain, "en") == ""
    assert tl.events_in_brief(plain) is None


def test_events_in_brief_count_the_events_and_span_their_years(data):
    assert tl.events_in_brief(data) == (4, 2009, 2025)
    later = replace(data, events=events_frame(EVENTS + [("talks-2026", "visit", "2026-01", "2027-02", "gyeonggi", "shanghai", ())]))
    assert tl.events_in_brief(later) == (5, 2009, 2027)  # an event's end counts
    undated = replace(data, events=events_frame([("x", "visit", "someday", "", "gyeonggi", "shanghai", ())]))
    assert tl.events_in_brief(undated) is None


def test_the_legend_names_the_kinds_shown_with_their_colours(data):
    html = tl.legend_html(data, "en", regions=["busan"])
    assert "Visit" in html and tl.kind_color("visit") in html and "Sister-region tie" not in html


def test_a_context_series_is_a_bar_a_year_with_its_value_and_sources(data):
    figures = pd.DataFrame([
        {**data.figures.iloc[0].to_dict(), "id": f"exp-{y}", "group": "series-kr-cn-trade", "metric": "exports",
         "value": v, "unit": "USD", "period": y, "confidence": "seen", "source_ids": ("src-a",), "locator": "t1"}
        for y, v in (("2021", 162.9e9), ("2020", 132.55e9))
    ])
    with_series = replace(data, figures=pd.concat([data.figures, figures], ignore_index=True))
    rows = tl.series_rows(with_series, "series-kr-cn-trade", "exports", "en")
    assert list(rows["year"]) == ["2020", "2021"] and list(rows["text"]) == ["US$132.6bn", "US$162.9bn"]
    assert list(rows["source_ids"]) == ["src-a", "src-a"]
    bars = tl.series_figure(with_series, "series-kr-cn-trade", "exports", "en").data[0]
    assert bars.orientation == "h" and list(bars.y) == ["2020", "2021"] and list(bars.x) == [132.55e9, 162.9e9]


@pytest.mark.parametrize(("background", "number"), [("#0072B2", "#ffffff"), ("#E69F00", "#000000"), ("#56B4E9", "#000000"),
                                                    ("#009E73", "#000000"), ("#CC79A7", "#000000"), ("#D55E00", "#000000")])
def test_a_markers_number_reads_on_its_colour(background, number):
    assert tl.number_colour(background) == number


def test_event_labels_name_each_event_with_its_date_in_time_order(data):
    labels = tl.event_labels(data, "en")
    assert labels[0] == ("tie-2009", "2009 · tie-2009 event") and [i for i, _ in labels][1:] == ["trip-2025", "mou-2025", "visit-2025"]
