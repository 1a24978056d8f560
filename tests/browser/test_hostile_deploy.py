"""The hostile-link suite through deploy/ (issue 28, item 6): deploy/serve.sh as a host runs it (Caddy in front of 2
Streamlit processes) serving the hostile data package of tests/hostile_fixture.py. The same checks as
tests/browser/test_hardening_browser.py makes on the bare server — every page in both languages and the hostile
links on /network and /economy: no dialog, nothing ran (window.__pwned), no page error, no exception box, no request
to another origin, hostile names shown as text — and, through the proxy: every answer carries the security headers
(components/host/headers.py), the pre-rendered first screen (#krcn-first, in the HTML before any script runs) holds
the hostile values escaped and no markup of theirs, and the content security policy reports no violation.

One deploy/ stack for the module and few tests (each visits its views in a loop and names every failing view in its
message): CI time is near its limit."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import unquote_plus, urlparse

import pytest

from bench.proxy import caddy_binary
from tests.browser.conftest import (ALL_DRAWN_JS, ARTIFACTS, READY, ROOT, PageWatch, unexpected_console_errors,
                                   watch_page)
from tests.hostile_fixture import HOSTILE_EVENT, IMG, MARKDOWN, SCRIPT, SVG, write_hostile_package

if caddy_binary() is None:
    pytest.skip("the deploy tests need Debian's caddy (run `make test`, which installs it)", allow_module_level=True)

from tests.browser.test_deploy_survival import healthy, ports_in_a_row  # noqa: E402
from tests.browser.test_first_screen_browser import CSP_HOOK  # noqa: E402
# the bare suite's views and links: both servers meet the same hostile input
from tests.browser.test_hardening_browser import HOSTILE_QUERIES, PAGES  # noqa: E402

# With pytest-xdist's --dist loadgroup the module's tests share one worker, hence one deploy/ stack.
pytestmark = pytest.mark.xdist_group("hostile-deploy")

PROCESSES = 2
BATCH = 6  # views open at once, their waits overlapping (measured: 4 at once took 121 s, 6 took 90 s, load 13-16)
# test_hardening_browser.settle's pauses between "drawn" checks (wait_ready: drawn, 300 ms, drawn; settle: wait_ready,
# 1200 ms, wait_ready)
SETTLE_PAUSES_MS = (300, 1200, 300)
LANGS = ("en", "ko")
PAYLOADS = (SCRIPT, IMG, SVG)  # each sets window.__pwned or opens a dialog if it ever runs
# Hostile values each view's first screen shows (its table rows), and so must hold escaped; and the ones the
# Streamlit page shows as text once drawn. (view, lang) -> values.
FIRST_SCREEN_HOLDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("/network", "en"): (IMG,),  # a company's name and the "member of delegation" relation's label
    ("/network", "ko"): (SCRIPT,),
    ("/delegation", "en"): (IMG,),
    ("/delegation", "ko"): (SCRIPT,),
    ("/mou", "en"): (SCRIPT, IMG + " " + MARKDOWN),  # a clause's title and text
    ("/mou", "ko"): (SVG,),
    ("/regions", "en"): (SVG + " Sichuan",),  # a Chinese partner of several ties
    ("/regions", "ko"): (IMG + " 쓰촨",),
    ("/timeline", "en"): (SVG + " Sichuan",),  # the counterpart of ties
    ("/timeline", "ko"): (IMG + " 쓰촨",),
    (f"/timeline?open={HOSTILE_EVENT}", "en"): (SVG + " Sichuan",),
    (f"/timeline?open={HOSTILE_EVENT}", "ko"): (IMG + " 쓰촨",),
    (f"/?event={HOSTILE_EVENT}", "en"): (MARKDOWN + " " + IMG,),  # the event's own row
    (f"/?event={HOSTILE_EVENT}", "ko"): (SCRIPT,),
}
SHOWN_AS_TEXT: dict[tuple[str, str], tuple[str, ...]] = {
    ("/delegation", "en"): (IMG,),
    ("/delegation", "ko"): (SCRIPT,),
    ("/mou", "en"): (SCRIPT,),
}
# What the first screen may be made of (components/host/page_html.py): no script, image, SVG, frame or form.
OVERLAY_TAGS = {"div", "p", "nav", "ul", "li", "a", "h1", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr",
                "th", "td", "noscript", "style"}
OVERLAY = re.compile(r'<div id="krcn-first".*?(?=<script src="[^"]*first-screen\.js")', re.S)
TAG = re.compile(r"<([A-Za-z][\w-]*)([^>]*)>")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"\bon[a-z]+\s*=", re.I)


@dataclass
class Deploy:
    """A running deploy/serve.sh: Caddy on `port` in front of PROCESSES Streamlit processes."""

    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.origin + path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:  # whatever serve.sh left behind (it stops its children itself; this is for a failed start)
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def hostile_deploy(tmp_path_factory) -> Iterator[Deploy]:
    """deploy/serve.sh pointed at the hostile package the way a host points it at its data: KRCN_DATA_DIR in
    serve.sh's environment, which its processes inherit (docs/hosting.md)."""
    data_dir = write_hostile_package(tmp_path_factory.mktemp("hostile"))
    run_dir = tmp_path_factory.mktemp("serve")
    first_app_port = ports_in_a_row(2 * PROCESSES + 1)  # serve.sh takes each process's port and its spare
    port = first_app_port + 2 * PROCESSES
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"serve-hostile-{port}.log"
    # Caddy's admin endpoint is off in deploy/Caddyfile, so two stacks (two xdist workers) never meet on a port;
    # HOME and XDG_* keep each stack's Caddy and Streamlit files apart.
    env = dict(os.environ, PROCESSES=str(PROCESSES), PORT=str(port), FIRST_APP_PORT=str(first_app_port),
               RUN_DIR=str(run_dir), CADDY=caddy_binary(), PYTHON=sys.executable, KRCN_DATA_DIR=str(data_dir),
               HOME=str(run_dir), XDG_DATA_HOME=str(run_dir), XDG_CONFIG_HOME=str(run_dir))
    with open(log_path, "w") as log:
        process = subprocess.Popen([str(ROOT / "deploy" / "serve.sh")], cwd=run_dir, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    served = Deploy(port, process, log_path)
    deadline = time.time() + 120
    while not healthy(port) and time.time() < deadline and process.poll() is None:
        time.sleep(0.3)
    if not healthy(port):
        served.stop()
        raise RuntimeError(f"deploy/serve.sh did not start; see {log_path}")
    yield served
    served.stop()


def header_problems(headers: dict[str, str]) -> list[str]:
    """What is missing or weak among the security headers of one answer (Playwright gives lower-case names)."""
    csp = headers.get("content-security-policy", "")
    script_src = csp.split("script-src", 1)[1].split(";")[0] if "script-src" in csp else ""
    problems = []
    if "'self'" not in script_src or "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
        problems.append(f"content-security-policy script-src {script_src!r}")
    if "object-src 'none'" not in csp:
        problems.append("content-security-policy without object-src 'none'")
    if headers.get("x-content-type-options") != "nosniff":
        problems.append(f"x-content-type-options {headers.get('x-content-type-options')!r}")
    for name in ("referrer-policy", "permissions-policy"):
        if not headers.get(name):
            problems.append(f"no {name}")
    return problems


def first_screen_problems(html: str, payloads: tuple[str, ...], escaped: tuple[str, ...] = ()) -> list[str]:
    """The page's HTML as the server sent it, before any script ran: the first screen is there, built of plain
    elements only, holds `escaped` as escaped text, and no payload appears unescaped anywhere in the document."""
    found = OVERLAY.search(html)
    if found is None:
        return ["no first screen (#krcn-first) in the HTML"]
    overlay = found.group(0)
    problems = []
    tags = TAG.findall(overlay)
    foreign = sorted({name.lower() for name, _ in tags} - OVERLAY_TAGS)
    if foreign:
        problems.append(f"first screen has elements {foreign}")
    handlers = sorted({f"<{name}{attributes}>"[:80] for name, attributes in tags if HANDLER.search(attributes)})[:3]
    if handlers:
        problems.append(f"first screen has event handlers {handlers}")
    inline = INLINE_SCRIPT.findall(html)
    if len(inline) != 1:  # Streamlit's own one-liner (its hash is in the policy), nothing added
        problems.append(f"{len(inline)} inline scripts: {inline[:3]}")
    problems += [f"raw {p[:40]!r}" for p in payloads if p in html]
    problems += [f"first screen lacks escaped {v[:40]!r}" for v in escaped
                 if escape(" ".join(v.split()), quote=True) not in overlay]
    return problems


def browser_problems(page, watch: PageWatch, origin: str) -> list[str]:
    """The bare suite's checks (test_hardening_browser.assert_nothing_ran, no foreign request) and no policy
    violation, as a list of what went wrong."""
    problems = []
    if watch.dialogs:
        problems.append(f"dialogs {watch.dialogs}")
    pwned = page.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)")
    if pwned is not None:
        problems.append(f"window.__pwned = {pwned!r}")
    if watch.page_errors:
        problems.append(f"page errors {watch.page_errors[:3]}")
    if page.locator('[data-testid="stException"]').count():
        problems.append("an exception box")
    foreign = watch.foreign_requests(origin)
    if foreign:
        problems.append(f"requests to other origins {foreign[:3]}")
    violations = page.evaluate("() => window.__csp")
    if violations:
        problems.append(f"policy violations {violations[:3]}")
    return problems


