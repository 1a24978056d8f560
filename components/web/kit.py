"""The browser side of the dashboard's own components (no streamlit): the app's font stack, where the component
code lives (static/krcn/ui.js, served by the app itself), and the small inline script each component gets.

A Streamlit v2 component sends its inline JS and CSS with every script run; the code of a table or of the form
controls is 5–12 KB, sent again on every filter or language change. Here each component's inline script is a
stub of a few hundred bytes that imports the one module (loaded once per page session, then cached by the
browser) and calls its renderer; the module adds its own styles once. The module's address carries a hash of
its content, so a new version is never read from a stale cache.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI_MODULE_FILE = ROOT / "static" / "krcn" / "ui.js"
NETWORK_JS_FILE = ROOT / "static" / "krcn" / "network.js"
RENDERERS = ("table", "controls", "options", "links", "share", "stats", "download", "chart", "network")

# The app's own font stack (as .streamlit/config.toml's theme): system fonts with Korean and Chinese glyphs.
FONT_STACK = (
    "'Source Sans', 'Source Sans Pro', 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans CJK KR', 'Noto Sans KR', "
    "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"
)


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@lru_cache(maxsize=None)
def static_asset(path: Path) -> str:
    """A file under static/ as the browser asks for it, relative to the app's base: 'app/static/…?v=<hash>'."""
    relative = path.resolve().relative_to(ROOT / "static").as_posix()
    return f"app/static/{relative}?v={content_hash(path)}"


@lru_cache(maxsize=None)
def component_stub(renderer: str, preload: tuple[str, ...] = ()) -> str:
    """The inline script of a component drawn by `renderer` of static/krcn/ui.js. What the renderer returns
    (a clean-up function, or nothing) runs before the next render and when the component leaves the page.

    `preload`: scripts the renderer will load (static assets, 'app/static/…'), fetched as soon as the component
    is on the page, alongside the module, instead of after it (one round trip less before the network can draw)."""
    if renderer not in RENDERERS:
        raise ValueError(f"no renderer {renderer!r} in {UI_MODULE_FILE.name}; known: {RENDERERS}")
    if any(not asset.startswith("app/static/") or "'" in asset for asset in preload):
        raise ValueError(f"preload takes the app's own static assets only: {preload}")
    asset = static_asset(UI_MODULE_FILE)
    hints = "".join(f"krcnPreload('{url}');" for url in preload)
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
        f"import(new URL('{asset}',krcnBase()).href).then((ui)=>{{if(!gone)cleanup=ui.{renderer}(component)||null}})"
        ".catch((err)=>{const root=component.parentElement.querySelector('[data-state]');"
        "if(root&&!gone){root.dataset.state='failed';root.setAttribute('data-error',String(err))}});"
        "return()=>{gone=true;if(typeof cleanup==='function')cleanup()}}\n"
    )


def network_render_js() -> str:
    """The network drawing code (a classic script defining krcnRender), as the offline HTML file inlines it."""
    return NETWORK_JS_FILE.read_text(encoding="utf-8")
