"""/economy builders: the article's headline figures and the context beside them, in US$ or ₩ (no streamlit).

Conversions use only rates the data states: ₩ per US$ implied by the article's own Tencent figures
(`krw-per-usd-implied`) and CN¥ per US$ implied by its Shanghai figure (`cny-per-usd-implied`). A value the
source gives in the chosen unit is shown as given; any other is marked as converted, with the rate.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.views.citations import citations
from components.data.dataset import Dataset
from components.views.formatting import convert, format_amount, format_rate
from components.i18n import t
from components.views.safe_text import escape_plotly

UNITS = {"usd": "USD", "krw": "KRW"}  # URL value → currency code
KRW_RATE_ID = "krw-per-usd-implied"
CNY_RATE_ID = "cny-per-usd-implied"
HEADLINE_SHANGHAI = "shanghai-grdp-usd"
HEADLINE_TENCENT = ("tencent-market-cap-krw", "tencent-market-cap-usd")
RATIO_SHANGHAI_GYEONGGI = "shanghai-gyeonggi-gdp-ratio-2024"
# Charts: one bar per entry, drawn from the figures listed (the one needing least conversion is used).
# Gyeonggi's US$ figure in the data is converted at the 2024 average rate; the chart converts both bars at
# the page's one ₩ rate instead, so switching units only rescales them and their ratio stays put.
SHANGHAI_VS_GYEONGGI = (
    (HEADLINE_SHANGHAI, "shanghai-gdp-2024-cny"),
    ("gyeonggi-grdp-2024-krw",),
)
TENCENT_SCALE = (
    HEADLINE_TENCENT,
    ("tencent-revenue-fy2024-usd", "tencent-revenue-fy2024-cny"),
    ("tencent-operating-profit-fy2024-cny",),
)
MONEY_UNITS = ("USD", "KRW", "CNY")
# Okabe–Ito: Shanghai (or the item in focus) in vermillion with a hatch; the rest in blue.
HIGHLIGHT_COLOR = "#D55E00"
BASE_COLOR = "#0072B2"
HIGHLIGHT_PATTERN = "/"
CONVERTED_DIGITS = 4  # a converted value is shown to 4 significant digits: the rest only reflects the rate


@dataclass(frozen=True)
class Rates:
    """The stated rates the page converts with (None when the data does not give one)."""

    krw_per_usd: float
    cny_per_usd: float | None = None


@dataclass(frozen=True)
class Shown:
    """A figure in the chosen unit; `via` names the rate figures used (empty: as the source gives it)."""

    figure_id: str
    value: float
    unit: str
    original_value: float
    original_unit: str
    via: tuple[str, ...] = ()

    @property
    def converted(self) -> bool:
        return bool(self.via)


def figure(data: Dataset, figure_id: str) -> pd.Series | None:
    """The figure's row (the first with that id), or None (shared: never modify it)."""
    return data.memo(_figures_by_id).get(figure_id)


def _figures_by_id(data: Dataset) -> dict[str, pd.Series]:
    """Figure id -> its row, once per dataset (a page looks up a dozen figures on every run)."""
    out: dict[str, pd.Series] = {}
    for position, figure_id in enumerate(data.figures["id"]):
        if figure_id not in out:
            out[figure_id] = data.figures.iloc[position]
    return out


def rank_of(fig: pd.Series) -> int | None:
    """The rank the source gives (None when it gives none)."""
    return None if pd.isna(fig["rank"]) else int(fig["rank"])


def rates(data: Dataset) -> Rates:
    """The article-implied rates; the ₩ rate is required (the unit switch needs it)."""
    krw = figure(data, KRW_RATE_ID)
    if krw is None:
        raise KeyError(f"figures.csv has no {KRW_RATE_ID}")
    cny = figure(data, CNY_RATE_ID)
    return Rates(float(krw["value"]), float(cny["value"]) if cny is not None else None)


