"""Network downloads: each file read back (networkx for GraphML, GEXF and node-link JSON; csv for the CSVs) holds
exactly the nodes, edges and attributes of the view, Korean text intact and hostile labels kept as text."""
import csv
import io
import json
import zipfile

import networkx as nx
import pytest

from components.views.network_model import build_network
from components.views.network_export import (
    EDGE_CSV_COLUMNS,
    NODE_CSV_COLUMNS,
    edges_csv_bytes,
    export_choices,
    export_files,
    export_zip,
    file_stem,
    gexf_bytes,
    graphml_bytes,
    node_link_json_bytes,
    nodes_csv_bytes,
    to_networkx,
)
from tests.network_fixture import ROWS, tiny_dataset


def node(id, label, ko, en, zh, kind, side, sectors, locator="¶1", sources="src-a", d_ko=None, d_en=None,
         focused=False, confidence="seen"):
    return id, {
        "label": label, "label_ko": ko, "label_en": en, "name_zh": zh, "kind": kind, "side": side, "sectors": sectors,
        "confidence": confidence, "source_ids": sources, "locator": locator,
        "description_ko": f"{ko} 설명" if d_ko is None else d_ko, "description_en": f"About {en}" if d_en is None else d_en,
        "faded": False, "focused": focused,
    }


# build_network(tiny, focus="initech", depth=1, lang="ko"): initech, its two relations and its sector.
FOCUS_NODES = dict([
    node("tencent-visit", "텐센트 방문", "텐센트 방문", "Tencent visit", "", "event", "shared", ""),
    node("initech", "이니텍", "이니텍", "Initech", "", "company", "KR", "security", focused=True),
    node("tencent", "텐센트", "텐센트", "Tencent", "腾讯", "company", "CN", "cloud;ai"),
    node("sector:security", "보안", "보안", "Security", "", "sector", "sector", "security", locator="", sources="",
         d_ko="", d_en=""),
])
FOCUS_EDGES = {
    ("initech", "tencent-visit", "rel:r5"): {
        "id": "rel:r5", "kind": "relation", "relation": "member_of_delegation", "label": "대표단 참여",
        "label_ko": "대표단 참여", "label_en": "member of delegation", "date": "2025-09-25", "confidence": "seen",
        "source_ids": "src-a;src-b", "locator": "¶2", "faded": False},
    ("initech", "tencent", "rel:r6"): {
        "id": "rel:r6", "kind": "relation", "relation": "met", "label": "면담", "label_ko": "면담", "label_en": "met",
        "date": "2025-09-25", "confidence": "inferred", "source_ids": "src-b", "locator": "", "faded": False},
    ("initech", "sector:security", "initech->sector:security"): {
        "id": "initech->sector:security", "kind": "sector", "relation": "in_sector", "label": "분야",
        "label_ko": "분야", "label_en": "in sector", "date": "", "confidence": "", "source_ids": "src-a",
        "locator": "¶1", "faded": False},
}
GRAPH = {"name": "한중 비즈니스 연결 대시보드", "lang": "ko", "sectors": "", "focus": "initech", "depth": 1, "fade": False}


@pytest.fixture(scope="module")
def data():
    return tiny_dataset()


@pytest.fixture(scope="module")
def focused(data):
    return build_network(data, focus="initech", depth=1, lang="ko")


def edges_with_keys(graph):
    return {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}


def test_networkx_graph_holds_the_view(data, focused):
    graph = to_networkx(data, focused)
    assert list(graph.nodes) == list(FOCUS_NODES)
    assert dict(graph.nodes(data=True)) == FOCUS_NODES
    assert edges_with_keys(graph) == FOCUS_EDGES
    assert graph.graph == GRAPH


def test_graphml_round_trip(data, focused):
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(data, focused)), force_multigraph=True)
    assert graph.is_directed()
    assert dict(graph.nodes(data=True)) == FOCUS_NODES
    assert edges_with_keys(graph) == FOCUS_EDGES
    assert graph.graph == {**GRAPH, "node_default": {}, "edge_default": {}}  # the reader adds empty defaults


def test_gexf_round_trip(data, focused):
    graph = nx.read_gexf(io.BytesIO(gexf_bytes(data, focused)))
    assert graph.is_directed()
    assert dict(graph.nodes(data=True)) == FOCUS_NODES
    # GEXF keeps the edge id as the edge's own id; networkx reads it back as the "id" attribute.
    assert {(u, v): d for u, v, d in graph.edges(data=True)} == {(u, v): d for (u, v, _), d in FOCUS_EDGES.items()}


