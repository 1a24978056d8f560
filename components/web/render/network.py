"""What the browser draws for a Network (no streamlit): the vis-network payload, legend, shared JS and the
self-contained offline HTML file.

pyvis builds the node/edge/option dictionaries (add_node / add_edge); its HTML template is never used: it
loads Bootstrap and vis-network from CDNs. The page loads vis-network from the app's own static folder
(static/vendor/vis-network, see its README) and the download inlines the same file.

Every data string reaches the browser as JSON and is shown as text: vis-network 9+ puts string titles in
`innerText`, canvas labels are text, the legend is built with `textContent`, and the offline file escapes
every value it writes into HTML.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

from components.views.citations import citations, safe_href
from components.web.kit import FONT_STACK, NETWORK_JS_FILE, network_render_js, static_asset
from components.data.dataset import Dataset
from components.views.graph import (
    ENTITY_KINDS,
    LAYOUT_SEED,
    NODE_KINDS,
    Network,
    degrees,
    edge_labels_shown,
    layout,
    node_size,
    relations_table,
    summarize,
)
from components.i18n import t

ROOT = Path(__file__).resolve().parents[3]
VIS_NETWORK_VERSION = "10.1.5"
VIS_NETWORK_FILE = ROOT / "static" / "vendor" / "vis-network" / "vis-network.min.js"
# Relative to the app's base URL (the JS resolves it, so server.baseUrlPath and proxies work).
VIS_NETWORK_ASSET = f"app/static/vendor/vis-network/vis-network.min.js?v={VIS_NETWORK_VERSION}"
# Okabe–Ito (colour-vision-deficiency safe): blue / orange / reddish purple; sectors neutral grey.
# Never a red/green pair; the side is also written in every tooltip and in the legend.
SIDE_COLOURS = {"KR": "#0072B2", "CN": "#E69F00", "shared": "#CC79A7", "sector": "#9A9A9A"}
SIDE_ORDER = ("KR", "CN", "shared", "sector")
KIND_SHAPES = {
    "region": "hexagon",
    "person": "dot",
    "company": "square",
    "org_unit": "triangleDown",
    "cluster": "triangle",
    "event": "star",
    "product": "diamond",
    "organisation": "database",
    "clause": "box",
    "proposal": "box",
    "sector": "ellipse",
}
LABEL_INSIDE = frozenset({"box", "ellipse", "database", "circle", "text"})
THEMES = {
    "light": {"text": "#1F2A36", "background": "#FBFBF8", "edge": "#5B6B7D", "muted": "#8A96A3"},
    "dark": {"text": "#FAFAFA", "background": "#0E1117", "edge": "#A3AFBE", "muted": "#7D8896"},
}
TOOLTIP_TEXT_MAX = 280


def _short(text: str, limit: int = TOOLTIP_TEXT_MAX) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _other_names(node, lang: str) -> list[str]:
    names = [node.name_en if lang == "ko" else node.name_ko, node.name_zh]
    return [n for n in names if n and n != node.label]


def node_tooltip(node, lang: str, sector_names: dict[str, str]) -> str:
    lines = [node.label]
    others = _other_names(node, lang)
    if others:
        lines.append(" · ".join(others))
    side = t(f"network.side.{node.side}", lang)
    lines.append(t(f"network.kind.{node.kind}", lang) + ("" if node.kind == "sector" else f" · {side}"))
    if node.sectors and node.kind != "sector":
        lines.append(f"{t('network.details.sectors', lang)}: " + ", ".join(sector_names.get(s, s) for s in node.sectors))
    if node.description:
        lines.append(_short(node.description))
    if node.confidence and node.confidence != "seen":
        lines.append(t("network.details.confidence", lang, level=t(f"confidence.{node.confidence}", lang)))
    return "\n".join(lines)


def edge_tooltip(edge, labels: dict[str, str], data: Dataset, lang: str) -> str:
    lines = [f"{labels.get(edge.source, edge.source)} — {edge.label} — {labels.get(edge.target, edge.target)}"]
    meta = [m for m in (edge.date, t(f"confidence.{edge.confidence}", lang) if edge.confidence else "") if m]
    if meta:
        lines.append(" · ".join(meta))
    # Links to a sector or from a clause are the project's own structure: their sources are the node's.
    cites = citations(data, edge.source_ids, edge.locator) if edge.kind == "relation" else []
    if cites:
        lines.append(
            f"{t('source.label', lang)}: " + "; ".join(c.label + (f" {c.locator}" if c.locator else "") for c in cites)
        )
    return "\n".join(lines)


def _builder():
    """A pyvis Network used only as a builder of vis-network node/edge/option dictionaries."""
    from pyvis.network import Network as PyvisNetwork

    return PyvisNetwork(directed=True, cdn_resources="remote")


def vis_payload(network: Network, data: Dataset, *, theme: str = "light") -> dict:
    """Nodes, edges and options for vis-network (positions precomputed, physics off), legend and UI text."""
    lang = network.lang
    colours = THEMES.get(theme, THEMES["light"])
    positions = layout(network)
    deg = degrees(network, highlighted_only=False)
    sector_names = dict(zip(data.sectors["id"], data.sectors[f"name_{lang}"]))
    labels = {n.id: n.label for n in network.nodes}
    net = _builder()
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
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    return {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options_json),
        "theme": colours,
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
        "asset": VIS_NETWORK_ASSET,
        "render_asset": static_asset(NETWORK_JS_FILE),
    }


def payload_bytes(payload: dict) -> bytes:
    """Compact UTF-8 JSON (Hangul and Hanzi as 3 bytes, not 6-byte \\u escapes) for the component's data."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def legend(data: Dataset, lang: str) -> dict:
    """The legend: colour = side, shape = kind (kinds the data has), line styles, markers — all as text too."""
    present = set(data.entities["kind"]) | {"sector"}
    if len(data.clauses):
        present |= {"clause" if m else "proposal" for m in data.clauses["is_mou_clause"]}
    return {
        "title": t("network.legend.title", lang),
        "groups": [
            {
                "title": t("network.legend.side", lang),
                "items": [{"icon": "swatch", "color": SIDE_COLOURS[s], "text": t(f"network.side.{s}", lang)} for s in SIDE_ORDER],
            },
            {
                "title": t("network.legend.kind", lang),
                "items": [
                    {"icon": "shape", "shape": KIND_SHAPES[k], "dashed": k == "proposal", "outline": k == "proposal",
                     "text": t(f"network.kind.{k}", lang)}
                    for k in NODE_KINDS
                    if k in present
                ],
            },
            {
                "title": t("network.legend.lines", lang),
                "items": [
                    {"icon": "line", "dashes": "", "arrow": True, "text": t("network.legend.seen", lang)},
                    {"icon": "line", "dashes": "7 5", "arrow": True, "text": t("network.legend.inferred", lang)},
                    {"icon": "line", "dashes": "2 4", "arrow": False, "muted": True, "text": t("network.legend.sector_link", lang)},
                    {"icon": "line", "dashes": "", "arrow": True, "muted": True, "text": t("network.legend.arrow", lang)},
                    {"icon": "shape", "shape": "dot", "focused": True, "text": t("network.legend.focused", lang)},
                    {"icon": "shape", "shape": "dot", "dashed": True, "text": t("network.legend.uncertain", lang)},
                    {"icon": "shape", "shape": "dot", "faded": True, "text": t("network.legend.faded", lang)},
                ],
            },
        ],
    }


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

