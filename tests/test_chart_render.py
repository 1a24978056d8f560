"""components/chart_render.py: what the chart component receives, on tiny figures with exact assertions."""
from __future__ import annotations

import hashlib
import json
import math

import plotly.graph_objects as go

from components.chart_render import (
    CHART_CONFIG,
    CHART_HTML,
    PLOTLY_ASSET,
    PLOTLY_FILE,
    PLOTLY_JS_VERSION,
    chart_payload,
    figure_spec,
    summary_alt,
)
from components.component_js import FONT_STACK

TEXT = {"loading": "Drawing…", "failed": "Could not draw"}


def bar(**layout) -> go.Figure:
    figure = go.Figure(go.Bar(x=[3, math.nan], y=["Shanghai (上海)", "&lt;b&gt;"], orientation="h"))
    figure.update_layout(**layout)
    return figure


def test_spec_drops_the_template_and_adds_the_app_defaults():
    spec = figure_spec(bar(height=240))
    assert set(spec) == {"data", "layout"}
    assert "template" not in spec["layout"]
    assert spec["layout"]["height"] == 240
    assert spec["layout"]["font"] == {"family": FONT_STACK, "size": 14}
    assert spec["layout"]["paper_bgcolor"] == "rgba(0,0,0,0)"
    assert spec["layout"]["hoverlabel"] == {"font": {"family": FONT_STACK, "size": 13}}
    assert spec["data"] == [{"type": "bar", "x": [3, None], "y": ["Shanghai (上海)", "&lt;b&gt;"], "orientation": "h"}]


def test_a_figures_own_settings_win_over_the_defaults():
    spec = figure_spec(bar(font={"size": 13}, paper_bgcolor="#FFFFFF"))
    assert spec["layout"]["font"] == {"family": FONT_STACK, "size": 13}
    assert spec["layout"]["paper_bgcolor"] == "#FFFFFF"


def test_payload_is_compact_json_with_locale_alt_and_text():
    raw = chart_payload(bar(), lang="ko", alt="상하이: 3", text=TEXT)
    payload = json.loads(raw.decode("utf-8"))
    assert raw == json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert payload["asset"] == PLOTLY_ASSET == f"app/static/vendor/plotly/plotly-krcn.min.js?v={PLOTLY_JS_VERSION}"
    assert payload["config"] == {**CHART_CONFIG, "locale": "ko"}
    assert payload["alt"] == "상하이: 3"
    assert payload["text"] == TEXT
    assert "상하이" in raw.decode("utf-8")  # UTF-8, not \\u escapes: fewer bytes per Korean character
    assert json.loads(chart_payload(bar(), lang="en", alt="", text=TEXT))["config"]["locale"] == "en"
    own = json.loads(chart_payload(bar(), lang="en", alt="", text=TEXT, config={"displaylogo": False}))
    assert own["config"] == {"displaylogo": False, "locale": "en"}


def test_summary_alt_lists_every_bar():
    assert summary_alt("Sectors", [("AI", 4), ("Cloud", 2)]) == "Sectors: AI 4; Cloud 2"
    assert summary_alt("Empty", []) == "Empty: "


def test_component_html_is_fixed():
    assert "{" not in CHART_HTML  # a fixed string: nothing from the data is formatted into it


def test_vendored_bundle_is_the_documented_version():
    head = PLOTLY_FILE.read_text(encoding="utf-8")[:300]
    assert head.startswith(f"/*! plotly.js {PLOTLY_JS_VERSION} partial bundle (core, bar, sankey, ko locale)")
    readme = (PLOTLY_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(PLOTLY_FILE.read_bytes()).hexdigest() in readme
