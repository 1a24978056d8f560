"""/regions builders (pure): Korea's 17 provincial-level governments side by side — their ties with Chinese
provinces and cities (a tie is a relationship: every event with one `tie_id`), the region × counterpart matrix,
new ties a year beside the official totals, the disputes, the regions' own partner counts, and the map.

Every number here counts what the package's sources name, never what a region claims (that is shown beside it).
Text from the data is escaped for where it goes (HTML, SVG, plotly).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from components.data.dataset import Dataset
from components.i18n import t
from components.views import geo
from components.views.safe_text import escape_html, escape_plotly
from components.views.timeline import chosen_events, event_span, format_partial_date, has_events, timeline_rows

TIE_KINDS = ("sister_region_tie", "friendship_tie")
BUSINESS_KINDS = ("opening", "investment", "trade_fair", "export_deal")
# A tie's standing, from its events: sister once any event made it sister, else friendship, else an agreement only.
STANDINGS = ("sister", "friendship", "agreement")
STANDING_COLORS = {"sister": "#009E73", "friendship": "#0072B2", "agreement": "#CC79A7"}  # Okabe–Ito
LEVELS = ("provincial", "city")
# Drawing limits, reached only by the synthetic 10x/100x packages (the real data has ~150 ties, 17 regions): past
# them a map of lines or a grid of cells tells nothing and weighs megabytes; the tables and CSVs keep every tie.
MAX_MAP_TIES = 400
MAX_MATRIX_COLUMNS, MAX_MATRIX_ROWS = 20, 120


@dataclass(frozen=True)
class Tie:
    """One relationship between a Korean region and a Chinese counterpart, with its events in time order."""

    id: str
    region: str
    counterpart: str
    level: str  # the counterpart's admin_level: provincial, city or ''
    standing: str  # sister, friendship or agreement
    events: tuple[str, ...]
    first: str  # date_start of its first dated friendship or sister event (else of its first dated event; '' if none)
    known_by: str  # for an undated tie: since when a source knows it ('' otherwise)
    sister_since: str  # date_start of the event that made it sister ('' if none, or 'unknown')
    disputed: bool
    source_ids: tuple[str, ...]

    @property
    def first_year(self) -> int | None:
        span = event_span(self.first)
        return span.start.year if span else None


# Korea's 17 provincial-level governments in the order official lists give them (special and metropolitan cities,
# then the provinces from the capital region southwards); a region of another package comes after, in file order.
OFFICIAL_ORDER = ("seoul", "busan", "daegu", "incheon", "gwangju", "daejeon", "ulsan", "sejong", "gyeonggi", "gangwon",
                  "chungbuk", "chungnam", "jeonbuk", "jeonnam", "gyeongbuk", "gyeongnam", "jeju")


def korean_regions(data: Dataset) -> tuple[str, ...]:
    """Korea's provincial-level governments in the package (entities: region, KR, provincial), in official order."""
    e = data.entities
    if "admin_level" not in e.columns:
        return ()
    keep = (e["kind"] == "region") & (e["country"] == "KR") & (e["admin_level"] == "provincial")
    ids = list(e.loc[keep, "id"])
    rank = {region: i for i, region in enumerate(OFFICIAL_ORDER)}
    return tuple(sorted(ids, key=lambda r: (rank.get(r, len(rank)), ids.index(r))))


def region_choices(data: Dataset, lang: str) -> list[tuple[str, str]]:
    """(id, name) of the 17 regions in the official order: what `?region=` accepts on /regions."""
    names = dict(zip(data.entities["id"], data.entities[f"name_{lang}"]))
    return [(r, names.get(r, r)) for r in korean_regions(data)]


def business_rows(data: Dataset, lang: str, sectors: Sequence[str], regions: Sequence[str],
                  events: Sequence[str]) -> pd.DataFrame:
    """The business that came of the ties: the chosen regions' events of BUSINESS_KINDS, as /timeline lists them."""
    rows = timeline_rows(data, lang, sectors=sectors, regions=regions, events=events)
    kinds = {t(f"event.kind.{k}", lang) for k in BUSINESS_KINDS}
    return rows[rows["kind"].isin(kinds)].drop(columns=["number", "id"])


