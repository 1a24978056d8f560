"""Plotly figures drawn by the app's own inline component (st.components.v2, no iframe) with the vendored
partial plotly.js; see components/chart_render.py for why not `st.plotly_chart`."""
from __future__ import annotations

import streamlit as st

from components.chart_render import CHART_CSS, CHART_HTML, CHART_JS, chart_payload
from components.ui_frame import View

_chart_component = st.components.v2.component(
    "krcn_chart",
    html=CHART_HTML,
    css=CHART_CSS,
    js=CHART_JS,
    isolate_styles=False,  # plotly.js adds its styles (mode bar, hover labels) to document.head
)


def plotly_chart(view: View, figure, key: str, alt: str, config: dict | None = None) -> None:
    """Draw `figure`; `alt` is its accessible name (the numbers themselves are in the table under it)."""
    text = {"loading": view.t("chart.loading"), "failed": view.t("chart.failed")}
    _chart_component(key=key, data=chart_payload(figure, lang=view.lang, alt=alt, text=text, config=config), height="content")
