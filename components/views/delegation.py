"""/delegation builders: the six Gyeonggi firms and the Tencent hosts as tables and charts (no streamlit).

Everything here takes the Dataset (plus language and the sector filter) and returns a DataFrame, a list of
facts or a plotly figure, so the page stays a thin script and the tests need no Streamlit.
"""
from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.data.dataset import Dataset
from components.i18n import t
from components.views.safe_text import escape_plotly

ROLES = ("delegation", "host")  # the six Gyeonggi firms first, then the Tencent side
# Profile facts in the order a reader asks for them; the table shows the first six besides names and sectors.
TABLE_ATTRIBUTES = ("business", "headquarters", "founded", "listing", "parent", "attendee_level")
PROFILE_ATTRIBUTES = (
    "business",
    "headquarters",
    "location_class",
    "founded",
    "listing",
    "parent",
    "leader",
    "attendee_level",
    "footprint",
    "scale",
)
# Location classes (attributes 'location_class', value_en) in reading order; anything else goes before unknown.
LOCATION_ORDER = ("Pangyo", "Gyeonggi outside Pangyo", "Seoul")
# Okabe–Ito colours (safe for colour-vision deficiency) for location classes; unknown is grey and hatched.
LOCATION_COLORS = ("#009E73", "#56B4E9", "#E69F00", "#CC79A7", "#0072B2", "#D55E00")
UNKNOWN_COLOR = "#999999"
FALLBACK_SECTOR_COLOR = "#0072B2"


@dataclass(frozen=True)
class Fact:
    """One profile fact of a company in one language; value '' means unknown."""

    attribute: str
    value: str
    confidence: str  # seen, inferred or not found
    source_ids: tuple[str, ...] = ()
    locator: str = ""
    detail: str = ""  # what a 'not found' row says about the search (e.g. "only called a Pangyo-cluster firm")

    @property
    def known(self) -> bool:
        return bool(self.value)


def unknown_token(data: Dataset) -> str:
    return data.schema.get("unknownToken", "unknown")


def is_unknown(value: object, token: str = "unknown") -> bool:
    text = "" if value is None else str(value).strip()
    return text == "" or text.lower() == token.lower()


def keeps(entity_sectors: Iterable[str], selected: Sequence[str]) -> bool:
    """The shared filter: nothing selected keeps everything; else any of the company's sectors must be chosen."""
    return not selected or any(s in selected for s in entity_sectors)


def companies(data: Dataset, sectors: Sequence[str] = (), roles: Sequence[str] = ROLES) -> pd.DataFrame:
    """Entity rows of the delegation (file order) then the hosts, narrowed by the sector filter."""
    ents = data.entities
    parts = [ents[ents["role"] == role] for role in roles]
    rows = pd.concat(parts) if parts else ents.iloc[0:0]
    mask = [keeps(s, sectors) for s in rows["sectors"]]
    return rows[mask].reset_index(drop=True)


# id(table) -> (weak reference to the table, index): the check on the reference guards against id reuse.
_ATTRIBUTE_INDEXES: dict[int, tuple[weakref.ref, dict]] = {}


def _attribute_index(attrs: pd.DataFrame) -> dict[tuple[str, str], dict]:
    """(entity_id, attribute) -> row, built once per loaded table (a scan per fact made big packages slow)."""
    entry = _ATTRIBUTE_INDEXES.get(id(attrs))
    if entry is not None and entry[0]() is attrs:
        return entry[1]
    index: dict[tuple[str, str], dict] = {}
    for row in attrs.to_dict("records"):
        index.setdefault((row["entity_id"], row["attribute"]), row)
    key = id(attrs)
    _ATTRIBUTE_INDEXES[key] = (weakref.ref(attrs, lambda _ref: _ATTRIBUTE_INDEXES.pop(key, None)), index)
    return index


