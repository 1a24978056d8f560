"""components/views/network_model.py, network_layout.py and web/render/network.py on a tiny package built in code: exact ids, orders, texts."""
import json
import math
import re
from pathlib import Path

import pytest

from components.views.network_layout import layout, legend
from components.views.network_model import (
    build_network,
    focus_options,
    focusable_ids,
    node_details,
    relations_table,
    summarize,
)
from components.web.render.network import TEMPLATE_DIR, offline_html, payload_bytes, pyvis_network, vis_payload
from tests.network_fixture import ROWS, tiny_dataset

ROOT = Path(__file__).resolve().parents[1]
ALL_NODES = [
    "gyeonggi", "shanghai", "shenzhen", "kim-dong-yeon", "mou-signing-2025-09-25", "tencent-visit", "initech",
    "nhn-cloud", "tencent", "ciie",
    "clause:field-trade", "clause:agreement-expo", "clause:proposal-joint-investment",
    "sector:cloud", "sector:security", "sector:trade", "sector:ai",
]
ALL_EDGES = [
    "rel:r1", "rel:r2", "rel:r3", "rel:r4", "rel:r5", "rel:r6", "rel:r7", "rel:r8",
    "clause:field-trade->mou-signing-2025-09-25",
    "clause:agreement-expo->mou-signing-2025-09-25",
    "clause:agreement-expo->ciie",
    "clause:proposal-joint-investment->kim-dong-yeon",
    "initech->sector:security", "nhn-cloud->sector:cloud", "tencent->sector:cloud", "tencent->sector:ai",
    "ciie->sector:trade", "clause:field-trade->sector:trade", "clause:agreement-expo->sector:trade",
    "clause:proposal-joint-investment->sector:cloud", "clause:proposal-joint-investment->sector:security",
]


@pytest.fixture(scope="module")
def data():
    return tiny_dataset()


def test_no_filter_keeps_every_node_and_edge_in_order(data):
    net = build_network(data)
    assert net.node_ids == ALL_NODES
    assert net.edge_ids == ALL_EDGES
    assert not any(n.faded or n.focused for n in net.nodes)
    kinds = {n.id: (n.kind, n.side) for n in net.nodes}
    assert kinds["initech"] == ("company", "KR")
    assert kinds["tencent"] == ("company", "CN")
    assert kinds["mou-signing-2025-09-25"] == ("event", "shared")
    assert kinds["clause:field-trade"] == ("clause", "shared")
    assert kinds["clause:proposal-joint-investment"] == ("proposal", "shared")
    assert kinds["sector:security"] == ("sector", "sector")


def test_clause_links_mou_clauses_to_the_signing_and_the_proposal_to_its_entities_only(data):
    net = build_network(data)
    clause_edges = [(e.source, e.target, e.relation) for e in net.edges if e.kind == "clause"]
    assert clause_edges == [
        ("clause:field-trade", "mou-signing-2025-09-25", "part_of"),
        ("clause:agreement-expo", "mou-signing-2025-09-25", "part_of"),
        ("clause:agreement-expo", "ciie", "involves"),
        ("clause:proposal-joint-investment", "kim-dong-yeon", "involves"),
    ]


def test_relation_edges_carry_label_date_confidence_and_sources(data):
    edges = {e.id: e for e in build_network(data, lang="ko").edges}
    met = edges["rel:r6"]
    assert (met.source, met.target, met.label, met.date, met.confidence) == ("initech", "tencent", "면담", "2025-09-25", "inferred")
    assert met.source_ids == ("src-b",)
    assert edges["rel:r5"].source_ids == ("src-a", "src-b") and edges["rel:r5"].locator == "¶2"
    assert build_network(data, lang="en").edges[5].label == "met"


def test_sector_filter_keeps_members_plus_people_regions_events_one_hop(data):
    net = build_network(data, sectors=("security",))
    # initech and the proposal are in security; the visit (event) and Kim (person) are one hop away;
    # Tencent (a company in other sectors) is not pulled in although initech links to it.
    assert net.node_ids == ["kim-dong-yeon", "tencent-visit", "initech", "clause:proposal-joint-investment", "sector:security"]
    assert net.edge_ids == [
        "rel:r5",
        "clause:proposal-joint-investment->kim-dong-yeon",
        "initech->sector:security",
        "clause:proposal-joint-investment->sector:security",
    ]


