"""What the Gyeonggi–Shanghai MOU contains, as tables and a Sankey diagram's geometry (no streamlit).

Clauses come from clauses.csv, grouped as the MOU has them (fields, mechanisms, agreements ①–④) plus
the governor's proposal, which is not a clause. The clause → company link is derived: a delegation
company (entities.role == 'delegation') is linked to a clause when they share a sector. The MOU names
no company.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from components.views.citations import citations
from components.data.dataset import Dataset
from components.i18n import t
from components.views.safe_text import escape_plotly

GROUPS = ("field", "mechanism", "agreement", "proposal")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Okabe–Ito colours (safe for colour-vision deficiency), one per clause group.
GROUP_COLORS = {"field": "#0072B2", "mechanism": "#E69F00", "agreement": "#009E73", "proposal": "#CC79A7"}
COMPANY_COLOR = "#4D5966"
INFERRED_LINK_COLOR = "rgba(120, 128, 140, 0.35)"

CLAUSE_COLUMNS = ("id", "group", "label", "title", "text_ko", "text_en", "sectors", "kind", "source", "source_url")
LINK_COLUMNS = ("clause", "group", "sector", "companies")


def matches(row_sectors: Sequence[str], sectors: Sequence[str]) -> bool:
    """True when the filter is empty (everything) or the row shares a sector with it."""
    return not sectors or bool(set(row_sectors) & set(sectors))


def ordered_clauses(clauses: pd.DataFrame, sectors: Sequence[str] = ()) -> pd.DataFrame:
    """Clauses in MOU order (fields, mechanisms, agreements, then the proposal), narrowed by the sector filter."""
    keep = clauses[[matches(s, sectors) for s in clauses["sectors"]]] if len(clauses) else clauses
    rank = {g: i for i, g in enumerate(GROUPS)}
    keys = [(rank.get(group, 99), int(number)) for group, number in zip(keep["group"], keep["number"])]
    order = sorted(range(len(keep)), key=keys.__getitem__)  # stable: equal keys keep the file's order
    return keep.iloc[order].reset_index(drop=True)


def clause_label(row: pd.Series | dict, lang: str) -> str:
    """'① Economic and trade cooperation' for agreements, '3. Youth' for fields and mechanisms."""
    title = row[f"title_{lang}"]
    number = int(row["number"])
    if row["group"] == "agreement" and 1 <= number <= len(CIRCLED):
        return f"{CIRCLED[number - 1]} {title}"
    if row["group"] == "proposal":
        return title
    return f"{number}. {title}"


def sector_names(data: Dataset, lang: str) -> dict[str, str]:
    ordered = data.sectors.sort_values("order")
    return dict(zip(ordered["id"], ordered[f"name_{lang}"]))


def delegation_by_sector(data: Dataset) -> dict[str, list[str]]:
    """Sector id -> ids of the delegation companies in it, in entities.csv order."""
    result: dict[str, list[str]] = {}
    companies = data.entities[data.entities["role"] == "delegation"]
    for entity_id, entity_sectors in zip(companies["id"], companies["sectors"]):
        for sector in entity_sectors:
            result.setdefault(sector, []).append(entity_id)
    return result


def _citation_text(data: Dataset, source_ids: Sequence[str], locator: str) -> tuple[str, str]:
    cites = citations(data, source_ids, locator)
    if not cites:
        return "", ""
    text = "; ".join(c.label + (f" {c.locator}" if c.locator else "") for c in cites)
    return text, cites[0].url


def clause_table(data: Dataset, lang: str, sectors: Sequence[str] = ()) -> pd.DataFrame:
    """One row per clause the filter keeps: both languages' text, sector names, clause or proposal, source."""
    names = sector_names(data, lang)
    rows = []
    for row in ordered_clauses(data.clauses, sectors).to_dict("records"):
        source, url = _citation_text(data, row["source_ids"], row["locator"])
        rows.append(
            {
                "id": row["id"],
                "group": t(f"mou.group.{row['group']}", lang),
                "label": clause_label(row, lang),
                "title": row[f"title_{lang}"],
                "text_ko": row["text_ko"],
                "text_en": row["text_en"],
                "sectors": ", ".join(names.get(s, s) for s in row["sectors"]),
                "kind": t("mou.kind.clause" if row["is_mou_clause"] else "mou.kind.proposal", lang),
                "source": source,
                "source_url": url,
            }
        )
    return pd.DataFrame(rows, columns=list(CLAUSE_COLUMNS))


