"""Open one page of the app in streamlit.testing.v1.AppTest with given query parameters, and read what a visitor
sees. Streamlit's widgets are reached through AppTest's own API by their key, which is the URL parameter they
are bound to: `at.radio(key="lang")`, `at.multiselect(key="sector")`, `at.selectbox(key="focus")`,
`at.button_group(key="depth")` (segmented control, pills), `at.toggle(key="fade")`; `query(at)` is the URL."""
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
    "regions": "pages/regions.py",
    "timeline": "pages/timeline.py",
    "story": "pages/story.py",
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
    """Text of every markdown-ish element and headline figure (st.metric), for 'is it shown' assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "")))
    for metric in at.metric:
        parts += [metric.label, metric.value]
    return "\n".join(parts)


def _in_order(node):
    children = getattr(node, "children", None)
    for child in (children or {}).values():
        yield child
        yield from _in_order(child)


def headings(at: AppTest, level: int = 2) -> list[str]:
    """The page body's headings of one level (2: h2, 3: h3) in page order, as written: st.header / st.subheader
    elements and the headings a markdown element opens with (components/web/frame.py `section_heading`)."""
    kind = {2: "header", 3: "subheader"}[level]
    found = []
    for element in _in_order(at.main):
        if getattr(element, "type", None) == kind:
            found.append(element.value)
        elif getattr(element, "type", None) == "markdown" and element.value.startswith("#" * level + " "):
            found.append(element.value.split("\n", 1)[0][level + 1:])
    return found


def captions(at: AppTest, sidebar: bool = False) -> list[str]:
    """The page body's (or the sidebar's) captions, as written: st.caption elements and the grey small lines of a
    markdown element (under a section's heading, `section_heading`, or the sidebar's title)."""
    found = []
    for element in _in_order(at.sidebar if sidebar else at.main):
        if getattr(element, "type", None) == "caption":
            found.append(element.value)
        elif getattr(element, "type", None) == "markdown":
            found += [line[len(":gray[:small["):-2] for line in element.value.split("\n\n")
                      if line.startswith(":gray[:small[") and line.endswith("]]")]
    return found


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


def query(at: AppTest) -> dict[str, list[str]]:
    """The URL's query parameters after the last run, every value as a list: {"sector": ["ai", "cloud"]}."""
    return {key: [value] if isinstance(value, str) else list(value) for key, value in at.query_params.items()}


def metrics(at: AppTest) -> dict[str, str]:
    """The page's headline figures (st.metric): label -> value as shown."""
    return {m.label: m.value for m in at.metric}


def nav_labels(at: AppTest) -> list[str]:
    """The sidebar's page links, as their labels read."""
    return [link.proto.label for link in at.sidebar.get("page_link")]


def page_links_shown(at: AppTest) -> list[dict]:
    """Every link to a page of the app in the page's body (the sidebar's list left out), in page order: each a
    dict with label, path (the page's URL path, "" for the overview) and query (without "?")."""
    return [
        {"label": link.proto.label, "path": link.proto.page, "query": link.proto.query_string}
        for link in at.main.get("page_link")
    ]


def share_link(at: AppTest) -> str:
    """The link in the sidebar's share box (the first copy box; the citation follows)."""
    return payloads(at, "krcn_sidebar")[0]["boxes"][0]["text"]


def citation(at: AppTest) -> str:
    """The "cite this view" text in the sidebar (the copy box after the share link)."""
    return payloads(at, "krcn_sidebar")[0]["boxes"][1]["text"]


def download_buttons(at: AppTest) -> list[dict]:
    """Every download button on the page, in page order: label, help, disabled, primary, and whether its file is
    built only when clicked (deferred) and clicking leaves the page alone (no rerun)."""
    return [
        {"label": b.proto.label, "help": b.proto.help, "disabled": b.proto.disabled, "primary": b.proto.type == "primary",
         "deferred": bool(b.proto.deferred_file_id) or b.proto.disabled, "rerun": not b.proto.ignore_rerun}
        for b in at.get("download_button")
    ]


def download_file(at: AppTest, key: str) -> tuple[AppTest, str, bytes]:
    """The file download button `key` saves when clicked: (the page run again, the file's name, its bytes). The
    page is run once more and the deferred callable Streamlit registers for the button is called, as the server
    does on the click (AppTest keeps no runtime between runs to ask afterwards)."""
    from unittest.mock import patch

    from streamlit.runtime.media_file_manager import MediaFileManager

    registered: dict[str, tuple[str, object]] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        registered[file_id] = (kwargs.get("file_name"), data_callable)
        return file_id

    with patch.object(MediaFileManager, "add_deferred", spy):
        at.run()
    (button,) = [b for b in at.get("download_button") if b.id.endswith(f"-{key}") or b.key == key]
    name, build = registered[button.proto.deferred_file_id]
    body = build()
    return at, name, body.encode("utf-8") if isinstance(body, str) else body
