"""CSV downloads of what a table shows: list cells joined, every string cell neutralised (no streamlit)."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.views.safe_text import csv_cell

LIST_JOIN = "; "


def _cell(value: object) -> object:
    if isinstance(value, (tuple, list)):
        value = LIST_JOIN.join(str(v) for v in value)
    return csv_cell(value)


def csv_bytes(frame: pd.DataFrame, headers: Mapping[str, str] | None = None) -> bytes:
    """The frame as CSV (UTF-8 with BOM so spreadsheets read Hangul and Hanzi), headers renamed by `headers`.

    Only the columns named in `headers` are written, in that order, when it is given.
    """
    if headers is not None:
        frame = frame[list(headers)].rename(columns=dict(headers))
    safe = frame.apply(lambda column: column.map(_cell)) if len(frame) else frame
    safe.columns = [csv_cell(str(c)) for c in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")