# --- the offline file ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def vis_network_source() -> str:
    source = VIS_NETWORK_FILE.read_text(encoding="utf-8")
    # Inline in <script>: a closing tag inside would end the element early (the vendored file has none).
    return re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)


def _json_for_script(value: object) -> str:
    """JSON that is safe inside <script type="application/json">: no '<', '>', '&' or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


OFFLINE_TEMPLATE = """<!DOCTYPE html>
<html lang="@@LANG@@">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>@@TITLE@@</title>
<style>
:root{--st-font:@@FONT@@;--st-text-color:@@TEXT@@;--st-background-color:@@BG@@}
body{margin:0 auto;max-width:1100px;padding:1rem 1.25rem 3rem;font-family:var(--st-font);color:var(--st-text-color);
  background:var(--st-background-color);line-height:1.5}
h1{font-size:1.6rem;margin:0.2rem 0 0.6rem}
h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:0.9rem}
th,td{border:1px solid #C9D0D8;padding:0.3rem 0.45rem;text-align:left;vertical-align:top}
th{background:#EEF1F4}
.note{color:#4A5868;font-size:0.9rem}
@@CSS@@
</style>
<script>@@VIS@@</script>
</head>
<body>
<h1>@@TITLE@@</h1>
<p class="note">@@NOTE@@</p>
<p>@@SUMMARY@@</p>
@@COMPONENT@@
<noscript><p>@@NOJS@@</p></noscript>
<h2>@@TABLE_HEADING@@</h2>
@@TABLE@@
<script id="krcn-network-data" type="application/json">@@DATA@@</script>
<script>
@@RENDER_JS@@
(function () {
  var d = JSON.parse(document.getElementById('krcn-network-data').textContent);
  var root = document.querySelector('.krcn-net');
  window.__krcnNetwork = krcnRender(window.vis, root, d, null);
})();
</script>
</body>
</html>
"""


def _relations_html(data: Dataset, network: Network, lang: str) -> str:
    """The visible relations as an HTML table, every value escaped, each source with its own link."""
    edges = [e for e in network.highlighted_edges if e.kind == "relation"]
    if not edges:
        return f"<p>{html.escape(t('network.table.empty', lang))}</p>"
    labels = {n.id: n.label for n in network.nodes}
    cols = ("from", "relation", "to", "date", "confidence", "source")
    head = "".join(f"<th scope=\"col\">{html.escape(t(f'network.col.{c}', lang))}</th>" for c in cols)
    body = []
    for e in edges:
        cells = [labels.get(e.source, e.source), e.label, labels.get(e.target, e.target), e.date,
                 t(f"confidence.{e.confidence}", lang) if e.confidence else ""]
        sources = []
        for c in citations(data, e.source_ids, e.locator):
            text = html.escape(c.label)
            href = safe_href(c.url)
            if href:
                text = f'<a href="{html.escape(href, quote=True)}" rel="noopener noreferrer" target="_blank">{text}</a>'
            sources.append(text + (f" {html.escape(c.locator)}" if c.locator else ""))
        body.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + f"<td>{'; '.join(sources)}</td></tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def offline_html(network: Network, data: Dataset, *, title: str | None = None) -> str:
    """One self-contained HTML file (vis-network inlined, no request to any host) drawing the network."""
    lang = network.lang
    payload = vis_payload(network, data, theme="light")
    colours = THEMES["light"]
    title = title or f"{t('network.title', lang)} — {t('app.title', lang)}"
    values = {
        "LANG": html.escape(lang, quote=True),
        "TITLE": html.escape(title),
        "FONT": FONT_STACK.replace("<", ""),
        "TEXT": colours["text"],
        "BG": colours["background"],
        "CSS": NETWORK_CSS,
        "VIS": vis_network_source(),
        "NOTE": html.escape(t("network.html.note", lang)),
        "SUMMARY": html.escape(summarize(network, lang)),
        "COMPONENT": COMPONENT_HTML.replace('data-state="loading"', 'data-state="loading" style="margin-top:1rem"'),
        "NOJS": html.escape(t("network.html.nojs", lang)),
        "TABLE_HEADING": html.escape(t("network.table.heading", lang, count=len(relations_table(data, network, lang)))),
        "TABLE": _relations_html(data, network, lang),
        "DATA": _json_for_script(payload),
        "RENDER_JS": network_render_js(),
    }
    # One pass: text inserted for one placeholder is never scanned for another.
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], OFFLINE_TEMPLATE)


__all__ = [
    "COMPONENT_HTML",
    "ENTITY_KINDS",
    "KIND_SHAPES",
    "NETWORK_CSS",
    "SIDE_COLOURS",
    "legend",
    "offline_html",
    "payload_bytes",
    "vis_payload",
]
