"""Citations derived from sources.csv rows, so what the page says cannot drift from the data (no streamlit)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from components.data.dataset import Dataset
from components.i18n import t
from components.views.safe_text import escape_markdown


@dataclass(frozen=True)
class Citation:
    source_id: str
    label: str  # "Pressian, 2025-09-26"
    url: str  # canonical address, or '' when only a copy was read
    locator: str = ""


def _sources_by_id(data: Dataset) -> dict[str, tuple[str, str]]:
    """Source id -> (label, url), built once per dataset (`citations` runs for almost every fact shown)."""
    sources = data.sources
    return {
        sid: (source_label(publisher, date), url)
        for sid, publisher, date, url in zip(sources["id"], sources["publisher"], sources["date"], sources["url"])
    }


def citations(data: Dataset, source_ids: Sequence[str], locator: str = "") -> list[Citation]:
    """One Citation per source id, in order; the locator belongs to the first source."""
    by_id = data.memo(_sources_by_id)
    result = []
    for i, sid in enumerate(source_ids):
        if sid not in by_id:
            continue
        label, url = by_id[sid]
        result.append(Citation(sid, label, url, locator if i == 0 else ""))
    # Two reports by one publisher on one day (e.g. two Ajunews stories) must stay distinguishable.
    counts: dict[str, int] = {}
    for c in result:
        counts[c.label] = counts.get(c.label, 0) + 1
    return [
        Citation(c.source_id, f"{c.label} ({c.source_id})", c.url, c.locator) if counts[c.label] > 1 else c
        for c in result
    ]


def source_line(data: Dataset, lang: str, source_ids: tuple[str, ...], locator: str = "") -> str:
    """'Source: [Pressian, 2025-09-26](url) ¶1; …' as safe markdown (data text escaped, links http(s) only).

    Called for almost every fact on every page: use `data.memo(source_line, lang, ids, locator)`."""
    parts = []
    for c in citations(data, source_ids, locator):
        text = escape_markdown(c.label)
        href = safe_href(c.url)
        part = f"[{text}]({href})" if href else text
        if c.locator:
            part += " " + escape_markdown(c.locator)
        parts.append(part)
    body = "; ".join(parts) if parts else t("source.none", lang)
    return f"{t('source.label', lang)}: {body}"


def source_label(publisher: str, date: str) -> str:
    return publisher + (f", {date}" if date else "")


def safe_href(url: str) -> str:
    """A validated http(s) URL made safe inside a markdown link target (no spaces or parentheses)."""
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return quote(url, safe=":/?#[]@!$&'*+,;=%-._~")
