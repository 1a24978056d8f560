"""The linkage network as a graph model (no streamlit): which nodes and edges, the sector filter, the focus
neighbourhood, fading, a node's details, the relations table and the summary in words. How it is drawn (positions,
sizes, colours, shapes, tooltip and legend text) is components/views/network_layout.py.

Node ids are ASCII and stable (the public `?focus=` contract): an entity keeps its own id (`initech`),
an MOU clause or the governor's proposal is `clause:<clause id>`, a sector is `sector:<sector id>`.

Filter semantics (GitHub issue 4):
- sector filter: keep the entities and clauses in the chosen sectors, the chosen sector nodes, plus the
  people, regions and events those connect to (one hop), so the picture never falls apart into dots;
- focus: keep the focused node's neighbourhood up to `depth` hops (within what the sector filter keeps);
- fade: keep every node and edge, but mark what the filters leave out as faded.
Orders are exact and deterministic: entities in file order, then clauses, then sectors (taxonomy order);
relations in file order, then clause links, then sector links.
"""
from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from components.data.dataset import Dataset
from components.i18n import t
from components.views.citations import citations

MOU_EVENT_ID = "mou-signing-2025-09-25"
CLAUSE_PREFIX = "clause:"
SECTOR_PREFIX = "sector:"
DEPTHS = (1, 2, 3)
# Kinds a sector filter pulls in when a kept entity or clause links to them (one hop).
HOP_KINDS = frozenset({"person", "region", "event"})
ENTITY_KINDS = ("region", "person", "company", "org_unit", "cluster", "event", "product", "organisation")
NODE_KINDS = ENTITY_KINDS + ("clause", "proposal", "sector")


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # an entity kind, "clause" (MOU text), "proposal" (not MOU text) or "sector"
    side: str  # "KR", "CN", "shared" (joint) or "sector" (the taxonomy): the colour group
    label: str  # name in the current language
    name_ko: str
    name_en: str
    name_zh: str
    sectors: tuple[str, ...]
    description: str  # in the current language
    confidence: str = "seen"  # how sure the identification is (entities); "seen" otherwise
    faded: bool = False
    focused: bool = False


@dataclass(frozen=True)
class Edge:
    id: str
    source: str  # "from" node id (the relation reads "from — label — to")
    target: str  # "to" node id
    kind: str  # "relation" (relations.csv), "clause" (clause → event/entity), "sector" (node → sector)
    relation: str  # relation type id; "part_of" / "involves" for clause links, "in_sector" for sector links
    label: str  # relation label in the current language
    date: str = ""
    confidence: str = "seen"  # "seen" or "inferred" (drawn dashed)
    source_ids: tuple[str, ...] = ()
    locator: str = ""
    faded: bool = False
    all_labels: tuple[str, ...] = ()  # the label in every language (the layout leaves room for the longest)


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    lang: str = "en"
    sectors: tuple[str, ...] = ()
    focus: str | None = None
    depth: int = 1
    fade: bool = False

    @property
    def node_ids(self) -> list[str]:
        return [n.id for n in self.nodes]

    @property
    def edge_ids(self) -> list[str]:
        return [e.id for e in self.edges]

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    @property
    def highlighted_nodes(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if not n.faded)

    @property
    def highlighted_edges(self) -> tuple[Edge, ...]:
        return tuple(e for e in self.edges if not e.faded)


def clause_node_id(clause_id: str) -> str:
    return CLAUSE_PREFIX + clause_id


def sector_node_id(sector_id: str) -> str:
    return SECTOR_PREFIX + sector_id


def _sorted_sectors(data: Dataset) -> pd.DataFrame:
    return data.sectors.sort_values("order", kind="stable")


