"""What a shared link's first screen says before Streamlit has loaded: the view's title, its lead, its first figures
and first table rows, in the link's language, from the same pure builders and the same link parsing as the page.

Plain text only: the server escapes every string when it writes the HTML (components/host/first_screen.py)."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from components.data.dataset import Dataset
from components.i18n import t
from components.views import economy as eco
from components.views import regions as rg
from components.views import timeline as tl
from components.views.delegation import company_table
from components.views.event_scope import story_and_others
from components.views.link_state import parse_link, scoped_data
from components.views.mou import ordered_clauses
from components.views.network_model import build_network, relations_table
from components.views.sources import VERDICTS, verdict_counts, verdict_label
from components.views.story import step_view, story_steps
from components.views.url_state import ViewState

PAGES = ("overview", "network", "delegation", "economy", "mou", "regions", "timeline", "story", "sources")
FIRST_ROWS = 8  # enough to read on a phone's first screen, before Streamlit's page (with every row) takes over
TWIN_ROWS = 200  # without JavaScript the first screen is the view's text twin: this many rows (a few KB gzipped)
DESCRIPTION_CHARS = 200  # link previews cut longer descriptions themselves, mid-word


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first TWIN_ROWS; the first FIRST_ROWS show while Streamlit loads
    total: int  # rows of the whole table the page shows


@dataclass(frozen=True)
class FirstScreen:
    page: str
    state: ViewState
    app_title: str
    title: str  # the view's own heading, as the page's st.title
    lead: str
    facts: tuple[tuple[str, str], ...] = ()  # label, value
    table: Table | None = None

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def document_title(self) -> str:
        return f"{self.title} · {self.app_title}"

    @property
    def description(self) -> str:
        return shorten(self.lead, DESCRIPTION_CHARS)


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"\*\*|__|`|:small\[|\]$")


def plain(markdown: str) -> str:
    """Catalogue text (a little Markdown) as plain text: links keep their words, emphasis marks go."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", markdown)).split())


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def _table(caption: str, frame: pd.DataFrame, columns: Sequence[str], headers: Sequence[str]) -> Table:
    shown = frame.head(TWIN_ROWS)
    rows = tuple(tuple(_cell(row[c]) for c in columns) for _, row in shown.iterrows())
    return Table(caption, tuple(headers), rows, len(frame))


def _overview(data: Dataset, all_data: Dataset, state: ViewState, lang: str) -> dict:
    story, _ = story_and_others(all_data, state.events)
    brief = all_data.memo(tl.events_in_brief)
    lead = t("app.subtitle", lang, count=brief[0], first=brief[1], last=brief[2]) if brief else t("app.subtitle.story", lang)
    rows = tl.timeline_rows(data, lang, sectors=state.sectors)
    table = _timeline_table(rows, lang)
    title = t("overview.title" if story else "overview.events.title", lang)
    return {"title": title, "lead": lead, "table": table}


def _timeline_table(rows: pd.DataFrame, lang: str) -> Table:
    columns = ("date", "name", "region", "counterpart")
    return _table(t("timeline.table.heading", lang), rows, columns, [t(f"timeline.col.{c}", lang) for c in columns])


def _network(data: Dataset, all_data: Dataset, state: ViewState, lang: str) -> dict:
    network = build_network(data, sectors=state.sectors, focus=state.focus, depth=state.depth, fade=state.fade, lang=lang)
    frame = relations_table(data, network, lang)
    columns = ("from", "relation", "to", "date")
    table = _table(t("network.table.heading", lang, count=len(frame)), frame, columns, [t(f"network.col.{c}", lang) for c in columns])
    kinds = {}
    for node in network.nodes:
        if not node.faded:
            kinds[node.kind] = kinds.get(node.kind, 0) + 1
    facts = tuple((t(f"network.kind.{kind}", lang), str(count)) for kind, count in kinds.items())
    return {"title": t("network.title", lang), "lead": t("network.intro", lang), "facts": facts, "table": table}


