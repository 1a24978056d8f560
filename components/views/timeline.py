"""/timeline builders: events in time order as rows, a plotly figure, a light SVG, and one event's own view.

Pure (no streamlit). Dates may be partial (`2009`, `2024-06`, `2025-09-25`); a partial date spans its whole
year or month, and the text shows only what the source gives. Every text from the data is escaped for the
place it goes (SVG/XML, plotly hover), so a hostile name stays text.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.data.dataset import Dataset
from components.i18n import t
from components.views.delegation import is_unknown, unknown_token
from components.views.safe_text import escape_html, escape_plotly

EVENT_KINDS = ("agreement_signed", "sister_region_tie", "friendship_tie", "visit", "summit", "opening", "other")
# Okabe–Ito colours (safe for colour-vision deficiency), one a kind, in EVENT_KINDS order.
KIND_COLORS = ("#0072B2", "#009E73", "#56B4E9", "#E69F00", "#D55E00", "#CC79A7", "#999999")
# The chart draws at most this many events, the most recent (a wall of markers beyond it tells nothing, and at
# 100x the data the light chart's HTML would pass a megabyte); the table below keeps every event.
MAX_CHART_EVENTS = 350  # the real package's 314 events all drawn; the 10x/100x packages capped
ROW_COLUMNS = (
    "number", "id", "date", "kind", "name", "place", "region", "counterpart", "participants", "outcomes",
    "confidence", "source_ids", "locator",
)


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date
    precision: str  # year, month or day


def parse_partial_date(text: str) -> DateSpan | None:
    """'2009' -> the whole of 2009; '2024-06' -> June 2024; '2025-09-25' -> that day; anything else -> None."""
    parts = str(text or "").strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return DateSpan(dt.date(numbers[0], 1, 1), dt.date(numbers[0], 12, 31), "year")
        if len(numbers) == 2:
            year, month = numbers
            return DateSpan(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month")
        if len(numbers) == 3:
            day = dt.date(*numbers)
            return DateSpan(day, day, "day")
    except ValueError:
        return None
    return None


def event_span(date_start: str, date_end: str = "") -> DateSpan | None:
    """From the start of `date_start` to the end of `date_end` (or of `date_start` when there is none)."""
    first = parse_partial_date(date_start)
    if first is None:
        return None
    last = parse_partial_date(date_end) if date_end else None
    if last is None or last.end < first.start:
        return first
    return DateSpan(first.start, last.end, first.precision)


def format_partial_date(text: str, lang: str) -> str:
    """A date at the precision the source gives: 'Sep 2025' / '2025년 9월', '25 Sep 2025' / '2025년 9월 25일'."""
    span = parse_partial_date(text)
    if span is None:
        return t("unknown", lang)
    d = span.start
    if span.precision == "year":
        return f"{d.year}년" if lang == "ko" else str(d.year)
    if span.precision == "month":
        return f"{d.year}년 {d.month}월" if lang == "ko" else d.strftime("%b %Y")
    return f"{d.year}년 {d.month}월 {d.day}일" if lang == "ko" else f"{d.day} {d.strftime('%b %Y')}"


def format_event_dates(date_start: str, date_end: str, lang: str) -> str:
    first = format_partial_date(date_start, lang)
    return f"{first} – {format_partial_date(date_end, lang)}" if date_end else first


def event_date_text(row, lang: str) -> str:
    """An event's dates as shown; an undated one says since when a source knows it ('unknown; known by 2018')."""
    if event_span(row["date_start"]) is None and row.get("known_by"):
        return t("timeline.known_by", lang, date=format_partial_date(row["known_by"], lang))
    return format_event_dates(row["date_start"], row["date_end"], lang)


def undated_count(data: Dataset, **filters: Sequence[str]) -> int:
    """How many of the chosen events have no date the chart could place (they are in the table only)."""
    if not has_events(data):
        return 0
    chosen = chosen_events(data, **filters)
    return len(chosen) - len(data.memo(_dated_positions, *_filter_key(filters)))


def _filter_key(filters) -> tuple:
    return tuple(tuple(filters.get(name, ())) for name in ("sectors", "regions", "counterparts", "events"))