def _all_nodes(data: Dataset, lang: str) -> list[Node]:
    lang = "ko" if lang == "ko" else "en"
    sector_ids = set(data.sectors["id"])
    nodes = []
    for row in data.entities.itertuples(index=False):
        nodes.append(
            Node(
                id=row.id,
                kind=row.kind,
                side=row.country,
                label=getattr(row, f"name_{lang}") or row.name_en or row.id,
                name_ko=row.name_ko,
                name_en=row.name_en,
                name_zh=row.name_zh,
                sectors=tuple(s for s in row.sectors if s in sector_ids),
                description=getattr(row, f"description_{lang}"),
                confidence=row.confidence,
            )
        )
    for row in data.clauses.itertuples(index=False):
        nodes.append(
            Node(
                id=clause_node_id(row.id),
                kind="clause" if row.is_mou_clause else "proposal",
                side="shared",
                label=getattr(row, f"title_{lang}") or row.title_en or row.id,
                name_ko=row.title_ko,
                name_en=row.title_en,
                name_zh="",
                sectors=tuple(s for s in row.sectors if s in sector_ids),
                description=getattr(row, f"text_{lang}"),
            )
        )
    for row in _sorted_sectors(data).itertuples(index=False):
        nodes.append(
            Node(
                id=sector_node_id(row.id),
                kind="sector",
                side="sector",
                label=getattr(row, f"name_{lang}"),
                name_ko=row.name_ko,
                name_en=row.name_en,
                name_zh="",
                sectors=(row.id,),
                description="",
            )
        )
    return nodes


def _all_edges(data: Dataset, lang: str, node_ids: set[str]) -> list[Edge]:
    lang = "ko" if lang == "ko" else "en"
    labels = dict(zip(data.relation_types["id"], data.relation_types[f"label_{lang}"]))
    every = {
        row.id: (row.label_ko, row.label_en) for row in data.relation_types.itertuples(index=False)
    }
    edges: list[Edge] = []
    seen: set[str] = set()

    def add(edge: Edge) -> None:
        if edge.source in node_ids and edge.target in node_ids and edge.id not in seen:
            seen.add(edge.id)
            edges.append(edge)

    for row in data.relations.itertuples(index=False):
        add(
            Edge(
                id=f"rel:{row.id}",
                source=row.from_id,
                target=row.to_id,
                kind="relation",
                relation=row.relation,
                label=labels.get(row.relation, row.relation.replace("_", " ")),
                date=row.date,
                confidence=row.confidence,
                source_ids=tuple(row.source_ids),
                locator=row.locator,
                all_labels=every.get(row.relation, ()),
            )
        )
    for row in data.clauses.itertuples(index=False):
        cid = clause_node_id(row.id)
        targets = ([MOU_EVENT_ID] if row.is_mou_clause else []) + [e for e in row.entity_ids if e != MOU_EVENT_ID or not row.is_mou_clause]
        for target in targets:
            relation = "part_of" if (row.is_mou_clause and target == MOU_EVENT_ID) else "involves"
            add(
                Edge(
                    id=f"{cid}->{target}",
                    source=cid,
                    target=target,
                    kind="clause",
                    relation=relation,
                    label=t(f"network.link.{relation}", lang),
                    source_ids=tuple(row.source_ids),
                    locator=row.locator,
                )
            )
    sector_ids = set(data.sectors["id"])
    members = [(row.id, row.sectors, row.source_ids, row.locator) for row in data.entities.itertuples(index=False)]
    members += [(clause_node_id(row.id), row.sectors, row.source_ids, row.locator) for row in data.clauses.itertuples(index=False)]
    for node_id, sectors, source_ids, locator in members:
        for sid in sectors:
            if sid in sector_ids:
                add(
                    Edge(
                        id=f"{node_id}->{sector_node_id(sid)}",
                        source=node_id,
                        target=sector_node_id(sid),
                        kind="sector",
                        relation="in_sector",
                        label=t("network.link.in_sector", lang),
                        confidence="",
                        source_ids=tuple(source_ids),
                        locator=locator,
                    )
                )
    return edges


def _adjacency(edges: Iterable[Edge], allowed: set[str] | None = None) -> dict[str, list[str]]:
    adj: dict[str, list[str]] = {}
    for e in edges:
        if allowed is not None and (e.source not in allowed or e.target not in allowed):
            continue
        adj.setdefault(e.source, []).append(e.target)
        adj.setdefault(e.target, []).append(e.source)
    return adj


