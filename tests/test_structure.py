"""Project rules checked like code: pure modules never import streamlit, every page starts in the frame,
visitor settings stay safe, no page names another host."""
from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Everything in components/ but the Streamlit side (components/web/, except its pure payload builders in render/)
# and the server around it (components/host/: it reads Streamlit's configuration and its index.html).
PURE_MODULES = sorted(
    p for p in (ROOT / "components").rglob("*.py")
    if p.relative_to(ROOT / "components").parts[0] not in ("web", "host") or "render" in p.parts
)
CODE = sorted((ROOT / "components").rglob("*.py"))
PAGE_SCRIPTS = sorted((ROOT / "pages").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", PURE_MODULES, ids=lambda p: str(p.relative_to(ROOT / "components")))
def test_pure_modules_do_not_import_streamlit(path):
    assert "streamlit" not in imported_modules(path), f"{path.name}: move UI code to components/web/"


@pytest.mark.parametrize("path", PAGE_SCRIPTS, ids=lambda p: p.name)
def test_every_page_enters_the_frame_first(path):
    """A cold deep link runs the page script directly: page_view() must run before anything is drawn."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    first_call = next(
        node.value for node in tree.body
        if isinstance(node, (ast.Assign, ast.Expr)) and isinstance(node.value, ast.Call)
    )
    assert isinstance(first_call.func, ast.Name) and first_call.func.id == "page_view", path.name
    assert first_call.args[0].value == path.stem


def test_visitor_settings():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["disableDataExport"] is True  # only our neutralised CSV downloads
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableStaticServing"] is True
    assert "://" not in config["theme"]["font"], "fonts come from the visitor's system, never another host"
    code_fonts = [f.strip(" '") for f in config["theme"]["codeFont"].split(",")]
    assert code_fonts[0] == "Menlo" and code_fonts[-1] == "monospace"  # the system's own first (no download)
    assert "://" not in config["theme"]["codeFont"]


# Any address of another host (a CDN, a font service), or a Material icon (Streamlit fetches its font), in code
# the app runs. Allowed: the SVG namespace (an identifier, never fetched) and the docstring's example source.
FOREIGN = re.compile(r"(?:https?:)?(?<!\\)//(?!(?:www\.w3\.org|www\.pressian\.com|127\.0\.0\.1|localhost)\b)"
                     r"(?:[a-z0-9-]+\.)+[a-z]{2,}\b|:material/", re.I)


def test_no_code_names_a_third_party_host_or_material_icon():
    offenders = []
    for path in [*ROOT.glob("*.py"), *CODE, *(ROOT / "pages").glob("*.py"),
                 *(ROOT / ".streamlit").glob("*.toml"), *(ROOT / "static" / "krcn").glob("*.js"), *(ROOT / "static" / "krcn").glob("*.css")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FOREIGN.search(line) and "never" not in line and "No `:material" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


UNSAFE_HTML = "unsafe_allow_html" + "=True"  # spelt in two parts so this guard does not match itself


def test_no_unsafe_html_with_data():
    offenders = [
        str(p.relative_to(ROOT)) for p in [*CODE, *(ROOT / "pages").glob("*.py")]
        if UNSAFE_HTML in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_readme_documents_every_path_and_parameter_of_the_link_contract():
    """The link contract is an API: every page path and URL parameter is in the README's table (and it stays
    short enough to read in five minutes)."""
    from components.views.url_state import GLOBAL_PARAMS, PAGE_PARAMS
    from components.web.frame import PAGES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 10 * 1024
    missing = [f"/{p.url_path}" for p in PAGES if f"`/{p.url_path}`" not in readme]
    params = {*GLOBAL_PARAMS, *(name for names in PAGE_PARAMS.values() for name in names)}
    missing += [name for name in sorted(params) if f"`{name}=" not in readme]
    assert missing == []