def _dated_positions(data: Dataset, sectors: tuple, regions: tuple, counterparts: tuple, events: tuple) -> list[int]:
    """Positions (in chosen_events order) of the chosen events that have a date, once per dataset and filter."""
    if not has_events(data):
        return []
    chosen = chosen_events(data, sectors=sectors, regions=regions, counterparts=counterparts, events=events)
    starts = data.memo(_event_index).starts
    return [i for i, e in enumerate(chosen["id"]) if starts.get(e, dt.date.max) != dt.date.max]


def place_text(value: str, data: Dataset, lang: str) -> str:
    """An event's place as shown: the package's unknown token (or nothing) reads "unknown" in the language."""
    return t("unknown", lang) if is_unknown(value, unknown_token(data)) else value


def has_events(data: Dataset) -> bool:
    return data.events is not None and not data.events.empty


def events_in_brief(data: Dataset) -> tuple[int, int, int] | None:
    """(how many events, the first year, the last year) of the package, for the sidebar's line under the title;
    None without events or dates."""
    if not has_events(data):
        return None
    spans = [span for span in map(event_span, data.events["date_start"], data.events["date_end"]) if span]
    return (len(data.events), min(s.start.year for s in spans), max(s.end.year for s in spans)) if spans else None


def _names(data: Dataset, lang: str) -> dict[str, str]:
    return dict(zip(data.entities["id"], data.entities[f"name_{lang}"]))


def _participants(data: Dataset) -> pd.DataFrame:
    if data.event_participants is None:
        return pd.DataFrame(columns=["event_id", "entity_id", "role"])
    return data.event_participants


def event_labels(data: Dataset, lang: str) -> tuple[tuple[str, str], ...]:
    """(event id, "date · name") of every event in time order: the event filter's options."""
    if not has_events(data):
        return ()
    return tuple(
        (row["id"], f"{format_event_dates(row['date_start'], row['date_end'], lang)} · {row[f'name_{lang}']}")
        for _, row in chosen_events(data).iterrows()
    )


def region_options(data: Dataset, lang: str) -> list[tuple[str, str]]:
    """(entity id, name) of every Korean region with an event, by name: the /timeline region filter's options."""
    return _entity_options(data, lang, "kr_region_id")


def counterpart_options(data: Dataset, lang: str) -> list[tuple[str, str]]:
    """(entity id, name) of every Chinese counterpart with an event, by name."""
    return _entity_options(data, lang, "cn_counterpart_id")


def _entity_options(data: Dataset, lang: str, column: str) -> list[tuple[str, str]]:
    if not has_events(data):
        return []
    names = _names(data, lang)
    ids = [i for i in dict.fromkeys(data.events[column]) if i]
    return sorted(((i, names.get(i, i)) for i in ids), key=lambda pair: pair[1])


@dataclass(frozen=True)
class _EventIndex:
    """What every event row needs from the other tables, looked up once per dataset (a scan per event costs
    seconds at 100x the data): participants in order, sectors with the participants', outcome texts, start days."""

    members: dict[str, tuple[str, ...]]
    sectors: dict[str, frozenset[str]]
    outcomes: dict[str, dict[str, str]]  # event id -> lang -> "; "-joined texts
    starts: dict[str, dt.date]


def _event_index(data: Dataset) -> _EventIndex:
    parts = _participants(data)
    members: dict[str, list[str]] = {}
    for event_id, entity_id in zip(parts["event_id"], parts["entity_id"]):
        if entity_id not in members.setdefault(event_id, []):
            members[event_id].append(entity_id)
    entity_sectors = dict(zip(data.entities["id"], data.entities["sectors"]))
    sectors = {}
    for event_id, own in zip(data.events["id"], data.events["sectors"]):
        found = set(own)
        for member in members.get(event_id, ()):
            found |= set(entity_sectors.get(member, ()))
        sectors[event_id] = frozenset(found)
    outcomes: dict[str, dict[str, str]] = {}
    if data.event_outcomes is not None:
        out = data.event_outcomes[data.event_outcomes["kind"] != "context"]  # background is not an outcome
        for lang in ("ko", "en"):
            for event_id, texts in out.groupby("event_id", sort=False)[f"text_{lang}"]:
                outcomes.setdefault(event_id, {})[lang] = "; ".join(text for text in texts if text)
    starts = {}
    for event_id, start, end in zip(data.events["id"], data.events["date_start"], data.events["date_end"]):
        span = event_span(start, end)
        starts[event_id] = span.start if span else dt.date.max
    return _EventIndex({k: tuple(v) for k, v in members.items()}, sectors, outcomes, starts)