def fact(data: Dataset, entity_id: str, attribute: str, lang: str) -> Fact:
    """The fact from attributes.csv; a missing row, an 'unknown' value or 'not found' give an unknown Fact."""
    row = _attribute_index(data.attributes).get((entity_id, attribute))
    if row is None:
        return Fact(attribute, "", "not found")
    value, detail = str(row[f"value_{lang}"]), ""
    if is_unknown(value, unknown_token(data)):
        value = ""
    elif row["confidence"] == "not found":
        value, detail = "", value
    return Fact(attribute, value, row["confidence"], tuple(row["source_ids"]), row["locator"], detail)


def profile(data: Dataset, entity_id: str, lang: str) -> list[Fact]:
    """Every profile fact of a company in PROFILE_ATTRIBUTES order; absent optional facts are left out,
    the table's facts are always there (as unknown when not found)."""
    present = set(data.attributes.loc[data.attributes["entity_id"] == entity_id, "attribute"])
    wanted = [a for a in PROFILE_ATTRIBUTES if a in present or a in TABLE_ATTRIBUTES or a == "location_class"]
    return [fact(data, entity_id, a, lang) for a in wanted]


def shown(f: Fact, lang: str) -> str:
    """A fact as a table cell: the value, '(inferred)' after an inferred one, 'unknown' when not known."""
    if not f.known:
        return t("unknown", lang)
    if f.confidence == "inferred":
        return t("delegation.inferred_value", lang, value=f.value)
    return f.value


def display_name(row: pd.Series, lang: str) -> str:
    """'Tencent (腾讯)': the name in the language with the Chinese name beside it where one exists."""
    name = row[f"name_{lang}"]
    return f"{name} ({row['name_zh']})" if row.get("name_zh") else name


def other_name(row: pd.Series, lang: str) -> str:
    return row["name_en" if lang == "ko" else "name_ko"]


def sector_names(data: Dataset, sector_ids: Iterable[str], lang: str) -> list[str]:
    names = dict(zip(data.sectors["id"], data.sectors[f"name_{lang}"]))
    return [names.get(s, s) for s in sector_ids]


def table_columns(lang: str) -> list[str]:
    keys = ["name", "other_name", "role", "sectors", *TABLE_ATTRIBUTES]
    return [t(f"delegation.col.{k}", lang) for k in keys]


def company_table(data: Dataset, lang: str, sectors: Sequence[str] = ()) -> pd.DataFrame:
    """One row a company (delegation first, hosts marked), every cell in the language, unknowns as unknown."""
    rows = []
    for _, ent in companies(data, sectors).iterrows():
        names = sector_names(data, ent["sectors"], lang)
        cells = [
            display_name(ent, lang),
            other_name(ent, lang),
            t(f"delegation.role.{ent['role']}", lang),
            ", ".join(names) if names else t("unknown", lang),
        ]
        cells += [shown(fact(data, ent["id"], a, lang), lang) for a in TABLE_ATTRIBUTES]
        rows.append(cells)
    return pd.DataFrame(rows, columns=table_columns(lang), dtype=object)


def sector_counts(data: Dataset, lang: str, sectors: Sequence[str] = ()) -> pd.DataFrame:
    """Delegation firms per sector (a firm with two sectors counts in both), taxonomy order, empty sectors left out.

    Columns: sector_id, sector, count, companies (names joined), names (tuple), color.
    """
    firms = companies(data, sectors, roles=("delegation",))
    rows = []
    for _, sec in data.sectors.sort_values("order").iterrows():
        members = [r for _, r in firms.iterrows() if sec["id"] in r["sectors"]]
        if members:
            rows.append(
                {
                    "sector_id": sec["id"],
                    "sector": sec[f"name_{lang}"],
                    "count": len(members),
                    "companies": ", ".join(m[f"name_{lang}"] for m in members),
                    "names": tuple(m[f"name_{lang}"] for m in members),
                    "color": sec["color"] or FALLBACK_SECTOR_COLOR,
                }
            )
    return pd.DataFrame(rows, columns=["sector_id", "sector", "count", "companies", "names", "color"])


