"""What the browser draws for a Network (no streamlit): ONE pyvis Network built from the graph model and its
layout, the live drawing's payload taken from it, and the self-contained offline HTML page pyvis generates from it.

`pyvis_network` builds the pyvis Network (add_node / add_edge / `net.options`; never `set_options`, which strips
every space). The live drawing (`vis_payload`) sends its `get_network_data()` to the page's component, which
draws with the vendored vis-network from the app's own static folder (static/vendor/vis-network, see its README)
and keeps click-to-focus. The offline page is `net.generate_html()` with the project's own jinja template
(components/web/templates/network.html, autoescaping on): pyvis's template loads Bootstrap and vis-network from
CDNs; ours inlines the vendored vis-network and the drawing code, and names no other host.

Every data string reaches the browser as JSON and is shown as text: vis-network 9+ puts string titles in
`innerText`, canvas labels are text, the legend is built with `textContent`, and the offline page's template
escapes every value it writes into HTML (JSON through jinja's `tojson`, which escapes < > & ').
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from components.data.dataset import Dataset
from components.i18n import t
from components.views.citations import citations, safe_href
from components.views.network_layout import (
    KIND_SHAPES,
    LABEL_INSIDE,
    LAYOUT_SEED,
    SIDE_COLOURS,
    edge_labels_shown,
    edge_tooltip,
    layout,
    legend,
    node_size,
    node_tooltip,
)
from components.views.network_model import Network, degrees, relations_table, summarize
from components.web.kit import FONT_STACK, NETWORK_JS_FILE, network_render_js, static_asset

ROOT = Path(__file__).resolve().parents[3]
VIS_NETWORK_VERSION = "10.1.5"
VIS_NETWORK_FILE = ROOT / "static" / "vendor" / "vis-network" / "vis-network.min.js"
# Relative to the app's base URL (the JS resolves it, so server.baseUrlPath and proxies work).
VIS_NETWORK_ASSET = f"app/static/vendor/vis-network/vis-network.min.js?v={VIS_NETWORK_VERSION}"
TEMPLATE_DIR = ROOT / "components" / "web" / "templates"
OFFLINE_TEMPLATE = "network.html"
THEMES = {
    "light": {"text": "#1F2A36", "background": "#FBFBF8", "edge": "#5B6B7D", "muted": "#8A96A3"},
    "dark": {"text": "#FAFAFA", "background": "#0E1117", "edge": "#A3AFBE", "muted": "#7D8896"},
}


def pyvis_network(network: Network, data: Dataset, *, theme: str = "light"):
    """The pyvis Network of a view: one node and one edge per node and edge of `network`, in its order, at the
    precomputed positions (physics off), with the drawing's options. The live drawing and the offline page are
    both built from it."""
    from pyvis.network import Network as PyvisNetwork

    lang = network.lang
    colours = THEMES.get(theme, THEMES["light"])
    positions = layout(network)
    deg = degrees(network, highlighted_only=False)
    sector_names = dict(zip(data.sectors["id"], data.sectors[f"name_{lang}"]))
    labels = {n.id: n.label for n in network.nodes}
    net = PyvisNetwork(height="620px", width="100%", directed=True, bgcolor=colours["background"],
                       font_color=False, heading="", cdn_resources="in_line")
    for node in network.nodes:
        shape = KIND_SHAPES.get(node.kind, "dot")
        colour = SIDE_COLOURS.get(node.side, SIDE_COLOURS["sector"])
        x, y = positions[node.id]
        options: dict = {
            "title": node_tooltip(node, lang, sector_names),
            "x": round(x),
            "y": round(y),
            "color": colour,  # the browser adds the highlight and hover colours of the page's theme
        }
        if shape in LABEL_INSIDE:
            options["font"] = {"color": "#1F2A36", "strokeWidth": 0, "size": 14 if node.kind == "sector" else 13}
            options["margin"] = 7
            options["widthConstraint"] = {"maximum": 150}
            if node.kind == "proposal":  # not MOU text: white, dashed outline
                options["color"] = {"background": "#FFFFFF", "border": colour}
                options["borderWidth"] = 2.5
                options["shapeProperties"] = {"borderDashes": [6, 4]}
        else:
            options["size"] = node_size(node.kind, deg.get(node.id, 0))
        if node.confidence not in ("seen", ""):
            options["shapeProperties"] = {"borderDashes": [4, 3]}
            options["borderWidth"] = 2.5
            options["uncertain"] = True  # the browser outlines it in the text colour
        if node.faded:
            options["opacity"] = 0.22
            options["faded"] = True  # the browser fades the label in the theme's text colour
        if node.focused:
            options["borderWidth"] = 5
            options["focused"] = True
            options["font"] = dict(options.get("font", {}), size=17)
            if "size" in options:
                options["size"] = max(options["size"], 24)
        net.add_node(node.id, label=node.label, shape=shape, **options)

    show_labels = edge_labels_shown(network)
    pair_index: dict[frozenset, int] = {}
    for edge in network.edges:
        pair = frozenset((edge.source, edge.target))
        k = pair_index.get(pair, 0)
        pair_index[pair] = k + 1
        options = {"id": edge.id, "title": edge_tooltip(edge, labels, data, lang)}
        # Defaults (options.edges): a solid 1.8 px arrow. Only what differs travels per edge.
        if edge.kind == "relation":
            if edge.confidence == "inferred":
                options["dashes"] = [7, 5]
            if show_labels and not edge.faded:
                options["label"] = edge.label
        elif edge.kind == "clause":
            options.update(width=1.2, muted=True)
        else:
            options.update(width=1, dashes=[2, 4], arrows="", muted=True)
        if k:
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.18 * k, 2)}
        if edge.faded:
            options["faded"] = True  # the browser colours edges from the page's theme
        net.add_edge(edge.source, edge.target, **options)

    net.options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": False,  # our own buttons: themed, labelled, translated
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
            "zoomView": True,
            "dragView": True,
            "dragNodes": True,
        },
        "nodes": {
            "borderWidth": 1.5,
            "font": {"face": FONT_STACK, "size": 14, "color": colours["text"], "strokeWidth": 4,
                     "strokeColor": colours["background"]},
            "widthConstraint": {"maximum": 150},
        },
        "edges": {
            "font": {"face": FONT_STACK, "size": 11, "color": colours["text"], "strokeWidth": 4,
                     "strokeColor": colours["background"], "align": "horizontal"},
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.2},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "width": 1.8,
            "dashes": False,
            "selectionWidth": 1.5,
            "hoverWidth": 1.2,
        },
    }
    return net


def _page_data(network: Network, data: Dataset, theme: str) -> dict:
    """What the drawing code needs besides pyvis's nodes, edges and options: theme, legend, UI text, focus."""
    lang = network.lang
    return {
        "theme": THEMES.get(theme, THEMES["light"]),
        "themes": THEMES,
        "legend": legend(data, lang),
        "text": {
            "loading": t("network.graph.loading", lang),
            "failed": t("network.graph.failed", lang),
            "fit": t("network.graph.fit", lang),
            "zoom_in": t("network.graph.zoom_in", lang),
            "zoom_out": t("network.graph.zoom_out", lang),
            "full": t("network.graph.full", lang),
            "exit_full": t("network.graph.exit_full", lang),
            "aria": t("network.graph.aria", lang),
            "empty": t("network.graph.empty", lang),
        },
        "focus": network.focus,
    }