def chosen_events(
    data: Dataset,
    sectors: Sequence[str] = (),
    regions: Sequence[str] = (),
    counterparts: Sequence[str] = (),
    events: Sequence[str] = (),
) -> pd.DataFrame:
    """Event rows in time order (then by id), narrowed by every filter given; an empty filter keeps all."""
    if not has_events(data):
        return pd.DataFrame(columns=["id", "kind", "date_start", "date_end", "kr_region_id", "cn_counterpart_id"])
    return data.memo(_chosen_events, *(tuple(f) for f in (sectors, regions, counterparts, events)))


def _chosen_events(data: Dataset, sectors: tuple, regions: tuple, counterparts: tuple, events: tuple) -> pd.DataFrame:
    rows, index = data.events, data.memo(_event_index)
    keep = pd.Series(True, index=rows.index)
    if regions:
        keep &= rows["kr_region_id"].isin(regions)
    if counterparts:
        keep &= rows["cn_counterpart_id"].isin(counterparts)
    if events:
        keep &= rows["id"].isin(events)
    if sectors:
        wanted = set(sectors)
        keep &= rows["id"].map(lambda e: bool(index.sectors.get(e, frozenset()) & wanted))
    chosen = rows[keep].copy()
    chosen["_start"] = chosen["id"].map(index.starts)
    return chosen.sort_values(["_start", "id"], kind="stable").drop(columns="_start").reset_index(drop=True)


def timeline_rows(data: Dataset, lang: str, **filters: Sequence[str]) -> pd.DataFrame:
    """The timeline's text twin: one row an event in time order, numbered as the chart's markers are. Computed
    once per dataset, language and filters; the frame is shared, so callers must not modify it."""
    key = tuple(tuple(filters.get(name, ())) for name in ("sectors", "regions", "counterparts", "events"))
    return data.memo(_timeline_rows, lang, *key)


def _timeline_rows(data: Dataset, lang: str, sectors: tuple, regions: tuple, counterparts: tuple,
                   events: tuple) -> pd.DataFrame:
    chosen = chosen_events(data, sectors=sectors, regions=regions, counterparts=counterparts, events=events)
    names, index = _names(data, lang), (data.memo(_event_index) if has_events(data) else None)
    records = []
    for number, row in enumerate(chosen.to_dict("records"), 1):
        records.append({
            "number": number,
            "id": row["id"],
            "date": event_date_text(row, lang),
            "kind": t(f"event.kind.{row['kind']}", lang),
            "name": row[f"name_{lang}"],
            "place": place_text(row[f"place_{lang}"], data, lang),
            "region": names.get(row["kr_region_id"], row["kr_region_id"]),
            "counterpart": names.get(row["cn_counterpart_id"], row["cn_counterpart_id"]),
            "participants": "; ".join(names.get(e, e) for e in index.members.get(row["id"], ())),
            "outcomes": index.outcomes.get(row["id"], {}).get(lang, ""),
            "confidence": t(f"confidence.{row['confidence']}", lang),
            "source_ids": "; ".join(row["source_ids"]),
            "locator": row["locator"],
        })
    return pd.DataFrame(records, columns=list(ROW_COLUMNS))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def number_colour(background: str) -> str:
    """Black or white, whichever reads better on `background` (WCAG contrast): a marker's number stays legible."""
    lum = _luminance(background)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def kind_color(kind: str) -> str:
    return KIND_COLORS[EVENT_KINDS.index(kind)] if kind in EVENT_KINDS else KIND_COLORS[-1]


