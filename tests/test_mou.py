"""components.views.mou: clause order and grouping, the sector filter, the clause → sector → company mapping and
the Sankey's geometry, on a tiny package written in code; then spot checks against the real data."""
import pytest

from components.data.dataset import load_dataset
from components.views.mou import (
    CLAUSE_COLUMNS,
    INFERRED_LINK_COLOR,
    clause_label,
    clause_sector_links,
    clause_table,
    clauses_reaching_companies,
    mapping_table,
    matches,
    ordered_clauses,
    sankey_item_count,
    sankey_spec,
)
from tests.package_fixture import TINY, write_package


def clause(cid, group, number, title_en, sectors, is_clause="true", title_ko=None, sources="src-a", locator="¶4"):
    return {
        "id": cid, "group": group, "number": str(number), "title_ko": title_ko or f"{title_en} (ko)",
        "title_en": title_en, "text_ko": f"{title_en} 내용", "text_en": f"{title_en} text", "sectors": sectors,
        "is_mou_clause": is_clause, "entity_ids": "", "source_ids": sources, "locator": locator,
    }


def company(eid, name, sectors, role="delegation"):
    return {
        "id": eid, "kind": "company", "country": "KR", "name_ko": f"{name}(ko)", "name_en": name, "name_zh": "",
        "sectors": sectors, "role": role, "description_ko": "기업", "description_en": "A firm",
        "confidence": "seen", "source_ids": "src-a", "locator": "",
    }


