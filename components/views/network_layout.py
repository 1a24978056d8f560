"""How the linkage network is drawn (no streamlit): positions, node sizes and label boxes, which edges carry
their label, colours and shapes, and the text of tooltips and the legend. What is in the network is
components/views/network_model.py; components/web/render/network.py turns both into one pyvis Network.
"""
from __future__ import annotations

import math

from components.data.dataset import Dataset
from components.i18n import t
from components.views.citations import citations
from components.views.network_model import NODE_KINDS, Node, Network, degrees

LAYOUT_SEED = 20250925

# Okabe–Ito (colour-vision-deficiency safe): blue / orange / reddish purple; sectors neutral grey.
# Never a red/green pair; the side is also written in every tooltip and in the legend.
SIDE_COLOURS = {"KR": "#0072B2", "CN": "#E69F00", "shared": "#CC79A7", "sector": "#9A9A9A"}
SIDE_ORDER = ("KR", "CN", "shared", "sector")
KIND_SHAPES = {
    "region": "hexagon",
    "person": "dot",
    "company": "square",
    "org_unit": "triangleDown",
    "cluster": "triangle",
    "event": "star",
    "product": "diamond",
    "organisation": "database",
    "clause": "box",
    "proposal": "box",
    "sector": "ellipse",
}
LABEL_INSIDE = frozenset({"box", "ellipse", "database", "circle", "text"})

LABEL_WRAP = 150.0  # px: vis-network wraps labels at this width (widthConstraint.maximum)
ASPECT = 1.3  # width / height of the drawing area the layout aims for


def _text_width(text: str, size: float = 14.0) -> float:
    """Rough rendered width of a label: Hangul and Hanzi are about twice as wide as Latin letters."""
    wide = sum(1 for ch in text if ord(ch) >= 0x1100)
    return (wide * 1.0 + (len(text) - wide) * 0.52) * size


MAX_EDGE_LABELS = 24  # more relation labels than this turn into clutter: then they live in the tooltips
# Past this many nodes a drawing is a hairball nobody can read (and the layout gets slow): the page then asks
# for a sector or a focus and keeps the table and summary, which stay complete.
MAX_DRAWN_NODES = 300


def drawable(network: Network) -> bool:
    """Whether the network is small enough to draw readably."""
    return len(network.nodes) <= MAX_DRAWN_NODES


def edge_labels_shown(network: Network) -> bool:
    """Whether the drawing writes relation labels on the edges (few enough to stay readable)."""
    return sum(1 for e in network.highlighted_edges if e.kind == "relation") <= MAX_EDGE_LABELS


def node_size(kind: str, degree: int) -> float:
    """Drawn radius (px) of a node whose label sits outside it: grows with its links."""
    size = 11.0 + 3.2 * math.sqrt(degree) + (4.0 if kind == "event" else 0.0)
    return round(min(size, 30.0), 1)


def label_box(node: Node, degree: int = 0) -> tuple[float, float]:
    """(width, height) in px of a node with its label, the longer of its Korean and English names."""
    width = max(_text_width(node.name_ko or node.label), _text_width(node.name_en or node.label), 20.0)
    lines = math.ceil(width / LABEL_WRAP)
    width = min(width, LABEL_WRAP)
    if node.kind in ("clause", "proposal", "sector"):  # label inside a box or ellipse
        return width + 24, lines * 17 + 16
    size = node_size(node.kind, degree)
    return max(width, 2 * size), 2 * size + 6 + lines * 17