def clause_sector_links(data: Dataset, sectors: Sequence[str] = ()) -> list[tuple[str, str, tuple[str, ...]]]:
    """(clause id, sector id, delegation company ids sharing that sector) for every clause × sector pair.

    With a sector filter only the chosen sectors' pairs remain.
    """
    by_sector = delegation_by_sector(data)
    links = []
    ordered = ordered_clauses(data.clauses, sectors)
    for clause_id, clause_sectors in zip(ordered["id"], ordered["sectors"]):
        for sector in clause_sectors:
            if sectors and sector not in sectors:
                continue
            links.append((clause_id, sector, tuple(by_sector.get(sector, ()))))
    return links


def clauses_reaching_companies(data: Dataset, sectors: Sequence[str] = ()) -> list[str]:
    """Ids of the clauses (after the filter) that share a sector with at least one delegation company."""
    return list(dict.fromkeys(clause_id for clause_id, _, companies in clause_sector_links(data, sectors) if companies))


def sankey_item_count(data: Dataset, sectors: Sequence[str] = ()) -> int:
    """How many MOU items the Sankey would draw (its left column) for this filter."""
    return len({clause_id for clause_id, _, _ in clause_sector_links(data, sectors)})


def _clause_rows(data: Dataset) -> dict[str, dict]:
    """Clause id -> its row as a dict (a dict lookup per link instead of a pandas row lookup: 100x data)."""
    return {row["id"]: row for row in data.clauses.to_dict("records")}


def mapping_table(data: Dataset, lang: str, sectors: Sequence[str] = ()) -> pd.DataFrame:
    """The Sankey's table twin: clause, its group, one sector, the delegation companies sharing that sector."""
    clauses = _clause_rows(data)
    names = sector_names(data, lang)
    entity_names = dict(zip(data.entities["id"], data.entities[f"name_{lang}"]))
    rows = []
    for clause_id, sector, companies in clause_sector_links(data, sectors):
        row = clauses[clause_id]
        rows.append(
            {
                "clause": clause_label(row, lang),
                "group": t(f"mou.group.{row['group']}", lang),
                "sector": names.get(sector, sector),
                "companies": ", ".join(entity_names[c] for c in companies) or t("mou.map.no_company", lang),
            }
        )
    return pd.DataFrame(rows, columns=list(LINK_COLUMNS))


def _rgba(hex_color: str, alpha: float) -> str:
    value = hex_color.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


COLUMN_TITLES = ("mou.map.col.clauses", "mou.map.col.sectors", "mou.map.col.companies")
# Past this many items the Sankey is a wall of labels (and, at 100x data, a megabyte to send): the page says so
# and keeps the complete table instead. The real MOU has 18; the 10x benchmark package 180.
MAX_SANKEY_ITEMS = 200
NODE_GAP = 0.6  # space between two nodes of a column, in link units (one link = 1)


def _stack(weights: Sequence[float], center: float, scale: float, gap: float) -> list[float]:
    """Node centres (0 = top) for one Sankey column stacked in the given order: each node takes (weight + gap)
    of a common `scale`, so equal flows are equally tall in every column; the block is centred on `center`."""
    block = sum(w + gap for w in weights) / scale
    top = min(max(center - block / 2, 0.0), max(1.0 - block, 0.0))
    ys = []
    for w in weights:
        ys.append(top + (w + gap) / 2 / scale)
        top += (w + gap) / scale
    return ys


def _by_barycentre(ids: Sequence[str], parents: dict[str, list[float]]) -> list[str]:
    """Order a column by the mean position of the nodes flowing into each one (fewer crossings)."""
    return sorted(ids, key=lambda i: sum(parents[i]) / len(parents[i]))


def _round(value: float) -> float:
    return round(value, 4)


def _bands(node_links: dict[int, list[int]], order_of, centres: list[float], scale: float) -> dict[int, tuple[float, float]]:
    """Where each link meets a node: the node's links stacked in `order_of` order, centred on the node."""
    bands: dict[int, tuple[float, float]] = {}
    for node, links in node_links.items():
        top = centres[node] - len(links) / 2 / scale
        for link in sorted(links, key=order_of):
            bands[link] = (top, top + 1 / scale)
            top += 1 / scale
    return bands