def _sector_keep(nodes: Sequence[Node], edges: Sequence[Edge], sectors: Sequence[str]) -> set[str]:
    wanted = set(sectors)
    core = {n.id for n in nodes if n.kind != "sector" and wanted.intersection(n.sectors)}
    core |= {n.id for n in nodes if n.kind == "sector" and n.sectors[0] in wanted}
    kinds = {n.id: n.kind for n in nodes}
    keep = set(core)
    adj = _adjacency(edges)
    for node_id in core:
        keep.update(nb for nb in adj.get(node_id, ()) if kinds[nb] in HOP_KINDS)
    return keep


def _neighbourhood(edges: Sequence[Edge], within: set[str], focus: str, depth: int) -> set[str]:
    adj = _adjacency(edges, within)
    reached = {focus: 0}
    queue = deque([focus])
    while queue:
        node_id = queue.popleft()
        if reached[node_id] >= depth:
            continue
        for nb in adj.get(node_id, ()):
            if nb not in reached:
                reached[nb] = reached[node_id] + 1
                queue.append(nb)
    return set(reached)


def _whole_graph(data: Dataset, lang: str) -> tuple[tuple[Node, ...], tuple[Edge, ...]]:
    """Every node and edge of the data in one language, before any filter: what each view of the network starts
    from (memoised per dataset and language: building them walks every table row by row, most of a /network or
    /story run before)."""
    nodes = _all_nodes(data, lang)
    return tuple(nodes), tuple(_all_edges(data, lang, {n.id for n in nodes}))


def whole_graph(data: Dataset, lang: str) -> tuple[tuple[Node, ...], tuple[Edge, ...]]:
    """`_whole_graph`, computed once per dataset and language (shared: never modify it)."""
    return data.memo(_whole_graph, "ko" if lang == "ko" else "en")


def build_network(
    data: Dataset,
    *,
    sectors: Sequence[str] = (),
    focus: str | None = None,
    depth: int = 1,
    fade: bool = False,
    lang: str = "en",
) -> Network:
    """The network a view shows. Unknown sector ids are ignored; an unknown focus is no focus."""
    every_node, edges = whole_graph(data, lang)
    nodes = list(every_node)
    all_ids = {n.id for n in nodes}
    depth = min(max(int(depth), DEPTHS[0]), DEPTHS[-1])
    known_sectors = set(data.sectors["id"])
    sectors = tuple(s for s in sectors if s in known_sectors)
    focus = focus if focus in all_ids else None

    # A sector nothing carries is a lone dot: drawn only when chosen in the filter or focused.
    linked = {e.source for e in edges} | {e.target for e in edges}
    nodes = [
        n for n in nodes
        if n.kind != "sector" or n.id in linked or n.id == focus or n.sectors[0] in sectors
    ]
    all_ids = {n.id for n in nodes}

    keep = _sector_keep(nodes, edges, sectors) if sectors else set(all_ids)
    if focus is not None:
        keep = _neighbourhood(edges, keep | {focus}, focus, depth)

    if fade:
        nodes = [replace(n, faded=n.id not in keep) for n in nodes]
        edges = [replace(e, faded=e.source not in keep or e.target not in keep) for e in edges]
    else:
        nodes = [n for n in nodes if n.id in keep]
        edges = [e for e in edges if e.source in keep and e.target in keep]
    if focus is not None:
        nodes = [replace(n, focused=n.id == focus) for n in nodes]
    return Network(tuple(nodes), tuple(edges), lang, sectors, focus, depth, fade)


def relations_in_view(data: Dataset, sectors: tuple[str, ...], focus: str | None, depth: int, fade: bool,
                      lang: str) -> pd.DataFrame:
    """`relations_table` of the view's network, for Dataset.memo: the table is ~5 ms to make and its payload is
    then built once as well (the network itself is cheap to build again, and costly to size for the memo)."""
    network = build_network(data, sectors=sectors, focus=focus, depth=depth, fade=fade, lang=lang)
    return relations_table(data, network, lang)


def focusable_ids(data: Dataset) -> list[str]:
    """Every node id `?focus=` accepts: entities, clauses (`clause:<id>`) and sectors (`sector:<id>`)."""
    return (
        list(data.entities["id"])
        + [clause_node_id(c) for c in data.clauses["id"]]
        + [sector_node_id(s) for s in _sorted_sectors(data)["id"]]
    )


