"""The story builder: steps read from the story table, ?step=N parsed, and each step turned into its network view
(filter and focus as on /network, highlights bright, the rest faded) with its links; exact on the tiny fixture,
and every step of the real story checked against the real network."""
import pytest

from components.data.dataset import _typed_frame, load_dataset
from components.views.network_model import build_network
from components.views.story import (
    all_step_views,
    StoryStep,
    network_href,
    parse_step,
    step_view,
    steps_from_frame,
    story_steps,
)
from components.views.url_state import Dropped, parse_query
from tests.network_fixture import SCHEMA, tiny_dataset


def step(number, focus=None, depth=1, sectors=(), nodes=(), edges=(), sources=("src-a",)):
    return StoryStep(number, f"제목 {number}", f"Title {number}", f"설명 {number}", f"Caption {number}", focus, depth,
                     tuple(sectors), tuple(nodes), tuple(edges), tuple(sources), "¶1")


STEPS = (
    step(1, focus="initech", edges=("r5",)),
    step(2, sectors=("trade",), nodes=("clause:agreement-expo", "ciie", "sector:trade")),
    step(3, focus="clause:field-trade", depth=2),
)


@pytest.fixture(scope="module")
def data():
    return tiny_dataset()


def test_steps_from_a_typed_story_table_sorted_by_number():
    resource = next(r for r in SCHEMA["resources"] if r["name"] == "story")
    rows = [
        {"step": "2", "title_ko": "둘", "title_en": "Two", "caption_ko": "둘째", "caption_en": "Second", "focus": "",
         "depth": "1", "sectors": "trade;cloud", "highlight_nodes": "", "highlight_edges": "r1;r2",
         "source_ids": "src-a;src-b", "locator": ""},
        {"step": "1", "title_ko": "하나", "title_en": "One", "caption_ko": "첫째", "caption_en": "First",
         "focus": "clause:field-trade", "depth": "2", "sectors": "", "highlight_nodes": "sector:trade;ciie",
         "highlight_edges": "", "source_ids": "src-a", "locator": "¶4"},
    ]
    steps = steps_from_frame(_typed_frame(resource, rows, ";"))
    assert steps == (
        StoryStep(1, "하나", "One", "첫째", "First", "clause:field-trade", 2, (), ("sector:trade", "ciie"), (), ("src-a",), "¶4"),
        StoryStep(2, "둘", "Two", "둘째", "Second", None, 1, ("trade", "cloud"), (), ("r1", "r2"), ("src-a", "src-b"), ""),
    )
    assert steps[0].title("ko") == "하나" and steps[0].caption("en") == "First"


def test_a_package_without_a_story_has_no_steps(data):
    assert story_steps(data) == ()


@pytest.mark.parametrize(
    ("values", "expected", "dropped"),
    [
        ([], 1, []),
        (["2"], 2, []),
        ([" 3 "], 3, []),
        (["0"], 1, ["0"]),
        (["4"], 1, ["4"]),
        (["-1"], 1, ["-1"]),
        (["two"], 1, ["two"]),
        (["<script>"], 1, ["<script>"]),
        ([""], 1, []),
        (["2", "3"], 2, ["3"]),
        (["2", "2"], 2, []),
        (["x", "3"], 3, ["x"]),
    ],
)
def test_parse_step(values, expected, dropped):
    assert parse_step(values, STEPS) == (expected, [Dropped("step", v) for v in dropped])


def test_step_with_a_focus_and_a_highlighted_relation(data):
    view = step_view(data, STEPS, 1, "en")
    assert (view.position, view.count, view.previous, view.next) == (1, 3, None, 2)
    assert (view.title, view.caption, view.progress) == ("Title 1", "Caption 1", "Step 1 of 3")
    # The focus keeps initech's neighbourhood; the relation r5 and its two ends stand out, the rest is faded.
    assert view.network.node_ids == ["tencent-visit", "initech", "tencent", "sector:security"]
    assert view.highlighted_nodes == ("tencent-visit", "initech")
    assert view.highlighted_edges == ("rel:r5",)
    assert view.network.fade and view.network.focus == "initech"
    assert view.network_href == "/network?focus=initech"


