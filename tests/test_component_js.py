"""components/web/kit.py and the browser code it points to: one ES module per component in static/krcn/ (plus
common.js), styles in .css files, static/krcn/network.js for the network drawing."""
from __future__ import annotations

import re

import pytest

from components.web.kit import (
    KRCN,
    NETWORK_JS_FILE,
    RENDERERS,
    component_stub,
    content_hash,
    krcn_version,
    network_render_js,
    static_asset,
)

MODULES = sorted(p for p in KRCN.glob("*.js") if p != NETWORK_JS_FILE)
STYLES = sorted(KRCN.glob("*.css"))
NETWORK_JS = NETWORK_JS_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_every_renderer_is_exported_by_its_module(renderer):
    source = (KRCN / RENDERERS[renderer]).read_text(encoding="utf-8")
    assert re.search(rf"^export function {renderer}\(component\)", source, re.MULTILINE)


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "common.js"], ids=lambda p: p.name)
def test_every_module_starts_with_its_contract_and_imports_helpers_at_its_own_version(path):
    source = path.read_text(encoding="utf-8")
    assert source.startswith("/* ")  # what Python sends, what comes back
    # no unversioned static import: a module meets only helpers of its own release
    assert not re.search(r"^import .* from ", source, re.MULTILINE)
    for imported in re.findall(r"import\(new URL\('\./([\w-]+\.js)' \+ new URL\(import\.meta\.url\)\.search", source):
        assert (KRCN / imported).exists()


def test_stub_imports_the_module_at_the_folders_version_and_calls_its_renderer():
    stub = component_stub("table")
    assert f"app/static/krcn/table.js?v={krcn_version()}" in stub
    assert "m.table(component)" in stub
    assert len(stub.encode("utf-8")) < 800  # what every rerun sends for a table, instead of its whole code
    assert "export default function(component)" in stub


def test_unknown_renderer_is_refused():
    with pytest.raises(ValueError, match="no renderer 'tabel'"):
        component_stub("tabel")


def test_static_asset_is_relative_to_the_app_base_with_a_version():
    assert static_asset(NETWORK_JS_FILE) == f"app/static/krcn/network.js?v={content_hash(NETWORK_JS_FILE)}"
    assert re.fullmatch(r"[0-9a-f]{12}", krcn_version())


@pytest.mark.parametrize("path", [*MODULES, NETWORK_JS_FILE], ids=lambda p: p.name)
def test_browser_code_writes_data_only_as_text(path):
    # data reaches the DOM through textContent / setAttribute (and vis-network, which shows text)
    source = path.read_text(encoding="utf-8")
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert unsafe not in source


def test_styles_live_in_css_files_not_in_javascript():
    for path in MODULES:
        source = path.read_text(encoding="utf-8")
        assert "createElement('style')" not in source and "STYLES" not in source, path.name
    css = {p.name: p.read_text(encoding="utf-8") for p in STYLES}
    assert "word-break: keep-all" in css["page.css"] and "@media print" in css["page.css"]
    assert "@media print" in css["table.css"] and ".krcn-table-scroll" in css["table.css"]
    assert ".krcn-bars" in css["chart.css"] and ".krcn-sankey" in css["chart.css"]


def test_network_code_is_a_classic_script_for_the_offline_file():
    # inlined into the offline HTML in a <script>: no module syntax, nothing that would close the element
    assert not re.search(r"^\s*(export|import)\s", NETWORK_JS, re.MULTILINE)
    assert "</script" not in NETWORK_JS.lower()
    assert "function krcnRender(vis, root, d, onNodeClick)" in network_render_js()


def test_browser_code_names_no_other_host():
    for path in [*MODULES, NETWORK_JS_FILE, *STYLES]:
        hosts = re.findall(r"https?://([^/'\"`\s)]+)", path.read_text(encoding="utf-8"))
        assert set(hosts) <= {"www.w3.org"}, (path.name, hosts)  # the SVG namespace is a name, not a request


def test_stub_can_fetch_the_renderers_libraries_alongside_the_module():
    plain = component_stub("network")
    stub = component_stub("network", preload=("app/static/vendor/vis-network/vis-network.min.js?v=10.1.5",))
    assert "krcnPreload" not in plain
    assert "krcnPreload('app/static/vendor/vis-network/vis-network.min.js?v=10.1.5');" in stub
    assert "l.rel='preload';l.as='script'" in stub
    for bad in ("https://cdn.example.org/x.js", "app/static/x.js');alert(1);('"):
        with pytest.raises(ValueError, match="own static assets only"):
            component_stub("network", preload=(bad,))