def test_sector_filter_on_clauses_pulls_in_the_signing_event(data):
    net = build_network(data, sectors=("trade",))
    assert net.node_ids == ["mou-signing-2025-09-25", "ciie", "clause:field-trade", "clause:agreement-expo", "sector:trade"]


def test_sector_filter_with_fade_keeps_everything_and_fades_the_rest(data):
    net = build_network(data, sectors=("security",), fade=True)
    assert net.node_ids == ALL_NODES
    assert net.edge_ids == ALL_EDGES
    assert [n.id for n in net.nodes if not n.faded] == [
        "kim-dong-yeon", "tencent-visit", "initech", "clause:proposal-joint-investment", "sector:security",
    ]
    assert [e.id for e in net.edges if not e.faded] == [
        "rel:r5",
        "clause:proposal-joint-investment->kim-dong-yeon",
        "initech->sector:security",
        "clause:proposal-joint-investment->sector:security",
    ]


def test_focus_depth_1(data):
    net = build_network(data, focus="initech", depth=1)
    assert net.node_ids == ["tencent-visit", "initech", "tencent", "sector:security"]
    assert net.edge_ids == ["rel:r5", "rel:r6", "initech->sector:security"]
    assert [n.id for n in net.nodes if n.focused] == ["initech"]


def test_focus_depth_2(data):
    net = build_network(data, focus="initech", depth=2)
    assert net.node_ids == [
        "shenzhen", "tencent-visit", "initech", "tencent", "clause:proposal-joint-investment",
        "sector:cloud", "sector:security", "sector:ai",
    ]
    assert net.edge_ids == [
        "rel:r5", "rel:r6", "rel:r7", "rel:r8",
        "initech->sector:security", "tencent->sector:cloud", "tencent->sector:ai",
        "clause:proposal-joint-investment->sector:cloud", "clause:proposal-joint-investment->sector:security",
    ]


def test_focus_with_fade_highlights_the_neighbourhood(data):
    net = build_network(data, focus="initech", fade=True)
    assert net.node_ids == ALL_NODES
    assert [n.id for n in net.nodes if not n.faded] == ["tencent-visit", "initech", "tencent", "sector:security"]


def test_focus_inside_a_sector_filter_and_unknown_inputs(data):
    net = build_network(data, sectors=("security",), focus="tencent")
    assert net.node_ids == ["initech", "tencent"] and net.edge_ids == ["rel:r6"]
    assert build_network(data, focus="<script>", sectors=("nope",), depth=9).node_ids == ALL_NODES
    assert build_network(data, focus="initech", depth=9).depth == 3


def test_focusable_ids_are_every_node_and_ascii(data):
    ids = focusable_ids(data)
    assert ids == ALL_NODES
    assert all(re.fullmatch(r"[a-z0-9:.-]+", i) for i in ids)
    assert [i for i, _ in focus_options(data, "en")][:4] == ["gyeonggi", "shanghai", "shenzhen", "kim-dong-yeon"]
    assert dict(focus_options(data, "ko"))["initech"] == "이니텍 · 기업"


def test_unlinked_sector_is_drawn_only_when_chosen_or_focused():
    rows = ROWS["sectors"] + [{"id": "bio", "name_ko": "바이오", "name_en": "Bio", "color": "#882255", "order": "9"}]
    data = tiny_dataset(sectors=rows)
    assert "sector:bio" in focusable_ids(data)
    assert "sector:bio" not in build_network(data).node_ids
    assert build_network(data, sectors=("bio",)).node_ids == ["sector:bio"]
    assert build_network(data, focus="sector:bio").node_ids == ["sector:bio"]


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        ({}, "en", "The network shows 17 nodes and 21 links: Region: 3, Person: 1, Company: 3, Event: 3, MOU clause: 2, "
         "Proposal (not in the MOU): 1, Sector: 4. Most connected: MOU signing (4), Kim Dong-yeon (3), Gyeonggi Province (2)."),
        ({}, "ko", "연결망에 노드 17개와 연결 21개가 보입니다: 지역 3, 인물 1, 기업 3, 행사 3, MOU 조항 2, 제안 (MOU 아님) 1, 분야 4. "
         "가장 많이 연결된 곳: MOU 체결 (4개), 김동연 (3개), 경기도 (2개)."),
        ({"focus": "initech"}, "en", "The network shows 4 nodes and 3 links: Company: 2, Event: 1, Sector: 1. "
         "In focus: Initech, up to 1 link(s) away. Most connected: Initech (2), Tencent visit (1), Tencent (1)."),
        ({"sectors": ("security",), "fade": True}, "en", "The network shows 5 nodes and 4 links: Person: 1, Company: 1, "
         "Event: 1, Proposal (not in the MOU): 1, Sector: 1. 12 nodes outside the filter are faded. "
         "Most connected: Kim Dong-yeon (1), Tencent visit (1), Initech (1)."),
    ],
)
def test_summarize(data, args, lang, expected):
    assert summarize(build_network(data, lang=lang, **args)) == expected


