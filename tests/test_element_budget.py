"""How many Streamlit elements each page's default view draws, sidebar included. A browser redraws every element
of a full rerun (a sector or language change) several times as the run's messages arrive, ~1.5-3 ms each on a
desktop (docs/performance.md, issue 27): a page that grows past its budget here gets slower for every visitor,
so raising a budget is a decision, not an accident. And what a rerun of the same view must not build again."""
from __future__ import annotations

import pytest

from components.i18n import t

from tests.apptest_helpers import PAGE_FILES, open_page, payloads

# elements (blocks included) of each page's default view in English, main area + sidebar
BUDGET = {  # 2026-12-07: the sidebar 20 -> 17 (one component for its copy boxes), a heading and its intro one element
    "overview": 66,
    "network": 48,
    "delegation": 48,
    "economy": 66,
    "mou": 64,
    "regions": 50,
    "timeline": 53,
    "story": 37,
    "sources": 65,
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


def test_the_sidebar_is_few_elements_and_a_sections_heading_carries_its_intro():
    """The sidebar's title and line under it are one markdown element, its share and citation boxes (and the page's
    language and styles) one component; a section's heading and the line on what it shows are one markdown element."""
    at = open_page("regions", lang="en")
    assert elements(at.sidebar) == 17
    components = [e.proto.component_name for e in at.sidebar.get("bidi_component")]
    assert components == ["krcn_sidebar"] and [len(p["boxes"]) for p in payloads(at, "krcn_sidebar")] == [2]
    # on /regions every heading with a line under it: the map's and the chart's are followed by the drawing
    assert [h.value for h in [*at.header, *at.subheader]] == [t("regions.map.heading", "en"), t("regions.years.chart", "en")]
    with_intro = [m.value for m in at.main.markdown if m.value.startswith(("## ", "### "))]
    assert len(with_intro) == 7 and all(m.split("\n\n")[1].startswith(":gray[:small[") for m in with_intro)


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
