"""The network drawing as an inline Streamlit component (st.components.v2, no iframe).

The component's HTML/CSS/JS are fixed strings (components/web/render/network.py); the graph travels only as
the component's `data` (compact UTF-8 JSON bytes), so a filter change sends the small visible graph and
vis-network itself is loaded once per browser session from the app's own static folder.
"""
from __future__ import annotations

import streamlit as st

from components.data.dataset import Dataset
from components.i18n import t
from components.views import network_layout
from components.views.network_model import Network, NodeDetails
from components.web.kit import NETWORK_JS_FILE, component_stub, static_asset
from components.web.render.network import COMPONENT_HTML, NETWORK_CSS, VIS_NETWORK_ASSET, payload_bytes, vis_payload
from components.web.frame import View, escape_markdown, source_markdown

_network_component = st.components.v2.component(
    "krcn_network",
    html=COMPONENT_HTML,
    css=NETWORK_CSS,
    js=component_stub("network", preload=(VIS_NETWORK_ASSET, static_asset(NETWORK_JS_FILE))),
    isolate_styles=False,  # vis-network styles its tooltips and buttons from document.head
)


def theme_type() -> str:
    try:
        kind = st.context.theme.type
    except Exception:  # noqa: BLE001 - no browser context (AppTest)
        kind = None
    return "dark" if kind == "dark" else "light"


@st.cache_data(max_entries=128, show_spinner=False)
def _cached_payload(
    _network: Network, _data: Dataset, data_key: int, view_key: tuple, theme: str
) -> bytes:
    return payload_bytes(vis_payload(_network, _data, theme=theme))


def network_data(network: Network, data: Dataset) -> bytes:
    """The component's data for a network (compact UTF-8 JSON): what one filter change sends to the browser.

    Cached per view: the layout is computed once for each filter, language and theme.
    """
    view_key = (network.lang, network.sectors, network.focus, network.depth, network.fade)
    return _cached_payload(network, data, data.serial, view_key, theme_type())  # serial: never another dataset's


def network_chart(network: Network, data: Dataset, key: str = "network_graph") -> str | None:
    """Draw the network; returns the id of a node the visitor just clicked (once), else None. A network past the
    drawing limit is not laid out (a wall of nodes reads as nothing, and its layout takes seconds): a notice names
    its size instead (/network says more before it gets here: how to narrow its own view)."""
    if not network_layout.drawable(network):
        st.info(t("story.too_big", network.lang, count=len(network.nodes), limit=network_layout.MAX_DRAWN_NODES))
        return None
    result = _network_component(
        key=key,
        data=network_data(network, data),
        on_clicked_change=lambda: None,
        height="content",
    )
    clicked = getattr(result, "clicked", None)
    return clicked if isinstance(clicked, str) else None


def details_panel(view: View, details: NodeDetails | None) -> None:
    """The focused node: names (KO/EN/ZH), kind, side, sectors, description, figures, profile facts and links,
    each with its source. All data text is escaped; a fact looked for and not found shows as unknown.

    One markdown element a section, each fact's source in small print under it: a focused node has up to a few
    dozen facts, and every Streamlit element costs the browser a few milliseconds on a first visit."""
    if details is None:
        st.info(view.t("network.details.none_selected"))
        return
    node = details.node
    st.header(view.t("network.details.heading", name=escape_markdown(node.label)))
    lines = [f"**{view.t(f'network.details.name_{code}')}**: {escape_markdown(name)}" for code, name in details.names if name]
    lines.append(f"**{view.t('network.details.kind')}**: {escape_markdown(details.kind_label)}")
    if node.kind != "sector":
        lines.append(f"**{view.t('network.details.side')}**: {escape_markdown(details.side_label)}")
    if details.sector_labels and node.kind != "sector":
        lines.append(f"**{view.t('network.details.sectors')}**: {escape_markdown(', '.join(details.sector_labels))}")
    lines += [f"**{escape_markdown(row.label)}**: {escape_markdown(row.value)}" for row in details.extra]
    about = ["  \n".join(lines)]
    if details.description:
        about.append(f"**{view.t('network.details.description')}**: {escape_markdown(details.description)}")
    if details.source_ids:
        about.append(f":small[{source_markdown(view, details.source_ids, details.locator)}]")
    st.markdown("\n\n".join(about))
    for heading, rows in (("network.details.figures", details.figures), ("network.details.attributes", details.attributes)):
        if rows:
            st.markdown(fact_list(view, view.t(heading), rows))
    relations = view.t("network.details.relations", count=len(details.relations))
    if details.relations:
        st.markdown(fact_list(view, relations, details.relations, labelled=False))
    else:
        st.markdown(f"**{relations}**\n\n:small[{view.t('network.details.no_relations')}]")
    view.page_link("network", view.t("network.focus.clear"), key="clear_focus", focus=None)


def fact_list(view: View, heading: str, rows, labelled: bool = True) -> str:
    """A bold heading and one list item a fact ("**label**: value · confidence", or the value alone), its sources
    in small print on the item's second line (a fact looked for and not found has none: "not found" says so)."""
    items = []
    for row in rows:
        level = view.t(f"confidence.{row.confidence}") if row.confidence else ""
        text = f"**{escape_markdown(row.label)}**: {escape_markdown(row.value)}" if labelled else escape_markdown(row.value)
        item = "- " + text + (f" · {escape_markdown(level)}" if level else "")
        if row.source_ids:
            item += f"  \n  :small[{source_markdown(view, row.source_ids, row.locator)}]"
        items.append(item)
    return f"**{heading}**\n\n" + "\n".join(items)