def multi_sector(data: Dataset, lang: str, sectors: Sequence[str] = ()) -> list[str]:
    """Names of the delegation firms (as filtered) that sit in more than one sector: counted once per sector."""
    firms = companies(data, sectors, roles=("delegation",))
    return [f[f"name_{lang}"] for _, f in firms.iterrows() if len(f["sectors"]) > 1]


def location_counts(data: Dataset, lang: str, sectors: Sequence[str] = ()) -> pd.DataFrame:
    """Delegation firms per location class (Pangyo, Gyeonggi outside Pangyo, Seoul, unknown last).

    Columns: location_key (value_en, or 'unknown'), location, count, companies (inferred ones marked), names
    (the same as a tuple), source_ids (of the facts counted, in order, without repeats).
    """
    firms = companies(data, sectors, roles=("delegation",))
    groups: dict[str, dict] = {}
    for _, firm in firms.iterrows():
        f_en = fact(data, firm["id"], "location_class", "en")
        f_lang = fact(data, firm["id"], "location_class", lang)
        key = f_en.value if f_en.known else "unknown"
        group = groups.setdefault(
            key, {"location": f_lang.value or t("unknown", lang), "companies": [], "source_ids": []}
        )
        name = firm[f"name_{lang}"]
        group["companies"].append(t("delegation.inferred_value", lang, value=name) if f_en.confidence == "inferred" else name)
        for sid in f_en.source_ids:
            if sid not in group["source_ids"]:
                group["source_ids"].append(sid)

    def order(key: str) -> tuple[int, int]:
        if key == "unknown":
            return (2, 0)
        return (0, LOCATION_ORDER.index(key)) if key in LOCATION_ORDER else (1, 0)

    rows = [
        {
            "location_key": key,
            "location": g["location"],
            "count": len(g["companies"]),
            "companies": ", ".join(g["companies"]),
            "names": tuple(g["companies"]),
            "source_ids": tuple(g["source_ids"]),
        }
        for key, g in sorted(groups.items(), key=lambda kv: order(kv[0]))
    ]
    return pd.DataFrame(rows, columns=["location_key", "location", "count", "companies", "names", "source_ids"])


def pangyo_claim(data: Dataset) -> pd.Series | None:
    """The claims-ledger entry on 'all six are Pangyo firms': the claim naming most delegation firms that
    mentions Pangyo; None when the ledger has none."""
    firms = set(data.entities.loc[data.entities["role"] == "delegation", "id"])
    best, best_overlap = None, 0
    for _, claim in data.claims.iterrows():
        text = f"{claim['id']} {claim['claim_en']} {claim['claim_ko']}".lower()
        if "pangyo" not in text and "판교" not in text:
            continue
        overlap = len(firms & set(claim["entity_ids"]))
        if best is None or overlap > best_overlap:
            best, best_overlap = claim, overlap
    return best


def _plot_text(text: object) -> str:
    return escape_plotly(text)


