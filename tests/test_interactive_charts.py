"""The opt-in interactive chart (components/web/charts.py): under every light chart a toggle, off by default; on,
the same plotly figure is drawn by st.plotly_chart in the light chart's place, with no plotly logo, and the
preference is kept in session state. AppTest runs no JavaScript: the browser side is in
tests/browser/test_charts.py."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import streamlit

from components.data.dataset import load_dataset
from components.i18n import t
from components.views import economy as eco
from components.views.delegation import sector_chart
from components.views.mou import sankey_figure, sankey_spec
from components.web.render.chart import PLOTLY_CHUNK_MB, interactive_config
from tests.apptest_helpers import open_page

DATA = load_dataset()


def plotly_charts(at) -> list:
    return list(at.get("plotly_chart"))


def light_keys(at) -> list[str]:
    return [el.key for el in at.get("bidi_component") if el.proto.component_name.endswith("krcn_chart")]


def same_figure(proto, figure) -> None:
    """What st.plotly_chart sent is the figure the page builds: every trace, and the layout but for the template."""
    sent, built = json.loads(proto.spec), json.loads(figure.to_json())
    assert sent["data"] == built["data"]
    sent["layout"].pop("template", None)
    built["layout"].pop("template", None)
    assert sent["layout"] == built["layout"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_economy_draws_plotly_only_for_the_chart_switched_on(lang):
    at = open_page("economy", lang=lang)
    keys = ["chart_regions", "chart_province_gdp", "chart_city_gdp", "chart_tencent"]
    assert [tg.key for tg in at.toggle] == [f"{k}_interactive" for k in keys]
    assert all(tg.value is False for tg in at.toggle)
    assert {tg.label for tg in at.toggle} == {t("chart.interactive.label", lang, **PLOTLY_CHUNK_MB)}
    assert plotly_charts(at) == [] and light_keys(at) == keys

    at.toggle(key="chart_city_gdp_interactive").set_value(True).run()
    assert not at.exception
    (chart,) = plotly_charts(at)
    same_figure(chart.proto, eco.section_figure(DATA, "city_gdp", "usd", lang))
    assert json.loads(chart.proto.config) == interactive_config("chart_city_gdp")
    assert json.loads(chart.proto.config)["displaylogo"] is False
    assert chart.proto.alt.startswith(t("economy.ranking.cities", lang) + ": ")  # the light chart's accessible name
    assert light_keys(at) == ["chart_regions", "chart_province_gdp", "chart_tencent"]  # in the light chart's place
    assert at.session_state["krcn_interactive:chart_city_gdp"] is True  # the preference, not a URL parameter
    assert "interactive" not in "".join(at.query_params.keys())

    at.toggle(key="chart_city_gdp_interactive").set_value(False).run()
    assert plotly_charts(at) == [] and light_keys(at) == keys


def test_the_interactive_figure_follows_the_unit():
    at = open_page("economy", lang="en", unit="krw")
    at.toggle(key="chart_regions_interactive").set_value(True).run()
    (chart,) = plotly_charts(at)
    same_figure(chart.proto, eco.section_figure(DATA, "regions", "krw", "en"))


def test_delegation_sector_chart_with_a_filter():
    at = open_page("delegation", lang="ko", sector="cloud")
    assert plotly_charts(at) == []
    at.toggle(key="chart_sectors_interactive").set_value(True).run()
    assert not at.exception
    (chart,) = plotly_charts(at)
    same_figure(chart.proto, sector_chart(DATA, "ko", ("cloud",)))


def test_mou_sankey_as_plotly_is_the_same_spec():
    at = open_page("mou", lang="en")
    assert [tg.key for tg in at.toggle] == ["mou_sankey_interactive"]
    at.toggle(key="mou_sankey_interactive").set_value(True).run()
    assert not at.exception
    (chart,) = plotly_charts(at)
    same_figure(chart.proto, sankey_figure(sankey_spec(DATA, "en")))
    assert "mou_sankey" not in light_keys(at)


def test_sankey_figure_draws_the_specs_nodes_links_colours_and_hover_text():
    spec = sankey_spec(DATA, "ko")
    figure = sankey_figure(spec)
    (trace,) = figure.data
    assert trace.type == "sankey" and trace.arrangement == "fixed"
    assert list(trace.node.color) == [n["color"] for n in spec["nodes"]]
    assert list(trace.node.x) == [(0.001, 0.5, 0.999)[n["column"]] for n in spec["nodes"]]
    assert list(trace.node.y) == [round((n["y0"] + n["y1"]) / 2, 4) for n in spec["nodes"]]
    assert list(trace.link.source) == [link["source"] for link in spec["links"]]
    assert list(trace.link.target) == [link["target"] for link in spec["links"]]
    assert list(trace.link.color) == [link["color"] for link in spec["links"]]
    assert list(trace.link.value) == [1] * len(spec["links"])
    assert list(trace.node.customdata)[0] == spec["nodes"][0]["title"].replace("\n", "<br>")
    titles = [a.text for a in figure.layout.annotations][:3]
    assert titles == [c["title"] for c in spec["columns"]]


def test_sankey_figure_escapes_data_text():
    spec = {
        "height": 240,
        "columns": [{"title": "A", "note": ""}, {"title": "B", "note": ""}, {"title": "C", "note": "none"}],
        "nodes": [
            {"label": "<b>x</b> & y", "color": "#0072B2", "column": 0, "y0": 0.1, "y1": 0.3, "title": "<b>x</b>\nkind"},
            {"label": "s", "color": "#E69F00", "column": 1, "y0": 0.1, "y1": 0.3, "title": "s\nsector"},
        ],
        "links": [{"source": 0, "target": 1, "color": "#999", "inferred": False, "title": "<i>a</i> → s\nstated"}],
        "legend": [{"color": "#0072B2", "label": "<script>"}],
    }
    figure = sankey_figure(spec)
    (trace,) = figure.data
    assert list(trace.node.label) == ["&lt;b&gt;x&lt;/b&gt; &amp; y", "s"]
    assert list(trace.node.customdata) == ["&lt;b&gt;x&lt;/b&gt;<br>kind", "s<br>sector"]
    assert list(trace.link.customdata) == ["&lt;i&gt;a&lt;/i&gt; → s<br>stated"]
    assert [a.text for a in figure.layout.annotations][2:] == ["C (none)", '<span style="color:#0072B2">■</span> &lt;script&gt;']


def test_the_toggle_label_states_the_size_of_streamlits_plotly_chunk():
    """The label's numbers are the installed Streamlit's plotly chunk, raw (as Streamlit's server sends it) and
    gzipped (as a compressing proxy would), rounded to 0.1 MB."""
    static = Path(streamlit.__file__).parent / "static" / "static" / "js"
    (chunk,) = static.glob("PlotlyChart.*.js")
    raw = chunk.read_bytes()
    assert PLOTLY_CHUNK_MB == {"raw": f"{len(raw) / 1e6:.1f}", "gzip": f"{len(gzip.compress(raw, 9)) / 1e6:.1f}"}
    for lang in ("ko", "en"):
        label = t("chart.interactive.label", lang, **PLOTLY_CHUNK_MB)
        assert PLOTLY_CHUNK_MB["raw"] in label and PLOTLY_CHUNK_MB["gzip"] in label


def test_the_choice_is_remembered_for_the_session_across_pages():
    at = open_page("economy", lang="en")
    at.toggle(key="chart_tencent_interactive").set_value(True).run()
    at.switch_page("pages/delegation.py").run()
    assert not at.exception and plotly_charts(at) == []  # a preference per chart: the others stay light
    at.switch_page("pages/economy.py").run()
    assert not at.exception
    assert at.toggle(key="chart_tencent_interactive").value is True
    (chart,) = plotly_charts(at)
    same_figure(chart.proto, eco.section_figure(DATA, "tencent", "usd", "en"))
