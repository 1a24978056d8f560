"""Tables as the app's own component draws them (no streamlit): the payload (columns, rows, the table's text)
and the component's HTML; the browser code is static/krcn/table.js.

Why not `st.dataframe`: its grid arrives as about 25 lazily loaded modules (1.3 MB) after the page's first
message, and a first visit waits for them; on the benchmark machine one small `st.dataframe` made a page 1.5x
the empty app's load time. This table is a real `<table>` (a screen reader reads it as a table, text can be
selected, wraps and prints): sortable by any column, filterable past a few rows, scrolling inside past
`MAX_VISIBLE_ROWS` rows with its header in view, the first column kept in view when it scrolls sideways; a
table wider than its box says how many columns are in view and has buttons to page sideways.
Every cell is written with textContent; a cell is a link only for an http(s) address.
"""
from __future__ import annotations

import json
import math
import re
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from components.views.formatting import format_number
from components.data.export import LIST_JOIN  # list cells as in the CSV downloads

KINDS = ("text", "number", "link", "bool")
WIDTHS = ("small", "medium", "large")
MAX_VISIBLE_ROWS = 20  # rows in view before the table scrolls inside
FILTER_FROM_ROWS = 8  # tables with more rows get a filter box
FIRST_DRAWN_ROWS = 300  # rows drawn at once; the rest after "show all" (a filter or sort still covers every row)
_HTTP_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
_HOST = re.compile(r"^https?://(?:www\.)?([^/?#:]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    """One column as shown: `key` in the frame, `label` in the page's language.

    kind: text, number (sorted by value; `decimals` digits, grouped in the page's language), link (an http(s)
    address shown as `link_text`, or as the address's host when `link_text` is None), bool (yes/no).
    width: small, medium or large (a minimum width; text wraps), or None. `empty`: what a missing value shows.
    """

    key: str
    label: str
    kind: str = "text"
    width: str | None = None
    link_text: str | None = None
    decimals: int | None = None
    empty: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.key!r}: kind {self.kind!r} is not one of {KINDS}")
        if self.width is not None and self.width not in WIDTHS:
            raise ValueError(f"column {self.key!r}: width {self.width!r} is not one of {WIDTHS}")


def columns_from_headers(headers: Mapping[str, str], **special: Column) -> tuple[Column, ...]:
    """Text columns named by `headers` (key -> label), in that order; `special` replaces some by key."""
    return tuple(special.get(key, Column(key, label)) for key, label in headers.items())


def kind_of(series: pd.Series) -> str:
    """A column's kind from its values: bool, number, or text (object columns are text)."""
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    return "text"


def columns_of(frame: pd.DataFrame, special: Mapping[str, Column] | None = None) -> tuple[Column, ...]:
    """Every column of a frame whose column names are already the labels, its kind from its values unless
    `special` gives the column."""
    special = special or {}
    return tuple(special.get(name, Column(name, name, kind=kind_of(frame[name]))) for name in frame.columns)


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NA or value is pd.NaT


def _text(value: object) -> str:
    if _missing(value):
        return ""
    if isinstance(value, (tuple, list)):
        return LIST_JOIN.join(_text(v) for v in value)
    return str(value)


def link_host(url: str) -> str:
    """'https://www.pressian.com/pages/...' -> 'pressian.com'."""
    match = _HOST.match(url)
    return match.group(1) if match else url


def cell(column: Column, value: object, lang: str) -> object:
    """One cell of the payload: text as a string; a number as [value, text]; a link as [address or None, text];
    a yes/no as true/false (None when missing). Missing values show `column.empty`."""
    if column.kind == "number":
        if _missing(value) or isinstance(value, bool):
            return [None, column.empty]
        try:
            number = float(value)
        except (TypeError, ValueError):
            return [None, _text(value)]
        if math.isinf(number):
            return [None, _text(value)]
        return [number, format_number(number, lang, column.decimals)]
    if column.kind == "link":
        url = _text(value).strip()
        if not url:
            return [None, column.empty]
        if not _HTTP_URL.match(url):
            return [None, url]  # shown as text, never as a link
        return [url, column.link_text if column.link_text is not None else link_host(url)]
    if column.kind == "bool":
        return None if _missing(value) else bool(value)
    text = _text(value)
    return text if text else column.empty


def table_payload(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    lang: str,
    caption: str,
    text: Mapping[str, str],
    max_visible_rows: int = MAX_VISIBLE_ROWS,
    row_key: str | None = "id",
) -> bytes:
    """The component's data: columns, rows (cells as `cell` makes them), caption (the table's accessible name),
    the component's own words in the page's language, and how many rows are in view before it scrolls.
    When the frame has a `row_key` column, each row carries its id (`data-id` on the row), shown or not."""
    missing = [c.key for c in columns if c.key not in frame.columns]
    if missing:
        raise KeyError(f"table columns not in the frame: {missing}")
    rows = [[cell(c, value, lang) for c, value in zip(columns, values)] for values in frame[[c.key for c in columns]].itertuples(index=False, name=None)]
    payload = {
        "lang": lang,
        "caption": caption,
        "columns": [{"key": c.key, "label": c.label, "kind": c.kind, "width": c.width} for c in columns],
        "rows": rows,
        "text": dict(text),
        "maxRows": max_visible_rows,
        "filterFrom": FILTER_FROM_ROWS,
        "firstDrawn": FIRST_DRAWN_ROWS,
    }
    if row_key is not None and row_key in frame.columns:
        payload["ids"] = [_text(v) for v in frame[row_key]]
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


# Payloads already built, by frame (while it lives) and then by the other arguments. A page's tables come from
# Dataset.memo, the same frame object on every rerun and for every visitor of a view; building their JSON was a
# quarter of a /regions language switch's server CPU (docs/performance.md, "Tables off screen, and tables built
# once"). Entries go with their frame.
_BUILT: dict[int, tuple[weakref.ref, dict[tuple, bytes]]] = {}
_BUILT_LOCK = threading.RLock()  # re-entrant: a frame can die (and be forgotten) while the lock is held
MAX_PAYLOADS_PER_FRAME = 16  # one frame shown in a few languages and captions; beyond, built each time


def _forget(frame_id: int, ref: weakref.ref) -> None:
    with _BUILT_LOCK:
        entry = _BUILT.get(frame_id)
        if entry is not None and entry[0] is ref:  # not a newer frame that was given the same id
            del _BUILT[frame_id]


def shared_table_payload(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    lang: str,
    caption: str,
    text: Mapping[str, str],
    max_visible_rows: int = MAX_VISIBLE_ROWS,
) -> bytes:
    """`table_payload`, built once for the same frame object and arguments while the frame lives (the frame must
    not be modified in place, as Dataset.memo's results never are)."""
    args = (tuple(columns), lang, caption, tuple(text.items()), max_visible_rows)
    entry = _BUILT.get(id(frame))
    if entry is not None and entry[0]() is frame and args in entry[1]:
        return entry[1][args]
    payload = table_payload(frame, columns, lang=lang, caption=caption, text=text, max_visible_rows=max_visible_rows)
    with _BUILT_LOCK:
        entry = _BUILT.get(id(frame))
        if entry is None or entry[0]() is not frame:
            entry = _BUILT[id(frame)] = (weakref.ref(frame, lambda ref, frame_id=id(frame): _forget(frame_id, ref)), {})
        if len(entry[1]) < MAX_PAYLOADS_PER_FRAME:
            entry[1][args] = payload
    return payload


TABLE_HTML = (
    '<div class="krcn-table" data-state="loading">'
    '<div class="krcn-table-tools"></div>'
    '<div class="krcn-table-scroll" tabindex="0" role="region">'
    '<table><caption class="krcn-sr"></caption><thead></thead><tbody></tbody></table>'
    "</div>"
    '<div class="krcn-table-more"></div>'
    "</div>"
)
