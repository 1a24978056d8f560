"""Charts drawn by the app's own inline component (st.components.v2, no iframe, no chart library): bar charts
from plotly figures and the MOU's Sankey; see components/chart_render.py for why not `st.plotly_chart`."""
from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from components.web.render.chart import CHART_HTML, chart_data, encode, sankey_data
from components.web.kit import component_stub
from components.data.dataset import Dataset
from components.i18n import t

_chart = st.components.v2.component("krcn_chart", html=CHART_HTML, js=component_stub("chart"), isolate_styles=False)


def _payload(data: Dataset, lang: str, alt: str, to_data: Callable, build: Callable, args: tuple) -> bytes:
    """The component's data: `to_data` (chart_data or sankey_data) of what `build(data, *args)` returns."""
    return encode(to_data(build(data, *args), alt=alt, text={"failed": t("chart.failed", lang)}))


def plotly_chart(view, key: str, alt: str, figure_fn: Callable[..., object], *args: Hashable) -> None:
    """Draw `figure_fn(view.data, *args)`, a one-trace horizontal bar figure (plotly); `alt` is its accessible
    name (the numbers are in the table under it). The component's data is built once per view: `figure_fn`
    must be a module-level function and `args` hashable (language, filter, unit...)."""
    _chart(key=key, data=view.data.memo(_payload, view.lang, alt, chart_data, figure_fn, args), height="content")


def sankey_chart(view, key: str, alt: str, spec_fn: Callable[..., dict], *args: Hashable) -> None:
    """Draw the Sankey `spec_fn(view.data, *args)` returns (`mou.sankey_spec`), memoised like `plotly_chart`."""
    _chart(key=key, data=view.data.memo(_payload, view.lang, alt, sankey_data, spec_fn, args), height="content")
