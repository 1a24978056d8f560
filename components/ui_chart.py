"""Plotly figures drawn by the app's own inline component (st.components.v2, no iframe): horizontal bar charts by
the app's own code, the rest by the vendored partial plotly.js; see components/chart_render.py for why not
`st.plotly_chart`."""
from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from components.chart_render import CHART_HTML, PLOTLY_ASSET, chart_data, encode
from components.component_js import component_stub
from components.dataset import Dataset
from components.i18n import t

# Two components, one renderer: bar charts drawn by the app's own code, and figures for plotly.js (the sankey),
# whose component starts fetching plotly.js as soon as it is on the page.
_bar_chart = st.components.v2.component(
    "krcn_chart", html=CHART_HTML, js=component_stub("chart"), isolate_styles=False
)
_plotly_chart = st.components.v2.component(
    "krcn_plotly_chart",
    html=CHART_HTML,
    js=component_stub("chart", preload=(PLOTLY_ASSET,)),
    isolate_styles=False,  # plotly.js adds its styles (mode bar, hover labels) to document.head
)


def _payload(data: Dataset, lang: str, alt: str, figure_fn: Callable, args: tuple) -> tuple[bool, bytes]:
    """(drawn as bars, the component's data)."""
    text = {"loading": t("chart.loading", lang), "failed": t("chart.failed", lang)}
    chart = chart_data(figure_fn(data, *args), lang=lang, alt=alt, text=text)
    return "bars" in chart, encode(chart)


def plotly_chart(view, key: str, alt: str, figure_fn: Callable[..., object], *args: Hashable) -> None:
    """Draw `figure_fn(view.data, *args)` (a plotly figure); `alt` is its accessible name (the numbers are in
    the table under it). The component's data is built once per view: `figure_fn` must be a module-level
    function and `args` hashable (language, filter, unit...)."""
    bars, data = view.data.memo(_payload, view.lang, alt, figure_fn, args)
    (_bar_chart if bars else _plotly_chart)(key=key, data=data, height="content")