def layout(network: Network, *, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Deterministic positions (px) for every node of the network: the same network, the same picture.

    Force-directed (networkx spring layout, fixed seed, fixed insertion order) over all edges, stretched to a
    landscape box sized to the labels, then deterministic passes that push apart nodes whose label boxes
    overlap. The positions do not depend on the language. With a focus the focused node sits at (0, 0).
    """
    import networkx as nx
    import numpy as np

    ids = network.node_ids
    if not ids:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    for e in network.edges:
        weight = 0.4 if e.kind == "sector" else 1.0
        if graph.has_edge(e.source, e.target):
            graph[e.source][e.target]["weight"] += weight
        else:
            graph.add_edge(e.source, e.target, weight=weight)
    deg = degrees(network, highlighted_only=False)
    boxes = np.array([label_box(node, deg.get(node.id, 0)) for node in network.nodes], dtype=float)
    # A box whose area is about three times the labels' area, in the drawing's aspect ratio.
    area = float((boxes[:, 0] * boxes[:, 1]).sum()) * 3.0
    height = math.sqrt(area / ASPECT)
    coords = np.zeros((len(ids), 2))
    linked = [i for i, node_id in enumerate(ids) if graph.degree(node_id) > 0]
    if linked:
        sub = graph.subgraph([ids[i] for i in linked])
        pos = nx.spring_layout(sub, seed=seed, k=1.6 / math.sqrt(len(linked)), iterations=300, weight="weight")
        part = np.array([pos[ids[i]] for i in linked], dtype=float)
        part -= part.mean(axis=0)
        span = np.abs(part).max(axis=0)
        span[span == 0] = 1.0
        coords[linked] = part / span * np.array([height * ASPECT / 2, height / 2])
    lone = [i for i in range(len(ids)) if i not in set(linked)]
    if lone:  # unlinked nodes: a tidy row under the picture, in node order
        bottom = coords[linked, 1].max() + 90 if linked else 0.0
        widths = boxes[lone, 0] + 20
        xs = np.cumsum(widths) - widths / 2
        coords[lone, 0] = xs - xs.mean()
        coords[lone, 1] = bottom
    coords = _remove_overlaps(coords, boxes)
    # With fade, every node and edge is there: lay it out as the unfiltered network (nothing moves).
    considered = network.edges if network.fade else network.highlighted_edges
    if sum(1 for e in considered if e.kind == "relation") <= MAX_EDGE_LABELS:
        # Room for the relation labels the drawing writes on its edges: stretch the whole picture (the
        # shape stays, only the scale changes) until the shortest labelled edge can hold its label.
        index = {node_id: i for i, node_id in enumerate(ids)}
        factor = 1.0
        for e in considered:
            if e.kind != "relation" or e.source == e.target:
                continue
            length = float(np.hypot(*(coords[index[e.source]] - coords[index[e.target]])))
            text = max((_text_width(label, 11.0) for label in e.all_labels or (e.label,)), default=0.0)
            needed = text + 0.5 * (boxes[index[e.source], 0] + boxes[index[e.target], 0]) * 0.6 + 20
            factor = max(factor, needed / max(length, 1.0))
        coords *= min(factor, 3.0)
    if network.focus is not None and network.focus in ids:
        coords -= coords[ids.index(network.focus)]
    return {node_id: (round(float(x), 1), round(float(y), 1)) for node_id, (x, y) in zip(ids, coords)}


def _remove_overlaps(coords, boxes, margin: float = 14.0, passes: int = 300):
    """Push apart nodes whose label boxes overlap, along the axis of least overlap (deterministic)."""
    import numpy as np

    pts = coords.copy()
    n = len(pts)
    if n < 2:
        return pts
    half = boxes / 2
    order = np.arange(n)
    tie = np.where(order[:, None] < order[None, :], -1.0, 1.0)  # separate coincident points by index
    for _ in range(passes):
        dx = pts[:, None, 0] - pts[None, :, 0]
        dy = pts[:, None, 1] - pts[None, :, 1]
        ox = half[:, None, 0] + half[None, :, 0] + margin - np.abs(dx)
        oy = half[:, None, 1] + half[None, :, 1] + margin - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        along_x = hit & (ox <= oy)
        along_y = hit & ~(ox <= oy)
        sx = np.where(dx == 0, tie, np.sign(dx))
        sy = np.where(dy == 0, tie, np.sign(dy))
        move_x = np.where(along_x, ox * sx / 2, 0.0).sum(axis=1)
        move_y = np.where(along_y, oy * sy / 2, 0.0).sum(axis=1)
        count = np.maximum(hit.sum(axis=1), 1)
        pts[:, 0] += move_x / np.sqrt(count)
        pts[:, 1] += move_y / np.sqrt(count)
    return pts


# --- tooltip and legend text ------------------------------------------------------------------------

TOOLTIP_TEXT_MAX = 280


def _short(text: str, limit: int = TOOLTIP_TEXT_MAX) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _other_names(node, lang: str) -> list[str]:
    names = [node.name_en if lang == "ko" else node.name_ko, node.name_zh]
    return [n for n in names if n and n != node.label]


def node_tooltip(node, lang: str, sector_names: dict[str, str]) -> str:
    lines = [node.label]
    others = _other_names(node, lang)
    if others:
        lines.append(" · ".join(others))
    side = t(f"network.side.{node.side}", lang)
    lines.append(t(f"network.kind.{node.kind}", lang) + ("" if node.kind == "sector" else f" · {side}"))
    if node.sectors and node.kind != "sector":
        lines.append(f"{t('network.details.sectors', lang)}: " + ", ".join(sector_names.get(s, s) for s in node.sectors))
    if node.description:
        lines.append(_short(node.description))
    if node.confidence and node.confidence != "seen":
        lines.append(t("network.details.confidence", lang, level=t(f"confidence.{node.confidence}", lang)))
    return "\n".join(lines)


def edge_tooltip(edge, labels: dict[str, str], data: Dataset, lang: str) -> str:
    lines = [f"{labels.get(edge.source, edge.source)} — {edge.label} — {labels.get(edge.target, edge.target)}"]
    meta = [m for m in (edge.date, t(f"confidence.{edge.confidence}", lang) if edge.confidence else "") if m]
    if meta:
        lines.append(" · ".join(meta))
    # Links to a sector or from a clause are the project's own structure: their sources are the node's.
    cites = citations(data, edge.source_ids, edge.locator) if edge.kind == "relation" else []
    if cites:
        lines.append(
            f"{t('source.label', lang)}: " + "; ".join(c.label + (f" {c.locator}" if c.locator else "") for c in cites)
        )
    return "\n".join(lines)


def legend(data: Dataset, lang: str) -> dict:
    """The legend: colour = side, shape = kind (kinds the data has), line styles, markers — all as text too."""
    present = set(data.entities["kind"]) | {"sector"}
    if len(data.clauses):
        present |= {"clause" if m else "proposal" for m in data.clauses["is_mou_clause"]}
    return {
        "title": t("network.legend.title", lang),
        "groups": [
            {
                "title": t("network.legend.side", lang),
                "items": [{"icon": "swatch", "color": SIDE_COLOURS[s], "text": t(f"network.side.{s}", lang)} for s in SIDE_ORDER],
            },
            {
                "title": t("network.legend.kind", lang),
                "items": [
                    {"icon": "shape", "shape": KIND_SHAPES[k], "dashed": k == "proposal", "outline": k == "proposal",
                     "text": t(f"network.kind.{k}", lang)}
                    for k in NODE_KINDS
                    if k in present
                ],
            },
            {
                "title": t("network.legend.lines", lang),
                "items": [
                    {"icon": "line", "dashes": "", "arrow": True, "text": t("network.legend.seen", lang)},
                    {"icon": "line", "dashes": "7 5", "arrow": True, "text": t("network.legend.inferred", lang)},
                    {"icon": "line", "dashes": "2 4", "arrow": False, "muted": True, "text": t("network.legend.sector_link", lang)},
                    {"icon": "line", "dashes": "", "arrow": True, "muted": True, "text": t("network.legend.arrow", lang)},
                    {"icon": "shape", "shape": "dot", "focused": True, "text": t("network.legend.focused", lang)},
                    {"icon": "shape", "shape": "dot", "dashed": True, "text": t("network.legend.uncertain", lang)},
                    {"icon": "shape", "shape": "dot", "faded": True, "text": t("network.legend.faded", lang)},
                ],
            },
        ],
    }
