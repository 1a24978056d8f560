"""components/chart_render.py: what the chart component receives, on tiny figures with exact assertions."""
from __future__ import annotations

import json
import math

import plotly.graph_objects as go
import pytest

from components.web.render.chart import (
    CHART_HTML,
    bar_spec,
    chart_data,
    encode,
    figure_spec,
    plain_text,
    sankey_data,
    summary_alt,
)

TEXT = {"failed": "Could not draw"}


def bar(**layout) -> go.Figure:
    figure = go.Figure(go.Bar(x=[3, math.nan], y=["Shanghai (上海)", "&lt;b&gt;"], orientation="h"))
    figure.update_layout(**layout)
    return figure


def test_spec_is_plain_json_without_the_template():
    spec = figure_spec(bar(height=240))
    assert set(spec) == {"data", "layout"}
    assert spec["layout"] == {"height": 240}  # plotly.py's template (about 8 KB) dropped
    assert spec["data"] == [{"type": "bar", "x": [3, None], "y": ["Shanghai (上海)", "&lt;b&gt;"], "orientation": "h"}]


def test_payload_is_compact_utf8_json_with_alt_text_and_bars():
    raw = encode(chart_data(go.Figure(go.Bar(x=[3], y=["상하이"], orientation="h")), alt="상하이: 3", text=TEXT))
    payload = json.loads(raw.decode("utf-8"))
    assert raw == json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert set(payload) == {"alt", "text", "bars"}
    assert payload["alt"] == "상하이: 3"
    assert payload["text"] == TEXT
    assert "상하이" in raw.decode("utf-8")  # UTF-8, not \\u escapes: fewer bytes per Korean character


def test_sankey_data_carries_the_spec_as_it_comes():
    spec = {"height": 240, "columns": [], "nodes": [], "links": [], "legend": []}
    assert sankey_data(spec, alt="Map", text=TEXT) == {"alt": "Map", "text": TEXT, "sankey": spec}


def test_summary_alt_lists_every_bar():
    assert summary_alt("Sectors", [("AI", 4), ("Cloud", 2)]) == "Sectors: AI 4; Cloud 2"
    assert summary_alt("Empty", []) == "Empty: "


def test_component_html_is_fixed():
    assert "{" not in CHART_HTML  # a fixed string: nothing from the data is formatted into it


def test_bar_spec_of_a_horizontal_bar_figure():
    fig = go.Figure(
        go.Bar(
            x=[3, 1], y=["A &lt;b&gt;", "B"], orientation="h", text=["3 · x", "1 · y"], textposition="inside",
            marker={"color": ["#0072B2", "#E69F00"], "opacity": [1, 0.45], "pattern": {"shape": ["", "/"]}},
            textfont={"color": ["#FFFFFF", "#1F2A36"]}, customdata=[["c0"], ["c1"]],
            hovertemplate="<b>%{y}</b><br>%{x} firms<br>%{customdata[0]}<extra></extra>",
        )
    )
    fig.update_layout(xaxis={"dtick": 1, "range": [0, 3.15], "title": {"text": "Firms"}}, yaxis={"autorange": "reversed"})
    assert bar_spec(figure_spec(fig)) == {
        "bars": [
            {"label": "A <b>", "value": 3, "text": "3 · x", "color": "#0072B2", "opacity": 1, "hatched": False,
             "textColor": "#FFFFFF", "hover": "A <b>\n3 firms\nc0"},
            {"label": "B", "value": 1, "text": "1 · y", "color": "#E69F00", "opacity": 0.45, "hatched": True,
             "textColor": "#1F2A36", "hover": "B\n1 firms\nc1"},
        ],
        "max": 3.15,
        "axis": {"title": "Firms", "ticks": [{"value": i, "text": str(i)} for i in range(4)]},
        "textPosition": "inside",
    }


def test_bar_spec_order_scalars_and_hidden_axis():
    fig = go.Figure(go.Bar(x=[1.5, 2000], y=["first", "second"], orientation="h", marker={"color": "#D55E00"},
                           text="same", textposition="outside"))
    fig.update_layout(xaxis={"showticklabels": False})
    spec = bar_spec(figure_spec(fig))
    # plotly draws the first category at the bottom unless the axis is reversed: top to bottom here
    assert [b["label"] for b in spec["bars"]] == ["second", "first"]
    assert [b["color"] for b in spec["bars"]] == ["#D55E00", "#D55E00"]
    assert [b["text"] for b in spec["bars"]] == ["same", "same"]
    assert spec["axis"] is None and spec["max"] == 2000 and spec["textPosition"] == "outside"
    assert spec["bars"][0]["hover"] == ""


@pytest.mark.parametrize(
    "figure",
    [
        go.Figure(go.Bar(x=["a", "b"], y=[1, 2])),  # vertical
        go.Figure([go.Bar(x=[1], y=["a"], orientation="h"), go.Bar(x=[2], y=["a"], orientation="h")]),  # two traces
        go.Figure(go.Sankey(node={"label": ["a", "b"]}, link={"source": [0], "target": [1], "value": [1]})),
        go.Figure(go.Bar(x=["n/a"], y=["a"], orientation="h")),  # a value that is no number
    ],
)
def test_a_figure_the_app_cannot_draw_is_refused(figure):
    # no chart library reaches the browser: such a figure is a programming error, not a silent blank chart
    assert bar_spec(figure_spec(figure)) is None
    with pytest.raises(ValueError, match="bar figures"):
        chart_data(figure, alt="x", text={})


def test_plain_text():
    assert plain_text("<b>A</b><br>B &lt;1&gt; &amp; &quot;q&quot;") == 'A\nB <1> & "q"'
    assert plain_text(None) == ""