def _count_axis(lang: str, max_count: int) -> dict:
    """Whole-number ticks: every count up to 10, then a round step (one tick per firm at 100x data meant 600
    tick labels for plotly.js to measure: seconds of drawing)."""
    step, k = 1, 0
    while max_count / step > 10:  # 1, 2, 5, 10, 20, 50, ...: at most ten ticks
        k += 1
        step = (1, 2, 5)[k % 3] * 10 ** (k // 3)
    return {
        "title": {"text": t("delegation.chart.count_axis", lang)},
        "dtick": step,
        "range": [0, max(max_count, 1) + 0.15],
        "fixedrange": True,
    }


def text_color(background: str) -> str:
    """Dark or white text, whichever reads better on the bar colour (WCAG relative luminance)."""
    r, g, b = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return "#1F2A36" if luminance > 0.2 else "#FFFFFF"


BAR_NAMES = 6  # names written on a bar; the table under the chart lists every company


def bar_names(names: Sequence[str], lang: str) -> str:
    """The companies a bar writes: all of them up to BAR_NAMES, else the first ones and how many more."""
    if len(names) <= BAR_NAMES:
        return ", ".join(names)
    return ", ".join(names[:BAR_NAMES]) + " " + t("delegation.chart.more", lang, count=len(names) - BAR_NAMES)


def _count_bars(
    counts: pd.DataFrame,
    labels: list[str],
    colors: list[str],
    patterns: list[str],
    lang: str,
    opacity: list[float] | None = None,
) -> go.Figure:
    """Horizontal count bars; each bar says how many and which companies, so no hover is needed to read it."""
    fig = go.Figure(
        go.Bar(
            x=list(counts["count"]),
            y=[_plot_text(s) for s in labels],
            orientation="h",
            marker={
                "color": colors,
                "opacity": opacity or 1,
                "pattern": {"shape": patterns, "fgcolor": "#FFFFFF", "solidity": 0.25},
            },
            text=[_plot_text(f"{n} · {bar_names(names, lang)}") for n, names in zip(counts["count"], counts["names"])],
            textposition="inside",
            insidetextanchor="start",
            textfont={"color": [text_color(c) for c in colors]},
            customdata=[[_plot_text(bar_names(names, lang))] for names in counts["names"]],
            hovertemplate="<b>%{y}</b><br>"
            + t("delegation.chart.hover_count", lang, count="%{x}")
            + "<br>%{customdata[0]}<extra></extra>",
        )
    )
    fig.update_layout(
        height=max(200, 70 + 44 * len(counts)),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        xaxis=_count_axis(lang, int(counts["count"].max()) if len(counts) else 1),
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True},
        uniformtext={"minsize": 11, "mode": "show"},  # never shrink the names below a readable size
        showlegend=False,
    )
    return fig


def sector_figure(counts: pd.DataFrame, lang: str, selected: Sequence[str] = ()) -> go.Figure:
    """One bar a sector, in the sector's colour; with a filter on, the sectors not chosen (there because a kept
    company is also in them) are drawn faint."""
    colors = list(counts["color"])
    opacity = [1.0 if not selected or s in selected else 0.45 for s in counts["sector_id"]]
    return _count_bars(counts, list(counts["sector"]), colors, [""] * len(colors), lang, opacity)


def location_figure(counts: pd.DataFrame, lang: str) -> go.Figure:
    """One bar a location class; unknown is grey and hatched so it reads without colour."""
    colors, patterns, i = [], [], 0
    for key in counts["location_key"]:
        if key == "unknown":
            colors.append(UNKNOWN_COLOR)
            patterns.append("/")
        else:
            colors.append(LOCATION_COLORS[i % len(LOCATION_COLORS)])
            patterns.append("")
            i += 1
    return _count_bars(counts, list(counts["location"]), colors, patterns, lang)


def sector_chart(data: Dataset, lang: str, sectors: tuple[str, ...] = ()) -> go.Figure:
    """The sector chart for a view (language, filter): what the page draws, built from the data alone."""
    return sector_figure(sector_counts(data, lang, sectors), lang, sectors)


def location_chart(data: Dataset, lang: str, sectors: tuple[str, ...] = ()) -> go.Figure:
    return location_figure(location_counts(data, lang, sectors), lang)


def sector_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The sector chart's numbers as the visitor reads them."""
    return pd.DataFrame(
        {
            t("delegation.col.sector", lang): counts["sector"],
            t("delegation.col.count", lang): counts["count"],
            t("delegation.col.companies", lang): counts["companies"],
        }
    )


def location_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("delegation.col.location", lang): counts["location"],
            t("delegation.col.count", lang): counts["count"],
            t("delegation.col.companies", lang): counts["companies"],
        }
    )


def source_ids_of(rows: Iterable[Sequence[str]]) -> list[str]:
    """Source ids of several rows, in order, without repeats (for one source line under a chart)."""
    return list(dict.fromkeys(sid for ids in rows for sid in ids))
