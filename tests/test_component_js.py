"""components/component_js.py and the browser code it points to (static/krcn/ui.js, static/krcn/network.js)."""
from __future__ import annotations

import re

import pytest

from components.web.kit import (
    NETWORK_JS_FILE,
    RENDERERS,
    UI_MODULE_FILE,
    component_stub,
    content_hash,
    network_render_js,
    static_asset,
)

UI_JS = UI_MODULE_FILE.read_text(encoding="utf-8")
NETWORK_JS = NETWORK_JS_FILE.read_text(encoding="utf-8")


def test_every_renderer_is_exported_by_the_module():
    exported = set(re.findall(r"^export function (\w+)\(component\)", UI_JS, re.MULTILINE))
    assert exported == set(RENDERERS)


def test_stub_imports_the_module_by_its_content_hash_and_calls_its_renderer():
    stub = component_stub("table")
    assert f"app/static/krcn/ui.js?v={content_hash(UI_MODULE_FILE)}" in stub
    assert "ui.table(component)" in stub
    assert len(stub.encode("utf-8")) < 800  # what every rerun sends for a table, instead of its whole code
    assert "export default function(component)" in stub


def test_unknown_renderer_is_refused():
    with pytest.raises(ValueError, match="no renderer 'tabel'"):
        component_stub("tabel")


def test_static_asset_is_relative_to_the_app_base_with_a_version():
    assert static_asset(NETWORK_JS_FILE) == f"app/static/krcn/network.js?v={content_hash(NETWORK_JS_FILE)}"
    assert re.fullmatch(r"[0-9a-f]{12}", content_hash(UI_MODULE_FILE))


@pytest.mark.parametrize("source", [UI_JS, NETWORK_JS], ids=["ui.js", "network.js"])
def test_browser_code_writes_data_only_as_text(source):
    # data reaches the DOM through textContent / setAttribute (and vis-network, which shows text)
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert unsafe not in source


def test_network_code_is_a_classic_script_for_the_offline_file():
    # inlined into the offline HTML in a <script>: no module syntax, nothing that would close the element
    assert not re.search(r"^\s*(export|import)\s", NETWORK_JS, re.MULTILINE)
    assert "</script" not in NETWORK_JS.lower()
    assert "function krcnRender(vis, root, d, onNodeClick)" in network_render_js()


def test_module_names_no_other_host():
    for source in (UI_JS, NETWORK_JS):
        hosts = re.findall(r"https?://([^/'\"`\s]+)", source)
        assert set(hosts) <= {"www.w3.org"}, hosts  # the SVG namespace is a name, not a request


def test_stub_can_fetch_the_renderers_libraries_alongside_the_module():
    plain = component_stub("network")
    stub = component_stub("network", preload=("app/static/vendor/vis-network/vis-network.min.js?v=10.1.5",))
    assert "krcnPreload" not in plain
    assert "krcnPreload('app/static/vendor/vis-network/vis-network.min.js?v=10.1.5');" in stub
    assert "l.rel='preload';l.as='script'" in stub
    for bad in ("https://cdn.example.org/x.js", "app/static/x.js');alert(1);('"):
        with pytest.raises(ValueError, match="own static assets only"):
            component_stub("network", preload=(bad,))