def answers_without_headers(answers: list, origin: str) -> list[str]:
    """Every HTTP answer of the origin (document, scripts, styles, fonts, media, Streamlit's endpoints) carries the
    headers, whichever process answered."""
    ours = [answer for answer in answers if answer.url.startswith(origin)]
    missing = [f"{answer.status} {answer.url[len(origin):][:60]}: {problems[0]}"
               for answer in ours if (problems := header_problems(answer.headers))]
    return [f"{len(missing)} of {len(ours)} answers without the headers, e.g. {missing[:2]}"] if missing else []


@dataclass
class Visit:
    """One view open in a tab: what it did, the answer to its address, every answer it got, what went wrong."""

    view: str
    page: object
    watch: PageWatch
    answers: list = field(default_factory=list)
    answer: object = None
    problems: list[str] = field(default_factory=list)

    def attempt(self, step: Callable[[Visit], object]) -> None:
        """Run a step unless the view already failed; a timeout fails this view only, the others go on."""
        if self.problems and self.problems[-1].startswith("stopped:"):
            return
        try:
            step(self)
        except Exception as exc:  # noqa: BLE001 - reported with the view's name
            self.problems.append(f"stopped: {type(exc).__name__}: {str(exc)[:300]}")


def drawn(visit: Visit) -> None:
    """Streamlit finished the script run and the app's components have drawn (conftest.wait_ready, no pause)."""
    visit.page.wait_for_selector(READY, timeout=30_000)
    visit.page.wait_for_function(ALL_DRAWN_JS, timeout=30_000)


