"""Tables drawn by the app's own inline component (st.components.v2, no iframe); see components/table_render.py
for why not `st.dataframe` and what the table does."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.web.kit import component_stub
from components.i18n import t
from components.web.render.table import MAX_VISIBLE_ROWS, TABLE_HTML, Column, shared_table_payload

# isolate_styles=False: the page's fonts and colours; static/krcn/table.js links table.css, every class prefixed krcn-
_table_component = st.components.v2.component(
    "krcn_table", html=TABLE_HTML, js=component_stub("table"), isolate_styles=False
)

# Past this many rows a table shows one end of them and says so; the page's CSV download beside it keeps every
# row. Only the synthetic 100x package reaches it (the real tables hold at most a few dozen rows): a table of
# thousands of rows is megabytes sent to the browser before the page is drawn, and the filters narrow it better.
MAX_TABLE_ROWS = 500

TEXT_KEYS = (
    *("filter", "filter_label", "count", "sort", "yes", "no", "empty", "no_match", "show_all"),
    *("columns_in_view", "columns_earlier", "columns_later"),
)


def table_text(lang: str) -> dict[str, str]:
    """The component's own words ({shown}, {total}, {caption} are filled in by the browser)."""
    return {key: t(f"table.{key}", lang) for key in TEXT_KEYS}


def data_table(
    view,
    key: str,
    frame: pd.DataFrame,
    columns: Sequence[Column],
    caption: str,
    max_visible_rows: int = MAX_VISIBLE_ROWS,
    cap: str | None = None,
) -> None:
    """Draw `frame`'s `columns` as a table; `caption` is its accessible name (say what the rows are).

    `cap` ("first" or "last", for a table with a CSV download of every row): past MAX_TABLE_ROWS rows, show that
    end of them and say so."""
    total = len(frame)
    if cap is not None and total > MAX_TABLE_ROWS:
        frame = frame.head(MAX_TABLE_ROWS) if cap == "first" else frame.tail(MAX_TABLE_ROWS)
        st.caption(t(f"table.capped.{cap}", view.lang, shown=MAX_TABLE_ROWS, total=total))
    payload = shared_table_payload(
        frame, columns, lang=view.lang, caption=caption, text=table_text(view.lang), max_visible_rows=max_visible_rows
    )
    _table_component(key=key, data=payload, height="content")