def vis_payload(network: Network, data: Dataset, *, theme: str = "light") -> dict:
    """The live drawing's data: the pyvis Network's nodes, edges and options (`get_network_data`), with the
    legend, UI text and where the browser finds vis-network and the drawing code."""
    net = pyvis_network(network, data, theme=theme)
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    return {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options_json),
        **_page_data(network, data, theme),
        "asset": VIS_NETWORK_ASSET,
        "render_asset": static_asset(NETWORK_JS_FILE),
    }


def payload_bytes(payload: dict) -> bytes:
    """Compact UTF-8 JSON (Hangul and Hanzi as 3 bytes, not 6-byte \\u escapes) for the component's data."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- the page component's styles and HTML (its code: `network` in static/krcn/ui.js, drawing with
# static/krcn/network.js, which the offline file inlines) ------------------------------------------

# The drawing's box is 620 px tall, or about as tall as the screen is wide on a phone (a tall box there left most of
# the screen empty around a network fitted to the narrow width).
NETWORK_CSS = """
.krcn-net{font-family:var(--st-font, inherit);color:var(--st-text-color, inherit);position:relative}
.krcn-net-bar{display:flex;align-items:center;justify-content:space-between;gap:0.5rem;min-height:2rem}
.krcn-net-status{font-size:0.9rem}
.krcn-net-tools{display:flex;gap:0.35rem;flex-wrap:wrap;justify-content:flex-end}
.krcn-net-btn{padding:0.25rem 0.65rem;border:1px solid rgba(128,128,128,.6);border-radius:0.4rem;background:transparent;
  color:inherit;cursor:pointer;font:inherit;font-size:0.85rem;line-height:1.3}