def disputed_events(data: Dataset) -> frozenset[str]:
    if data.disputes is None or data.disputes.empty:
        return frozenset()
    return frozenset(data.disputes["event_id"])


def _start(date: str) -> dt.date:
    span = event_span(date)
    return span.start if span else dt.date.max


def all_ties(data: Dataset) -> tuple[Tie, ...]:
    """Every tie of the package, in the order of its first event (undated ties last, by when they were known).
    Plain Python over the rows (a pandas group a tie took 24 s at 100x the data)."""
    if not has_events(data) or "tie_id" not in data.events.columns:
        return ()
    levels = dict(zip(data.entities["id"], data.entities.get("admin_level", pd.Series(dtype=object))))
    disputed = disputed_events(data)
    columns = ("id", "kind", "date_start", "kr_region_id", "cn_counterpart_id", "source_ids", "tie_id")
    known_by = data.events["known_by"] if "known_by" in data.events.columns else [""] * len(data.events)
    groups: dict[str, list[tuple]] = {}
    for row in zip(*(data.events[c] for c in columns), known_by):
        if row[6]:
            groups.setdefault(row[6], []).append(row)
    ties = []
    for tie_id, rows in groups.items():
        rows.sort(key=lambda r: (_start(r[2]), r[0]))
        kinds = [r[1] for r in rows]
        standing = "sister" if "sister_region_tie" in kinds else "friendship" if "friendship_tie" in kinds else "agreement"
        # a tie began with the first event that made it (friendship or sister), else with its first event
        dated = ([r[2] for r in rows if r[1] in TIE_KINDS and event_span(r[2])]
                 or [r[2] for r in rows if event_span(r[2])])
        sister = [r[2] for r in rows if r[1] == "sister_region_tie"]
        known = [r[7] for r in rows if r[7]]
        first_row = rows[0]
        ties.append(Tie(
            id=tie_id, region=first_row[3], counterpart=first_row[4], level=levels.get(first_row[4], "") or "",
            standing=standing, events=tuple(r[0] for r in rows), first=dated[0] if dated else "",
            known_by="" if dated else (min(known, key=_start) if known else ""),
            sister_since=sister[0] if sister else "", disputed=any(r[0] in disputed for r in rows),
            source_ids=tuple(dict.fromkeys(s for r in rows for s in r[5])),
        ))
    return tuple(sorted(ties, key=lambda tie: (_start(tie.first or tie.known_by), tie.id)))


def _by_region(ties: Sequence[Tie]) -> dict[str, list[Tie]]:
    out: dict[str, list[Tie]] = {}
    for tie in ties:
        out.setdefault(tie.region, []).append(tie)
    return out


def chosen_ties(data: Dataset, regions: Sequence[str] = (), sectors: Sequence[str] = (),
                events: Sequence[str] = ()) -> tuple[Tie, ...]:
    """The ties of the chosen regions (none: all) with at least one event the sector and event filters keep."""
    kept = set(chosen_events(data, sectors=sectors, regions=regions, events=events)["id"]) if has_events(data) else set()
    return tuple(tie for tie in data.memo(all_ties) if set(tie.events) & kept)


def _names(data: Dataset, lang: str) -> dict[str, str]:
    return dict(zip(data.entities["id"], data.entities[f"name_{lang}"]))


def since_text(tie: Tie, lang: str) -> str:
    """When a tie began, as precisely as the sources say; an undated tie says since when it is known."""
    if tie.first:
        return format_partial_date(tie.first, lang)
    if tie.known_by:
        return t("regions.known_by", lang, date=format_partial_date(tie.known_by, lang))
    return t("unknown", lang)


def standing_text(tie: Tie, lang: str) -> str:
    return t(f"regions.standing.{tie.standing}", lang)


# --- the comparison of the 17 regions ------------------------------------------------------------------------------
REGION_COLUMNS = ("region", "ties", "provincial", "city", "sister", "friendship", "first", "latest", "partners",
                  "claimed", "business")


