"""Pages stay usable when the data grows (issue 6): with the 10x package of bench/scale_data.py, /delegation and
/mou draw the first MAX_LISTED profiles or items one by one and say where all of them are; the MOU's Sankey is
drawn up to MAX_SANKEY_ITEMS items."""
from __future__ import annotations

import pytest

from bench.scale_data import make_scaled
from components.data.dataset import load_dataset
from components.i18n import t
from components.web.frame import LAZY_PREFIX, MAX_LISTED
from tests.apptest_helpers import ROOT, captions, download_file, open_page, query, sankey_specs, tables


@pytest.fixture(scope="module")
def scaled_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("scale") / "x10"
    make_scaled(ROOT / "data", directory, 10)
    return directory


def test_delegation_lists_the_first_profiles_and_points_to_the_table(scaled_dir, monkeypatch):
    monkeypatch.setenv("KRCN_DATA_DIR", str(scaled_dir))
    at = open_page("delegation", lang="en")
    assert not at.exception
    profiles = [k for k in at.session_state.keys() if str(k).startswith(f"{LAZY_PREFIX}profile_")]  # noqa: SIM118
    assert len(profiles) == MAX_LISTED
    note = t("list.capped", "en", shown=MAX_LISTED, total=80, where=t("list.where.company_table", "en"))
    assert note in captions(at)
    assert len(tables(at)[0]) == 80  # the table keeps every company


def test_mou_lists_the_first_fields_and_points_to_the_item_table(scaled_dir, monkeypatch):
    monkeypatch.setenv("KRCN_DATA_DIR", str(scaled_dir))
    at = open_page("mou", lang="ko")
    assert not at.exception
    note = t("list.capped", "ko", shown=MAX_LISTED, total=110, where=t("list.where.item_table", "ko"))
    assert note in captions(at)
    field_table = next(m.value for m in at.markdown if m.value.startswith("| "))
    assert len(field_table.splitlines()) == 2 + MAX_LISTED  # header, rule, then the first rows
    items = next(df for df in tables(at) if "text_ko" in df.columns)
    assert len(items) == 10 * len(load_dataset(ROOT / "data").clauses)  # every item of the 10x package


def test_mou_draws_the_sankey_up_to_its_limit_then_says_so(scaled_dir, monkeypatch):
    import components.views.mou as mou

    monkeypatch.setenv("KRCN_DATA_DIR", str(scaled_dir))
    items = 10 * len(load_dataset(ROOT / "data").clauses)
    at = open_page("mou", lang="en")
    assert [len([n for n in spec["nodes"] if n["column"] == 0]) for spec in sankey_specs(at)] == [items]
    monkeypatch.setattr(mou, "MAX_SANKEY_ITEMS", items - 1)
    at = open_page("mou", lang="en")
    assert not at.exception
    assert sankey_specs(at) == []  # not drawn: a wall of labels, and a megabyte to send at 100x
    assert t("mou.map.too_big", "en", count=items, limit=items - 1) in [i.value for i in at.info]
    at = open_page("mou", lang="en", expand=True)
    mapping = next(df for df in tables(at) if "companies" in df.columns)
    assert len(mapping) == len(mou.clause_sector_links(load_dataset(scaled_dir)))  # the table keeps every link


def test_real_data_is_never_capped():
    for page in ("delegation", "mou"):
        at = open_page(page, lang="en")
        assert not [c for c in captions(at) if c.startswith("Showing the first")]