SECTORS = [
    {"id": "ai", "name_ko": "인공지능", "name_en": "AI", "color": "#0072B2", "order": "1"},
    {"id": "cloud", "name_ko": "클라우드", "name_en": "Cloud", "color": "#E69F00", "order": "2"},
    {"id": "trade", "name_ko": "통상", "name_en": "Trade", "color": "#009E73", "order": "3"},
    {"id": "tourism", "name_ko": "관광", "name_en": "Tourism", "color": "#CC79A7", "order": "4"},
]
# Written out of order on purpose: the builders must put them in MOU order.
CLAUSES = [
    clause("proposal-1", "proposal", 1, "Joint AI investment", "ai", is_clause="false", locator="¶6"),
    clause("agreement-2", "agreement", 2, "Tourism exchange", "tourism;trade", locator="¶5"),
    clause("field-2", "field", 2, "Tourism", "tourism"),
    clause("agreement-1", "agreement", 1, "Trade <b>push</b>", "trade", locator="¶5"),
    clause("field-1", "field", 1, "Trade", "trade"),
    clause("mechanism-1", "mechanism", 1, "Visits", "trade"),
]
ENTITIES = TINY["entities"] + [
    company("cloudy", "Cloudy", "cloud;ai"),
    company("tradeco", "TradeCo", "trade"),
    company("host-co", "HostCo", "trade", role="host"),  # not in the delegation: never linked
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    directory = write_package(
        tmp_path_factory.mktemp("mou"), {"sectors": SECTORS, "clauses": CLAUSES, "entities": ENTITIES}
    )
    return load_dataset(directory)


@pytest.fixture(scope="module")
def real():
    return load_dataset()


@pytest.mark.parametrize(
    ("row_sectors", "chosen", "expected"),
    [(("ai",), (), True), (("ai", "cloud"), ("cloud",), True), (("ai",), ("trade", "tourism"), False), ((), ("ai",), False)],
)
def test_matches(row_sectors, chosen, expected):
    assert matches(row_sectors, chosen) is expected


def test_ordered_clauses_follow_the_mou_order(tiny):
    assert list(ordered_clauses(tiny.clauses)["id"]) == [
        "field-1", "field-2", "mechanism-1", "agreement-1", "agreement-2", "proposal-1"
    ]


@pytest.mark.parametrize(
    ("sectors", "expected"),
    [
        (("tourism",), ["field-2", "agreement-2"]),
        (("ai",), ["proposal-1"]),
        (("cloud",), []),
        (("ai", "tourism"), ["field-2", "agreement-2", "proposal-1"]),
    ],
)
def test_sector_filter_narrows_the_clauses(tiny, sectors, expected):
    assert list(ordered_clauses(tiny.clauses, sectors)["id"]) == expected


@pytest.mark.parametrize(
    ("cid", "lang", "expected"),
    [
        ("field-2", "en", "2. Tourism"),
        ("agreement-2", "en", "② Tourism exchange"),
        ("agreement-2", "ko", "② Tourism exchange (ko)"),
        ("proposal-1", "en", "Joint AI investment"),
    ],
)
def test_clause_label(tiny, cid, lang, expected):
    row = tiny.clauses.set_index("id").loc[cid]
    assert clause_label({**row.to_dict(), "id": cid}, lang) == expected


def test_clause_table_rows(tiny):
    table = clause_table(tiny, "en", ("tourism",))
    assert list(table.columns) == list(CLAUSE_COLUMNS)
    assert table.to_dict("records") == [
        {
            "id": "field-2", "group": "Fields of exchange", "label": "2. Tourism", "title": "Tourism",
            "text_ko": "Tourism 내용", "text_en": "Tourism text", "sectors": "Tourism", "kind": "MOU clause",
            "source": "Pressian, 2025-09-26 ¶4", "source_url": "https://example.org/a",
        },
        {
            "id": "agreement-2", "group": "Specific agreements", "label": "② Tourism exchange",
            "title": "Tourism exchange", "text_ko": "Tourism exchange 내용", "text_en": "Tourism exchange text",
            "sectors": "Tourism, Trade", "kind": "MOU clause", "source": "Pressian, 2025-09-26 ¶5",
            "source_url": "https://example.org/a",
        },
    ]


def test_clause_table_marks_the_proposal_in_korean(tiny):
    table = clause_table(tiny, "ko", ("ai",))
    assert table[["id", "group", "kind", "sectors"]].to_dict("records") == [
        {"id": "proposal-1", "group": "도지사의 제안", "kind": "제안 (MOU 조항 아님)", "sectors": "인공지능"}
    ]


def test_clause_sector_links_share_sectors_with_the_delegation_only(tiny):
    assert clause_sector_links(tiny) == [
        ("field-1", "trade", ("tradeco",)),
        ("field-2", "tourism", ()),
        ("mechanism-1", "trade", ("tradeco",)),
        ("agreement-1", "trade", ("tradeco",)),
        ("agreement-2", "tourism", ()),
        ("agreement-2", "trade", ("tradeco",)),
        ("proposal-1", "ai", ("acme-cloud", "cloudy")),
    ]


def test_clause_sector_links_keep_only_the_chosen_sectors(tiny):
    # agreement-2 concerns tourism and trade; filtered on tourism, only its tourism link stays
    assert clause_sector_links(tiny, ("tourism",)) == [("field-2", "tourism", ()), ("agreement-2", "tourism", ())]


def test_sankey_item_count(tiny):
    assert sankey_item_count(tiny) == 6
    assert sankey_item_count(tiny, ("tourism",)) == 2
    assert sankey_item_count(tiny, ("security",)) == 0


def test_clauses_reaching_companies(tiny):
    assert clauses_reaching_companies(tiny) == ["field-1", "mechanism-1", "agreement-1", "agreement-2", "proposal-1"]
    assert clauses_reaching_companies(tiny, ("tourism",)) == []


def test_mapping_table_is_the_sankeys_twin(tiny):
    assert mapping_table(tiny, "en", ("tourism", "ai")).to_dict("records") == [
        {"clause": "2. Tourism", "group": "Fields of exchange", "sector": "Tourism", "companies": "no delegation company"},
        {"clause": "② Tourism exchange", "group": "Specific agreements", "sector": "Tourism",
         "companies": "no delegation company"},
        {"clause": "Joint AI investment", "group": "The governor's proposal", "sector": "AI",
         "companies": "Acme Cloud, Cloudy"},
    ]


def test_sankey_nodes_links_and_inferred_colour(tiny):
    spec = sankey_spec(tiny, "en", ("ai", "tourism"))
    nodes, links = spec["nodes"], spec["links"]
    assert [n["label"] for n in nodes] == [
        "2. Tourism", "② Tourism exchange", "Joint AI investment", "Tourism", "AI", "Acme Cloud", "Cloudy"
    ]
    # three columns: clauses left, sectors in the middle, companies right
    assert [n["column"] for n in nodes] == [0, 0, 0, 1, 1, 2, 2]
    assert [(link["source"], link["target"]) for link in links] == [(0, 3), (1, 3), (2, 4), (4, 5), (4, 6)]
    assert [link["inferred"] for link in links] == [False, False, False, True, True]
    assert [link["color"] for link in links] == ["rgba(204, 121, 167, 0.45)"] * 2 + ["rgba(0, 114, 178, 0.45)"] + [INFERRED_LINK_COLOR] * 2
    assert links[3]["title"] == "AI → Acme Cloud\ndelegation company in this sector (inferred link)"
    assert links[0]["title"] == "2. Tourism → Tourism\na sector this item concerns"
    assert nodes[0]["title"] == "2. Tourism\nFields of exchange" and nodes[6]["title"] == "Cloudy\ndelegation company"
    assert [c["title"] for c in spec["columns"]] == ["MOU items", "Sectors", "Delegation companies"]
    assert [c["note"] for c in spec["columns"]] == ["", "", ""]
    assert spec["legend"] == [
        {"color": "#0072B2", "label": "Fields of exchange"},
        {"color": "#009E73", "label": "Specific agreements"},
        {"color": "#CC79A7", "label": "The governor's proposal"},
    ]
    assert spec["height"] == 240


def test_sankey_geometry_stacks_links_inside_their_nodes(tiny):
    spec = sankey_spec(tiny, "en", ("ai", "tourism"))
    nodes, links = spec["nodes"], spec["links"]
    unit = nodes[0]["y1"] - nodes[0]["y0"]  # one link's thickness
    for node in nodes:
        assert 0 <= node["y0"] < node["y1"] <= 1
        # as tall as the larger of its inflow and outflow
        flows = max(sum(l["source"] == nodes.index(node) for l in links), sum(l["target"] == nodes.index(node) for l in links))
        assert node["y1"] - node["y0"] == pytest.approx(flows * unit, abs=2e-4)
    for end, (lo, hi) in (("source", ("sy0", "sy1")), ("target", ("ty0", "ty1"))):
        for i, node in enumerate(nodes):
            bands = sorted((l[lo], l[hi]) for l in links if l[end] == i)
            for top, bottom in bands:
                assert node["y0"] - 1e-4 <= top < bottom <= node["y1"] + 1e-4
                assert bottom - top == pytest.approx(unit, abs=2e-4)
            # bands meet a node one under the other, never overlapping
            assert all(b[0] >= a[1] - 1e-4 for a, b in zip(bands, bands[1:]))
    # a column's nodes do not overlap either; "AI" (fed by the proposal, at the bottom) sits under "Tourism"
    assert nodes[3]["y1"] <= nodes[4]["y0"]
    # the sector links leave "AI" in the order of their companies, top to bottom (no crossing inside the node)
    assert links[3]["sy0"] < links[4]["sy0"] and nodes[5]["y0"] < nodes[6]["y0"]


def test_sankey_keeps_data_text_as_text_and_notes_the_empty_company_column(tiny):
    spec = sankey_spec(tiny, "en", ("trade",))
    labels = [n["label"] for n in spec["nodes"]]
    assert "① Trade <b>push</b>" in labels  # plain text: the browser writes it with textContent, never as markup
    # the legend names the groups present, in MOU order
    assert [g["label"] for g in spec["legend"]] == ["Fields of exchange", "Mechanisms", "Specific agreements"]
    only_sectors = sankey_spec(tiny, "ko", ("tourism",))
    # the layout stays three columns; the empty company column says there is no delegation company
    assert only_sectors["columns"] == [
        {"title": "MOU 항목", "note": ""}, {"title": "분야", "note": ""}, {"title": "대표단 기업", "note": "대표단 기업 없음"}
    ]
    assert sorted({n["column"] for n in only_sectors["nodes"]}) == [0, 1]
    assert only_sectors["legend"][0] == {"color": "#0072B2", "label": "교류 분야"}


# --- the real data ----------------------------------------------------------------------------------------


def test_real_mou_groups(real):
    counts = real.clauses["group"].value_counts().to_dict()
    assert counts == {"field": 11, "mechanism": 2, "agreement": 4, "proposal": 1}
    proposal = real.clauses[real.clauses["group"] == "proposal"]
    assert list(proposal["is_mou_clause"]) == [False]
    assert real.clauses[real.clauses["group"] != "proposal"]["is_mou_clause"].all()
    agreements = ordered_clauses(real.clauses[real.clauses["group"] == "agreement"])
    assert [clause_label(r, "ko")[0] for _, r in agreements.iterrows()] == ["①", "②", "③", "④"]


def test_real_every_clause_has_sectors_and_a_source(real):
    table = clause_table(real, "en")
    assert len(table) == 18
    assert (table["sectors"] != "").all() and (table["source"] != "").all()


@pytest.mark.parametrize(
    ("sector", "expected"),
    [("semiconductors", ["agreement-2"]), ("tourism", ["field-tourism", "agreement-3"])],
)
def test_real_sector_filter(real, sector, expected):
    assert list(clause_table(real, "en", (sector,))["id"]) == expected
    assert [c for c, _, _ in clause_sector_links(real, (sector,))] == expected


def test_real_sankey_has_every_clause_and_the_delegation_it_reaches(real):
    spec = sankey_spec(real, "en")
    labels = [n["label"] for n in spec["nodes"]]
    assert len([n for n in spec["nodes"] if n["column"] == 0]) == 18
    reached = {c for _, _, companies in clause_sector_links(real) for c in companies}
    names = real.entities.set_index("id").loc[sorted(reached), "name_en"]
    assert set(names) <= set(labels)