def test_relations_table_lists_the_visible_relations_with_sources(data):
    frame = relations_table(data, build_network(data, focus="initech"))
    assert list(frame.columns) == ["from", "relation", "to", "date", "confidence", "source", "source_url"]
    rows = frame.to_dict("records")
    assert [(r["from"], r["relation"], r["to"], r["date"], r["confidence"], r["source"]) for r in rows] == [
        ("Initech", "member of delegation", "Tencent visit", "2025-09-25", "seen in source", "Pressian, 2025-09-26 ¶2; Tencent, 2025"),
        ("Initech", "met", "Tencent", "2025-09-25", "inferred", "Tencent, 2025"),
    ]
    assert rows[0]["source_url"] == "https://www.pressian.com/pages/articles/1"
    assert not isinstance(rows[1]["source_url"], str)  # no address known: no link


def test_relations_table_follows_sector_filter_and_fade(data):
    assert list(relations_table(data, build_network(data, sectors=("security",)))["to"]) == ["Tencent visit"]
    assert list(relations_table(data, build_network(data, sectors=("security",), fade=True))["to"]) == ["Tencent visit"]
    assert len(relations_table(data, build_network(data))) == 8
    assert list(relations_table(data, build_network(data, lang="ko", focus="initech"))["relation"]) == ["대표단 참여", "면담"]


def test_layout_is_deterministic_finite_and_centres_the_focus(data):
    net = build_network(data)
    first, second = layout(net), layout(build_network(data))
    assert first == second
    assert list(first) == ALL_NODES
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())
    assert len(set(first.values())) == len(first)
    assert layout(build_network(data, lang="ko")) == first  # the picture does not depend on the language
    focused = layout(build_network(data, focus="initech", depth=2))
    assert focused["initech"] == (0.0, 0.0)
    # fading keeps the unfiltered picture: every node stays where it was
    assert layout(build_network(data, sectors=("security",), fade=True)) == first


def test_layout_keeps_label_boxes_apart(data):
    from components.views.network_layout import label_box
    from components.views.network_model import degrees

    net = build_network(data)
    pos = layout(net)
    deg = degrees(net, highlighted_only=False)
    boxes = {n.id: label_box(n, deg[n.id]) for n in net.nodes}
    ids = net.node_ids
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            overlap_x = (boxes[a][0] + boxes[b][0]) / 2 - abs(pos[a][0] - pos[b][0])
            overlap_y = (boxes[a][1] + boxes[b][1]) / 2 - abs(pos[a][1] - pos[b][1])
            assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)


def test_node_details_of_an_entity(data):
    details = node_details(data, "initech", "en")
    assert details.names == (("ko", "이니텍"), ("en", "Initech"))
    assert (details.kind_label, details.side_label, details.sector_labels) == ("Company", "Korea", ("Security",))
    assert [(r.label, r.value) for r in details.figures] == [("Revenue", "₩120bn (2024)")]
    assert [(r.label, r.value, r.confidence) for r in details.attributes] == [
        ("Founded", "1997", "seen"),
        ("Headquarters", "unknown", "not found"),
    ]
    assert [r.value for r in details.relations] == [
        "Initech — member of delegation — Tencent visit (2025-09-25)",
        "Initech — met — Tencent (2025-09-25)",
    ]
    assert details.source_ids == ("src-a",) and details.locator == "¶1"
    assert node_details(data, "tencent", "ko").names == (("ko", "텐센트"), ("en", "Tencent"), ("zh", "腾讯"))
    assert node_details(data, "initech", "ko").attributes[1].value == "알 수 없음"
    assert node_details(data, "nope", "en") is None