.krcn-net-btn:hover{border-color:currentColor}
.krcn-net-btn:focus-visible{outline:2px solid #0072B2;outline-offset:1px}
.krcn-net.krcn-net--full{position:fixed;inset:0;z-index:1000100;padding:0.75rem 1rem;overflow:auto;
  background:var(--st-background-color, #FBFBF8)}
.krcn-net.krcn-net--full .krcn-net-canvas{height:calc(100vh - 4.5rem)}
.krcn-net-canvas{height:min(620px, max(360px, 95vw));width:100%;border:1px solid rgba(128,128,128,.35);border-radius:0.5rem;position:relative;
  overflow:hidden;background:var(--st-background-color, transparent)}
.krcn-net-canvas:focus-visible{outline:2px solid #0072B2}
.krcn-net-legend{display:flex;flex-wrap:wrap;gap:0.4rem 1.6rem;margin-top:0.6rem;font-size:0.85rem;line-height:1.35}
.krcn-net-legend-title{flex-basis:100%;font-weight:600}
.krcn-net-legend-heading{font-weight:600;margin-bottom:0.15rem}
.krcn-net-legend-list{list-style:none;margin:0;padding:0}
.krcn-net-legend-item{display:flex;align-items:center;gap:0.35rem;margin:0.1rem 0}
.krcn-net-legend-item svg{flex:none}
.krcn-net .vis-tooltip{white-space:pre-line;max-width:360px;font-family:var(--st-font, inherit);font-size:0.85rem;
  color:#1F2A36;background:#FFFFFF;border:1px solid #8A96A3;border-radius:0.35rem;padding:0.35rem 0.5rem;
  box-shadow:0 2px 6px rgba(0,0,0,.2)}
"""

COMPONENT_HTML = (
    '<div class="krcn-net" data-state="loading">'
    '<div class="krcn-net-bar"><span class="krcn-net-status" role="status" aria-live="polite"></span>'
    '<span class="krcn-net-tools">'
    '<button type="button" class="krcn-net-btn" data-action="zoom-out"></button>'
    '<button type="button" class="krcn-net-btn" data-action="zoom-in"></button>'
    '<button type="button" class="krcn-net-btn" data-action="fit"></button>'
    '<button type="button" class="krcn-net-btn" data-action="full"></button>'
    "</span></div>"
    '<div class="krcn-net-canvas" role="img" tabindex="0"></div>'
    '<div class="krcn-net-legend"></div>'
    "</div>"
)

# --- the offline page: pyvis's generate_html() with the project's own template ----------------------------

@lru_cache(maxsize=1)
def vis_network_source() -> str:
    return _inline_script(VIS_NETWORK_FILE.read_text(encoding="utf-8"))


def _inline_script(source: str) -> str:
    # Inline in <script>: a closing tag inside would end the element early (the vendored file has none).
    return re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)


def relations_rows(data: Dataset, network: Network, lang: str) -> list[dict]:
    """The visible relations as the offline page's table: plain cells, and each source with its own address
    (http(s) only; the template escapes every value)."""
    labels = {n.id: n.label for n in network.nodes}
    rows = []
    for e in network.highlighted_edges:
        if e.kind != "relation":
            continue
        cells = [labels.get(e.source, e.source), e.label, labels.get(e.target, e.target), e.date,
                 t(f"confidence.{e.confidence}", lang) if e.confidence else ""]
        sources = [{"text": c.label, "href": safe_href(c.url), "locator": c.locator}
                   for c in citations(data, e.source_ids, e.locator)]
        rows.append({"cells": cells, "sources": sources})
    return rows


def offline_html(network: Network, data: Dataset, *, title: str | None = None) -> str:
    """One self-contained HTML page drawing the network (vis-network inlined, no request to any host): the
    view's pyvis Network rendered by pyvis's `generate_html()` through components/web/templates/network.html."""
    lang = network.lang
    net = pyvis_network(network, data, theme="light")
    net.heading = title or f"{t('network.title', lang)} — {t('app.title', lang)}"
    net.set_template_dir(f"{TEMPLATE_DIR}/", OFFLINE_TEMPLATE)
    env = net.templateEnv
    env.autoescape = True  # every value the template writes is escaped unless marked as our own code
    env.filters["from_json"] = json.loads  # pyvis hands the options over as a JSON string
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":"), "sort_keys": False}
    colours = THEMES["light"]
    cols = ("from", "relation", "to", "date", "confidence", "source")
    env.globals["page"] = {
        "lang": lang,
        # our own code and styles, trusted: written as they are
        "style": Markup(
            f":root{{--st-font:{FONT_STACK.replace('<', '')};--st-text-color:{colours['text']};"
            f"--st-background-color:{colours['background']}}}\n{NETWORK_CSS}"
        ),
        "vis_network": Markup(vis_network_source()),
        "render_js": Markup(_inline_script(network_render_js())),
        "component": Markup(COMPONENT_HTML.replace('data-state="loading"', 'data-state="loading" style="margin-top:1rem"')),
        # text: escaped by the template
        "note": t("network.html.note", lang),
        "summary": summarize(network, lang),
        "nojs": t("network.html.nojs", lang),
        "table_heading": t("network.table.heading", lang, count=len(relations_table(data, network, lang))),
        "table_empty": t("network.table.empty", lang),
        "columns": [t(f"network.col.{c}", lang) for c in cols],
        "rows": relations_rows(data, network, lang),
        "browser": _page_data(network, data, "light"),  # JSON: legend, UI text, theme, focus
    }
    return net.generate_html()


__all__ = [
    "COMPONENT_HTML",
    "NETWORK_CSS",
    "offline_html",
    "payload_bytes",
    "pyvis_network",
    "vis_payload",
]
