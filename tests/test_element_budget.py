"""How many Streamlit elements each page's default view draws, sidebar included. A browser redraws every element
of a full rerun (a sector or language change) several times as the run's messages arrive, ~1.5-3 ms each on a
desktop (docs/performance.md, issue 27): a page that grows past its budget here gets slower for every visitor,
so raising a budget is a decision, not an accident. And what a rerun of the same view must not build again."""
from __future__ import annotations

import pytest

from tests.apptest_helpers import PAGE_FILES, open_page

# elements (blocks included) of each page's default view in English, main area + sidebar
BUDGET = {
    "overview": 70,
    "network": 54,
    "delegation": 53,
    "economy": 70,
    "mou": 72,
    "regions": 60,
    "timeline": 56,
    "story": 40,
    "sources": 71,
}


def elements(node) -> int:
    """The node's elements and blocks, itself not counted."""
    children = getattr(node, "children", None)
    if children is None:
        return 0
    return sum(1 + elements(child) for child in children.values())


def test_every_page_has_a_budget():
    assert set(BUDGET) == set(PAGE_FILES)


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_a_full_rerun_draws_no_more_elements_than_the_pages_budget(page):
    at = open_page(page, lang="en")
    assert not at.exception
    drawn = elements(at.main) + elements(at.sidebar)
    assert drawn <= BUDGET[page], f"/{page} draws {drawn} elements, its budget is {BUDGET[page]}"


def test_the_claims_ledger_and_the_network_downloads_are_few_elements():
    """The two pages cut down for issue 27: /sources' claim cards are one markdown element in one container (they
    were two elements a claim), /network's twelve export buttons sit in two horizontal containers (they were in
    twelve columns of two rows)."""
    sources = open_page("sources", lang="en")
    assert len([m for m in sources.main.markdown if "-badge[" in m.value]) == 1
    network = open_page("network", lang="en")
    assert len(network.main.columns) == 0  # no download sits in a column (depth and fade come with a focus)


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_a_later_visit_to_a_view_builds_no_table_again(page, monkeypatch):
    """The tables of a view come from Dataset.memo and their payloads are kept while the frame lives: another visit
    to the same view (or a language switch back) rebuilds none of them. A table built on every rerun cost a quarter
    of /regions' server CPU a run (docs/performance.md)."""
    from components.web.render import table as render

    for lang in ("en", "ko"):
        open_page(page, lang=lang)
    built = []
    build = render.table_payload
    monkeypatch.setattr(render, "table_payload", lambda frame, columns, **kw: built.append(kw["caption"]) or build(frame, columns, **kw))
    at = open_page(page, lang="en")
    assert not at.exception
    assert built == []