def visit_all(browser, served: Deploy, views: list[str], check: Callable[[Visit], list[str]]) -> dict[str, list[str]]:
    """Open `views` BATCH at a time, each in its own tab, and settle them as test_hardening_browser.settle does
    (drawn, then drawn again after 0.3, 1.2 and 0.3 s), with the waits overlapping. The
    tabs share a context (its cache); each batch starts without a sticky cookie, so Caddy picks a process again.
    `check` gives what went wrong in a settled view; returns view -> problems for every view with any."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US", color_scheme="light")
    context.add_init_script(CSP_HOOK)
    failures: dict[str, list[str]] = {}
    try:
        for first in range(0, len(views), BATCH):
            context.clear_cookies()
            batch = []
            for view in views[first:first + BATCH]:
                page = context.new_page()
                visit = Visit(view, page, watch_page(page))
                page.on("response", lambda answer, visit=visit: visit.answers.append(answer))
                visit.attempt(lambda v: setattr(v, "answer", v.page.goto(served.url(v.view), wait_until="commit")))
                batch.append(visit)
            # test_hardening_browser.settle, each pause taken once for the whole batch
            for pause in SETTLE_PAUSES_MS:
                for visit in batch:
                    visit.attempt(drawn)
                batch[0].page.wait_for_timeout(pause)
            for visit in batch:
                visit.attempt(drawn)
                visit.attempt(lambda v: v.problems.extend(check(v)))
                if visit.problems:
                    failures[visit.view[:70]] = visit.problems
                visit.page.close()
    finally:
        context.close()
    return failures


def failed_views(failures: dict[str, list[str]]) -> str:
    return f"{len(failures)} views failed:\n" + "\n".join(f"{view}: {problems}" for view, problems in failures.items())


def test_hostile_data_through_deploy_shows_as_text_runs_nothing_and_keeps_the_headers(browser, hostile_deploy):
    origin = hostile_deploy.origin
    views = {f"{path}{'&' if '?' in path else '?'}lang={lang}": (path, lang) for path in PAGES for lang in LANGS}

    def check(visit: Visit) -> list[str]:
        key = views[visit.view]
        problems = [f"status {visit.answer.status}"] if visit.answer.status != 200 else []
        problems += header_problems(visit.answer.headers)
        problems += first_screen_problems(visit.answer.text(), PAYLOADS, FIRST_SCREEN_HOLDS.get(key, ()))
        problems += browser_problems(visit.page, visit.watch, origin)
        problems += [f"not shown as text: {v[:40]!r}" for v in SHOWN_AS_TEXT.get(key, ())
                     if visit.page.get_by_text(v, exact=False).count() == 0]
        return problems + answers_without_headers(visit.answers, origin)

    failures = visit_all(browser, hostile_deploy, list(views), check)
    assert failures == {}, failed_views(failures)


def test_hostile_links_through_deploy_run_nothing_and_leave_a_notice(browser, hostile_deploy):
    origin = hostile_deploy.origin
    views = [f"{path}?{query}" for path in ("/network", "/economy") for query in HOSTILE_QUERIES]

    def check(visit: Visit) -> list[str]:
        path, query = visit.view.split("?", 1)
        # the link's own keys and values, decoded as the server reads them, must not come back as markup
        payloads = tuple(piece for piece in (unquote_plus(p) for p in re.split("[&=]", query)) if "<" in piece)
        problems = [f"status {visit.answer.status}"] if visit.answer.status != 200 else []
        problems += header_problems(visit.answer.headers)
        problems += first_screen_problems(visit.answer.text(), payloads)
        problems += browser_problems(visit.page, visit.watch, origin)
        # focus/depth belong to /network: elsewhere they are dropped quietly (a link carried over from there)
        expect_notice = not (path == "/economy" and query.startswith("focus="))
        notice = visit.page.locator('[data-testid="stAlertContentWarning"]').filter(
            has_text="Ignored what this link asked")
        if (notice.count() == 1) != expect_notice:
            problems.append(f"{notice.count()} notices, expected {int(expect_notice)}")
        remaining = urlparse(visit.page.url).query
        if "<" in remaining or "%3C" in remaining.upper() or len(remaining) >= 200:
            problems.append(f"the URL kept {remaining[:80]!r}")
        problems += [f"console: {e[:120]}" for e in unexpected_console_errors(visit.watch)]
        return problems + answers_without_headers(visit.answers, origin)

    failures = visit_all(browser, hostile_deploy, views, check)
    assert failures == {}, failed_views(failures)
