"""/network: the linkage network — controls, the drawing, the focused node's details, the relations table
with downloads, and a text summary. Logic: components/graph.py and network_render.py (pure), ui_network.py (UI)."""
import streamlit as st

from components.graph import (
    DEPTHS,
    MAX_DRAWN_NODES,
    build_network,
    drawable,
    focus_options,
    focusable_ids,
    node_details,
    relations_table,
    summarize,
)
from components.network_render import offline_html
from components.ui_frame import (
    csv_download,
    escape_markdown,
    guarded,
    page_view,
    url_select,
    url_toggle,
)
from components.ui_network import details_panel, network_chart

view = page_view("network")
data, lang, state = view.data, view.lang, view.state

st.title(view.t("network.title"))
st.caption(view.t("network.intro"))

# 1. Controls: focus (searchable), depth, fade. Their values live in the URL.
with guarded(view):
    options = focus_options(data, lang)
    labels = dict(options)
    cols = st.columns([5, 3])
    with cols[0]:
        url_select(
            view,
            "focus",
            [None, *labels],
            view.t("network.focus.label"),
            format_func=lambda node_id: view.t("network.focus.none") if node_id is None else labels.get(node_id, node_id),
            placeholder=view.t("network.focus.placeholder"),
            help=view.t("network.focus.help"),
        )
    with cols[1]:
        url_select(
            view,
            "depth",
            DEPTHS,
            view.t("network.depth.label"),
            format_func=lambda depth: view.t("network.depth.option", depth=depth),
            widget="segmented",
            disabled=state.focus is None,
            help=view.t("network.depth.help"),
        )
    url_toggle(view, "fade", view.t("network.fade.label"), help=view.t("network.fade.help"))
    if state.sectors:
        names = dict(zip(data.sectors["id"], data.sectors[f"name_{lang}"]))
        st.caption(escape_markdown(view.t("network.graph.filtered", names=", ".join(names[s] for s in state.sectors))))

network = None
with guarded(view):
    network = build_network(data, sectors=state.sectors, focus=state.focus, depth=state.depth, fade=state.fade, lang=lang)

# 2. The drawing. A click on a node focuses it: the URL changes, so the view can be shared.
with guarded(view):
    if network is not None and not drawable(network):
        st.info(view.t("network.graph.too_big", count=len(network.nodes), limit=MAX_DRAWN_NODES))
    elif network is not None:
        st.caption(view.t("network.graph.help"))
        clicked = network_chart(network, data)
        if clicked and clicked != state.focus and clicked in focusable_ids(data):
            view.navigate(focus=clicked)

# 3. Details of the node in focus, every fact with its source.
with guarded(view):
    details_panel(view, node_details(data, state.focus, lang) if state.focus else None)

# 4. The relations in view: the drawing's text alternative, with sources and downloads.
with guarded(view):
    if network is not None:
        frame = relations_table(data, network, lang)
        st.header(view.t("network.table.heading", count=len(frame)))
        st.caption(view.t("network.table.caption"))
        headers = {col: view.t(f"network.col.{col}") for col in frame.columns}
        if frame.empty:
            st.caption(view.t("network.table.empty"))
        else:
            st.dataframe(
                frame,
                hide_index=True,
                width="stretch",
                column_config={
                    **{col: st.column_config.TextColumn(label) for col, label in headers.items() if col != "source_url"},
                    "source_url": st.column_config.LinkColumn(headers["source_url"], display_text=view.t("network.col.open")),
                },
            )
        cols = st.columns(2)
        with cols[0]:
            csv_download(view.t("network.download.csv"), frame, "krcn-network-relations.csv", "network_csv", headers)
        with cols[1]:
            shown = network
            st.download_button(
                view.t("network.download.html"),
                disabled=not drawable(network),
                data=lambda: offline_html(shown, data).encode("utf-8"),
                file_name="krcn-network.html",
                mime="text/html",
                on_click="ignore",
                help=view.t("network.download.html_help"),
            )

# 5. The same picture in words.
with guarded(view):
    if network is not None:
        st.header(view.t("network.summary.heading"))
        st.markdown(escape_markdown(summarize(network, lang)))