def sankey_spec(data: Dataset, lang: str, sectors: Sequence[str] = ()) -> dict:
    """Clause → sector → delegation company, as the app's own Sankey draws it (static/krcn/sankey.js): three
    columns, clauses in MOU order from the top. Clause→sector links are coded from the MOU text;
    sector→company links (grey, marked inferred) come from shared sectors. Geometry is decided here, in
    fractions of the plot's height (0 = top), so the browser only scales it: every node has its column, its
    top and bottom (as tall as the larger of its inflow and outflow, every link counting 1) and a hover title;
    every link where it leaves its source and reaches its target. All text is plain (the browser writes it as
    text, never as markup)."""
    links = clause_sector_links(data, sectors)
    clauses = _clause_rows(data)
    sector_colors = dict(zip(data.sectors["id"], data.sectors["color"]))
    names = sector_names(data, lang)
    entity_names = dict(zip(data.entities["id"], data.entities[f"name_{lang}"]))

    # Clauses in MOU order from the top; sectors, then companies, ordered by where their inflows come from.
    clause_ids = list(dict.fromkeys(c for c, _, _ in links))
    clause_pos = {c: i for i, c in enumerate(clause_ids)}
    sector_parents: dict[str, list[float]] = {}
    for clause_id, sector, _ in links:
        sector_parents.setdefault(sector, []).append(clause_pos[clause_id])
    sector_ids = _by_barycentre(list(sector_parents), sector_parents)
    sector_pos = {s: i for i, s in enumerate(sector_ids)}
    pairs = sorted(
        dict.fromkeys((s, e) for _, s, companies in links for e in companies), key=lambda p: sector_pos[p[0]]
    )
    company_parents: dict[str, list[float]] = {}
    for sector, company in pairs:
        company_parents.setdefault(company, []).append(sector_pos[sector])
    company_ids = _by_barycentre(list(company_parents), company_parents)

    # (label, colour, what it is, column)
    nodes: list[tuple[str, str, str, int]] = []
    for clause_id in clause_ids:
        row = clauses[clause_id]
        color = GROUP_COLORS.get(row["group"], COMPANY_COLOR)
        nodes.append((clause_label(row, lang), color, t(f"mou.group.{row['group']}", lang), 0))
    for sector in sector_ids:
        nodes.append((names[sector], sector_colors[sector], t("mou.map.node.sector", lang), 1))
    for company in company_ids:
        nodes.append((entity_names[company], COMPANY_COLOR, t("mou.map.node.company", lang), 2))
    index = {("clause", c): i for i, c in enumerate(clause_ids)}
    index |= {("sector", s): len(clause_ids) + i for i, s in enumerate(sector_ids)}
    index |= {("company", e): len(clause_ids) + len(sector_ids) + i for i, e in enumerate(company_ids)}

    # (source, target, colour, inferred)
    edges: list[tuple[int, int, str, bool]] = []
    for clause_id, sector, _ in links:
        edges.append((index[("clause", clause_id)], index[("sector", sector)], _rgba(sector_colors[sector], 0.45), False))
    for sector, company in pairs:
        edges.append((index[("sector", sector)], index[("company", company)], INFERRED_LINK_COLOR, True))

    # A node is as tall as the larger of its inflow and outflow; each column is stacked on one common scale,
    # so equal flows are equally tall everywhere.
    outgoing: dict[int, list[int]] = {}
    incoming: dict[int, list[int]] = {}
    for k, (src, tgt, _, _) in enumerate(edges):
        outgoing.setdefault(src, []).append(k)
        incoming.setdefault(tgt, []).append(k)
    size = [max(len(incoming.get(i, ())), len(outgoing.get(i, ()))) for i in range(len(nodes))]
    columns = [clause_ids, sector_ids, company_ids]
    starts = [0, len(clause_ids), len(clause_ids) + len(sector_ids)]
    weights = [size[start : start + len(ids)] for start, ids in zip(starts, columns)]
    scale = max(sum(w + NODE_GAP for w in column) for column in weights)
    centres: list[float] = []
    for col, (ids, column_weights) in enumerate(zip(columns, weights)):
        if not ids:
            continue
        if col == 0:
            centres += _stack(column_weights, 0.5, scale, NODE_GAP)
        else:
            # centre the column on the inflows' mean height, so short columns sit beside what feeds them
            feeds = [src for src, tgt, _, _ in edges if starts[col] <= tgt < starts[col] + len(ids)]
            centre = sum(centres[f] for f in feeds) / len(feeds)
            centres += _stack(column_weights, centre, scale, NODE_GAP)

    # links leave a node in the order of their targets and reach it in the order of their sources (no crossing
    # inside a node)
    leaving = _bands(outgoing, lambda k: centres[edges[k][1]], centres, scale)
    reaching = _bands(incoming, lambda k: centres[edges[k][0]], centres, scale)
    stated, inferred = t("mou.map.link.stated", lang), t("mou.map.link.inferred", lang)
    groups_shown = {clauses[c]["group"] for c in clause_ids}
    tallest = max(len(c) for c in columns)
    return {
        "height": max(240, 30 * tallest + 60),
        # the three columns' titles; an empty company column says so instead of looking broken
        "columns": [
            {"title": t(key, lang), "note": t("mou.map.no_company", lang) if not ids else ""}
            for key, ids in zip(COLUMN_TITLES, columns)
        ],
        "nodes": [
            {
                "label": label, "color": color, "column": column,
                "y0": _round(centres[i] - size[i] / 2 / scale), "y1": _round(centres[i] + size[i] / 2 / scale),
                "title": f"{label}\n{kind}",
            }
            for i, (label, color, kind, column) in enumerate(nodes)
        ],
        "links": [
            {
                "source": src, "target": tgt, "color": color, "inferred": is_inferred,
                "sy0": _round(leaving[k][0]), "sy1": _round(leaving[k][1]),
                "ty0": _round(reaching[k][0]), "ty1": _round(reaching[k][1]),
                "title": f"{nodes[src][0]} → {nodes[tgt][0]}\n{inferred if is_inferred else stated}",
            }
            for k, (src, tgt, color, is_inferred) in enumerate(edges)
        ],
        # the colour of each clause group shown, named (MOU order)
        "legend": [{"color": GROUP_COLORS[g], "label": t(f"mou.group.{g}", lang)} for g in GROUPS if g in groups_shown],
    }