def test_node_link_json_round_trip(data, focused):
    payload = node_link_json_bytes(data, focused)
    assert "이니텍".encode() in payload  # Hangul as written, not \\u escapes
    graph = nx.node_link_graph(json.loads(payload), edges="links")
    assert dict(graph.nodes(data=True)) == FOCUS_NODES
    assert edges_with_keys(graph) == FOCUS_EDGES
    assert graph.graph == GRAPH


def read_csv(payload):
    assert payload.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline="")))


def test_nodes_csv_in_kumu_layout(data, focused):
    rows = read_csv(nodes_csv_bytes(data, focused))
    assert rows[0] == list(NODE_CSV_COLUMNS) == [
        "ID", "Label", "Type", "Description", "Tags", "label_ko", "label_en", "name_zh", "kind", "side", "confidence",
        "source_ids", "locator", "description_ko", "description_en", "faded", "focused",
    ]
    assert rows[1:] == [
        ["tencent-visit", "텐센트 방문", "행사", "텐센트 방문 설명", "", "텐센트 방문", "Tencent visit", "", "event",
         "shared", "seen", "src-a", "¶1", "텐센트 방문 설명", "About Tencent visit", "false", "false"],
        ["initech", "이니텍", "기업", "이니텍 설명", "security", "이니텍", "Initech", "", "company", "KR", "seen", "src-a",
         "¶1", "이니텍 설명", "About Initech", "false", "true"],
        ["tencent", "텐센트", "기업", "텐센트 설명", "cloud|ai", "텐센트", "Tencent", "腾讯", "company", "CN", "seen", "src-a",
         "¶1", "텐센트 설명", "About Tencent", "false", "false"],
        ["sector:security", "보안", "분야", "", "security", "보안", "Security", "", "sector", "sector", "seen", "", "", "",
         "", "false", "false"],
    ]


def test_edges_csv_in_kumu_layout(data, focused):
    rows = read_csv(edges_csv_bytes(data, focused))
    assert rows[0] == list(EDGE_CSV_COLUMNS) == [
        "ID", "From", "To", "Type", "kind", "relation", "label_ko", "label_en", "date", "confidence", "source_ids",
        "locator", "faded",
    ]
    assert rows[1:] == [
        ["rel:r5", "initech", "tencent-visit", "대표단 참여", "relation", "member_of_delegation", "대표단 참여",
         "member of delegation", "2025-09-25", "seen", "src-a|src-b", "¶2", "false"],
        ["rel:r6", "initech", "tencent", "면담", "relation", "met", "면담", "met", "2025-09-25", "inferred", "src-b", "",
         "false"],
        ["initech->sector:security", "initech", "sector:security", "분야", "sector", "in_sector", "분야", "in sector", "",
         "", "src-a", "¶1", "false"],
    ]


def test_whole_network_every_format_has_every_node_and_edge(data):
    whole = build_network(data, lang="en")
    files = export_files(data, whole)
    assert list(files) == ["kr-cn-network.graphml", "kr-cn-network.gexf", "kr-cn-network.json",
                           "kr-cn-network-nodes.csv", "kr-cn-network-edges.csv"]
    graphs = [
        nx.read_graphml(io.BytesIO(files["kr-cn-network.graphml"]), force_multigraph=True),
        nx.read_gexf(io.BytesIO(files["kr-cn-network.gexf"])),
        nx.node_link_graph(json.loads(files["kr-cn-network.json"]), edges="links"),
    ]
    for graph in graphs:
        assert sorted(graph.nodes) == sorted(whole.node_ids)
        assert sorted(d["id"] for _, _, d in graph.edges(data=True)) == sorted(whole.edge_ids)
    assert [r[0] for r in read_csv(files["kr-cn-network-nodes.csv"])[1:]] == whole.node_ids
    assert [r[0] for r in read_csv(files["kr-cn-network-edges.csv"])[1:]] == whole.edge_ids


def test_faded_view_keeps_everything_and_marks_it(data):
    faded = build_network(data, sectors=("trade",), fade=True, lang="en")
    graph = to_networkx(data, faded)
    assert sorted(graph.nodes) == sorted(faded.node_ids)
    assert {n for n, d in graph.nodes(data=True) if not d["faded"]} == {n.id for n in faded.highlighted_nodes}
    assert graph.graph["sectors"] == "trade" and graph.graph["fade"] is True