def region_rows(data: Dataset, lang: str, regions: Sequence[str] = (), sectors: Sequence[str] = (),
                events: Sequence[str] = ()) -> pd.DataFrame:
    """One row a Korean region (the chosen ones, or all 17): how many ties the sources name, of which level and
    standing, the first and latest, with which partners, what the region itself claims, and business events."""
    names = _names(data, lang)
    ties = _by_region(chosen_ties(data, regions, sectors, events))
    business_counts: dict[str, int] = {}
    if has_events(data):
        chosen = chosen_events(data, sectors=sectors, regions=regions, events=events)
        business_counts = chosen.loc[chosen["kind"].isin(BUSINESS_KINDS), "kr_region_id"].value_counts().to_dict()
    claimed = _claimed_texts(data, lang)
    records = []
    for region in (regions or korean_regions(data)):
        mine = ties.get(region, [])
        years = [tie.first_year for tie in mine if tie.first_year]
        records.append({
            "region": names.get(region, region),
            "ties": len(mine),
            "provincial": sum(tie.level == "provincial" for tie in mine),
            "city": sum(tie.level == "city" for tie in mine),
            "sister": sum(tie.standing == "sister" for tie in mine),
            "friendship": sum(tie.standing == "friendship" for tie in mine),
            "first": str(min(years)) if years else "–",
            "latest": str(max(years)) if years else "–",
            "partners": ", ".join(names.get(tie.counterpart, tie.counterpart) for tie in mine),
            "claimed": claimed.get(region, ""),
            "business": int(business_counts.get(region, 0)),
        })
    return pd.DataFrame(records, columns=list(REGION_COLUMNS))


def _claimed_texts(data: Dataset, lang: str) -> dict[str, str]:
    """Region -> what it (or a report) says it has, e.g. '9 Chinese partners (2020)'; no entry when nothing was found."""
    if data.region_claims is None or data.region_claims.empty:
        return {}
    texts: dict[str, list[str]] = {}
    claims = data.region_claims
    for region, scope, count, as_of in zip(claims["region_id"], claims["scope"], claims["count"], claims["as_of"]):
        texts.setdefault(region, []).append(
            t(f"regions.claim.{scope}", lang, count=int(count), date=format_partial_date(as_of, lang)))
    return {region: "; ".join(items) for region, items in texts.items()}


def claim_rows(data: Dataset, lang: str, regions: Sequence[str] = ()) -> pd.DataFrame:
    """A region's own count beside the ties the sources name: region, when, what it says, how many ties named
    here it could have counted then (`named_at`), sources."""
    columns = ["region", "as_of", "claim", "named", "source_ids", "locator"]
    if data.region_claims is None or data.region_claims.empty:
        return pd.DataFrame(columns=columns)
    names, ties = _names(data, lang), _by_region(data.memo(all_ties))
    records = []
    for row in data.region_claims.to_dict("records"):
        if regions and row["region_id"] not in regions:
            continue
        mine = named_at(ties.get(row["region_id"], []), row["region_id"], row["scope"], row["as_of"])
        records.append({
            "region": names.get(row["region_id"], row["region_id"]),
            "as_of": format_partial_date(row["as_of"], lang),
            "claim": row[f"text_{lang}"],
            "named": t("regions.claims.named", lang, claimed=int(row["count"]), named=len(mine)),
            "source_ids": "; ".join(row["source_ids"]),
            "locator": row["locator"],
        })
    return pd.DataFrame(records, columns=columns)


def _end(date: str) -> dt.date:
    span = event_span(date)
    return span.end if span else dt.date.max


def named_at(ties: Sequence[Tie], region: str, scope: str, as_of: str) -> list[Tie]:
    """The region's ties the sources name that a count made on `as_of` could include: begun by then (an undated
    tie counts if it was known by then, or if nothing says when it began), at the level or standing counted
    (a tie counts as sister from its sister event on, as friendship before)."""
    day = _end(as_of)
    mine = [tie for tie in ties if tie.region == region and _start(tie.first or tie.known_by or "0001") <= day]
    if scope == "cn_partners_provincial":
        return [tie for tie in mine if tie.level == "provincial"]
    if scope == "cn_partners_city":
        return [tie for tie in mine if tie.level == "city"]
    sister = [tie for tie in mine if tie.sister_since and _start(tie.sister_since) <= day]
    if scope == "cn_sister":
        return sister
    if scope == "cn_friendship":
        return [tie for tie in mine if tie.standing != "agreement" and tie not in sister]
    return mine


