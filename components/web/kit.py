"""The browser side of the dashboard's own components (tables, charts, the network, and the frame's
`sidebar` component): the app's font stack, where each component's code lives (one ES module per component in
static/krcn/, served by the app itself, styles in .css files next to them) and the small inline script each
component gets.

A Streamlit v2 component sends its inline JS and CSS with every script run; a table's code is ~11 KB, sent again
on every filter or language change. Here each component's inline script is a stub of a few hundred bytes that
imports its module (loaded once per page session, then cached by the browser) and calls its renderer; the module
links its own style sheet once. Module addresses carry a version (a hash of the whole static/krcn folder), and
modules import each other and link their styles at that same version, so a new release is never read from a
stale cache.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KRCN = ROOT / "static" / "krcn"
NETWORK_JS_FILE = KRCN / "network.js"
# renderer -> the module that exports it
RENDERERS = {"table": "table.js", "chart": "chart.js", "network": "network-view.js", "sidebar": "common.js",
             "relay": "common.js"}

# The app's own font stack (as .streamlit/config.toml's theme): system fonts with Korean and Chinese glyphs.
FONT_STACK = (
    "'Source Sans', 'Source Sans Pro', 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans CJK KR', 'Noto Sans KR', "
    "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"
)


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@lru_cache(maxsize=None)
def krcn_version() -> str:
    """One version for the whole static/krcn folder (its .js and .css files): modules import each other with it."""
    digest = hashlib.sha256()
    for path in sorted([*KRCN.glob("*.js"), *KRCN.glob("*.css")]):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=None)
def static_asset(path: Path) -> str:
    """A file under static/ as the browser asks for it, relative to the app's base: 'app/static/…?v=<hash>'."""
    relative = path.resolve().relative_to(ROOT / "static").as_posix()
    return f"app/static/{relative}?v={content_hash(path)}"


def module_asset(renderer: str) -> str:
    """The address of the module that exports `renderer`: 'app/static/krcn/table.js?v=<folder version>'."""
    return f"app/static/krcn/{RENDERERS[renderer]}?v={krcn_version()}"


@lru_cache(maxsize=None)
def component_stub(renderer: str, preload: tuple[str, ...] = ()) -> str:
    """The inline script of a component drawn by `renderer` (a key of RENDERERS). What the renderer returns
    (a clean-up function, or nothing) runs before the next render and when the component leaves the page.

    `preload`: scripts the renderer will load (static assets, 'app/static/…'), fetched as soon as the component
    is on the page, alongside the module, instead of after it (one round trip less before the network can draw),
    when the component lies within half a screen of the viewport (below it, network-view.js waits until it is
    scrolled near, and so does the download)."""
    if renderer not in RENDERERS:
        raise ValueError(f"no renderer {renderer!r} in static/krcn; known: {sorted(RENDERERS)}")
    if any(not asset.startswith("app/static/") or "'" in asset for asset in preload):
        raise ValueError(f"preload takes the app's own static assets only: {preload}")
    asset = module_asset(renderer)
    hints = ("if(component.parentElement.getBoundingClientRect().top<window.innerHeight*1.5){"
             + "".join(f"krcnPreload('{url}');" for url in preload) + "}") if preload else ""
    preloader = (
        "function krcnPreload(a){const h=new URL(a,krcnBase()).href;"
        "if(document.querySelector('link[rel=\"preload\"][href=\"'+h+'\"]'))return;"
        "const l=document.createElement('link');l.rel='preload';l.as='script';l.href=h;document.head.appendChild(l)}\n"
    ) if preload else ""
    return (
        "function krcnBase(){const s=document.querySelector('script[type=\"module\"][src*=\"/static/js/index.\"]');"
        "return s&&s.src?new URL('../../',s.src).href:new URL('./',document.baseURI).href}\n"
        + preloader
        + f"export default function(component){{{hints}let cleanup=null,gone=false;"
        f"import(new URL('{asset}',krcnBase()).href).then((m)=>{{if(!gone)cleanup=m.{renderer}(component)||null}})"
        ".catch((err)=>{const root=component.parentElement.querySelector('[data-state]');"
        "if(root&&!gone){root.dataset.state='failed';root.setAttribute('data-error',String(err))}});"
        "return()=>{gone=true;if(typeof cleanup==='function')cleanup()}}\n"
    )


def network_render_js() -> str:
    """The network drawing code (a classic script defining krcnRender), as the offline HTML file inlines it."""
    return NETWORK_JS_FILE.read_text(encoding="utf-8")