def _delegation(data: Dataset, all_data: Dataset, state: ViewState, lang: str) -> dict:
    frame = company_table(data, lang, state.sectors)
    columns = tuple(frame.columns[:4])
    table = _table(t("delegation.table.heading", lang), frame, columns, columns)
    return {"title": t("delegation.title", lang), "lead": t("delegation.intro", lang), "table": table}


def _economy(data: Dataset, all_data: Dataset, state: ViewState, lang: str) -> dict:
    rates = eco.rates(data)
    facts = tuple((t(f"economy.headline.label.{key}", lang), eco.shown_text(shown, lang, approx_mark=True))
                  for key, shown in eco.headline(data, eco.UNITS[state.unit], rates).items())
    return {"title": t("economy.title", lang), "lead": t("economy.intro", lang), "facts": facts}


def _mou(data: Dataset, all_data: Dataset, state: ViewState, lang: str) -> dict:
    clauses = ordered_clauses(data.clauses, state.sectors)
    frame = pd.DataFrame({"label": clauses[f"title_{lang}"], "text": clauses[f"text_{lang}"]})
    table = _table(t("mou.table.heading", lang), frame, ("label", "text"), [t("mou.col.label", lang), t("mou.col.text", lang)])
    return {"title": t("mou.title", lang), "lead": t("mou.intro", lang), "table": table}


def _regions(data: Dataset, all_data: Dataset, state: ViewState, lang: str) -> dict:
    choices = dict(rg.region_choices(all_data, lang))
    chosen = tuple(r for r in state.regions if r in choices)
    frame = rg.region_rows(all_data, lang, chosen, state.sectors, state.events)
    columns = ("region", "ties", "first", "latest", "partners")
    table = _table(t("regions.compare.heading", lang), frame, columns, [t(f"regions.col.{c}", lang) for c in columns])
    return {"title": t("regions.title", lang), "lead": t("regions.intro", lang), "table": table}


def _timeline(data: Dataset, all_data: Dataset, state: ViewState, lang: str) -> dict:
    rows = tl.timeline_rows(all_data, lang, sectors=state.sectors, regions=state.regions,
                            counterparts=state.counterparts, events=state.events)
    return {"title": t("timeline.title", lang), "lead": t("timeline.intro", lang), "table": _timeline_table(rows, lang)}


def _story(data: Dataset, all_data: Dataset, state: ViewState, lang: str) -> dict:
    steps = story_steps(data)
    if not steps:
        return {"title": t("story.title", lang), "lead": t("app.subtitle.story", lang)}
    shown = step_view(data, steps, state.step or steps[0].number, lang)
    return {"title": t("story.title", lang), "lead": shown.caption, "facts": ((shown.progress, shown.title),)}


def _sources(data: Dataset, all_data: Dataset, state: ViewState, lang: str) -> dict:
    counts = verdict_counts(data)
    facts = ((t("sources.list.heading", lang), t("sources.list.count", lang, count=len(data.sources))),
             (t("sources.claims.heading", lang), " · ".join(f"{verdict_label(v, lang)} {counts[v]}" for v in VERDICTS)))
    return {"title": t("sources.title", lang), "lead": t("sources.intro", lang), "facts": facts}


_BUILDERS = {
    "overview": _overview, "network": _network, "delegation": _delegation, "economy": _economy, "mou": _mou,
    "regions": _regions, "timeline": _timeline, "story": _story, "sources": _sources,
}


def first_screen(all_data: Dataset, page: str, raw: Mapping[str, Sequence[str]], locale: str | None) -> FirstScreen:
    """The first screen of `page` for a link's query parameters `raw` (unknown values dropped as the page drops
    them) and the visitor's `locale` (the language when the link names none)."""
    if page not in _BUILDERS:
        raise ValueError(f"no page {page!r}")
    state, _ = parse_link(raw, page, all_data, locale)
    data, _ = scoped_data(all_data, page, state)
    parts = _BUILDERS[page](data, all_data, state, state.lang)
    parts["lead"] = plain(parts["lead"])
    return FirstScreen(page=page, state=state, app_title=t("app.title", state.lang), **parts)
