"""Real-browser fixtures: the app served by `streamlit run` on a free port, driven by Debian's Chromium."""
from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS, READY  # noqa: F401 - re-exported for the tests
from bench.common import free_port, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

if not Path(CHROMIUM).exists():  # `make test` installs it; a bare `pytest` without it must say why
    pytest.skip(f"browser tests need Chromium at {CHROMIUM} (run `make test`)", allow_module_level=True)


@dataclass
class AppServer:
    """A running `streamlit run app.py`; `url(path)` gives an address on it."""

    port: int
    process: subprocess.Popen
    base_path: str = ""
    log_path: Path | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        base = "/" + self.base_path.strip("/") if self.base_path.strip("/") else ""
        return f"{self.origin}{base}{path}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(data_dir: Path | None = None, base_path: str = "", extra: tuple[str, ...] = ()) -> AppServer:
    port = free_port()
    env = dict(os.environ)
    if data_dir is not None:
        env["KRCN_DATA_DIR"] = str(data_dir)
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"server-{port}.log"
    cmd = streamlit_command(ROOT / "app.py", port)
    if base_path:
        cmd += ["--server.baseUrlPath", base_path]
    cmd += list(extra)
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = AppServer(port, process, base_path, log_path)
    if wait_healthy(server.url("/_stcore/health"), process, 60):
        return server
    server.stop()
    raise RuntimeError(f"streamlit did not start; see {log_path}")


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    # One Chromium a test module (about a second to start): Playwright's sync API keeps an asyncio loop running in
    # the main thread while it is open, and the unit tests that follow the browser tests run ASGI apps and
    # Playwright of their own, which a loop left running refuses.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class PageWatch:
    """What a page did: every request's URL, console errors and dialogs that opened."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def foreign_requests(self, origin: str) -> list[str]:
        return [u for u in self.requests if not (u.startswith(origin) or u.startswith(("data:", "blob:", "about:")))]


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def new_phone_context(browser, locale: str = "en-US"):
    """A browser context the size of a phone (390 x 844, touch)."""
    return browser.new_context(locale=locale, **PHONE)


def new_page(browser, locale: str = "en-US", color_scheme: str = "light", permissions: tuple[str, ...] = ()):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale, color_scheme=color_scheme)
    if permissions:
        context.grant_permissions(list(permissions))
    page = context.new_page()
    return context, page, watch_page(page)


def watch_page(page) -> PageWatch:
    """Record what `page` does from now on; a dialog is recorded and dismissed."""
    watch = PageWatch()
    page.on("request", lambda r: watch.requests.append(r.url))
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    page.on("response", lambda r: watch.failed_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def on_dialog(dialog):
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return watch


@pytest.fixture
def page_and_watch(browser):
    context, page, watch = new_page(browser)
    yield page, watch
    context.close()


# The app's own components say data-state="loading" until they have drawn (charts, network, tables);
# a failed one says "failed" and is caught by the tests that look for it.
OWN_COMPONENTS = ".krcn-chart, .krcn-net, .krcn-table"
# ... and the page-wide style sheet the frame's `page` component links (static/krcn/page.css) has loaded.
ALL_DRAWN_JS = f"""() => [...document.querySelectorAll({OWN_COMPONENTS!r})]
  .every((el) => (el.dataset.state || 'loading') !== 'loading')
  && !!document.querySelector('link[data-krcn-css="page.css"]')?.sheet"""


def wait_ready(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit finished the script run and the app's components have drawn, then let lazy
    elements settle."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(ALL_DRAWN_JS, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(ALL_DRAWN_JS, timeout=timeout)



def sent_once_it_holds(page, frames: list[bytes], expected: bytes, timeout: float = 20_000) -> bytes:
    """What the server sent over the socket since `frames` was cleared, once it holds `expected`: a rerun's messages
    can arrive after the page already looked ready (a slow machine starts the run late), so wait for them, then for
    the page to be drawn."""
    waited = 0.0
    while expected not in b"".join(frames):
        if waited >= timeout:
            raise AssertionError(f"the server never sent {expected!r} within {timeout / 1000:.0f} s")
        page.wait_for_timeout(50)
        waited += 50
    wait_ready(page)
    return b"".join(frames)

# A table far from the screen is not laid out (content-visibility: auto): it is measured when it comes near.
TABLES_MEASURED_JS = """() => [...document.querySelectorAll('.krcn-table')].every((root) => {
  const box = root.querySelector('.krcn-table-scroll');
  const laidOut = box.querySelector('thead').checkVisibility({contentVisibilityAuto: true});
  return root.dataset.state === 'drawn' &&
    (!laidOut || box.classList.contains('krcn-wide') === (box.scrollWidth > box.clientWidth + 1));
})"""


def wait_tables_measured(page, timeout: float = 30_000) -> None:
    """Wait until every drawn table has measured itself (whether it is wider than its box: the browser tells a
    table after laying it out, a frame after it is drawn)."""
    page.wait_for_function(TABLES_MEASURED_JS, timeout=timeout)


def screenshot(page, name: str) -> Path:
    """Save the whole page: Streamlit scrolls inside its main container, so grow the viewport to fit it."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); return m ? m.scrollHeight : 0 }"
    )
    if size and height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(height + 40, 8000)})
        page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)
    if size and height > size["height"]:
        page.set_viewport_size(size)
    return path


# Streamlit's own frontend asks /<page>/_stcore/health and /<page>/_stcore/host-config on deep links
# and logs the 404 before falling back to the root path (see shared/LIBRARY-NOTES.md): that noise is
# Streamlit's, not ours. A "Failed to load resource" console line is allowed only when every failed
# response of the page is one of those.
STREAMLIT_PROBES = ("/_stcore/health", "/_stcore/host-config")


def unexpected_console_errors(watch: PageWatch) -> list[str]:
    ours = [r for r in watch.failed_responses if not r.split(" ", 1)[1].split("?")[0].endswith(STREAMLIT_PROBES)]
    return [
        e for e in watch.console_errors
        if not (e.startswith("Failed to load resource") and not ours)
    ] + ours


def chromium_available() -> bool:
    return shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists()
