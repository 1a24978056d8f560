"""Network downloads (no streamlit): the network a view shows, or the whole network, as files other tools open.

- GraphML (`.graphml`) and GEXF (`.gexf`): Gephi, Cytoscape, yEd; written by networkx.
- node-link JSON (`.json`): `networkx.node_link_data(graph, edges="links")`, the shape d3 and Flourish read.
- nodes / edges CSV (`-nodes.csv`, `-edges.csv`): Kumu's import layout (elements: `ID, Label, Type, Description,
  Tags`; connections: `ID, From, To, Type`, From/To holding element IDs; docs.kumu.io "Structure your data for
  Kumu") followed by the other attributes below under their own names; Flourish's network template binds any
  columns (points: ID, Label, Type; links: From, To). Label, Type and Description are in the view's language, Tags
  are the sector ids. List cells are joined with `|` (Kumu's multi-value separator), booleans are `true`/`false`,
  and every cell is neutralised against spreadsheet formulas (a leading `'` before = + - @).
- a zip of all of them, with a README naming the view.

Every node carries id, label (the view's language), label_ko, label_en, name_zh, kind, side, sectors,
confidence, source_ids, locator, description_ko, description_en, faded, focused. Every edge carries id, kind,
relation, label, label_ko, label_en, date, confidence, source_ids, locator, faded. In GraphML, GEXF and JSON the
lists (sectors, source_ids) are joined with `;` as in the data package, so every attribute is a plain string or
boolean that each format keeps exactly.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from components.data.dataset import Dataset
from components.i18n import t
from components.views.safe_text import csv_cell

# --- from the network model ---
from components.views.network_model import CLAUSE_PREFIX, Edge, Network  # noqa: E402
# ---

LIST_JOIN = ";"  # lists inside GraphML / GEXF / JSON attributes, as in the data package
CSV_LIST_JOIN = "|"  # lists inside CSV cells: Kumu's multi-value separator
NODE_ATTRIBUTES = (
    "label", "label_ko", "label_en", "name_zh", "kind", "side", "sectors", "confidence", "source_ids", "locator",
    "description_ko", "description_en", "faded", "focused",
)
EDGE_ATTRIBUTES = (
    "id", "kind", "relation", "label", "label_ko", "label_en", "date", "confidence", "source_ids", "locator", "faded",
)
# Kumu's own columns first (ID first, so From/To may name element IDs), then the other attributes under their own
# names; Kumu matches field names without regard to case, so none repeats a Kumu column (ID=id, Label=label,
# Tags=sectors; for edges ID=id, From=source, To=target, Type=label).
NODE_CSV_ATTRIBUTES = tuple(a for a in NODE_ATTRIBUTES if a not in ("label", "sectors"))
EDGE_CSV_ATTRIBUTES = tuple(a for a in EDGE_ATTRIBUTES if a not in ("id", "label"))
NODE_CSV_COLUMNS = ("ID", "Label", "Type", "Description", "Tags") + NODE_CSV_ATTRIBUTES
EDGE_CSV_COLUMNS = ("ID", "From", "To", "Type") + EDGE_CSV_ATTRIBUTES
FORMATS = {  # format -> (file name suffix, MIME type)
    "graphml": (".graphml", "application/graphml+xml"),
    "gexf": (".gexf", "application/gexf+xml"),
    "json": (".json", "application/json"),
    "nodes_csv": ("-nodes.csv", "text/csv"),
    "edges_csv": ("-edges.csv", "text/csv"),
    "zip": (".zip", "application/zip"),
}
# XML 1.0 cannot hold these characters at all, escaped or not: dropped from GraphML and GEXF text.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _row_sources(data: Dataset) -> dict[str, tuple[tuple[str, ...], str, str, str]]:
    """Node id -> (source ids, locator, description_ko, description_en) for entities and clauses."""
    rows = {}
    for row in data.entities.itertuples(index=False):
        rows[row.id] = (tuple(row.source_ids), row.locator, row.description_ko, row.description_en)
    for row in data.clauses.itertuples(index=False):
        rows[CLAUSE_PREFIX + row.id] = (tuple(row.source_ids), row.locator, row.text_ko, row.text_en)
    return rows


def node_records(data: Dataset, network: Network) -> list[dict[str, object]]:
    """One dict per node of the network, in the network's order: "id" plus NODE_ATTRIBUTES (lists as tuples)."""
    cited = data.memo(_row_sources)
    records = []
    for node in network.nodes:
        source_ids, locator, description_ko, description_en = cited.get(node.id, ((), "", "", ""))
        records.append(
            {
                "id": node.id,
                "label": node.label,
                "label_ko": node.name_ko,
                "label_en": node.name_en,
                "name_zh": node.name_zh,
                "kind": node.kind,
                "side": node.side,
                "sectors": tuple(node.sectors),
                "confidence": node.confidence,
                "source_ids": source_ids,
                "locator": locator,
                "description_ko": description_ko,
                "description_en": description_en,
                "faded": node.faded,
                "focused": node.focused,
            }
        )
    return records


