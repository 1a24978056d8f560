"""components/table_render.py: the table component's data, on tiny frames with exact assertions."""
from __future__ import annotations

import gc
import json
import math

import pandas as pd
import pytest

from components.views.formatting import format_number
from components.web.render.table import (
    FILTER_FROM_ROWS,
    FIRST_DRAWN_ROWS,
    MAX_VISIBLE_ROWS,
    TABLE_HTML,
    Column,
    cell,
    columns_from_headers,
    columns_of,
    kind_of,
    link_host,
    shared_table_payload,
    table_payload,
)

TEXT = {"filter": "Find", "count": "{shown} of {total}"}


def payload(frame, columns, **kwargs):
    return json.loads(table_payload(frame, columns, lang="en", caption="Things", text=TEXT, **kwargs))


def test_payload_carries_columns_rows_and_text():
    frame = pd.DataFrame({"id": ["a", "b"], "name": ["Initech", None], "n": [3, 1250.5], "url": ["https://www.x.org/p", ""]})
    columns = (Column("name", "Name"), Column("n", "Count", kind="number"), Column("url", "Source", kind="link", link_text="open"))
    assert payload(frame, columns) == {
        "lang": "en",
        "caption": "Things",
        "columns": [
            {"key": "name", "label": "Name", "kind": "text", "width": None},
            {"key": "n", "label": "Count", "kind": "number", "width": None},
            {"key": "url", "label": "Source", "kind": "link", "width": None},
        ],
        "rows": [["Initech", [3.0, "3"], ["https://www.x.org/p", "open"]], ["", [1250.5, "1,250.5"], [None, ""]]],
        "text": TEXT,
        "maxRows": MAX_VISIBLE_ROWS,
        "filterFrom": FILTER_FROM_ROWS,
        "firstDrawn": FIRST_DRAWN_ROWS,
        "ids": ["a", "b"],  # the frame's ids travel with the rows (data-id), shown or not
    }


def test_no_ids_without_the_row_key():
    frame = pd.DataFrame({"name": ["x"]})
    assert "ids" not in payload(frame, (Column("name", "Name"),))
    assert "ids" not in payload(pd.DataFrame({"id": ["a"], "name": ["x"]}), (Column("name", "Name"),), row_key=None)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        (Column("t", "T"), "plain", "plain"),
        (Column("t", "T"), ("a", "b"), "a; b"),  # list cells as in the CSV downloads
        (Column("t", "T", empty="unknown"), None, "unknown"),
        (Column("t", "T", empty="unknown"), float("nan"), "unknown"),
        (Column("t", "T"), "<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),  # text: the browser shows it as typed
        (Column("n", "N", kind="number"), 1400.7, [1400.7, "1,400.7"]),
        (Column("n", "N", kind="number"), 750200000000, [750200000000.0, "750,200,000,000"]),
        (Column("n", "N", kind="number", decimals=2), 3, [3.0, "3.00"]),
        (Column("n", "N", kind="number", empty="—"), None, [None, "—"]),
        (Column("n", "N", kind="number"), "n/a", [None, "n/a"]),
        (Column("n", "N", kind="number"), math.inf, [None, "inf"]),
        (Column("u", "U", kind="link"), "https://www.pressian.com/pages/a?b=1", ["https://www.pressian.com/pages/a?b=1", "pressian.com"]),
        (Column("u", "U", kind="link", link_text="open"), "http://x.kr", ["http://x.kr", "open"]),
        (Column("u", "U", kind="link"), "javascript:alert(1)", [None, "javascript:alert(1)"]),  # never a link
        (Column("u", "U", kind="link"), "https://x.org/a b", [None, "https://x.org/a b"]),
        (Column("u", "U", kind="link", empty="no address"), None, [None, "no address"]),
        (Column("b", "B", kind="bool"), True, True),
        (Column("b", "B", kind="bool"), None, None),
    ],
)
def test_cell(column, value, expected):
    assert cell(column, value, "en") == expected


def test_format_number():
    assert format_number(1234567.0, "ko") == "1,234,567"
    assert format_number(0.1 + 0.2, "en") == "0.3"
    assert format_number(7.188, "en") == "7.188"
    assert format_number(-2.5, "en", decimals=0) == "-2"


def test_link_host():
    assert link_host("https://www.pressian.com/pages/articles/1") == "pressian.com"
    assert link_host("http://kind.krx.co.kr:8080/x") == "kind.krx.co.kr"


def test_columns_from_frames_and_headers():
    frame = pd.DataFrame({"Rank": [1, 2], "Name": ["a", "b"], "Listed": [True, False], "Share": [0.5, 0.25]})
    assert [(c.key, c.kind) for c in columns_of(frame)] == [("Rank", "number"), ("Name", "text"), ("Listed", "bool"), ("Share", "number")]
    link = Column("Name", "Name", kind="link")
    assert columns_of(frame, {"Name": link})[1] is link
    assert columns_from_headers({"a": "A", "b": "B"}, b=Column("b", "B", width="large")) == (
        Column("a", "A"), Column("b", "B", width="large"),
    )
    assert kind_of(pd.Series(["1", "2"])) == "text"


def test_bad_columns_are_refused():
    with pytest.raises(ValueError, match="kind 'chart'"):
        Column("x", "X", kind="chart")
    with pytest.raises(ValueError, match="width 'huge'"):
        Column("x", "X", width="huge")
    with pytest.raises(KeyError, match="missing"):
        payload(pd.DataFrame({"a": [1]}), (Column("missing", "M"),))


def test_payload_is_json_without_nan():
    frame = pd.DataFrame({"n": [float("nan")]})
    assert payload(frame, (Column("n", "N", kind="number"),))["rows"] == [[[None, ""]]]


def test_html_is_fixed():
    assert "{" not in TABLE_HTML and 'data-state="loading"' in TABLE_HTML


def test_a_payload_is_built_once_per_frame_and_arguments_while_the_frame_lives():
    """A page's tables come from Dataset.memo: the same frame on every rerun and for every visitor. Their payload is
    built once (the same bytes object comes back), again for other arguments, and forgotten with the frame."""
    from components.web.render import table as render

    frame = pd.DataFrame({"name": ["Hancom", "NHN Cloud"], "founded": [1990, 2019]})
    columns = [Column("name", "Name"), Column("founded", "Founded", kind="number")]
    first = shared_table_payload(frame, columns, lang="en", caption="Firms", text=TEXT)
    assert first == table_payload(frame, columns, lang="en", caption="Firms", text=TEXT)
    assert shared_table_payload(frame, columns, lang="en", caption="Firms", text=TEXT) is first
    korean = shared_table_payload(frame, columns, lang="ko", caption="기업", text=TEXT)
    assert korean is not first and json.loads(korean)["caption"] == "기업"
    fewer = shared_table_payload(frame, columns[:1], lang="en", caption="Firms", text=TEXT)
    assert json.loads(fewer)["rows"] == [["Hancom"], ["NHN Cloud"]]

    # an equal frame that is another object is built anew (a frame changed in place never comes from Dataset.memo)
    other = frame.copy()
    assert shared_table_payload(other, columns, lang="en", caption="Firms", text=TEXT) is not first
    assert id(frame) in render._BUILT and id(other) in render._BUILT
    frame_id = id(frame)
    del frame, first, korean, fewer
    gc.collect()
    assert frame_id not in render._BUILT and id(other) in render._BUILT
