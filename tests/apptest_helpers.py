"""Open one page of the app in streamlit.testing.v1.AppTest with given query parameters."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = {
    "overview": "pages/overview.py",
    "network": "pages/network.py",
    "delegation": "pages/delegation.py",
    "economy": "pages/economy.py",
    "mou": "pages/mou.py",
    "sources": "pages/sources.py",
}


def open_page(page: str, timeout: float = 60, expand: bool = False, **params: str | list[str]) -> AppTest:
    """Run app.py, switch to `page` and run it with `params` as the URL's query parameters; with `expand`, then
    open every lazy expander (chart numbers, profiles, schema tables) as a visitor would."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if page != "overview":
        at.run()  # AppTest needs one run of st.navigation before it can switch to a page
        at.switch_page(PAGE_FILES[page])
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if expand:
        open_lazy_expanders(at)
    return at


def open_lazy_expanders(at: AppTest) -> AppTest:
    """Open every lazy expander (components.ui_frame.lazy_expander) on the page and rerun: their content runs
    only while open. Repeats while opening one reveals more (e.g. a filter change)."""
    from components.ui_frame import LAZY_PREFIX

    for _ in range(3):
        closed = [k for k in at.session_state.keys() if str(k).startswith(LAZY_PREFIX) and not at.session_state[k]]
        if not closed:
            break
        for key in closed:
            at.session_state[key] = True
        at.run()
    return at


def all_text(at: AppTest) -> str:
    """Text of every markdown-ish element, for 'is it shown' assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "metric", "info", "warning", "error", "success"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "")))
            if kind == "metric":
                parts.append(str(element.label))
    return "\n".join(parts)


def chart_payloads(at: AppTest) -> list[dict]:
    """The data of every chart component on the page (components/ui_chart.py): figure, config, alt, text."""
    import json

    return [
        json.loads(el.proto.bytes.decode("utf-8"))
        for el in at.get("bidi_component")
        if el.proto.component_name == "krcn_chart"
    ]


def chart_specs(at: AppTest) -> list[dict]:
    """The plotly figures ({"data", "layout"}) drawn on the page, in page order."""
    return [payload["figure"] for payload in chart_payloads(at)]