def focus_options(data: Dataset, lang: str) -> list[tuple[str, str]]:
    """(node id, "Name · kind") for the focus select box: grouped by kind, names sorted within a kind."""
    order = {kind: i for i, kind in enumerate(NODE_KINDS)}
    nodes = list(whole_graph(data, lang)[0])
    nodes.sort(key=lambda n: (order.get(n.kind, len(order)), n.label.casefold(), n.id))
    return [(n.id, f"{n.label} · {t(f'network.kind.{n.kind}', lang)}") for n in nodes]


def degrees(network: Network, *, include_sector_links: bool = False, highlighted_only: bool = True) -> dict[str, int]:
    """Links per node among what the network shows (sector links left out unless asked for)."""
    result = {n.id: 0 for n in (network.highlighted_nodes if highlighted_only else network.nodes)}
    for e in network.highlighted_edges if highlighted_only else network.edges:
        if e.kind == "sector" and not include_sector_links:
            continue
        for end in (e.source, e.target):
            if end in result:
                result[end] += 1
    return result


def most_connected(network: Network, limit: int = 3) -> list[tuple[Node, int]]:
    """Entities (not clauses or sectors) with the most links, ties in node order."""
    deg = degrees(network)
    ranked = [(n, deg[n.id]) for n in network.highlighted_nodes if n.kind in ENTITY_KINDS and deg[n.id] > 0]
    ranked.sort(key=lambda pair: -pair[1])  # stable: ties keep node order
    return ranked[:limit]


def summarize(network: Network, lang: str | None = None) -> str:
    """One paragraph describing what the network shows: counts by kind and the most connected entities."""
    lang = lang or network.lang
    shown = network.highlighted_nodes
    counts = {kind: 0 for kind in NODE_KINDS}
    for n in shown:
        counts[n.kind] = counts.get(n.kind, 0) + 1
    parts = [t("network.summary.count", lang, kind=t(f"network.kind.{k}", lang), count=c) for k, c in counts.items() if c]
    text = t(
        "network.summary.totals",
        lang,
        nodes=len(shown),
        edges=len(network.highlighted_edges),
        kinds=t("network.summary.sep", lang).join(parts) if parts else t("network.summary.nothing", lang),
    )
    if network.fade:
        faded = len(network.nodes) - len(shown)
        if faded:
            text += " " + t("network.summary.faded", lang, count=faded)
    if network.focus is not None:
        focused = network.node(network.focus)
        if focused is not None:
            text += " " + t("network.summary.focus", lang, name=focused.label, depth=network.depth)
    top = most_connected(network)
    if top:
        names = t("network.summary.sep", lang).join(
            t("network.summary.top_item", lang, name=n.label, count=c) for n, c in top
        )
        text += " " + t("network.summary.top", lang, names=names)
    return text


RELATION_COLUMNS = ("from", "relation", "to", "date", "confidence", "source", "source_url")


def relations_table(data: Dataset, network: Network, lang: str | None = None) -> pd.DataFrame:
    """The relations (relations.csv) the network shows, one row each, in relation order.

    Columns: from, relation, to, date, confidence, source (label, locator on the first), source_url.
    """
    lang = lang or network.lang
    labels = {n.id: n.label for n in network.nodes}
    rows = []
    for e in network.highlighted_edges:
        if e.kind != "relation":
            continue
        cites = citations(data, e.source_ids, e.locator)
        source = "; ".join(c.label + (f" {c.locator}" if c.locator else "") for c in cites)
        url = next((c.url for c in cites if c.url.lower().startswith(("http://", "https://"))), "")
        rows.append(
            {
                "from": labels.get(e.source, e.source),
                "relation": e.label,
                "to": labels.get(e.target, e.target),
                "date": e.date,
                "confidence": t(f"confidence.{e.confidence}", lang) if e.confidence else "",
                "source": source,
                "source_url": url or None,
            }
        )
    return pd.DataFrame(rows, columns=list(RELATION_COLUMNS))


# --- details ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DetailRow:
    label: str
    value: str
    confidence: str = ""
    source_ids: tuple[str, ...] = ()
    locator: str = ""


