"""AppTest of /mou: both languages, with and without a sector filter — headings, the grouped clauses, the
Sankey (asserted on its component data), the table twin and the clause table, and the sector widget narrowing it."""
from __future__ import annotations

import pytest

from components.data.dataset import load_dataset
from components.i18n import t
from components.views.mou import clause_sector_links, mapping_table, ordered_clauses, sankey_spec
from tests.apptest_helpers import all_text, download_buttons, headings, open_page, query, sankey_specs, tables

DATA = load_dataset()
# sector filter -> ids of the clauses the page shows
EXPECTED = {
    None: list(ordered_clauses(DATA.clauses)["id"]),
    "semiconductors": ["agreement-2"],
    "tourism": ["field-tourism", "agreement-3"],
}
GROUP_TOTALS = {"field": 11, "mechanism": 2, "agreement": 4, "proposal": 1}


def frames(at):
    """(clause table, clause→sector→company table) by their columns."""
    by_columns = {tuple(df.columns): df for df in tables(at)}
    clause = next(v for k, v in by_columns.items() if "text_ko" in k)
    mapping = next(v for k, v in by_columns.items() if "companies" in k)
    return clause, mapping


def sankey_on_page(at) -> dict:
    charts = sankey_specs(at)
    assert len(charts) == 1
    return charts[0]


@pytest.mark.parametrize("sector", [None, "semiconductors", "tourism"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_mou_page(lang, sector):
    params = {"lang": lang} | ({"sector": sector} if sector else {})
    at = open_page("mou", expand=True, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == []
    assert at.title[0].value == t("mou.title", lang)
    assert headings(at) == [t("mou.clauses.heading", lang), t("mou.map.heading", lang), t("mou.table.heading", lang)]

    shown = EXPECTED[sector]
    groups = [g for g in GROUP_TOTALS if any(DATA.clauses.set_index("id").loc[c, "group"] == g for c in shown)]
    if sector is None:
        expected_subheaders = [t("mou.group.count", lang, name=t(f"mou.group.{g}", lang), count=n) for g, n in GROUP_TOTALS.items()]
    else:
        counts = {g: sum(DATA.clauses.set_index("id").loc[c, "group"] == g for c in shown) for g in groups}
        expected_subheaders = [
            t("mou.group.count_filtered", lang, name=t(f"mou.group.{g}", lang), shown=counts[g], total=GROUP_TOTALS[g])
            for g in groups
        ]
    assert headings(at, 3) == expected_subheaders

    clause_table, mapping = frames(at)
    assert list(clause_table["id"]) == shown
    chosen = (sector,) if sector else ()
    assert mapping.to_dict("records") == mapping_table(DATA, lang, chosen).to_dict("records")
    assert len(mapping) == len(clause_sector_links(DATA, chosen))

    spec = sankey_on_page(at)
    assert spec == sankey_spec(DATA, lang, chosen)
    labels = [n["label"] for n in spec["nodes"]]
    titles = DATA.clauses.set_index("id")[f"title_{lang}"]
    for cid in shown:
        assert any(label.endswith(titles[cid]) for label in labels), (cid, labels)
    assert len([n for n in spec["nodes"] if n["column"] == 0]) == len(shown)

    text = all_text(at)
    assert t("mou.map.inferred", lang) in text  # the clause→company link is said to be inferred
    assert len(download_buttons(at)) == 2


def test_unfiltered_page_marks_the_proposal_and_lists_fields_in_a_table():
    at = open_page("mou", expand=True, lang="en")
    assert t("mou.group.help.proposal", "en") in [w.value for w in at.warning]
    table = next(m.value for m in at.markdown if m.value.startswith("| Item | Text | Sectors | Source |"))
    assert table.count("\n| **") == 11  # one row per field of exchange
    assert "[Pressian \\(프레시안\\), 2025\\-09\\-26](https://www.pressian.com/pages/articles/2025092614191146073) ¶4" in table
    clause_table, mapping = frames(at)
    proposal = clause_table[clause_table["id"] == "proposal-joint-investment"]
    assert list(proposal["kind"]) == ["Proposal (not an MOU clause)"]
    assert (clause_table[clause_table["id"] != "proposal-joint-investment"]["kind"] == "MOU clause").all()
    ai_row = mapping[mapping["sector"] == "Artificial intelligence"]
    assert list(ai_row["companies"]) == ["NHN Cloud, Hancom, AIworks, Hypernology"]
    assert t("mou.map.reach", "en", reached=1, total=18) in all_text(at)


def test_sector_widget_narrows_the_page_and_writes_the_url():
    at = open_page("mou", expand=True, lang="ko")
    at.multiselect(key="sector").set_value(["tourism"]).run()
    assert query(at) == {"lang": ["ko"], "sector": ["tourism"]}
    clause_table, _ = frames(at)
    assert list(clause_table["id"]) == ["field-tourism", "agreement-3"]
    assert [n["label"] for n in sankey_on_page(at)["nodes"]] == [
        "8. 관광", "③ 인문 교류 강화", "관광"
    ]


def test_a_sector_no_clause_concerns_says_so():
    at = open_page("mou", expand=True, lang="en", sector="security")
    assert not at.exception
    assert t("mou.none", "en") in [w.value for w in at.warning]
    assert len(sankey_specs(at)) == 0
    clause_table = next(df for df in tables(at) if "text_ko" in df.columns)
    assert clause_table.empty
