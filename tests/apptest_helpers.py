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
    """Open every lazy expander (components.web.frame.lazy_expander) on the page and rerun: their content runs
    only while open. Repeats while opening one reveals more (e.g. a filter change)."""
    from components.web.frame import LAZY_PREFIX

    for _ in range(3):
        closed = [k for k in at.session_state.keys() if str(k).startswith(LAZY_PREFIX) and not at.session_state[k]]
        if not closed:
            break
        for key in closed:
            at.session_state[key] = True
        at.run()
    return at


def all_text(at: AppTest) -> str:
    """Text of every markdown-ish element and stat card, for 'is it shown' assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "")))
    for card in stats(at):
        parts += [card["label"], card["value"], *card["notes"]]
    return "\n".join(parts)


def _decoded(element) -> dict:
    """A component element's data, as JSON (bytes, mixed or plain JSON)."""
    import json

    proto = element.proto
    kind = proto.WhichOneof("data")
    if kind == "bytes":
        return json.loads(proto.bytes.decode("utf-8"))
    return json.loads(proto.mixed.json if kind == "mixed" else proto.json)


def payloads(at: AppTest, *names: str) -> list[dict]:
    """The data of every one of the app's own components named `names` on the page, in page order."""
    return [_decoded(el) for el in at.get("bidi_component") if el.proto.component_name in names]


def chart_payloads(at: AppTest) -> list[dict]:
    """The data of every chart component on the page (components/ui_chart.py): bars or sankey, alt, text."""
    return payloads(at, "krcn_chart")


def sankey_specs(at: AppTest) -> list[dict]:
    """The Sankey diagrams on the page (components/mou.sankey_spec), in page order."""
    return [payload["sankey"] for payload in chart_payloads(at) if "sankey" in payload]


def bar_charts(at: AppTest) -> list[dict]:
    """The bar charts the app draws itself (components/chart_render.bar_spec), in page order."""
    return [payload["bars"] for payload in chart_payloads(at) if "bars" in payload]


def table_payloads(at: AppTest) -> list[dict]:
    """The data of every table component on the page (components/ui_table.py), in page order."""
    return payloads(at, "krcn_table")


def _cell_value(kind: str, cell: object) -> object:
    """A payload cell as the frame held it: a number's value, a link's address (or its text when it is no
    link), a yes/no as bool, text as text."""
    if kind == "number":
        value, text = cell
        if value is None:
            return None
        return int(value) if float(value).is_integer() else value
    if kind == "link":
        href, text = cell
        return href if href is not None else (text or None)
    return cell


def tables(at: AppTest) -> list:
    """Every table on the page as a DataFrame whose columns are the table's column keys (and `id`, the rows'
    ids, when the table carries them)."""
    import pandas as pd

    out = []
    for payload in table_payloads(at):
        columns = payload["columns"]
        rows = [[_cell_value(c["kind"], cell) for c, cell in zip(columns, row)] for row in payload["rows"]]
        frame = pd.DataFrame(rows, columns=[c["key"] for c in columns], dtype=object)
        if "ids" in payload and "id" not in frame.columns:
            frame.insert(0, "id", payload["ids"])
        out.append(frame)
    return out


def component_data(at: AppTest, key: str) -> dict:
    """The JSON data of the component with user key `key` (one of the app's own components)."""
    (element,) = [el for el in at.get("bidi_component") if el.key == key]
    return _decoded(element)


def control_values(at: AppTest, key: str) -> dict[str, object]:
    """name -> value of the controls in the controls component `key` (e.g. the sidebar's 'frame_controls')."""
    return {c["name"]: c["value"] for c in component_data(at, key)["controls"]}


def nav_labels(at: AppTest) -> list[str]:
    """The sidebar's page links, as their labels read."""
    return [link["label"] for link in component_data(at, "frame_nav")["links"]]


def component_event(at: AppTest, key: str, event: str, value: object, timeout: float | None = None) -> AppTest:
    """Run the app as after the browser component `key` sent `setTriggerValue(event, value)`: AppTest runs no
    JavaScript, so the trigger is added to the widget states the next run receives, as the browser would send it.
    (Uses Streamlit 1.67's trigger id scheme; a change there fails these tests rather than passing them.)"""
    import json

    from streamlit.components.v2.bidi_component.main import _make_trigger_id

    (element,) = [el for el in at.get("bidi_component") if el.key == key]
    tree = at._tree
    states = tree.get_widget_states()
    trigger = states.widgets.add()
    trigger.id = _make_trigger_id(element.proto.id, "events")
    trigger.json_trigger_value = json.dumps([{"event": event, "value": value}])
    return tree._runner._run(states, timeout=timeout)


def change_control(at: AppTest, key: str, name: str, value: object) -> AppTest:
    """As a visitor changing control `name` of the controls component `key` to `value` (then the page runs)."""
    return component_event(at, key, "change", {"name": name, "value": value})


def page_links_shown(at: AppTest) -> list[dict]:
    """Every link to a page of the app in the page's body (the sidebar's list left out), in page order: each a
    dict with label, path, query, note."""
    return [
        link
        for el in at.get("bidi_component")
        if el.proto.component_name == "krcn_links" and el.key != "frame_nav"
        for link in _decoded(el)["links"]
    ]


def stats(at: AppTest) -> list[dict]:
    """Every stat card on the page (components/ui_frame.stat), in page order: label, value, notes."""
    return payloads(at, "krcn_stat")


def download_buttons(at: AppTest) -> list[dict]:
    """Every download button on the page (components/ui_frame.download_button), in page order: label, help,
    disabled, primary (and `file` in the run after a click)."""
    return payloads(at, "krcn_download")


def download_file(at: AppTest, key: str) -> tuple[AppTest, str, bytes]:
    """Click download button `key` as the browser would; (the next run, the file's name, its bytes)."""
    import base64

    at = component_event(at, key, "requested", 1)
    file = component_data(at, key)["file"]
    assert file["nonce"] == 1 and not file.get("failed"), file
    return at, file["name"], base64.b64decode(file["base64"])