def _relation_labels(data: Dataset) -> dict[str, tuple[str, str]]:
    types = data.relation_types
    return {rid: (ko, en) for rid, ko, en in zip(types["id"], types["label_ko"], types["label_en"])}


def _edge_labels(data: Dataset, edge: Edge) -> tuple[str, str]:
    """(Korean, English) label of an edge's relation (as graph.py labels it in each language)."""
    if edge.kind == "relation":
        fallback = edge.relation.replace("_", " ")
        return data.memo(_relation_labels).get(edge.relation, (fallback, fallback))
    return t(f"network.link.{edge.relation}", "ko"), t(f"network.link.{edge.relation}", "en")


def edge_records(data: Dataset, network: Network) -> list[dict[str, object]]:
    """One dict per edge of the network, in the network's order: "source", "target" plus EDGE_ATTRIBUTES."""
    records = []
    for edge in network.edges:
        label_ko, label_en = _edge_labels(data, edge)
        records.append(
            {
                "source": edge.source,
                "target": edge.target,
                "id": edge.id,
                "kind": edge.kind,
                "relation": edge.relation,
                "label": edge.label,
                "label_ko": label_ko,
                "label_en": label_en,
                "date": edge.date,
                "confidence": edge.confidence,
                "source_ids": tuple(edge.source_ids),
                "locator": edge.locator,
                "faded": edge.faded,
            }
        )
    return records


def _scalar(value: object, join: str = LIST_JOIN) -> object:
    return join.join(value) if isinstance(value, tuple) else value


def to_networkx(data: Dataset, network: Network) -> nx.MultiDiGraph:
    """The network as a networkx MultiDiGraph (edges keyed by their id; two relations may join one pair), with
    the view (language, sectors, focus, depth, fade) as graph attributes."""
    graph = nx.MultiDiGraph(
        name=t("app.title", network.lang),
        lang=network.lang,
        sectors=LIST_JOIN.join(network.sectors),
        focus=network.focus or "",
        depth=network.depth,
        fade=network.fade,
    )
    for record in node_records(data, network):
        graph.add_node(record["id"], **{key: _scalar(record[key]) for key in NODE_ATTRIBUTES})
    for record in edge_records(data, network):
        attributes = {key: _scalar(record[key]) for key in EDGE_ATTRIBUTES}
        graph.add_edge(record["source"], record["target"], key=record["id"], **attributes)
    return graph


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose strings hold no character XML 1.0 forbids (markup itself is escaped by the writers)."""
    def clean(value: object) -> object:
        return _XML_INVALID.sub("", value) if isinstance(value, str) else value

    safe = nx.MultiDiGraph(**{k: clean(v) for k, v in graph.graph.items()})
    for node_id, attributes in graph.nodes(data=True):
        safe.add_node(clean(node_id), **{k: clean(v) for k, v in attributes.items()})
    for source, target, key, attributes in graph.edges(keys=True, data=True):
        safe.add_edge(clean(source), clean(target), key=clean(key), **{k: clean(v) for k, v in attributes.items()})
    return safe


def graphml_bytes(data: Dataset, network: Network) -> bytes:
    """GraphML (UTF-8); read back with `networkx.read_graphml(path, force_multigraph=True)`."""
    buffer = io.BytesIO()
    nx.write_graphml_xml(_xml_safe(to_networkx(data, network)), buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(data: Dataset, network: Network) -> bytes:
    """GEXF 1.2 (UTF-8), Gephi's own format; read back with `networkx.read_gexf(path)`."""
    graph = _xml_safe(to_networkx(data, network))
    # The GEXF writer takes an edge's "id" attribute as the GEXF edge id: it is kept there, not as data.
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()


def node_link(data: Dataset, network: Network) -> dict:
    """`networkx.node_link_data` of the network (nodes, links, graph attributes)."""
    return nx.node_link_data(to_networkx(data, network), edges="links")


def node_link_json_bytes(data: Dataset, network: Network) -> bytes:
    """node-link JSON (UTF-8, Hangul and Hanzi as written); read back with `networkx.node_link_graph(json,
    edges="links")`."""
    return json.dumps(node_link(data, network), ensure_ascii=False, indent=1).encode("utf-8")