def test_node_details_of_a_clause_and_a_sector(data):
    clause = node_details(data, "clause:proposal-joint-investment", "en")
    assert clause.kind_label == "Proposal (not in the MOU)"
    assert [(r.label, r.value) for r in clause.extra] == [("Part", "Governor's proposal 1")]
    assert [r.value for r in clause.relations] == ["Joint investment proposal — involves — Kim Dong-yeon"]
    sector = node_details(data, "sector:cloud", "en")
    assert [(r.label, r.value) for r in sector.extra] == [("Nodes in this sector", "NHN Cloud, Tencent, Joint investment proposal")]


def test_vis_payload_is_plain_data_with_positions_and_no_html(data):
    net = build_network(data, focus="initech", sectors=(), fade=True)
    payload = vis_payload(net, data)
    assert [n["id"] for n in payload["nodes"]] == ALL_NODES
    assert [e["id"] for e in payload["edges"]] == ALL_EDGES
    nodes = {n["id"]: n for n in payload["nodes"]}
    assert nodes["initech"]["shape"] == "square" and nodes["initech"]["color"] == "#0072B2"
    assert nodes["tencent"]["color"] == "#E69F00"
    assert nodes["clause:proposal-joint-investment"]["color"] == {"background": "#FFFFFF", "border": "#CC79A7"}
    assert nodes["clause:field-trade"]["shape"] == "box"
    assert nodes["initech"]["focused"] is True and "opacity" not in nodes["initech"]
    assert nodes["gyeonggi"]["opacity"] == 0.22
    assert nodes["initech"]["title"].splitlines()[:3] == ["Initech", "이니텍", "Company · Korea"]
    edges = {e["id"]: e for e in payload["edges"]}
    assert edges["rel:r6"]["dashes"] == [7, 5] and "dashes" not in edges["rel:r5"]  # solid is the default
    assert payload["options"]["edges"]["dashes"] is False
    assert edges["initech->sector:security"]["dashes"] == [2, 4] and edges["initech->sector:security"]["arrows"] == ""
    assert edges["rel:r6"]["title"].splitlines() == ["Initech — met — Tencent", "2025-09-25 · inferred", "Source: Tencent, 2025"]
    assert edges["initech->sector:security"]["title"] == "Initech — in sector — Security"
    assert payload["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in payload["nodes"])
    decoded = json.loads(payload_bytes(payload).decode("utf-8"))
    assert decoded["nodes"][6]["label"] == "Initech"
    assert "이니텍".encode() in payload_bytes(payload)  # UTF-8, not \\u escapes


def test_legend_names_every_side_and_the_kinds_present(data):
    groups = legend(data, "en")["groups"]
    assert [i["text"] for i in groups[0]["items"]] == ["Korea", "China", "Joint (both sides)", "Sector"]
    assert [i["color"] for i in groups[0]["items"]] == ["#0072B2", "#E69F00", "#CC79A7", "#9A9A9A"]
    assert [i["text"] for i in groups[1]["items"]] == [
        "Region", "Person", "Company", "Event", "MOU clause", "Proposal (not in the MOU)", "Sector",
    ]


def test_offline_html_is_self_contained_and_escapes_data():
    hostile = "<img src=x onerror=alert(1)>"
    entities = [dict(e, name_en=hostile) if e["id"] == "initech" else e for e in ROWS["entities"]]
    data = tiny_dataset(entities=entities)
    page = offline_html(build_network(data, focus="initech"), data)
    assert hostile not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # table cell and summary, escaped
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page  # inside the JSON data block
    assert "vis-network" in page and "@version 10.1.5" in page  # the library is inlined
    # nothing is loaded from another host: no external script, style, image or frame
    assert not re.search(r"""<(?:script|img|iframe|link|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert re.findall(r'<a href="([^"]+)"', page) == ["https://www.pressian.com/pages/articles/1"]
    assert "Content-Security-Policy" in page


def test_one_pyvis_network_holds_the_views_nodes_edges_and_options(data):
    from pyvis.network import Network as PyvisNetwork

    net = pyvis_network(build_network(data, focus="initech"), data)
    assert isinstance(net, PyvisNetwork) and net.directed
    assert [n["id"] for n in net.nodes] == ["tencent-visit", "initech", "tencent", "sector:security"]
    assert net.nodes[1] == {
        "id": "initech", "label": "Initech", "shape": "square", "color": "#0072B2", "x": 0, "y": 0, "size": 24,
        "borderWidth": 5, "focused": True, "font": {"size": 17},
        "title": "Initech\n이니텍\nCompany · Korea\nSectors: Security\nAbout Initech",
    }
    assert [(e["id"], e["from"], e["to"], e["arrows"]) for e in net.edges] == [
        ("rel:r5", "initech", "tencent-visit", "to"),
        ("rel:r6", "initech", "tencent", "to"),
        ("initech->sector:security", "initech", "sector:security", ""),
    ]
    assert net.edges[0]["label"] == "member of delegation" and "dashes" not in net.edges[0]
    assert net.edges[1]["dashes"] == [7, 5]
    assert net.edges[2] == {
        "id": "initech->sector:security", "from": "initech", "to": "sector:security", "title": "Initech — in sector — Security",
        "width": 1, "dashes": [2, 4], "arrows": "", "muted": True,
    }
    assert isinstance(net.options, dict)  # set as a dict, never through set_options (which strips spaces)
    assert net.options["physics"] == {"enabled": False}
    assert "Noto Sans KR" in net.options["nodes"]["font"]["face"]  # the font names keep their spaces
    # the live drawing sends exactly that network's data
    payload = vis_payload(build_network(data, focus="initech"), data)
    assert (payload["nodes"], payload["edges"], payload["options"]) == (net.nodes, net.edges, net.options)


def test_offline_page_is_pyvis_html_from_the_local_template_with_the_same_data(data):
    view = build_network(data, sectors=("security",), lang="ko")
    page = offline_html(view, data)
    net = pyvis_network(view, data)

    def block(name: str):
        text = re.search(rf'<script id="krcn-network-{name}" type="application/json">(.*?)</script>', page, re.S).group(1)
        return json.loads(text)

    assert (block("nodes"), block("edges"), block("options")) == (net.nodes, net.edges, net.options)
    assert block("page")["legend"] == legend(data, "ko") and block("page")["focus"] is None
    assert page.count("<title>연결망: 누가 누구와 이어져 있나 — ") == 1 and page.count("<h1>연결망") == 1
    assert '<html lang="ko">' in page and "대표단 참여" in page  # the relations table, in Korean
    # pyvis's own template is not used: no Bootstrap, no CDN, no lib/ folder, nothing from another host
    for absent in ("bootstrap", "lib/", "<link"):  # any other host's address: the search below
        assert absent not in page.lower(), absent
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//(?!www\.pressian\.com/)""", page, re.I)
    assert page.count("@version 10.1.5") == 1  # the vendored vis-network, inlined once
    assert "function krcnRender(vis, root, d, onNodeClick)" in page  # the app's drawing code, inlined
    template = (TEMPLATE_DIR / "network.html").read_text(encoding="utf-8")
    assert "://" not in template.replace("http(s)", "")  # the template itself names no host


def test_offline_page_table_links_only_http_addresses_and_escapes_them():
    sources = [dict(r, url="javascript:alert(1)") if r["id"] == "src-a" else r for r in ROWS["sources"]]
    data = tiny_dataset(sources=sources)
    page = offline_html(build_network(data, focus="initech"), data)
    assert "javascript:" not in page
    assert re.findall(r'<a href="([^"]+)"', page) == []  # src-b has no address, src-a's is not http(s)


def test_relations_csv_neutralises_formulas():
    from components.data.export import csv_bytes

    types = [dict(r, label_en="=HYPERLINK(\"http://evil.example\",\"x\")") if r["id"] == "met" else r for r in ROWS["relation_types"]]
    data = tiny_dataset(relation_types=types)
    frame = relations_table(data, build_network(data, focus="initech"))
    text = csv_bytes(frame, {c: c.title() for c in frame.columns}).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "From,Relation,To,Date,Confidence,Source,Source_Url"
    assert lines[2].startswith("Initech,\"'=HYPERLINK(")


def test_pyvis_is_never_asked_to_show_write_files_or_parse_options():
    """pyvis's show() and write_html() write a lib/ folder into the working directory and load from CDNs; its
    set_options() strips every space (font names break). The code builds and renders in memory only."""
    code = [p for p in (ROOT / "components").rglob("*.py")] + list((ROOT / "pages").glob("*.py"))
    calls = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in code
             for m in re.finditer(r"\.(?:show|write_html|save_graph|set_options|show_buttons|prep_notebook)\(", p.read_text(encoding="utf-8"))]
    assert calls == []