@dataclass(frozen=True)
class NodeDetails:
    node: Node
    names: tuple[tuple[str, str], ...]  # (language code, name): ko, en, zh (zh only where one exists)
    kind_label: str
    side_label: str
    sector_labels: tuple[str, ...]
    description: str
    extra: tuple[DetailRow, ...]  # clause group/number, entity role
    figures: tuple[DetailRow, ...]
    attributes: tuple[DetailRow, ...]
    relations: tuple[DetailRow, ...]  # every link of the node in the data (not only the visible ones)
    source_ids: tuple[str, ...]
    locator: str


def node_details(data: Dataset, node_id: str, lang: str) -> NodeDetails | None:
    """Everything the details panel shows about one node, as plain text (render it escaped); computed once per
    dataset, node and language (a focused /network redraws it on every change of the view)."""
    return data.memo(_node_details, node_id, "ko" if lang == "ko" else "en")


def _node_details(data: Dataset, node_id: str, lang: str) -> NodeDetails | None:
    from components.views.formatting import format_figure

    full = build_network(data, lang=lang)
    node = full.node(node_id)
    if node is None:
        return None
    sector_names = dict(zip(data.sectors["id"], data.sectors[f"name_{lang}"]))
    names = [("ko", node.name_ko), ("en", node.name_en)] + ([("zh", node.name_zh)] if node.name_zh else [])
    extra: list[DetailRow] = []
    figures: list[DetailRow] = []
    attributes: list[DetailRow] = []
    source_ids: tuple[str, ...] = ()
    locator = ""
    unknown_token = data.schema.get("unknownToken", "unknown")

    if node.kind in ENTITY_KINDS:
        row = data.entities.set_index("id").loc[node_id]
        source_ids, locator = tuple(row["source_ids"]), row["locator"]
        if row["role"]:
            extra.append(DetailRow(t("network.details.role", lang), t(f"network.role.{row['role']}", lang)))
        extra.append(DetailRow(t("network.details.identified", lang), t(f"confidence.{row['confidence']}", lang)))
        for f in data.figures[data.figures["entity_id"] == node_id].itertuples(index=False):
            value = format_figure(f.value, f.unit, lang) if not (isinstance(f.value, float) and math.isnan(f.value)) else ""
            period = f" ({f.period})" if f.period else ""
            figures.append(
                DetailRow(getattr(f, f"label_{lang}"), (value or t("unknown", lang)) + period, f.confidence, tuple(f.source_ids), f.locator)
            )
        for a in data.attributes[data.attributes["entity_id"] == node_id].itertuples(index=False):
            value = getattr(a, f"value_{lang}")
            if not value or value.strip().lower() == unknown_token:
                value = t("unknown", lang)
            attributes.append(
                DetailRow(t(f"network.attribute.{a.attribute}", lang), value, a.confidence, tuple(a.source_ids), a.locator)
            )
    elif node.kind in ("clause", "proposal"):
        row = data.clauses.set_index("id").loc[node_id[len(CLAUSE_PREFIX):]]
        source_ids, locator = tuple(row["source_ids"]), row["locator"]
        extra.append(
            DetailRow(t("network.details.group", lang), t("network.clause_group", lang, group=t(f"network.group.{row['group']}", lang), number=int(row["number"])))
        )

    labels = {n.id: n.label for n in full.nodes}
    relations = []
    for e in full.edges:
        if node_id not in (e.source, e.target) or e.kind == "sector":
            continue
        text = f"{labels[e.source]} — {e.label} — {labels[e.target]}"
        if e.date:
            text += f" ({e.date})"
        relations.append(DetailRow(e.relation, text, e.confidence, e.source_ids, e.locator))
    if node.kind == "sector":
        members = [labels[e.source] for e in full.edges if e.kind == "sector" and e.target == node_id]
        extra.append(DetailRow(t("network.details.members", lang), ", ".join(members) or t("network.details.none", lang)))
    return NodeDetails(
        node=node,
        names=tuple(names),
        kind_label=t(f"network.kind.{node.kind}", lang),
        side_label=t(f"network.side.{node.side}", lang),
        sector_labels=tuple(sector_names.get(s, s) for s in node.sectors),
        description=node.description,
        extra=tuple(extra),
        figures=tuple(figures),
        attributes=tuple(attributes),
        relations=tuple(relations),
        source_ids=source_ids,
        locator=locator,
    )