def test_step_with_a_sector_filter_and_highlighted_nodes(data):
    view = step_view(data, STEPS, 2, "ko")
    assert (view.position, view.previous, view.next, view.progress) == (2, 1, 3, "3단계 중 2단계")
    assert view.title == "제목 2"
    assert view.network.node_ids == build_network(data, sectors=("trade",), lang="ko").node_ids
    assert view.highlighted_nodes == ("ciie", "clause:agreement-expo", "sector:trade")
    # Clause and sector links between highlighted nodes are highlighted; no relation was asked for.
    assert view.highlighted_edges == ("clause:agreement-expo->ciie", "ciie->sector:trade", "clause:agreement-expo->sector:trade")
    assert view.network_href == "/network?lang=ko&sector=trade"


def test_step_that_highlights_nothing_fades_nothing(data):
    view = step_view(data, STEPS, 3, "en", locale="ko-KR")
    assert view.network == build_network(data, focus="clause:field-trade", depth=2, lang="en")
    assert view.highlighted_nodes == tuple(view.network.node_ids)
    assert (view.previous, view.next) == (2, None)
    assert view.network_href == "/network?lang=en&focus=clause%3Afield-trade&depth=2"


def test_the_whole_story_in_order(data):
    views = all_step_views(data, STEPS, "ko", base_path="/app")
    assert [(v.position, v.title) for v in views] == [(1, "제목 1"), (2, "제목 2"), (3, "제목 3")]
    assert views[0].network_href == "/app/network?lang=ko&focus=initech"


def test_an_unknown_step_number_shows_the_first_step(data):
    assert step_view(data, STEPS, 99, "en").step == STEPS[0]


@pytest.mark.parametrize(
    ("story_step", "lang", "locale", "href"),
    [
        (step(1), "en", None, "/network"),
        (step(1, focus="tencent", depth=3, sectors=("ai", "cloud")), "en", None,
         "/network?sector=ai&sector=cloud&focus=tencent&depth=3"),
        (step(1, depth=3), "ko", "ko", "/network"),  # a depth without a focus means nothing: left out
        (step(1, focus="sector:ai"), "ko", None, "/network?lang=ko&focus=sector%3Aai"),
    ],
)
def test_network_href(story_step, lang, locale, href):
    assert network_href(story_step, lang, locale=locale) == href


def test_the_story_page_keeps_its_step_parameter():
    state, dropped = parse_query({"step": ["3"], "lang": ["ko"]}, page="story", sector_ids=(), step_numbers=range(1, 10))
    assert dropped == [] and state.lang == "ko" and state.step == 3


# --- the real story ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real():
    return load_dataset()


def test_real_story_has_six_to_ten_steps_numbered_from_one(real):
    steps = story_steps(real)
    assert 6 <= len(steps) <= 10
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))
    for s in steps:
        assert s.title_ko and s.title_en and s.caption_ko and s.caption_en and s.source_ids


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_real_step_shows_what_it_highlights(real, lang):
    steps = story_steps(real)
    for s in steps:
        view = step_view(real, steps, s.number, lang)
        shown = set(view.network.node_ids)
        assert set(s.highlight_nodes) <= shown, (s.number, set(s.highlight_nodes) - shown)
        assert {"rel:" + r for r in s.highlight_edges} <= set(view.network.edge_ids), s.number
        assert set(view.highlighted_nodes) >= set(s.highlight_nodes)
        assert view.highlighted_nodes, s.number
        if s.focus:
            assert s.focus in shown


def test_real_story_cites_only_rows_of_the_package(real):
    # The validator checks this too; here through the loaded tables, so a loader change cannot hide it.
    sources = set(real.sources["id"])
    relations = set(real.relations["id"])
    for s in story_steps(real):
        assert set(s.source_ids) <= sources and set(s.highlight_edges) <= relations