# --- every tie, the map's text twin ------------------------------------------------------------------------------
TIE_COLUMNS = ("region", "counterpart", "level", "standing", "since", "sister_since", "events", "disputed",
               "source_ids")


def tie_rows(data: Dataset, lang: str, regions: Sequence[str] = (), sectors: Sequence[str] = (),
             events: Sequence[str] = ()) -> pd.DataFrame:
    names = _names(data, lang)
    event_names = dict(zip(data.events["id"], data.events[f"name_{lang}"])) if has_events(data) else {}
    records = []
    for tie in chosen_ties(data, regions, sectors, events):
        records.append({
            "region": names.get(tie.region, tie.region),
            "counterpart": names.get(tie.counterpart, tie.counterpart),
            "level": t(f"regions.level.{tie.level}", lang) if tie.level in LEVELS else t("unknown", lang),
            "standing": standing_text(tie, lang),
            "since": since_text(tie, lang),
            "sister_since": (format_partial_date(tie.sister_since, lang) if tie.sister_since else "–"),
            "events": "; ".join(event_names.get(e, e) for e in tie.events),
            "disputed": t("regions.disputed.yes", lang) if tie.disputed else "",
            "source_ids": "; ".join(tie.source_ids),
        })
    return pd.DataFrame(records, columns=list(TIE_COLUMNS))


# --- the region × counterpart matrix -----------------------------------------------------------------------------
def matrix(data: Dataset, lang: str, regions: Sequence[str] = (), sectors: Sequence[str] = (),
           events: Sequence[str] = ()) -> tuple[list[str], list[str], dict[tuple[str, str], Tie]]:
    """(Korean region ids as columns, counterpart ids as rows, (counterpart, region) -> tie). Columns: the chosen
    regions, or every region with a tie; rows: provincial-level counterparts first, then cities, each by the
    number of Korean partners (most first), then by name."""
    ties = chosen_ties(data, regions, sectors, events)
    names = _names(data, lang)
    tied_regions = {tie.region for tie in ties}
    columns = [r for r in (regions or korean_regions(data)) if r in tied_regions][:MAX_MATRIX_COLUMNS]
    ties = [tie for tie in ties if tie.region in set(columns)]
    counts: dict[str, int] = {}
    for tie in ties:
        counts[tie.counterpart] = counts.get(tie.counterpart, 0) + 1
    level = {tie.counterpart: tie.level for tie in ties}
    rows = sorted(counts, key=lambda c: (level[c] != "provincial", -counts[c], names.get(c, c)))[:MAX_MATRIX_ROWS]
    kept = set(rows)
    return columns, rows, {(tie.counterpart, tie.region): tie for tie in ties if tie.counterpart in kept}


def matrix_is_capped(data: Dataset, regions: Sequence[str] = (), sectors: Sequence[str] = (),
                     events: Sequence[str] = ()) -> bool:
    """Whether the matrix leaves regions or partners out (the tie table has them all)."""
    ties = chosen_ties(data, regions, sectors, events)
    return (len({tie.region for tie in ties}) > MAX_MATRIX_COLUMNS
            or len({tie.counterpart for tie in ties}) > MAX_MATRIX_ROWS)


