"""/network: the linkage network — controls, the drawing, the focused node's details, the relations table
with downloads, and a text summary. Logic: components/views/network_model.py, network_layout.py and web/render/network.py (pure), web/network.py (UI)."""
import streamlit as st

from components.views.network_layout import MAX_DRAWN_NODES, drawable
from components.views.network_model import (
    DEPTHS,
    build_network,
    focus_options,
    focusable_ids,
    node_details,
    relations_in_view,
    summarize,
)
from components.views.network_export import export_choices
from components.web.render.network import offline_html
from components.web.render.table import Column, columns_from_headers
from components.web.frame import (
    View,
    csv_download,
    download_button,
    escape_markdown,
    fragment_view,
    guarded,
    page_view,
    section_heading,
    share_url,
    url_widget,
)
from components.web.network import details_panel, network_chart
from components.web.table import data_table

view = page_view("network")

st.title(view.t("network.title"))
st.caption(view.t("network.intro"))


@st.fragment
def network_panel(page: View) -> None:
    """Everything below the title. Its controls (focus, depth, fade, a click on a node, "clear focus") change this
    panel only, so they rerun it alone: the sidebar and title are not redrawn (docs/performance.md, issue 27). The
    sidebar's controls change everything and rerun the whole page as before."""
    view = fragment_view(page)
    data, lang, state = view.data, view.lang, view.state

    # 1. Controls: focus (grouped by kind), depth, fade. Their values live in the URL.
    with guarded(view):
        labels = dict(data.memo(focus_options, lang))  # node id -> "Name · kind", grouped by kind
        st.selectbox(
            view.t("network.focus.label"), [None, *labels], help=view.t("network.focus.help"),
            placeholder=view.t("network.focus.none"),  # what an empty choice shows (Streamlit's own is English)
            format_func=lambda node: view.t("network.focus.none") if node is None else labels[node],
            **url_widget(view, "focus"),
        )
        fade_help = view.t("network.fade.help")
        if state.focus is None:
            # Depth counts links away from the node in focus: before one is chosen it would change nothing, and
            # greyed out its label could not be read either (axe: 2.56:1). It appears with a focus.
            st.toggle(view.t("network.fade.label"), help=fade_help, **url_widget(view, "fade"))
        else:
            depth, fade = st.columns(2, vertical_alignment="bottom")  # room for every label at 1280 px with the sidebar
            depth.segmented_control(
                view.t("network.depth.label"), DEPTHS, required=True, help=view.t("network.depth.help"),
                format_func=lambda d: view.t("network.depth.option", depth=d), **url_widget(view, "depth"),
            )
            fade.toggle(view.t("network.fade.label"), help=fade_help, **url_widget(view, "fade"))
        if view.widened:
            focus_name = labels.get(state.focus, state.focus).split(" · ")[0]
            st.caption(escape_markdown(view.t("network.focus.widened", name=focus_name, count=len(view.widened))))
        if state.sectors:
            names = dict(zip(data.sectors["id"], data.sectors[f"name_{lang}"]))
            st.caption(escape_markdown(view.t("network.graph.filtered", names=", ".join(names[s] for s in state.sectors))))

    network = None
    view_args = (tuple(state.sectors), state.focus, state.depth, state.fade, lang)  # what the relations depend on
    with guarded(view):
        network = build_network(data, sectors=state.sectors, focus=state.focus, depth=state.depth, fade=state.fade,
                                lang=lang)

    # 2. The drawing. A click on a node focuses it: the URL changes, so the view can be shared.
    with guarded(view):
        if network is not None and not drawable(network):
            st.info(view.t("network.graph.too_big", count=len(network.nodes), limit=MAX_DRAWN_NODES))
        elif network is not None:
            st.caption(view.t("network.graph.help"))
            clicked = network_chart(network, data)
            if clicked and clicked != state.focus and clicked in focusable_ids(data):
                view.navigate(scope="fragment", focus=clicked)

    # 3. Details of the node in focus, every fact with its source.
    with guarded(view):
        details_panel(view, node_details(data, state.focus, lang) if state.focus else None)

    # 4. The relations in view: the drawing's text alternative, with sources and downloads.
    with guarded(view):
        if network is not None:
            frame = data.memo(relations_in_view, *view_args)
            section_heading(view.t("network.table.heading", count=len(frame)), view.t("network.table.caption"))
            headers = {col: view.t(f"network.col.{col}") for col in frame.columns}
            if frame.empty:
                st.caption(view.t("network.table.empty"))
            else:
                link = Column("source_url", headers["source_url"], kind="link", link_text=view.t("network.col.open"))
                caption = view.t("network.table.heading", count=len(frame))
                data_table(view, "relations_table", frame, columns_from_headers(headers, source_url=link),
                           caption=caption, cap="first")
            # the buttons side by side in one horizontal container, wrapping on a phone (columns were a block each,
            # redrawn on every rerun: docs/performance.md)
            with st.container(horizontal=True, key="relations_downloads"):
                csv_download(view.t("network.download.csv"), frame, "krcn-network-relations.csv", "network_csv",
                             headers)
                shown = network
                download_button(
                    view.t("network.download.html"),
                    lambda: offline_html(shown, data).encode("utf-8"),
                    "krcn-network.html",
                    "text/html",
                    "network_html",
                    help_text=view.t("network.download.html_help"),
                    disabled=not drawable(network),
                )

    # 5. The network in the tools journalists use (Gephi, Kumu, Flourish, networkx): the view as shown and the whole.
    with guarded(view):
        if network is not None:
            section_heading(view.t("network.export.heading"), view.t("network.export.help"), level=3)
            whole = build_network(data, lang=lang)
            for scope, shown_network in (("view", network), ("all", whole)):
                st.markdown(f"**{view.t(f'network.export.scope.{scope}')}**")
                choices = export_choices(data, shown_network, permalink=share_url(view))
                with st.container(horizontal=True, key=f"export_{scope}"):
                    for choice in choices:
                        download_button(choice.label, choice.build, choice.file_name, choice.mime,
                                        key=f"export_{scope}_{choice.format}")

    # 6. The same picture in words.
    with guarded(view):
        if network is not None:
            section_heading(view.t("network.summary.heading"), escape_markdown(summarize(network, lang)), intro_as_text=True)


network_panel(view)
