""""Cite this view": a citation a reader can paste, in Korean or English (no streamlit).

It names the view (its title and the page it is on), the dashboard, the date the data last changed, the view's
permalink (the share link, language pinned) and the date it was accessed. The date the data last changed is the
package's `lastChanged` (data/datapackage.json, a test keeps it no older than the newest source); a package
without one falls back to the newest full date in sources.csv, the latest date the data can be known to cover.
Dates are ISO (YYYY-MM-DD) in both languages, as everywhere in the data.
"""
from __future__ import annotations

import datetime
import re

from components.data.dataset import Dataset
from components.i18n import t

FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def data_last_changed(data: Dataset) -> str:
    """The date the data last changed (YYYY-MM-DD): the package's lastChanged, else the newest source date."""
    stated = data.schema.get("lastChanged")
    if isinstance(stated, str) and FULL_DATE.match(stated):
        return stated
    dates = [d for d in data.sources["date"] if isinstance(d, str) and FULL_DATE.match(d)]
    return max(dates, default="")


def access_date(today: datetime.date | None = None) -> str:
    """Today's date (UTC) as YYYY-MM-DD, or `today` when given (tests, a fixed date)."""
    return (today or datetime.datetime.now(datetime.timezone.utc).date()).isoformat()


def cite_view(
    title: str,
    page_title: str,
    data_last_changed: str,
    permalink: str,
    lang: str,
    accessed: datetime.date | str | None = None,
) -> str:
    """One line to paste, e.g. (en)
    “Tencent Cloud, two links out” (Network). Korea–China Business Linkage Dashboard. Data last changed 2026-12-05.
    https://…/network?lang=en&focus=tencent-cloud&depth=2 (accessed 2026-12-06).
    A view whose title is its page's name (or empty) is cited by the page alone."""
    lang = "ko" if lang == "ko" else "en"
    accessed_text = accessed if isinstance(accessed, str) else access_date(accessed)
    params = {
        "page": " ".join(page_title.split()),
        "dashboard": t("app.title", lang),
        "changed": data_last_changed or t("unknown", lang),
        "url": permalink,
        "accessed": accessed_text,
    }
    title = " ".join(title.split())  # one line: a title with line breaks would break the pasted citation
    if not title or title == params["page"]:
        return t("cite.text_page", lang, **params)
    return t("cite.text", lang, title=title, **params)