def timeline_figure(data: Dataset, lang: str, **filters: Sequence[str]) -> go.Figure:
    """Events on a date axis, one row a Korean region, coloured by kind; a period (a month, a year, a date
    range) is a line across it. The same figure the interactive chart draws; customdata holds event ids."""
    chosen = chosen_events(data, **filters).iloc[_drawn(data, filters)]
    names = _names(data, lang)
    figure = go.Figure()
    for kind in EVENT_KINDS:
        rows = chosen[chosen["kind"] == kind]
        if rows.empty:
            continue
        xs, ys, hover, ids = [], [], [], []
        for _, row in rows.iterrows():
            span = event_span(row["date_start"], row["date_end"])
            if span is None:
                continue
            mid = span.start + (span.end - span.start) / 2
            xs.append(mid.isoformat())
            ys.append(escape_plotly(names.get(row["kr_region_id"], row["kr_region_id"])))
            hover.append(
                escape_plotly(row[f"name_{lang}"]) + "<br>" + escape_plotly(format_event_dates(row["date_start"], row["date_end"], lang))
                + "<br>" + escape_plotly(names.get(row["cn_counterpart_id"], row["cn_counterpart_id"]))
            )
            ids.append(row["id"])
        figure.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers", name=t(f"event.kind.{kind}", lang), customdata=ids,
            marker={"size": 14, "color": kind_color(kind), "line": {"width": 1, "color": "#ffffff"}},
            hovertext=hover, hoverinfo="text",
        ))
    figure.update_layout(
        title=t("timeline.chart.title", lang), xaxis={"type": "date", "title": t("timeline.chart.x", lang)},
        yaxis={"title": t("timeline.chart.y", lang), "type": "category"}, legend={"title": t("timeline.chart.kind", lang)},
        margin={"l": 10, "r": 10, "t": 50, "b": 40}, height=max(260, 90 + 70 * len(set(chosen.get("kr_region_id", [])))),
    )
    return figure


# --- the light chart: plain HTML the page shows as it is (no chart library in the browser) --------------------
# Streamlit's st.html keeps HTML (with inline styles and ARIA) but drops SVG, so the chart is positioned boxes.
LANE_HEIGHT, MARKER = 28, 22  # px


def _lanes(xs: list[float], min_gap: float) -> list[int]:
    """A lane for each x (sorted), so that markers closer than `min_gap` in one lane never overlap."""
    last_in_lane: list[float] = []
    lanes = []
    for x in xs:
        for lane, last in enumerate(last_in_lane):
            if x - last >= min_gap:
                last_in_lane[lane] = x
                lanes.append(lane)
                break
        else:
            last_in_lane.append(x)
            lanes.append(len(last_in_lane) - 1)
    return lanes


def timeline_html(data: Dataset, lang: str, **filters: Sequence[str]) -> str:
    """The timeline as HTML: a band a Korean region, a numbered circle an event (the number is the table's),
    coloured by kind, a period drawn as a bar under its circle; years along the bottom. Each event's `title` gives
    its name and date on hover; the whole is one image for assistive technology (role="img" and a text name),
    whose text twin is the table below. Built once per dataset, language and filters."""
    return data.memo(_timeline_html, lang, *_filter_key(filters))


