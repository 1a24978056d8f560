"""The /network page run by Streamlit's AppTest (no browser): heading, details, table, component data."""
import json

from tests.apptest_helpers import captions, download_buttons, headings, page_links_shown, query, tables
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def run_network(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()  # the router must run once before a page registered by st.navigation can be reached
    at.switch_page("pages/network.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def graph_data(at: AppTest) -> dict:
    (graph,) = [el for el in at.get("bidi_component") if el.key == "network_graph"]
    assert graph.proto.component_name == "krcn_network"
    assert graph.proto.WhichOneof("data") == "bytes"
    return json.loads(graph.proto.bytes.decode("utf-8"))


def plain(markdown: str) -> str:
    """Markdown as the visitor reads it (escape_markdown's backslashes removed)."""
    return markdown.replace("\\", "")


def table_rows(at: AppTest) -> list[tuple[str, str, str]]:
    (frame,) = tables(at)
    return list(zip(frame["from"], frame["relation"], frame["to"]))


@pytest.mark.parametrize(
    ("lang", "title", "details", "names", "relation"),
    [
        ("en", "Linkage network: who connects to whom", "Details: Initech", "**English name**: Initech",
         ("Initech", "member of the delegation on", "Kim Dong-yeon's visit to Tencent Cloud in Shanghai")),
        ("ko", "연결망: 누가 누구와 이어져 있나", "상세 정보: 이니텍", "**한국어 이름**: 이니텍",
         ("이니텍", "대표단 참여", "김동연 지사 텐센트 클라우드 상하이 지사 방문")),
    ],
)
def test_focus_on_initech_shows_its_details_and_relations(lang, title, details, names, relation):
    at = run_network(focus="initech", lang=lang)
    assert [t.value for t in at.title] == [title]
    subheaders = headings(at)
    assert subheaders[0] == details
    assert any(names in m.value for m in at.markdown)
    assert table_rows(at) == [relation]
    data = graph_data(at)
    ids = [n["id"] for n in data["nodes"]]
    assert ids == ["initech", "tencent-cloud-visit-2025-09-25", "sector:security"]  # entities.csv order
    assert [n["id"] for n in data["nodes"] if n.get("focused")] == ["initech"]
    assert data["focus"] == "initech"
    assert data["asset"].startswith("app/static/vendor/vis-network/vis-network.min.js")
    assert len(download_buttons(at)) == 2 + 2 * 6  # relations CSV, offline page; six formats for the view and the whole
    # the summary names what the drawing shows, in the page's language
    assert plain(at.main.markdown[-1].value.split("\n\n", 1)[1]).startswith(
        "The network shows 3 nodes and 2 links: Company: 1, Event: 1, Sector: 1. In focus: Initech"
        if lang == "en" else "연결망에 노드 3개와 연결 2개가 보입니다: 기업 1, 행사 1, 분야 1. 초점: 이니텍"
    )


def test_initech_details_list_profile_facts_with_sources_and_unknowns():
    at = run_network(focus="initech", lang="en")
    text = plain("\n".join(m.value for m in at.main.markdown))
    assert "**Listing**: KOSDAQ, ticker 053350" in text
    assert "**Founded**: unknown · not found" in text  # looked for and not found: shown as unknown
    assert ":small[Source: [Pressian (프레시안), 2025-09-26](https://www.pressian.com/pages/articles/2025092614191146073) ¶9" in text
    # every fact found has its source in small print right under it (the second line of its list item)
    listing = text.index("**Listing**: KOSDAQ, ticker 053350 · seen in source  \n  :small[Source: INITECH Co., Ltd. (이니텍), filed on DART")
    assert listing > 0
    founded = text.index("**Founded**: unknown · not found\n")  # not found: no source line under it
    assert founded > 0
    assert "no source" not in text
    # one element a section (names and description, profile, links), not one a fact: few elements to draw
    sections = [m.value for m in at.main.markdown]
    assert [v.split("\n")[0] for v in sections[1:3]] == ["**Profile**", "**Links (1)**"]
    # with the summary, the two download groups ("this view", "the whole network") and the headings of the relations
    # table and the downloads (each one element with the line under it)
    assert len(sections) == 4 + 2 + 2


def test_whole_network_without_focus():
    at = run_network(lang="en")
    data = graph_data(at)
    assert len(data["nodes"]) == 62  # 26 entities + 18 clauses + 18 sectors that something carries
    assert len(data["edges"]) == 95
    assert len(table_rows(at)) == 37  # every relation of the first story (no ?event=)
    assert headings(at) == ["Relations table (37)", "Summary"]
    assert any("Click a node or choose one" in i.value for i in at.info)
    assert at.selectbox(key="focus").value is None
    # depth counts links from the node in focus: no control for it until a node is chosen (issue 27, item 7)
    assert "depth" not in [group.key for group in at.button_group]
    assert at.toggle(key="fade").value is False


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_sector_filter_security(lang):
    at = run_network(sector="security", lang=lang)
    data = graph_data(at)
    assert [n["id"] for n in data["nodes"]] == ["initech", "tencent-cloud-visit-2025-09-25", "sector:security"]
    assert [e["id"] for e in data["edges"]] == ["rel:r-initech-delegation", "initech->sector:security"]
    assert len(table_rows(at)) == 1
    filtered = "Sector filter on: Security and authentication" if lang == "en" else "분야 필터 적용 중: 보안·인증"
    assert filtered in [plain(c) for c in captions(at)]


def test_sector_filter_with_fade_keeps_every_node_faded():
    at = run_network(sector="security", fade="1", lang="en")
    data = graph_data(at)
    assert len(data["nodes"]) == 62
    assert [n["id"] for n in data["nodes"] if not n.get("opacity")] == [
        "initech", "tencent-cloud-visit-2025-09-25", "sector:security",
    ]
    assert at.toggle(key="fade").value is True


def test_the_focus_list_offers_every_node_grouped_by_kind_and_writes_ids_to_the_url():
    from components.data.dataset import load_dataset
    from components.views.network_model import focus_options

    at = run_network(lang="en")
    focus = at.selectbox(key="focus")
    from components.views.event_scope import scope_dataset

    options = focus_options(scope_dataset(load_dataset(ROOT / "data")), "en")  # the first story's nodes (no ?event=)
    assert focus.options == ["(whole network)", *[label for _, label in options]]  # ids shown by format_func
    assert "Initech · Company" in focus.options

    focus.set_value("initech").run()
    assert query(at) == {"focus": ["initech"]}
    assert not at.button_group(key="depth").proto.disabled
    at.button_group(key="depth").set_value(2).run()
    at.toggle(key="fade").set_value(True).run()
    assert query(at) == {"focus": ["initech"], "depth": ["2"], "fade": ["1"]}
    at.selectbox(key="focus").set_value(None).run()
    assert query(at) == {"fade": ["1"]}  # no focus, no depth

    at.query_params["focus"] = "not-a-node"
    at.run()
    assert at.selectbox(key="focus").value is None and "focus" not in query(at)  # a forged focus is dropped
    assert "not-a-node" in at.warning[0].value.replace("\\", "")

    at.query_params.clear()
    at.query_params["lang"] = "ko"
    at.run()
    assert "이니텍 · 기업" in at.selectbox(key="focus").options


def test_clear_focus_goes_back_to_the_same_view_without_the_focus():
    # a button on this page (Streamlit ignores a page link to the page shown); it keeps the filter and fading
    at = run_network(focus="initech", depth="2", sector="security", fade="1", lang="en")
    assert page_links_shown(at) == []
    at.button(key="clear_focus").click().run()
    assert query(at) == {"sector": ["security"], "fade": ["1"]}
    assert not any(h.startswith("Details") for h in headings(at))
    assert any("Click a node or choose one" in i.value for i in at.info)


def test_focus_and_depth_two_in_the_url():
    at = run_network(focus="initech", depth="2", lang="en")
    ids = [n["id"] for n in graph_data(at)["nodes"]]
    assert len(ids) == 11 and "initech" in ids and "kim-dong-yeon" in ids
    assert query(at)["depth"] == ["2"] and at.button_group(key="depth").value == 2


def test_a_network_too_big_to_read_asks_for_a_narrower_view(tmp_path, monkeypatch):
    """At 10x the real data the whole network is past the readable size: no drawing, a clear message, and the
    table still lists every relation; a sector filter brings the drawing back."""
    import importlib.util

    from components.views.network_layout import MAX_DRAWN_NODES
    from tests.apptest_helpers import open_page, tables

    spec = importlib.util.spec_from_file_location("scale_data", ROOT / "bench" / "scale_data.py")
    scale_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale_data)
    scale_data.make_scaled(ROOT / "data", tmp_path / "x10", 10)
    monkeypatch.setenv("KRCN_DATA_DIR", str(tmp_path / "x10"))
    at = open_page("network", lang="en")
    assert not at.exception
    message = next(i.value for i in at.info if "too many to read" in i.value)
    assert f"the limit is {MAX_DRAWN_NODES}" in message
    assert [el for el in at.get("bidi_component") if el.key == "network_graph"] == []
    from components.data.dataset import load_dataset
    from components.views.event_scope import scope_dataset

    first_story = scope_dataset(load_dataset(ROOT / "data"))  # no ?event=: the first story, ten times over
    assert tables(at)[0].shape[0] == 10 * len(first_story.relations)
    small = open_page("network", lang="en", sector="security")
    assert not any("too many to read" in i.value for i in small.info)
    assert len(graph_data(small)["nodes"]) <= MAX_DRAWN_NODES
