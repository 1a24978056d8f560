"""Plotly figures drawn by the app's own inline component (st.components.v2, no iframe) with the vendored
partial plotly.js; see components/chart_render.py for why not `st.plotly_chart`."""
from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from components.chart_render import CHART_HTML, chart_payload
from components.component_js import component_stub
from components.dataset import Dataset
from components.i18n import t

_chart_component = st.components.v2.component(
    "krcn_chart",
    html=CHART_HTML,
    js=component_stub("chart"),
    isolate_styles=False,  # plotly.js adds its styles (mode bar, hover labels) to document.head
)


def _payload(data: Dataset, lang: str, alt: str, figure_fn: Callable, args: tuple) -> bytes:
    text = {"loading": t("chart.loading", lang), "failed": t("chart.failed", lang)}
    return chart_payload(figure_fn(data, *args), lang=lang, alt=alt, text=text)


def plotly_chart(view, key: str, alt: str, figure_fn: Callable[..., object], *args: Hashable) -> None:
    """Draw `figure_fn(view.data, *args)` (a plotly figure); `alt` is its accessible name (the numbers are in
    the table under it). The component's data is built once per view: `figure_fn` must be a module-level
    function and `args` hashable (language, filter, unit...)."""
    data = view.data.memo(_payload, view.lang, alt, figure_fn, args)
    _chart_component(key=key, data=data, height="content")