def _csv_value(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _scalar(value, CSV_LIST_JOIN)


def _csv_bytes(header: tuple[str, ...], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(_csv_value(value)) for value in row])
    # UTF-8 with BOM, as the app's other CSVs: spreadsheets then read Hangul and Hanzi.
    return buffer.getvalue().encode("utf-8-sig")


def nodes_csv_bytes(data: Dataset, network: Network) -> bytes:
    """Nodes as Kumu elements / Flourish points: NODE_CSV_COLUMNS. Type is the kind in the view's language,
    Description the description in it, Tags the sector ids."""
    lang = network.lang
    rows = []
    for record in node_records(data, network):
        description = record["description_ko"] if lang == "ko" else record["description_en"]
        kumu = [record["id"], record["label"], t(f"network.kind.{record['kind']}", lang), description, record["sectors"]]
        rows.append(kumu + [record[key] for key in NODE_CSV_ATTRIBUTES])
    return _csv_bytes(NODE_CSV_COLUMNS, rows)


def edges_csv_bytes(data: Dataset, network: Network) -> bytes:
    """Edges as Kumu connections / Flourish links: EDGE_CSV_COLUMNS. From and To are node IDs; Type is the
    relation in the view's language."""
    rows = []
    for record in edge_records(data, network):
        kumu = [record["id"], record["source"], record["target"], record["label"]]
        rows.append(kumu + [record[key] for key in EDGE_CSV_ATTRIBUTES])
    return _csv_bytes(EDGE_CSV_COLUMNS, rows)


def file_stem(network: Network) -> str:
    """A file name (no suffix) naming the view: 'kr-cn-network', or e.g. 'kr-cn-network-focus-tencent-depth-2'
    and '-sector-cloud-ai' for a focused or filtered view, '-fade' when faded; node ids are ASCII."""
    parts = ["kr-cn-network"]
    if network.focus:
        parts += ["focus", network.focus.replace(":", "-"), "depth", str(network.depth)]
    if network.sectors:
        parts += ["sector", *network.sectors]
    if network.fade and (network.focus or network.sectors):
        parts.append("fade")
    return "-".join(parts)


def export_files(data: Dataset, network: Network, stem: str | None = None) -> dict[str, bytes]:
    """File name -> bytes for every format but the zip, in FORMATS order."""
    stem = stem or file_stem(network)
    builders = {
        "graphml": graphml_bytes,
        "gexf": gexf_bytes,
        "json": node_link_json_bytes,
        "nodes_csv": nodes_csv_bytes,
        "edges_csv": edges_csv_bytes,
    }
    return {stem + FORMATS[name][0]: build(data, network) for name, build in builders.items()}


def readme_text(network: Network, permalink: str = "") -> str:
    """The zip's README.txt: what the view is, what each file is for, the attributes."""
    lang = network.lang
    lines = [
        t("app.title", lang),
        t("network.export.readme.view", lang, nodes=len(network.nodes), edges=len(network.edges),
          sectors=", ".join(network.sectors) or "-", focus=network.focus or "-", depth=network.depth),
    ]
    if permalink:
        lines.append(permalink)
    lines += [
        "",
        t("network.export.readme.files", lang),
        t("network.export.readme.nodes", lang, columns=", ".join(NODE_ATTRIBUTES)),
        t("network.export.readme.edges", lang, columns=", ".join(EDGE_ATTRIBUTES)),
    ]
    return "\n".join(lines) + "\n"


def export_zip(data: Dataset, network: Network, stem: str | None = None, permalink: str = "") -> bytes:
    """Every format plus README.txt in one zip built in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme_text(network, permalink))
        for name, content in export_files(data, network, stem).items():
            archive.writestr(name, content)
    return buffer.getvalue()


@dataclass(frozen=True)
class ExportFile:
    """One download button's worth: label (view's language), file name, MIME type and a builder run on click."""

    format: str  # a key of FORMATS
    label: str
    file_name: str
    mime: str
    build: Callable[[], bytes]


def export_choices(data: Dataset, network: Network, permalink: str = "") -> list[ExportFile]:
    """Every format for one network (the view as shown, or build_network(data, lang=lang) for the whole network), in
    FORMATS order, each built only when its builder is called."""
    stem = file_stem(network)
    builders: dict[str, Callable[[], bytes]] = {
        "graphml": lambda: graphml_bytes(data, network),
        "gexf": lambda: gexf_bytes(data, network),
        "json": lambda: node_link_json_bytes(data, network),
        "nodes_csv": lambda: nodes_csv_bytes(data, network),
        "edges_csv": lambda: edges_csv_bytes(data, network),
        "zip": lambda: export_zip(data, network, stem, permalink),
    }
    return [
        ExportFile(name, t(f"network.export.{name}", network.lang), stem + suffix, mime, builders[name])
        for name, (suffix, mime) in FORMATS.items()
    ]