def _timeline_html(data: Dataset, lang: str, sectors: tuple, regions: tuple, counterparts: tuple,
                   events: tuple) -> str:
    filters = {"sectors": sectors, "regions": regions, "counterparts": counterparts, "events": events}
    chosen = chosen_events(data, **filters)
    drawn = _drawn(data, filters)
    rows = timeline_rows(data, lang, **filters).iloc[drawn].reset_index(drop=True)
    chosen = chosen.iloc[drawn].reset_index(drop=True)
    if rows.empty:
        return ""
    spans = [event_span(s, e) for s, e in zip(chosen["date_start"], chosen["date_end"])]
    first_year = min(s.start for s in spans if s).year
    last_year = max(s.end for s in spans if s).year + 1
    origin, finish = dt.date(first_year, 1, 1), dt.date(last_year, 1, 1)

    def pct(day: dt.date) -> float:
        return 100 * (day - origin).days / max(1, (finish - origin).days)

    track = "position:relative;flex:1;margin:0 12px"
    bands = []
    from components.views.regions import OFFICIAL_ORDER  # bands in the order official lists give the regions

    rank = {region: i for i, region in enumerate(("korea", *OFFICIAL_ORDER))}
    first_seen = list(dict.fromkeys(zip(chosen["kr_region_id"], rows["region"])))
    ordered = sorted(first_seen, key=lambda pair: (rank.get(pair[0], len(rank)), first_seen.index(pair)))
    by_band: dict[str, list[int]] = {}
    for i, region in enumerate(rows["region"]):
        if spans[i] is not None:
            by_band.setdefault(region, []).append(i)
    for region in dict.fromkeys(name for _, name in ordered):
        idx = by_band.get(region, [])
        xs = [pct(spans[i].start + (spans[i].end - spans[i].start) / 2) for i in idx]
        order = sorted(range(len(idx)), key=lambda k: xs[k])
        # a marker is 22 px: 7 % of the track keeps markers apart down to a ~315 px track (a phone), at the cost of
        # more lanes for events close in time on a wide screen
        lanes = _lanes([xs[k] for k in order], 7.0)
        lane_of = {idx[k]: lane for k, lane in zip(order, lanes)}
        height = LANE_HEIGHT * (max(lanes) + 1) + 6
        marks = []
        for i in idx:
            span, row = spans[i], rows.iloc[i]
            color = kind_color(chosen.at[i, "kind"])
            top = 3 + LANE_HEIGHT * lane_of[i]
            title = escape_html(f"{row['number']}. {row['name']} · {row['date']} · {row['kind']}")
            if span.precision != "day" or span.end != span.start:
                left, width = pct(span.start), max(0.4, pct(span.end) - pct(span.start))
                marks.append(
                    f'<span style="position:absolute;left:{left:.2f}%;width:{width:.2f}%;top:{top + 8}px;height:6px;'
                    f'border-radius:3px;background:{color};opacity:.35"></span>'
                )
            mid = pct(span.start + (span.end - span.start) / 2)
            marks.append(  # size, shape and type in page.css (.krcn-event): ~40 % of the chart's bytes a marker
                f'<span class="krcn-event" title="{title}" style="left:calc({mid:.2f}% - {MARKER // 2}px);'
                f'top:{top}px;background:{color};color:{number_colour(color)}">{row["number"]}</span>'
            )
        bands.append(
            f'<div style="display:flex;align-items:stretch;background:#f3f5f8;margin-bottom:4px;min-height:{height}px">'
            f'<div style="width:7.5em;flex:none;padding:4px 6px;font-size:13px;color:#1f2933">{escape_html(region)}</div>'
            f'<div style="{track}">{"".join(marks)}</div></div>'
        )
    step = max(1, (last_year - first_year) // 8)
    ticks = "".join(
        f'<span style="position:absolute;left:{pct(dt.date(year, 1, 1)):.2f}%;transform:translateX(-50%);font-size:12px;'
        f'color:#3e4c59">{year}</span>'
        for year in range(first_year, last_year + 1, step)
    )
    axis = f'<div style="display:flex;height:20px"><div style="width:7.5em;flex:none"></div><div style="{track}">{ticks}</div></div>'
    label = escape_html(t("timeline.chart.alt", lang, count=len(rows), first=first_year, last=last_year - 1))
    return f'<div class="krcn-timeline" role="img" aria-label="{label}">{"".join(bands)}{axis}</div>'


def _drawn(data: Dataset, filters) -> list[int]:
    """Positions of the events the chart draws: the MAX_CHART_EVENTS most recent of those with a date."""
    return data.memo(_dated_positions, *_filter_key(filters))[-MAX_CHART_EVENTS:]


def chart_is_capped(data: Dataset, **filters: Sequence[str]) -> bool:
    """Whether the chart leaves dated events out."""
    return has_events(data) and len(data.memo(_dated_positions, *_filter_key(filters))) > MAX_CHART_EVENTS


def legend_html(data: Dataset, lang: str, **filters: Sequence[str]) -> str:
    """The chart's key: a coloured dot and the name of every kind the chosen events have."""
    items = "".join(
        f'<span style="margin-right:14px;white-space:nowrap"><span style="display:inline-block;width:11px;height:11px;'
        f'border-radius:50%;background:{color};margin-right:5px;vertical-align:-1px"></span>{escape_html(label)}</span>'
        for label, color in kind_legend(data, lang, **filters)
    )
    return f'<div class="krcn-timeline-legend" style="font-size:14px">{items}</div>' if items else ""


def kind_legend(data: Dataset, lang: str, **filters: Sequence[str]) -> list[tuple[str, str]]:
    """(label, colour) of every kind the chosen events have, in EVENT_KINDS order."""
    kinds = set(chosen_events(data, **filters)["kind"]) if has_events(data) else set()
    return [(t(f"event.kind.{k}", lang), kind_color(k)) for k in EVENT_KINDS if k in kinds]


@dataclass(frozen=True)
class EventView:
    """One event's own view: what it was, who took part (with roles), what came of it, its sources."""

    id: str
    name: str
    date: str
    kind: str
    place: str
    description: str
    region_id: str
    counterpart_id: str
    participants: tuple[tuple[str, str, str], ...]  # (entity id, name, role)
    outcomes: tuple[tuple[str, str, str], ...]  # (kind, ref id, text)
    confidence: str
    source_ids: tuple[str, ...]
    locator: str

    @property
    def entity_ids(self) -> tuple[str, ...]:
        """Every entity the event touches: where to look in the network."""
        ids = [self.region_id, self.counterpart_id, *(p[0] for p in self.participants)]
        return tuple(i for i in dict.fromkeys(ids) if i)


def event_view(data: Dataset, event_id: str, lang: str) -> EventView | None:
    if not has_events(data) or event_id not in set(data.events["id"]):
        return None
    row = data.events[data.events["id"] == event_id].iloc[0]
    names = _names(data, lang)
    parts = _participants(data)
    mine = parts[parts["event_id"] == event_id]
    participants = tuple(
        (e, names.get(e, e), t(f"event.role.{r}", lang) if f"event.role.{r}" in _role_keys() else r)
        for e, r in zip(mine["entity_id"], mine["role"])
    )
    outcomes: tuple[tuple[str, str, str], ...] = ()
    if data.event_outcomes is not None:
        out = data.event_outcomes[data.event_outcomes["event_id"] == event_id]
        outcomes = tuple(zip(out["kind"], out["ref_id"], out[f"text_{lang}"]))
    return EventView(
        id=event_id, name=row[f"name_{lang}"], date=format_event_dates(row["date_start"], row["date_end"], lang),
        kind=t(f"event.kind.{row['kind']}", lang), place=place_text(row[f"place_{lang}"], data, lang), description=row[f"description_{lang}"],
        region_id=row["kr_region_id"], counterpart_id=row["cn_counterpart_id"], participants=participants,
        outcomes=outcomes, confidence=row["confidence"], source_ids=tuple(row["source_ids"]), locator=row["locator"],
    )


def _role_keys() -> set[str]:
    from components.i18n import STRINGS

    return {key for key in STRINGS if key.startswith("event.role.")}


# --- context series beside the events (figures.csv groups series-*, one row a year) ----------------------------
SERIES = (("series-kr-cn-trade", "exports"), ("series-shanghai-gdp", "gdp"))


def series_rows(data: Dataset, group: str, metric: str, lang: str) -> pd.DataFrame:
    """One row a year of a context series, oldest first: year, value, the value as text, unit, confidence, sources."""
    from components.views.formatting import format_figure

    figs = data.figures[(data.figures["group"] == group) & (data.figures["metric"] == metric)]
    figs = figs.sort_values("period", kind="stable")
    return pd.DataFrame({
        "year": list(figs["period"]),
        "value": list(figs["value"]),
        "text": [format_figure(v, u, lang) for v, u in zip(figs["value"], figs["unit"])],
        "confidence": [t(f"confidence.{c}", lang) for c in figs["confidence"]],
        "source_ids": ["; ".join(ids) for ids in figs["source_ids"]],
        "locator": list(figs["locator"]),
    })


def series_figure(data: Dataset, group: str, metric: str, lang: str) -> go.Figure:
    """A context series as horizontal bars, a bar a year (oldest on top), its value written after it."""
    rows = series_rows(data, group, metric, lang)
    figure = go.Figure(go.Bar(
        x=list(rows["value"]), y=[escape_plotly(y) for y in rows["year"]], orientation="h",
        text=[escape_plotly(x) for x in rows["text"]], textposition="outside", marker={"color": "#0072B2"},
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    figure.update_layout(yaxis={"autorange": "reversed", "type": "category"}, xaxis={"visible": False},
                         margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=60 + 34 * len(rows))
    return figure
