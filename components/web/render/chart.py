"""What the browser draws for a chart (no streamlit): the chart component's data and HTML.

The pages build their bar charts as plotly.py figures (pure, tested, and the figure is what a reader of the code
knows); `bar_spec` turns such a figure into what the app's own chart component draws (static/krcn/chart.js). The
MOU's Sankey comes ready to draw from `mou.sankey_spec`. By default no chart library reaches the browser: `st.plotly_chart`
would load Streamlit's chart module with all of plotly.js (4.7 MB, about 0.8 s of a first visit on the benchmark
machine), and even a partial plotly.js (1.3 MB) cost the MOU page ~200 ms for its one Sankey. Text travels as
data and is written by the browser as text, never as markup; nothing from the data is written into the
component's HTML.

A visitor who wants plotly's own chart (hover, PNG download) switches on the toggle under a chart
(components/web/charts.py): the same figure then goes to `st.plotly_chart` with `interactive_config`, and only then
does the browser fetch Streamlit's plotly chunk (`PLOTLY_CHUNK_MB`, from the app's own server).
"""
from __future__ import annotations

import json
import re

from components.views.formatting import format_number

# Streamlit 1.67.0's plotly chunk (streamlit/static/static/js/PlotlyChart.D9Z0_fxz.js, all of plotly.js):
# 4,715,877 bytes, 1,415,634 gzipped (gzip -9). Streamlit's own server sends it uncompressed; the app's server
# (app.py's st.App) gzips it, so a visitor fetches about the smaller size. tests/test_chart_render.py checks these against the installed Streamlit.
PLOTLY_CHUNK_MB = {"raw": "4.7", "gzip": "1.4"}


def interactive_config(key: str) -> dict:
    """plotly.js's config for the opt-in interactive chart: no plotly logo or link, no box/lasso selection (there
    is nothing to select), the camera button saves a PNG (drawn in the browser: it works offline)."""
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": f"krcn-{key}", "scale": 2},
    }


def figure_spec(figure) -> dict:
    """The figure as plain JSON data (plotly.py's encoder: numpy arrays, dates and NaN become JSON), without
    plotly.py's template."""
    spec = json.loads(figure.to_json())
    layout = spec.get("layout", {})
    layout.pop("template", None)
    return {"data": spec.get("data", []), "layout": layout}


def summary_alt(title: str, items) -> str:
    """A chart's accessible name: its title, then every bar as "label value" (the table has the details)."""
    return f"{title}: " + "; ".join(f"{label} {value}" for label, value in items)


def encode(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def chart_data(figure, *, alt: str, text: dict[str, str]) -> dict:
    """The component's data for a plotly figure: the chart's text alternative (its accessible name), the
    failure message and `bars` (see `bar_spec`). A figure the app cannot draw is a programming error, caught by
    the tests: ValueError."""
    bars = bar_spec(figure_spec(figure))
    if bars is None:
        raise ValueError("only one-trace horizontal bar figures are drawn (see chart_render.bar_spec)")
    return {"alt": alt, "text": text, "bars": bars}


def sankey_data(spec: dict, *, alt: str, text: dict[str, str]) -> dict:
    """The component's data for a Sankey (`mou.sankey_spec`): drawn as it comes, named by `alt`."""
    return {"alt": alt, "text": text, "sankey": spec}


# --- horizontal bar charts without plotly.js ------------------------------------------------------------------
# The dashboard's bar charts are one horizontal bar trace each: a label, a bar and its value written beside or
# inside it. plotly.js (~150 ms of a first visit on the benchmark machine for two charts) draws them no better
# than a few HTML elements do: `bar_spec` turns such a figure into what static/krcn/chart.js draws
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
    trace; None for any other figure. Bars top to bottom as plotly shows them; each with
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