SCRIPT = "<script>alert('x')</script>"
FORMULA = "=cmd|' /C calc'!A0"


def test_hostile_labels_stay_text(data):
    entities = [dict(e) for e in ROWS["entities"]]
    initech = next(e for e in entities if e["id"] == "initech")
    initech.update(name_en=SCRIPT, name_ko=FORMULA, description_en="bell\x07 & <b>", description_ko="@SUM(1)")
    hostile = tiny_dataset(entities=entities)
    network = build_network(hostile, focus="initech", lang="en")
    for graph in (
        nx.read_graphml(io.BytesIO(graphml_bytes(hostile, network)), force_multigraph=True),
        nx.read_gexf(io.BytesIO(gexf_bytes(hostile, network))),
        nx.node_link_graph(json.loads(node_link_json_bytes(hostile, network)), edges="links"),
    ):
        attributes = graph.nodes["initech"]
        assert (attributes["label"], attributes["label_en"], attributes["label_ko"]) == (SCRIPT, SCRIPT, FORMULA)
    # XML 1.0 cannot carry a bell character: the XML formats drop it, JSON keeps it.
    assert nx.read_graphml(io.BytesIO(graphml_bytes(hostile, network))).nodes["initech"]["description_en"] == "bell & <b>"
    assert b"<script>" not in graphml_bytes(hostile, network) and b"<script>" not in gexf_bytes(hostile, network)
    row = next(r for r in read_csv(nodes_csv_bytes(hostile, network)) if r[0] == "initech")
    header = read_csv(nodes_csv_bytes(hostile, network))[0]
    cells = dict(zip(header, row))
    assert cells["Label"] == SCRIPT and cells["label_en"] == SCRIPT
    assert cells["label_ko"] == "'" + FORMULA and cells["description_ko"] == "'@SUM(1)"


@pytest.mark.parametrize(
    ("kwargs", "stem"),
    [
        ({}, "kr-cn-network"),
        ({"focus": "clause:field-trade", "depth": 2}, "kr-cn-network-focus-clause-field-trade-depth-2"),
        ({"sectors": ("cloud", "ai"), "fade": True}, "kr-cn-network-sector-cloud-ai-fade"),
        ({"fade": True}, "kr-cn-network"),
    ],
)
def test_file_stem_names_the_view(data, kwargs, stem):
    assert file_stem(build_network(data, **kwargs)) == stem


def test_zip_holds_every_format_and_a_readme(data, focused):
    with zipfile.ZipFile(io.BytesIO(export_zip(data, focused, permalink="https://example.org/network?focus=initech"))) as archive:
        assert archive.namelist() == ["README.txt"] + [
            f"kr-cn-network-focus-initech-depth-1{suffix}" for suffix in
            (".graphml", ".gexf", ".json", "-nodes.csv", "-edges.csv")
        ]
        readme = archive.read("README.txt").decode("utf-8")
        assert readme.splitlines()[:3] == [
            "한중 비즈니스 연결 대시보드",
            "네트워크 보기: 노드 4개, 연결 3개; 분야: -; 초점: initech (깊이 1).",
            "https://example.org/network?focus=initech",
        ]
        assert archive.read("kr-cn-network-focus-initech-depth-1-nodes.csv") == nodes_csv_bytes(data, focused)


def test_export_choices_are_lazy_buttons_in_the_views_language(data, focused):
    choices = export_choices(data, focused)
    assert [(c.format, c.label, c.file_name, c.mime) for c in choices] == [
        ("graphml", "GraphML (Gephi, Cytoscape)", "kr-cn-network-focus-initech-depth-1.graphml", "application/graphml+xml"),
        ("gexf", "GEXF (Gephi)", "kr-cn-network-focus-initech-depth-1.gexf", "application/gexf+xml"),
        ("json", "node-link JSON (d3, networkx)", "kr-cn-network-focus-initech-depth-1.json", "application/json"),
        ("nodes_csv", "노드 CSV (Kumu, Flourish)", "kr-cn-network-focus-initech-depth-1-nodes.csv", "text/csv"),
        ("edges_csv", "연결 CSV (Kumu, Flourish)", "kr-cn-network-focus-initech-depth-1-edges.csv", "text/csv"),
        ("zip", "모든 형식 (zip)", "kr-cn-network-focus-initech-depth-1.zip", "application/zip"),
    ]
    assert choices[3].build() == nodes_csv_bytes(data, focused)