SANKEY_COLUMN_X = (0.001, 0.5, 0.999)  # plotly's node positions of the three columns (0 and 1 exactly misdraw)


def _plotly_lines(text: str) -> str:
    """Plain text (lines split by newlines) for a plotly hover: escaped, lines joined with <br>."""
    return "<br>".join(escape_plotly(line) for line in text.split("\n"))


def sankey_figure(spec: dict) -> go.Figure:
    """The Sankey `sankey_spec` describes, as a plotly figure (for the opt-in interactive chart): the same nodes
    in the same columns and at the same heights (each node's centre), the same links and colours, the same hover
    text, the column titles above and the clause groups' colours named below. Data text is escaped (plotly reads
    a few HTML tags)."""
    nodes, links = spec["nodes"], spec["links"]
    figure = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": [escape_plotly(n["label"]) for n in nodes],
                "color": [n["color"] for n in nodes],
                "x": [SANKEY_COLUMN_X[n["column"]] for n in nodes],
                "y": [round((n["y0"] + n["y1"]) / 2, 4) for n in nodes],
                "customdata": [_plotly_lines(n["title"]) for n in nodes],
                "hovertemplate": "%{customdata}<extra></extra>",
                "pad": 8,
                "thickness": 14,
                "line": {"width": 0},
            },
            link={
                "source": [link["source"] for link in links],
                "target": [link["target"] for link in links],
                "value": [1] * len(links),
                "color": [link["color"] for link in links],
                "customdata": [_plotly_lines(link["title"]) for link in links],
                "hovertemplate": "%{customdata}<extra></extra>",
            },
        )
    )
    titles = [
        {"x": x, "y": 1.0, "xref": "paper", "yref": "paper", "yanchor": "bottom", "xanchor": anchor, "showarrow": False,
         "text": escape_plotly(column["title"] + (f" ({column['note']})" if column["note"] else "")), "font": {"size": 13}}
        for x, anchor, column in zip((0.0, 0.5, 1.0), ("left", "center", "right"), spec["columns"])
    ]
    legend = "   ".join(f'<span style="color:{item["color"]}">■</span> {escape_plotly(item["label"])}' for item in spec["legend"])
    titles.append({"x": 0.0, "y": 0.0, "xref": "paper", "yref": "paper", "yanchor": "top", "xanchor": "left",
                   "yshift": -8, "showarrow": False, "text": legend, "font": {"size": 12}})
    figure.update_layout(height=spec["height"] + 70, margin={"l": 10, "r": 10, "t": 30, "b": 40}, annotations=titles)
    return figure