def matrix_html(data: Dataset, lang: str, href: str, regions: Sequence[str] = (), sectors: Sequence[str] = (),
                events: Sequence[str] = ()) -> str:
    """The matrix as an HTML table (a scrolling box on a phone, the counterparts' column kept in view). A cell
    names the tie's standing and links the year of each event that made the tie (friendship, sister) to that event
    on /timeline (`href` + "open=<event id>"); "+N" links the pair's other events (agreements, anniversaries) as
    the timeline filtered to the two sides (`href` + "region=…&counterpart=…"). `href` ends in "?" or "&"."""
    columns, rows, cells = matrix(data, lang, regions, sectors, events)
    if not rows:
        return ""
    names = _names(data, lang)
    event_dates = dict(zip(data.events["id"], data.events["date_start"]))
    event_kinds = dict(zip(data.events["id"], data.events["kind"]))
    head = "".join(f'<th scope="col">{escape_html(names.get(c, c))}</th>' for c in columns)
    body = []
    for counterpart in rows:
        tie_level = next((tie.level for (cp, _), tie in cells.items() if cp == counterpart), "")
        level = t(f"regions.level.short.{tie_level}", lang) if tie_level in LEVELS else ""
        cells_html = []
        for region in columns:
            tie = cells.get((counterpart, region))
            if tie is None:
                cells_html.append("<td></td>")  # page.css marks an empty cell (a class and a dot a cell were 50 KB)
                continue
            links = []
            making = [e for e in tie.events if event_kinds.get(e) in TIE_KINDS] or list(tie.events[:1])
            for event_id in making:
                span = event_span(event_dates.get(event_id, ""))
                label = str(span.start.year) if span else t("regions.matrix.undated", lang)
                links.append(f'<a href="{escape_html(href + "open=" + event_id)}" target="_self">{escape_html(label)}</a>')
            others = len(tie.events) - len(making)
            if others:
                pair = f"region={tie.region}&counterpart={tie.counterpart}"
                title = escape_html(t("regions.matrix.more", lang, count=others))
                links.append(f'<a href="{escape_html(href + pair)}" target="_self" title="{title}" '
                             f'aria-label="{title}">+{others}</a>')
            mark = "*" if tie.disputed else ""
            cells_html.append(  # the class colours the cell's edge by standing (page.css); the text says it too
                f'<td class="krcn-{tie.standing}"><span class="krcn-matrix-kind">'
                f"{escape_html(standing_text(tie, lang))}{mark}</span> {' '.join(links)}</td>"
            )
        body.append(f'<tr><th scope="row">{escape_html(names.get(counterpart, counterpart))}'
                    f' <span class="krcn-matrix-level">{escape_html(level)}</span></th>{"".join(cells_html)}</tr>')
    caption = escape_html(t("regions.matrix.caption", lang, ties=len(cells), rows=len(rows), columns=len(columns)))
    corner = escape_html(t("regions.matrix.corner", lang))
    return (
        '<div class="krcn-matrix" role="region" tabindex="0" aria-label="' + caption + '">'
        f'<table><caption>{caption}</caption><thead><tr><th scope="col">{corner}</th>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>'
    )


# --- new ties a year, and the official totals ------------------------------------------------------------------
def year_rows(data: Dataset, lang: str, regions: Sequence[str] = (), sectors: Sequence[str] = (),
              events: Sequence[str] = ()) -> pd.DataFrame:
    """One row a year from the first tie to the last: how many ties began (their first dated event), how many
    became sister, and which; undated ties are not in it (`undated_count` says how many)."""
    names = _names(data, lang)
    ties = [tie for tie in chosen_ties(data, regions, sectors, events) if tie.first_year]
    columns = ["year", "new", "became_sister", "ties"]
    if not ties:
        return pd.DataFrame(columns=columns)
    by_year: dict[int, list[Tie]] = {}
    upgrades: dict[int, int] = {}
    for tie in ties:
        by_year.setdefault(tie.first_year, []).append(tie)
        span = event_span(tie.sister_since) if tie.sister_since else None
        if span and tie.events and span.start.year != tie.first_year:
            upgrades[span.start.year] = upgrades.get(span.start.year, 0) + 1
    first, last = min(by_year), max([*by_year, *upgrades])
    records = []
    for year in range(first, last + 1):
        began = by_year.get(year, [])
        records.append({
            "year": str(year), "new": len(began), "became_sister": upgrades.get(year, 0),
            "ties": "; ".join(f"{names.get(x.region, x.region)}–{names.get(x.counterpart, x.counterpart)}" for x in began),
        })
    return pd.DataFrame(records, columns=columns)


def undated_count(data: Dataset, regions: Sequence[str] = (), sectors: Sequence[str] = (),
                  events: Sequence[str] = ()) -> int:
    return sum(1 for tie in chosen_ties(data, regions, sectors, events) if not tie.first_year)


