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
import re
from pathlib import Path

from components.component_js import FONT_STACK
from components.formatting import format_number

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
    """`chart_data` as the component receives it: compact UTF-8 JSON."""
    return encode(chart_data(figure, lang=lang, alt=alt, text=text, config=config))


def encode(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def chart_data(figure, *, lang: str, alt: str, text: dict[str, str], config: dict | None = None) -> dict:
    """The component's data: the chart's text alternative (its accessible name), the loading/failure messages
    and either `bars` (a horizontal bar chart, drawn by the app's own code: see `bar_spec`) or the figure with
    its plotly.js config (locale by language) for everything else (the sankey)."""
    spec = figure_spec(figure)
    payload: dict = {"alt": alt, "text": text}
    bars = bar_spec(spec)
    if bars is not None:
        payload["bars"] = bars
    else:
        payload["asset"] = PLOTLY_ASSET
        payload["figure"] = spec
        payload["config"] = {**(config or CHART_CONFIG), "locale": LOCALES.get(lang, "en")}
    return payload


# --- horizontal bar charts without plotly.js ------------------------------------------------------------------
# The dashboard's bar charts are one horizontal bar trace each: a label, a bar and its value written beside or
# inside it. plotly.js (1.3 MB, ~150 ms of a first visit on the benchmark machine for two charts) draws them no
# better than a few HTML elements do: `bar_spec` turns such a figure into what `chart` in static/krcn/ui.js draws
# (labels and values as real text, never clipped; hatching and text, not colour alone, mark a bar out).

_PLOTLY_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&"))
_TEMPLATE_FIELD = re.compile(r"%\{(x|y|text|customdata\[(\d+)\])\}")


def plain_text(text: object) -> str:
    """Text as plotly would show it, for textContent: plotly's entities decoded, its line breaks as newlines,
    its bold/italic tags dropped ("<b>A</b><br>B &lt;1&gt;" -> "A\nB <1>")."""
    value = "" if text is None else str(text)
    value = re.sub(r"<br\s*/?>", "\n", value, flags=re.IGNORECASE)
    value = re.sub(r"</?(b|i|em|strong|sup|sub)>", "", value, flags=re.IGNORECASE)
    for entity, char in _PLOTLY_ENTITIES:
        value = value.replace(entity, char)
    return value


def _each(value: object, count: int, default: object = None) -> list:
    """A per-bar property: plotly takes a list (one value a bar) or one value for all."""
    if isinstance(value, list):
        return [value[i] if i < len(value) else default for i in range(count)]
    return [default if value is None else value] * count


def _hover(template: str, x: object, y: object, text: object, custom: object) -> str:
    template = re.sub(r"<extra>.*?</extra>", "", template or "", flags=re.DOTALL)

    def field(match: re.Match) -> str:
        if match.group(1) == "x":
            return _number_text(x)
        if match.group(1) == "y":
            return str(y)
        if match.group(1) == "text":
            return str(text or "")
        index = int(match.group(2))
        return str(custom[index]) if isinstance(custom, list) and index < len(custom) else ""

    return plain_text(_TEMPLATE_FIELD.sub(field, template))


def _number_text(value: object) -> str:
    return format_number(value, "en") if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def _ticks(axis: dict, top: float) -> list[dict]:
    step = axis.get("dtick")
    if not isinstance(step, (int, float)) or step <= 0 or top <= 0:
        return []
    count = int(top // step)
    return [{"value": i * step, "text": _number_text(i * step)} for i in range(count + 1)]


def bar_spec(spec: dict) -> dict | None:
    """What the app's own bar chart draws for a plotly figure spec (`figure_spec`) with one horizontal bar
    trace; None for any other figure (drawn by plotly.js). Bars top to bottom as plotly shows them; each with
    its label, value, text (and where: inside the bar or after it), colour, opacity, hatching (a pattern shape)
    and hover text (the hovertemplate filled in, as plain text); an axis with ticks when the figure shows one."""
    traces = spec.get("data") or []
    if len(traces) != 1:
        return None
    trace, layout = traces[0], spec.get("layout") or {}
    if trace.get("type") != "bar" or trace.get("orientation") != "h":
        return None
    xs, ys = list(trace.get("x") or []), list(trace.get("y") or [])
    if len(xs) != len(ys) or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in xs):
        return None
    n = len(xs)
    marker = trace.get("marker") or {}
    pattern = (marker.get("pattern") or {}).get("shape")
    texts = _each(trace.get("text"), n, "")
    customs = _each(trace.get("customdata"), n)
    bars = [
        {
            "label": plain_text(y),
            "value": x,
            "text": plain_text(text),
            "color": color,
            "opacity": opacity,
            "hatched": bool(shape),
            "textColor": text_color,
            "hover": _hover(trace.get("hovertemplate", ""), x, y, text, custom),
        }
        for x, y, text, custom, color, opacity, shape, text_color in zip(
            xs, ys, texts, customs, _each(marker.get("color"), n, "#0072B2"), _each(marker.get("opacity"), n, 1),
            _each(pattern, n, ""), _each((trace.get("textfont") or {}).get("color"), n),
        )
    ]
    if (layout.get("yaxis") or {}).get("autorange") != "reversed":
        bars.reverse()  # plotly puts the first category at the bottom unless the axis is reversed
    xaxis = layout.get("xaxis") or {}
    top = max([*xs, 0])
    axis_range = xaxis.get("range")
    if isinstance(axis_range, list) and len(axis_range) == 2 and isinstance(axis_range[1], (int, float)):
        top = max(top, axis_range[1])
    axis = None
    if xaxis.get("showticklabels", True) is not False:
        title = xaxis.get("title")
        axis = {
            "title": plain_text(title.get("text", "") if isinstance(title, dict) else title or ""),
            "ticks": _ticks(xaxis, top),
        }
    position = trace.get("textposition", "auto")
    return {"bars": bars, "max": top, "axis": axis, "textPosition": "inside" if position == "inside" else "outside"}


CHART_HTML = (
    '<div class="krcn-chart" role="figure" data-state="loading">'
    '<div class="krcn-chart-plot"></div>'
    '<p class="krcn-chart-status" role="status" aria-live="polite"></p>'
    "</div>"
)
