"""What the browser draws for a Plotly figure (no streamlit): the chart component's data, HTML, CSS and JS.

The pages build their charts as plotly.py figures and draw them with the app's own inline component and a
partial plotly.js (core, bar, sankey and the Korean locale: static/vendor/plotly, see its README) instead of
`st.plotly_chart`, whose module carries all of plotly.js: 4.7 MB that every first visit downloads and parses,
about 0.8 s of a page load on the benchmark machine; the partial bundle is 1.3 MB. The figure travels as
compact JSON in the component's data; data text in a figure is escaped by the figure builders (plotly reads a
few HTML tags in labels), and nothing from the data is written into the component's HTML.
"""
from __future__ import annotations

import json
from pathlib import Path

from components.component_js import FONT_STACK

ROOT = Path(__file__).resolve().parent.parent
PLOTLY_JS_VERSION = "4.1.1"  # the version plotly.py 7.1 writes figures for (its own bundled plotly.min.js)
PLOTLY_FILE = ROOT / "static" / "vendor" / "plotly" / "plotly-krcn.min.js"
PLOTLY_ASSET = f"app/static/vendor/plotly/plotly-krcn.min.js?v={PLOTLY_JS_VERSION}"
# The mode bar without the tools a reader of a bar chart never needs (and without the Plotly logo);
# "download as PNG" stays: plotly.js draws it in the browser.
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d"]}
# Defaults for every figure (a figure's own settings win): the app's fonts, a transparent background that
# follows the page, and text in the page's colour (the component fills `font.color` from the page when unset).
LAYOUT_DEFAULTS = {
    "font": {"family": FONT_STACK, "size": 14},
    "hoverlabel": {"font": {"family": FONT_STACK, "size": 13}},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
}
LOCALES = {"ko": "ko", "en": "en"}


def _with_defaults(values: dict, defaults: dict) -> dict:
    merged = dict(values)
    for key, default in defaults.items():
        if isinstance(default, dict) and isinstance(merged.get(key), dict):
            merged[key] = _with_defaults(merged[key], default)
        else:
            merged.setdefault(key, default)
    return merged


def figure_spec(figure) -> dict:
    """The figure as plotly.js reads it, without plotly.py's template (about 8 KB of styles the dashboard does
    not use) and with the app's layout defaults."""
    spec = json.loads(figure.to_json())  # plotly.py's encoder: numpy arrays, dates and NaN become JSON
    layout = spec.get("layout", {})
    layout.pop("template", None)
    spec["layout"] = _with_defaults(layout, LAYOUT_DEFAULTS)
    return {"data": spec.get("data", []), "layout": spec["layout"]}


def summary_alt(title: str, items) -> str:
    """A chart's accessible name: its title, then every bar as "label value" (the table has the details)."""
    return f"{title}: " + "; ".join(f"{label} {value}" for label, value in items)


def chart_payload(figure, *, lang: str, alt: str, text: dict[str, str], config: dict | None = None) -> bytes:
    """The component's data: figure, plotly.js config (locale by language), the chart's text alternative
    (its accessible name) and the loading/failure messages; compact UTF-8 JSON."""
    payload = {
        "asset": PLOTLY_ASSET,
        "figure": figure_spec(figure),
        "config": {**(config or CHART_CONFIG), "locale": LOCALES.get(lang, "en")},
        "alt": alt,
        "text": text,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


CHART_HTML = (
    '<div class="krcn-chart" role="figure" data-state="loading">'
    '<div class="krcn-chart-plot"></div>'
    '<p class="krcn-chart-status" role="status" aria-live="polite"></p>'
    "</div>"
)