def test_network_focus_list_offers_every_node_at_ten_times_the_data(scaled_dir, monkeypatch):
    # st.selectbox filters its options as the visitor types: a list of hundreds of nodes stays usable
    from components.data.dataset import load_dataset
    from components.views.event_scope import scope_dataset
    from components.views.network_model import focusable_ids

    monkeypatch.setenv("KRCN_DATA_DIR", str(scaled_dir))
    for lang in ("en", "ko"):
        at = open_page("network", lang=lang)
        assert not at.exception
        focus = at.selectbox(key="focus")
        shown = focusable_ids(scope_dataset(load_dataset(scaled_dir)))  # no ?event=: the first story, scaled
        assert len(focus.options) == 1 + len(shown) > 400
        node = shown[-1]
        focus.set_value(node).run()
        assert at.query_params["focus"] == node


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_timeline_draws_the_most_recent_events_says_so_and_keeps_every_event_in_the_table(scaled_dir, monkeypatch,
                                                                                       lang):
    from components.views.timeline import MAX_CHART_EVENTS

    monkeypatch.setenv("KRCN_DATA_DIR", str(scaled_dir))
    real = load_dataset(ROOT / "data").events
    events, undated = 10 * len(real), 10 * int((real["date_start"] == "unknown").sum())
    assert events - undated > MAX_CHART_EVENTS
    at = open_page("timeline", lang=lang)
    assert not at.exception
    chart = next(h for h in at.get("html") if 'krcn-timeline"' in h.proto.body)
    assert chart.proto.body.count('class="krcn-event"') == MAX_CHART_EVENTS
    # the latest dated events, numbered as the table (whose last rows are the undated ones)
    assert f">{events - undated}</span>" in chart.proto.body and ">1</span>" not in chart.proto.body
    assert t("timeline.chart.capped", lang, shown=MAX_CHART_EVENTS, total=events) in captions(at)
    from components.web.table import MAX_TABLE_ROWS

    (table,) = tables(at)
    assert len(table) == min(events, MAX_TABLE_ROWS)  # the text twin: past its limit, the latest (its CSV has all)
    assert list(table.iloc[:, 0])[-1] == events


def test_real_timeline_is_never_capped():
    at = open_page("timeline", lang="en")
    assert not [c for c in captions(at) if c.startswith("The chart draws the")]


def test_long_tables_show_one_end_say_so_and_the_csv_keeps_every_row(scaled_dir, monkeypatch):
    # the 100x package's tables hold thousands of rows; here the limit is lowered to see the 10x package capped
    import components.web.table as table

    monkeypatch.setattr(table, "MAX_TABLE_ROWS", 100)
    monkeypatch.setenv("KRCN_DATA_DIR", str(scaled_dir))
    events = 10 * len(load_dataset(ROOT / "data").events)
    at = open_page("timeline", lang="en")
    (rows,) = tables(at)
    assert list(rows.iloc[:, 0]) == list(range(events - 99, events + 1))  # the most recent, numbered as the chart
    assert t("table.capped.last", "en", shown=100, total=events) in captions(at)
    assert len(at.selectbox(key="open").options) == 1 + 100  # "none", then the events the table lists
    _, _, body = download_file(at, "timeline_csv")
    assert len(body.decode("utf-8-sig").strip().splitlines()) == 1 + events  # header, then every event
    at = open_page("network", lang="ko")
    relations = next(c for c in captions(at) if c.startswith("이 표에는"))
    assert relations == t("table.capped.first", "ko", shown=100, total=int(relations.split("행")[0].split()[-1]))
    assert len(tables(at)[0]) == 100


def test_the_event_filter_offers_the_most_recent_events_and_keeps_a_chosen_older_one(scaled_dir, monkeypatch):
    import components.web.frame as frame

    monkeypatch.setattr(frame, "MAX_EVENT_OPTIONS", 100)
    monkeypatch.setenv("KRCN_DATA_DIR", str(scaled_dir))
    scaled = load_dataset(scaled_dir)
    oldest = "gyeonggi-liaoning-sister-1993"
    at = open_page("overview", lang="en", event=oldest)
    chooser = at.sidebar.multiselect(key="event")
    assert len(chooser.options) == 101 and chooser.value == [oldest]  # the 100 latest and the one the link chose
    assert t("event.capped", "en", shown=100, total=len(scaled.events)) in chooser.help
    assert query(at)["event"] == [oldest]
