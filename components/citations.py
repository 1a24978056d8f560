"""Citations derived from sources.csv rows, so what the page says cannot drift from the data (no streamlit)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from components.dataset import Dataset


@dataclass(frozen=True)
class Citation:
    source_id: str
    label: str  # "Pressian, 2025-09-26"
    url: str  # canonical address, or '' when only a copy was read
    locator: str = ""


def citations(data: Dataset, source_ids: Sequence[str], locator: str = "") -> list[Citation]:
    """One Citation per source id, in order; the locator belongs to the first source."""
    by_id = data.sources.set_index("id")
    result = []
    for i, sid in enumerate(source_ids):
        if sid not in by_id.index:
            continue
        row = by_id.loc[sid]
        label = row["publisher"] + (f", {row['date']}" if row["date"] else "")
        result.append(Citation(sid, label, row["url"], locator if i == 0 else ""))
    return result


def safe_href(url: str) -> str:
    """A validated http(s) URL made safe inside a markdown link target (no spaces or parentheses)."""
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return quote(url, safe=":/?#[]@!$&'*+,;=%-._~")