def year_figure(data: Dataset, lang: str, regions: tuple = (), sectors: tuple = (), events: tuple = ()) -> go.Figure:
    """New ties a year as horizontal bars (oldest on top), the count written after each bar."""
    rows = year_rows(data, lang, regions, sectors, events)
    figure = go.Figure(go.Bar(
        x=list(rows["new"]), y=list(rows["year"]), orientation="h", text=[str(n) for n in rows["new"]],
        textposition="outside", marker={"color": "#0072B2"}, hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    figure.update_layout(yaxis={"autorange": "reversed", "type": "category"}, xaxis={"visible": False},
                         margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=60 + 22 * len(rows))
    return figure


OFFICIAL_GROUPS = ("ties-totals", "series-ties-per-year")


def official_rows(data: Dataset, lang: str) -> pd.DataFrame:
    """The official counts (figures groups ties-totals and series-ties-per-year) as context: what, when, how many,
    the note saying what was counted, sources."""
    columns = ["label", "period", "value", "note", "source_ids", "locator"]
    figs = data.figures[data.figures["group"].isin(OFFICIAL_GROUPS)]
    if figs.empty:
        return pd.DataFrame(columns=columns)
    figs = figs.sort_values(["group", "period"], kind="stable")
    return pd.DataFrame({
        "label": list(figs[f"label_{lang}"]), "period": list(figs["period"]),
        "value": [f"{int(v):,}" for v in figs["value"]], "note": list(figs[f"note_{lang}"]),
        "source_ids": ["; ".join(ids) for ids in figs["source_ids"]], "locator": list(figs["locator"]),
    }, columns=columns)


# --- disputes ---------------------------------------------------------------------------------------------------
def dispute_rows(data: Dataset, lang: str, regions: Sequence[str] = (), events: Sequence[str] = ()) -> pd.DataFrame:
    """Where sources disagree: the event, what is disputed, each value with what its sources say and who they are,
    and the value the data shows."""
    columns = ["event", "field", "value", "shown", "note", "source_ids", "locator"]
    if data.disputes is None or data.disputes.empty or not has_events(data):
        return pd.DataFrame(columns=columns)
    events_by_id = data.events.set_index("id")
    records = []
    for row in data.disputes.to_dict("records"):
        if row["event_id"] not in events_by_id.index:
            continue
        event = events_by_id.loc[row["event_id"]]
        if regions and event["kr_region_id"] not in regions:
            continue
        if events and row["event_id"] not in events:
            continue
        field = row["field"]
        value = row["value"]
        shown_value = event[field] if field in event.index else ""
        records.append({
            "event": event[f"name_{lang}"],
            "field": t(f"regions.dispute.field.{field}", lang),
            "value": _dispute_value(field, value, lang),
            "shown": t("regions.dispute.shown", lang) if value == shown_value else "",
            "note": row[f"note_{lang}"],
            "source_ids": "; ".join(row["source_ids"]),
            "locator": row["locator"],
        })
    return pd.DataFrame(records, columns=columns)


def event_disputes(data: Dataset, event_id: str, lang: str) -> list[str]:
    """One event's disputes in words, a line a value: 'The date: Apr 2000 (shown here) — sources: a; b. Note'."""
    if data.disputes is None or data.disputes.empty or not has_events(data):
        return []
    rows = data.disputes[data.disputes["event_id"] == event_id]
    event = data.events[data.events["id"] == event_id]
    lines = []
    for row in rows.to_dict("records"):
        field = row["field"]
        shown = len(event) and field in event.columns and event.iloc[0][field] == row["value"]
        lines.append(t("regions.dispute.line", lang, field=t(f"regions.dispute.field.{field}", lang),
                       value=_dispute_value(field, row["value"], lang),
                       shown=t("regions.dispute.shown_here", lang) if shown else "",
                       sources="; ".join(row["source_ids"]), note=row[f"note_{lang}"]))
    return lines


def _dispute_value(field: str, value: str, lang: str) -> str:
    if field == "date_start":
        return format_partial_date(value, lang)
    if field == "kind":
        return t(f"event.kind.{value}", lang)
    return value


# --- the map ----------------------------------------------------------------------------------------------------
def seats(data: Dataset) -> dict[str, tuple[float, float]]:
    """Region id -> (lon, lat) of its seat, from places.csv."""
    if data.places is None or data.places.empty:
        return {}
    return {e: (lon, lat) for e, lon, lat in zip(data.places["entity_id"], data.places["lon"], data.places["lat"])}


def mapped_ties(data: Dataset, regions: Sequence[str] = (), sectors: Sequence[str] = (),
                events: Sequence[str] = ()) -> tuple[list[Tie], list[Tie]]:
    """(ties the map draws, ties it cannot: a side without a seat)."""
    where = seats(data)
    ties = chosen_ties(data, regions, sectors, events)
    drawn = [tie for tie in ties if tie.region in where and tie.counterpart in where]
    kept = set(drawn[-MAX_MAP_TIES:])  # the most recent, as the timeline draws its latest events
    return [tie for tie in drawn if tie in kept], [tie for tie in ties if tie not in kept]


def map_svg(data: Dataset, lang: str, regions: tuple = (), sectors: tuple = (), events: tuple = ()) -> str:
    """The light map as an SVG document: the base map, a curve a tie (coloured by standing, dashed for a city
    counterpart) from the Korean region's seat to the counterpart's, a dot a seat, the Korean regions named."""
    projection, base = geo.PROJECTION, geo.base_map()
    where = seats(data)
    drawn, _ = data.memo(mapped_ties, regions, sectors, events)
    names = _names(data, lang)
    lines = []
    for tie in sorted(drawn, key=lambda x: STANDINGS.index(x.standing), reverse=True):  # sister ties on top
        (x1, y1), (x2, y2) = projection(*where[tie.region]), projection(*where[tie.counterpart])
        cx, cy = (x1 + x2) / 2 + (y2 - y1) * 0.12, (y1 + y2) / 2 - (x2 - x1) * 0.12  # a gentle arc
        dash = ' stroke-dasharray="5 3"' if tie.level == "city" else ""
        lines.append(f'<path d="M{x1:.1f},{y1:.1f}Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none" '
                     f'stroke="{STANDING_COLORS[tie.standing]}" stroke-width="1.6" stroke-opacity=".8"{dash}/>')
    dots, labels = [], []
    ends = dict.fromkeys([x for tie in drawn for x in (tie.region, tie.counterpart)])
    korean = set(korean_regions(data))
    for entity in ends:
        x, y = projection(*where[entity])
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1f2933" stroke="#fff" stroke-width="1"/>')
    levels = dict(zip(data.entities["id"], data.entities["admin_level"]))
    for entity in [e for e in ends if e not in korean and levels.get(e) == "provincial"]:
        x, y = projection(*where[entity])
        labels.append(f'<text x="{x + 5:.1f}" y="{y + 4:.1f}" class="cn">{escape_html(names.get(entity, entity))}</text>')
    height = round(projection.height)
    label = escape_html(t("regions.map.alt", lang, ties=len(drawn)))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {geo.WIDTH} {height}" role="img" aria-label="{label}">'
        '<style>text{font:11px sans-serif;fill:#1f2933;paint-order:stroke;stroke:#fff;stroke-width:3px}</style>'
        f'<rect width="{geo.WIDTH}" height="{height}" fill="#dcebf5"/>'
        f'<path d="{base["land"]}" fill="#ecebe6"/>'
        f'<path d="{base["shaded"]}" fill="#fbfaf5" stroke="#8a8f98" stroke-width=".8"/>'
        f'{"".join(lines)}{"".join(dots)}{"".join(labels)}</svg>'
    )


# The light map's address under the app's root (components/host/maps.py answers it): relative, as pages are one
# level deep (/regions -> /map/..., /dash/regions -> /dash/map/...). An address a view, so the browser fetches a
# picture once and a rerun that keeps the view sends nothing (as a data: URL it rode every rerun: 63 KB).
MAP_PATH = "map/regions.svg"


def map_address(lang: str, regions: Sequence[str] = (), sectors: Sequence[str] = (),
                events: Sequence[str] = ()) -> str:
    """The light map's address for a view: the /regions link's own parameters, the language always."""
    pairs = [("lang", lang), *(("region", r) for r in regions), *(("sector", s) for s in sectors),
             *(("event", e) for e in events)]
    return f"{MAP_PATH}?{urlencode(pairs)}"


def map_html(data: Dataset, lang: str, regions: tuple = (), sectors: tuple = (), events: tuple = ()) -> str:
    """The light map for the page: the SVG as an image from this app's server (as an image it can run nothing and
    load nothing), with its text name; the table under it is its text twin."""
    drawn, _ = mapped_ties(data, regions, sectors, events)
    alt = escape_html(t("regions.map.alt", lang, ties=len(drawn)))
    src = escape_html(map_address(lang, regions, sectors, events))
    return (f'<img class="krcn-map" src="{src}" alt="{alt}" width="{geo.WIDTH}" '
            f'height="{round(geo.PROJECTION.height)}" style="width:100%;height:auto;max-width:{geo.WIDTH}px">')


def map_legend_html(lang: str) -> str:
    """The map's key: a line of each standing's colour, and the dashed line of a city counterpart."""
    items = [(t(f"regions.standing.{s}", lang), STANDING_COLORS[s], "solid") for s in STANDINGS]
    items.append((t("regions.map.city", lang), "#3e4c59", "dashed"))
    html_items = "".join(
        f'<span style="margin-right:14px;white-space:nowrap"><span style="display:inline-block;width:22px;'
        f'border-top:3px {style} {color};margin-right:5px;vertical-align:3px"></span>{escape_html(label)}</span>'
        for label, color, style in items
    )
    return f'<div class="krcn-map-legend" style="font-size:14px">{html_items}</div>'


def map_figure(data: Dataset, lang: str, regions: tuple = (), sectors: tuple = (), events: tuple = ()) -> go.Figure:
    """The same map for plotly (`scattergeo`): a trace of lines a standing, and the seats with their names. Its
    geography is the vendored topojson (pass `geo.TOPOJSON_URL` as the chart's `topojsonURL`)."""
    where = seats(data)
    drawn, _ = mapped_ties(data, regions, sectors, events)
    names = _names(data, lang)
    figure = go.Figure()
    for standing in STANDINGS:
        lons: list[float | None] = []
        lats: list[float | None] = []
        for tie in (x for x in drawn if x.standing == standing):
            (lon1, lat1), (lon2, lat2) = where[tie.region], where[tie.counterpart]
            lons += [lon1, lon2, None]
            lats += [lat1, lat2, None]
        if lons:
            figure.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", name=t(f"regions.standing.{standing}", lang),
                                           line={"width": 1.6, "color": STANDING_COLORS[standing]}, hoverinfo="skip"))
    ends = list(dict.fromkeys([x for tie in drawn for x in (tie.region, tie.counterpart)]))
    if ends:
        counts = {e: sum(e in (tie.region, tie.counterpart) for tie in drawn) for e in ends}
        figure.add_trace(go.Scattergeo(
            lon=[where[e][0] for e in ends], lat=[where[e][1] for e in ends], mode="markers",
            name=t("regions.map.seats", lang), marker={"size": 6, "color": "#1f2933"},
            hovertext=[escape_plotly(t("regions.map.hover", lang, name=names.get(e, e), ties=counts[e])) for e in ends],
            hoverinfo="text",
        ))
    west, south, east, north = geo.BOUNDS
    figure.update_geos(scope="asia", resolution=50, projection_type="mercator", lonaxis_range=[west, east],
                       lataxis_range=[south, north], showcountries=True, countrycolor="#8a8f98",
                       showland=True, landcolor="#fbfaf5", showocean=True, oceancolor="#dcebf5", showlakes=False)
    figure.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=560,
                         legend={"orientation": "h", "y": -0.02})
    return figure


# --- the method's account of coverage (/sources) ----------------------------------------------------------------
THIN_TIES = 3  # a region with fewer ties than this named in the sources is called thin


def thin_regions(data: Dataset, lang: str) -> list[str]:
    """'Region: N ties named (the region says M)' for every region whose sources name fewer than THIN_TIES ties
    or fewer than it claims: where the map is thinnest, said plainly on /sources."""
    names, ties = _names(data, lang), _by_region(data.memo(all_ties))
    claimed_counts: dict[str, int] = {}
    if data.region_claims is not None:
        for region, count in zip(data.region_claims["region_id"], data.region_claims["count"]):
            claimed_counts[region] = max(claimed_counts.get(region, 0), int(count))
    said_by = _claimed_texts(data, lang)
    lines = []
    for region in korean_regions(data):
        named = len(ties.get(region, []))
        claimed = claimed_counts.get(region, 0)
        if named < THIN_TIES or named < claimed:
            said = said_by.get(region, "")
            lines.append(t("regions.thin.line", lang, name=names.get(region, region), named=named)
                         + (t("regions.thin.claims", lang, claims=said) if said else ""))
    return lines