def in_unit(fig: pd.Series, target: str, r: Rates) -> Shown:
    """The figure in `target` (USD or KRW): as given when the source uses it, else converted at a stated rate.
    A CNY value stays CNY when the data states no CNY rate."""
    value, unit = float(fig["value"]), fig["unit"]
    if unit == target:
        return Shown(fig["id"], value, unit, value, unit)
    if unit in ("USD", "KRW"):
        return Shown(fig["id"], convert(value, unit, target, r.krw_per_usd), target, value, unit, (KRW_RATE_ID,))
    if unit == "CNY" and r.cny_per_usd:
        via = (CNY_RATE_ID,) if target == "USD" else (CNY_RATE_ID, KRW_RATE_ID)
        return Shown(fig["id"], convert(value, "CNY", target, r.krw_per_usd, r.cny_per_usd), target, value, unit, via)
    return Shown(fig["id"], value, unit, value, unit)


def best(candidates: Sequence[pd.Series], target: str, r: Rates) -> Shown:
    """Of several figures for the same quantity, the one needing least conversion: given in `target` first,
    then the other of US$/₩ (one stated rate), then CN¥."""

    def cost(fig: pd.Series) -> int:
        return 0 if fig["unit"] == target else (1 if fig["unit"] in ("USD", "KRW") else 2)

    return in_unit(min(candidates, key=cost), target, r)


def chosen(data: Dataset, groups: Sequence[Sequence[str]], target: str, r: Rates) -> list[Shown]:
    """For each group of figure ids (alternatives for one bar), the figure in the chosen unit. A group that
    cannot be put in that unit (CN¥ with no stated rate) is left out: bars on one axis share one unit."""
    out = []
    for ids in groups:
        candidates = [f for f in (figure(data, fid) for fid in ids) if f is not None]
        if candidates:
            shown = best(candidates, target, r)
            if shown.unit == target:
                out.append(shown)
    return out


def shown_text(shown: Shown, lang: str, approx_mark: bool = False) -> str:
    """The value for people: as given in full, a conversion to 4 significant digits (with '≈ ' if asked)."""
    if not shown.converted:
        return format_amount(shown.value, shown.unit, lang)
    text = format_amount(shown.value, shown.unit, lang, significant=CONVERTED_DIGITS)
    return f"≈ {text}" if approx_mark else text


def conversion_note(shown: Shown, data: Dataset, lang: str) -> str:
    """'as the source gives it' or 'converted from CN¥5.39tn at CN¥7.1883 per US$ and ₩1,400.7 per US$'."""
    if not shown.converted:
        return t("economy.as_given", lang)
    rate_texts = []
    for rid in shown.via:
        rate = figure(data, rid)
        rate_texts.append(format_rate(float(rate["value"]), rate["unit"], lang))
    return t(
        "economy.converted_note",
        lang,
        original=format_amount(shown.original_value, shown.original_unit, lang),
        rates=t("economy.and", lang).join(rate_texts),
    )


def source_label(data: Dataset, fig: pd.Series) -> str:
    """'Pressian, 2025-09-26 ¶1; Tencent, 2025-03-19' for a table cell."""
    parts = []
    for c in citations(data, fig["source_ids"], fig["locator"]):
        parts.append(c.label + (f" {c.locator}" if c.locator else ""))
    return "; ".join(parts)


def source_url(data: Dataset, fig: pd.Series) -> str:
    for c in citations(data, fig["source_ids"]):
        if c.url:
            return c.url
    return ""


def subject_name(fig: pd.Series, lang: str) -> str:
    zh = fig.get("subject_zh") or ""
    return f"{fig[f'subject_{lang}']} ({zh})" if zh else fig[f"subject_{lang}"]


def _name(fig: pd.Series, lang: str, label_key: str) -> str:
    """What a bar is called: the subject (Shanghai (上海)), the metric and period (Revenue, FY2024) or the label."""
    if label_key == "subject":
        return subject_name(fig, lang)
    if label_key == "metric":
        return t("economy.metric_period", lang, metric=t(f"economy.metric.{fig['metric']}", lang), period=fig["period"])
    return fig[f"label_{lang}"]


