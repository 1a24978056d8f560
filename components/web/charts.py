"""Charts drawn by the app's own inline component (st.components.v2, no iframe, no chart library): bar charts
from plotly figures and the MOU's Sankey; see components/web/render/chart.py for why not `st.plotly_chart` by
default. Under each chart a toggle (a per-visitor display preference, kept in session state) draws the same
plotly figure with `st.plotly_chart` instead: plotly.js comes from Streamlit's own bundle on this app's server,
loaded only by a visitor who asks for it."""
from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from components.data.dataset import Dataset
from components.i18n import t
from components.views.mou import sankey_figure
from components.web.kit import component_stub
from components.web.render.chart import CHART_HTML, PLOTLY_CHUNK_MB, chart_data, encode, interactive_config, sankey_data

_chart = st.components.v2.component("krcn_chart", html=CHART_HTML, js=component_stub("chart"), isolate_styles=False)


def _payload(data: Dataset, lang: str, alt: str, to_data: Callable, build: Callable, args: tuple) -> bytes:
    """The component's data: `to_data` (chart_data or sankey_data) of what `build(data, *args)` returns."""
    return encode(to_data(build(data, *args), alt=alt, text={"failed": t("chart.failed", lang)}))


def _sankey_plotly(data: Dataset, spec_fn: Callable[..., dict], args: tuple):
    return sankey_figure(data.memo(spec_fn, *args))


def interactive_toggle(view, key: str) -> bool:
    """The "interactive chart" toggle of chart `key`, off by default. Its value is remembered in session state
    (not the URL: a display preference, not part of what a shared link shows), also across page switches, which
    drop a widget's own state."""
    remembered = f"krcn_interactive:{key}"

    def remember() -> None:
        st.session_state[remembered] = st.session_state[f"{key}_interactive"]

    return st.toggle(
        view.t("chart.interactive.label", **PLOTLY_CHUNK_MB),
        value=bool(st.session_state.get(remembered, False)),
        key=f"{key}_interactive",
        help=view.t("chart.interactive.help"),
        on_change=remember,
    )


def _draw(view, key: str, alt: str, light: bytes | Callable[[], bytes], figure: Callable[[], object]) -> None:
    """The light chart, or with the toggle under it on, the plotly figure in its place."""
    slot = st.container()
    interactive = interactive_toggle(view, key)
    with slot:
        if interactive:
            st.plotly_chart(figure(), key=f"{key}_plotly", config=interactive_config(key), alt=alt)
        else:
            _chart(key=key, data=light(), height="content")


def plotly_chart(view, key: str, alt: str, figure_fn: Callable[..., object], *args: Hashable,
                 data: Dataset | None = None) -> None:
    """Draw `figure_fn(view.data, *args)` (or of `data`: /timeline and /regions chart every event), a one-trace
    horizontal bar figure (plotly); `alt` is its accessible name (the numbers are in the table under it). The
    component's data is built once per view: `figure_fn` must be a module-level function and `args` hashable
    (language, filter, unit...)."""
    data = view.data if data is None else data
    _draw(
        view, key, alt,
        lambda: data.memo(_payload, view.lang, alt, chart_data, figure_fn, args),
        lambda: data.memo(figure_fn, *args),
    )


def sankey_chart(view, key: str, alt: str, spec_fn: Callable[..., dict], *args: Hashable) -> None:
    """Draw the Sankey `spec_fn(view.data, *args)` returns (`mou.sankey_spec`), memoised like `plotly_chart`;
    its interactive form is `mou.sankey_figure` of the same spec."""
    _draw(
        view, key, alt,
        lambda: view.data.memo(_payload, view.lang, alt, sankey_data, spec_fn, args),
        lambda: view.data.memo(_sankey_plotly, spec_fn, args),
    )


def map_chart(view, key: str, alt: str, light_html: Callable[[], str], figure: Callable[[], object]) -> None:
    """A map: the light picture (`light_html`, an image the server drew), or with the toggle under it on, the
    plotly `scattergeo` figure, its geography read from this app's own server (plotly.js would ask its CDN)."""
    from components.views.geo import TOPOJSON_URL

    slot = st.container()
    interactive = interactive_toggle(view, key)
    with slot:
        if interactive:
            config = {**interactive_config(key), "topojsonURL": TOPOJSON_URL}
            st.plotly_chart(figure(), key=f"{key}_plotly", config=config, alt=alt)
        else:
            st.html(light_html())