def figure_rows(
    data: Dataset, shown_list: Sequence[Shown], lang: str, highlight: str | None = None, label_key: str = "label"
) -> pd.DataFrame:
    """Chart-and-table rows for figures already put in the chosen unit.

    Columns: id, name (what the bar is called), subject, label, period, value, unit, text (formatted value),
    converted, original (as the source gives it), note (as given / converted at …), confidence, highlight,
    source, url, source_ids, locator, rank.
    """
    by_id = data.figures.set_index("id")
    rows = []
    for s in shown_list:
        fig = by_id.loc[s.figure_id]
        rows.append(
            {
                "id": s.figure_id,
                "name": _name(fig, lang, label_key),
                "subject": subject_name(fig, lang),
                "label": fig[f"label_{lang}"],
                "period": fig["period"],
                "value": s.value,
                "unit": s.unit,
                "text": shown_text(s, lang),
                "converted": s.converted,
                "original": format_amount(s.original_value, s.original_unit, lang),
                "note": conversion_note(s, data, lang),
                "confidence": fig["confidence"],
                "highlight": highlight is not None and fig["entity_id"] == highlight,
                "source": source_label(data, fig),
                "url": source_url(data, fig),
                "source_ids": tuple(fig["source_ids"]),
                "locator": fig["locator"],
                "rank": rank_of(fig),
            }
        )
    return pd.DataFrame(rows)


def ranking(data: Dataset, group: str, target: str, r: Rates, lang: str, highlight: str = "shanghai") -> pd.DataFrame:
    """A ranking group (province_gdp, city_gdp) largest first, in the chosen unit, with `position` 1..n
    (the data's own rank where it gives one, else the order by value)."""
    f = data.figures
    members = f[(f["group"] == group) & f["unit"].isin(MONEY_UNITS)].sort_values("value", ascending=False)
    shown = [in_unit(row, target, r) for _, row in members.iterrows()]
    rows = figure_rows(data, shown, lang, highlight=highlight, label_key="subject")
    if not rows.empty:
        rows["position"] = [rk if rk is not None else i + 1 for i, rk in enumerate(rows["rank"])]
    return rows


def section_rows(data: Dataset, section: str, unit: str, lang: str) -> pd.DataFrame:
    """The rows of one of the page's charts (regions, province_gdp, city_gdp, tencent) in the URL's unit (`usd`/`krw`): Shanghai beside
    Gyeonggi, the two rankings, Tencent's scale. Memoised per view by the page: treat as read-only."""
    target, r = UNITS[unit], rates(data)
    if section == "regions":
        return figure_rows(data, chosen(data, SHANGHAI_VS_GYEONGGI, target, r), lang, highlight="shanghai", label_key="subject")
    if section == "tencent":
        return figure_rows(data, chosen(data, TENCENT_SCALE, target, r), lang, label_key="metric")
    if section in ("province_gdp", "city_gdp"):
        return ranking(data, section, target, r, lang)
    raise ValueError(f"unknown chart section {section!r}")


def section_figure(data: Dataset, section: str, unit: str, lang: str) -> go.Figure:
    return bar_figure(data.memo(section_rows, section, unit, lang), lang)


def section_table(data: Dataset, section: str, unit: str, lang: str) -> pd.DataFrame:
    return table(data.memo(section_rows, section, unit, lang), lang, with_rank=section.endswith("_gdp"))


def highlighted_position(rows: pd.DataFrame) -> int | None:
    hit = rows[rows["highlight"]]
    return None if hit.empty else int(hit.iloc[0]["position"])


def headline(data: Dataset, target: str, r: Rates) -> dict[str, Shown]:
    """The article's two headline numbers in the chosen unit: Shanghai's GDP (given in US$ only) and
    Tencent's market cap (given in both ₩ and US$, so never converted)."""
    out = {}
    for key, ids in (("shanghai", (HEADLINE_SHANGHAI,)), ("tencent", HEADLINE_TENCENT)):
        found = chosen(data, [ids], target, r)
        if found:
            out[key] = found[0]
    return out


def ratio(shown_list: Sequence[Shown]) -> float | None:
    """First bar ÷ second bar, when both are in the same unit."""
    if len(shown_list) < 2 or shown_list[0].unit != shown_list[1].unit or not shown_list[1].value:
        return None
    return shown_list[0].value / shown_list[1].value


def _bar_label(name: str, highlighted: bool, lang: str) -> str:
    return t("economy.chart.highlight_label", lang, name=name) if highlighted else name


def bar_figure(rows: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars largest first: value written on each bar, hover with unit, source value and conversion;
    the highlighted bar in vermillion, hatched and marked in its label (so it reads without colour)."""
    names = [_plot_text(_bar_label(n, h, lang)) for n, h in zip(rows["name"], rows["highlight"])]
    colors = [HIGHLIGHT_COLOR if h else BASE_COLOR for h in rows["highlight"]]
    patterns = [HIGHLIGHT_PATTERN if h else "" for h in rows["highlight"]]
    custom = [
        [_plot_text(text), _plot_text(period), _plot_text(original), _plot_text(note)]
        for text, period, original, note in zip(rows["text"], rows["period"], rows["original"], rows["note"])
    ]
    fig = go.Figure(
        go.Bar(
            x=list(rows["value"]),
            y=names,
            orientation="h",
            marker={"color": colors, "pattern": {"shape": patterns, "fgcolor": "#FFFFFF", "solidity": 0.3}},
            text=[_plot_text(("≈ " if c else "") + x) for x, c in zip(rows["text"], rows["converted"])],
            textposition="outside",
            cliponaxis=False,
            customdata=custom,
            hovertemplate="<b>%{y}</b><br>%{customdata[0]} (%{customdata[1]})<br>"
            + _plot_text(t("economy.chart.hover_source", lang))
            + ": %{customdata[2]}<br>%{customdata[3]}<extra></extra>",
        )
    )
    fig.update_layout(
        height=max(200, 70 + 38 * len(rows)),
        margin={"l": 10, "r": 110, "t": 10, "b": 10},
        xaxis={"showticklabels": False, "showgrid": False, "zeroline": True, "fixedrange": True},
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True},
        showlegend=False,
    )
    return fig


def converted_items(rows: pd.DataFrame, lang: str) -> str:
    """'Shanghai (上海): ≈ converted from US$750.2bn at ₩1,400.7 per US$' for each converted bar; '' if none."""
    return "; ".join(f"{n}: {note}" for n, note, c in zip(rows["name"], rows["note"], rows["converted"]) if c)


def table(rows: pd.DataFrame, lang: str, with_rank: bool = False) -> pd.DataFrame:
    """The numbers under a chart, as the visitor reads them (one column a fact, the source with its link)."""
    columns = {}
    if with_rank:
        columns[t("economy.col.rank", lang)] = [int(p) for p in rows["position"]]
    columns[t("economy.col.subject", lang)] = [
        _bar_label(n, h, lang) for n, h in zip(rows["subject"], rows["highlight"])
    ]
    columns[t("economy.col.figure", lang)] = list(rows["label"])
    columns[t("economy.col.period", lang)] = list(rows["period"])
    columns[t("economy.col.value", lang)] = list(rows["text"])
    columns[t("economy.col.value_number", lang)] = [round(v) for v in rows["value"]]
    columns[t("economy.col.unit", lang)] = [t(f"economy.unit_code.{u}", lang) for u in rows["unit"]]
    columns[t("economy.col.original", lang)] = list(rows["original"])
    columns[t("economy.col.conversion", lang)] = list(rows["note"])
    columns[t("economy.col.confidence", lang)] = [t(f"confidence.{c}", lang) for c in rows["confidence"]]
    columns[t("economy.col.source", lang)] = list(rows["source"])
    columns[t("economy.col.link", lang)] = list(rows["url"])
    return pd.DataFrame(columns)


def _plot_text(text: object) -> str:
    return escape_plotly(text)


def source_ids_of(rows: pd.DataFrame) -> list[str]:
    """Every source of the rows, in order, once (for the one source line under a chart)."""
    return list(dict.fromkeys(sid for ids in rows["source_ids"] for sid in ids))
