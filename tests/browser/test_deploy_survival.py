"""deploy/serve.sh as a host runs it (2 Streamlit processes behind Caddy) survives a killed process and a rolling
deploy (deploy/roll.sh) while HTTP clients load pages in a loop and two Chromium pages, one on each process, keep
their view: no page load fails, the other process's visitor never loses its connection, and a moved visitor is
back at the same view within 10 s. A deploy whose new process cannot start leaves the old ones serving. The numbers measured go to test-artifacts/deploy-survival.json."""
from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.proxy import caddy_binary
from tests.browser.conftest import ARTIFACTS, READY, ROOT, new_page, wait_ready

if caddy_binary() is None:
    pytest.skip("the deploy tests need Debian's caddy (run `make test`, which installs it)", allow_module_level=True)

PROCESSES = 2
STICKY_COOKIE = "krcn_upstream"  # lb_policy cookie in deploy/Caddyfile
RECONNECT_WITHIN_S = 10  # issue 28: a moved visitor is back at the same view within 10 s
BACK_WITHIN_S = 15  # ... and a killed process is back and healthy within 15 s
MEASURED: dict = {}
BROKEN = "code-is-broken"  # while this file is in the run folder, a new process exits at once (a bad deploy)
# A moved visitor's first change after the move must count: Streamlit calls no on_change in a session that has not
# drawn the widget yet, so the frame takes a browser-held value as the change (components/web/frame.py,
# _browser_holds). Found by these tests; they failed with the change dropped before that.


RESERVED_PORTS: list = []  # the locks on the port runs this process took: held until it ends


def ports_in_a_row(count: int) -> int:
    """The first of `count` consecutive free loopback ports (serve.sh takes FIRST_APP_PORT .. +2N-1). The spare
    ports stay unbound until a rolling deploy, so they are taken below the kernel's ephemeral range (no client
    socket and no `free_port()` lands on them meanwhile) and locked for this process's life (a lock file each under
    the temporary folder: another test process, such as the other xdist worker, does not pick them either)."""
    try:
        ephemeral_low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        ephemeral_low = 32_768  # Linux's default
    top = ephemeral_low - count if ephemeral_low - count > 20_000 else 50_000
    locks = Path(tempfile.gettempdir()) / "krcn-port-locks"
    locks.mkdir(exist_ok=True)
    for _ in range(200):
        first = random.randrange(10_000, top)
        held = []
        try:
            for port in range(first, first + count):
                held.append(open(locks / f"{port}.lock", "w"))  # noqa: SIM115 - held until the process ends
                fcntl.flock(held[-1], fcntl.LOCK_EX | fcntl.LOCK_NB)
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:  # locked by another process, or in use
            for handle in held:
                handle.close()
            continue
        RESERVED_PORTS.extend(held)
        return first
    raise RuntimeError("no free run of ports")


def cookie_for(port: int) -> str:
    """The sticky cookie Caddy gives a visitor of the process on `port`: HMAC-SHA256 of its address (no secret)."""
    return hmac.new(b"", f"127.0.0.1:{port}".encode(), hashlib.sha256).hexdigest()


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def pid_listening_on(port: int) -> int | None:
    import psutil

    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
            return conn.pid
    return None


@dataclass
class Deployment:
    """A running deploy/serve.sh: Caddy on `port`, processes on `first_app_port` .. (spares after them)."""

    port: int
    first_app_port: int
    run_dir: Path
    process: subprocess.Popen
    log_path: Path

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serving_ports(self) -> list[int]:
        """The app ports a process listens on now, one per process (its first port or its spare)."""
        return [p for p in range(self.first_app_port, self.first_app_port + 2 * PROCESSES) if healthy(p)]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:  # whatever serve.sh left behind (it stops its children itself; this is for a failed test)
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# roll.sh asks serve.sh for a rolling deploy with SIGHUP, and bash cannot trap a signal that was ignored when it
# started: a test run under `nohup` (or a CI runner that ignores SIGHUP) would pass that on, and every roll would wait
# out its timeout. So serve.sh starts as a host starts it, with SIGHUP's default (this execs it: same pid).
WITH_DEFAULT_HANGUP = [sys.executable, "-c", "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_DFL); "
                       "os.execv(sys.argv[1], sys.argv[1:])"]


@pytest.fixture(scope="module")
def deployment(tmp_path_factory) -> Iterator[Deployment]:
    first_app_port = ports_in_a_row(2 * PROCESSES + 1)
    port = first_app_port + 2 * PROCESSES
    run_dir = tmp_path_factory.mktemp("serve")
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"serve-{port}.log"
    # the interpreter serve.sh starts processes with, which refuses to start while a test marks the code broken
    python = run_dir / "python"
    python.write_text(f'#!/bin/sh\n[ -e "{run_dir / BROKEN}" ] && {{ echo "broken on purpose (test)" >&2; exit 3; }}\n'
                      f'exec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    env = dict(os.environ, PROCESSES=str(PROCESSES), PORT=str(port), FIRST_APP_PORT=str(first_app_port),
               RUN_DIR=str(run_dir), CADDY=caddy_binary(), PYTHON=str(python), HOME=str(run_dir),
               XDG_DATA_HOME=str(run_dir), XDG_CONFIG_HOME=str(run_dir))
    env.pop("KRCN_DATA_DIR", None)
    with open(log_path, "w") as log:
        process = subprocess.Popen([*WITH_DEFAULT_HANGUP, str(ROOT / "deploy" / "serve.sh")], cwd=run_dir, env=env,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    served = Deployment(port, first_app_port, run_dir, process, log_path)
    deadline = time.time() + 120
    while not healthy(port) and time.time() < deadline and process.poll() is None:
        time.sleep(0.3)
    if not healthy(port):
        served.stop()
        raise RuntimeError(f"deploy/serve.sh did not start; see {log_path}")
    yield served
    served.stop()
    (ARTIFACTS / "deploy-survival.json").write_text(json.dumps(MEASURED, indent=2) + "\n")


@dataclass
class PageLoads:
    """HTTP clients loading pages through the proxy in a loop, each with a sticky cookie (or none) as a visitor's
    browser has; a load fails on any status but 200 or any connection error."""

    origin: str
    cookies: list[str | None]
    loads: int = 0
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    PATHS = ("/?lang=ko", "/network?lang=en&sector=cloud", "/economy?unit=krw", "/regions?lang=en", "/_stcore/health",
             "/_stcore/host-config")

    def _loop(self, cookie: str | None) -> None:
        rng = random.Random(cookie)
        while not self._stop.is_set():
            path = rng.choice(self.PATHS)
            request = urllib.request.Request(self.origin + path,
                                             headers={"Cookie": f"{STICKY_COOKIE}={cookie}"} if cookie else {})
            try:
                with urllib.request.urlopen(request, timeout=15) as resp:
                    resp.read()
                    self.loads += 1
            except Exception as exc:  # noqa: BLE001 - every failure a visitor would see counts
                self.failures.append(f"{time.strftime('%H:%M:%S')} {path}: {exc!r}"[:200])
            time.sleep(0.05)

    def __enter__(self) -> PageLoads:
        self._threads = [threading.Thread(target=self._loop, args=(c,), daemon=True) for c in self.cookies]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=20)


# Every change of the page's connection and script state, with the page's clock: Streamlit's frontend goes from
# CONNECTED to PINGING_SERVER / CONNECTING when its WebSocket closes, and back once it has a session again; then it
# runs the page's script (the URL is the state) and is done when the script state is notRunning again.
WATCH_CONNECTION_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__krcnConnection = [];
  new MutationObserver(() => window.__krcnConnection.push(
      [app.dataset.testConnectionState, app.dataset.testScriptState, performance.now()]))
    .observe(app, {attributes: true, attributeFilter: ['data-test-connection-state', 'data-test-script-state']});
}"""
# ms from losing the connection to having it again (to the process the proxy chose); null until then. The view
# stays on screen meanwhile, and the next interaction runs on the new process from the URL (the URL is the state).
RECONNECTED_MS_JS = """() => {
  const log = window.__krcnConnection;
  const lost = log.findIndex((e) => e[0] !== 'CONNECTED');
  const back = log.findIndex((e, i) => i > lost && e[0] === 'CONNECTED');
  return lost < 0 || back < 0 ? null : log[back][2] - log[lost][2];
}"""


# the URL shows the sector, or a script run started after the n-th change and has finished without it
SHOWN_OR_RAN_JS = """([n, sector]) => {
  if (new URLSearchParams(location.search).getAll('sector').includes(sector)) return true;
  const log = window.__krcnConnection.slice(n);
  const last = log[log.length - 1];
  return log.some((e) => e[1] !== 'notRunning') && last[0] === 'CONNECTED' && last[1] === 'notRunning';
}"""
VIEW_ELEMENTS = ('[data-testid="stMain"] :is([data-testid="stHeading"], [data-testid="stMarkdownContainer"], '
                 '[data-testid="stMetric"]), [data-testid="stSidebar"] [data-testid="stMultiSelect"]')


def wait_drawn(page, timeout: float = 30_000) -> None:
    """Streamlit has run the page's script and is connected (twice, 300 ms apart: a rerun may follow)."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)


@dataclass
class Visitor:
    """A Chromium page pinned (by its sticky cookie) to the process on `app_port`, showing `path`."""

    context: object
    page: object
    watch: object
    path: str
    app_port: int
    url: str = ""
    view: list[str] = field(default_factory=list)
    errors_at_start: int = 0  # error boxes the page showed before anything happened to its process (none, normally)
    _marks: tuple[int, int, int] = (0, 0, 0)

    def view_text(self) -> list[str]:
        """What Streamlit's own elements show (headings, text, figures, the sidebar's filters): a view the URL
        gives, the same from any process. Read once the page is drawn and the same twice 500 ms apart (a busy
        machine can leave the page between two script runs for longer than wait_ready's pause)."""
        wait_ready(self.page)
        found = self.page.locator(VIEW_ELEMENTS)
        shown, deadline = None, time.time() + 15
        while time.time() < deadline:
            again = [found.nth(i).inner_text() for i in range(found.count())]
            if again == shown:
                break
            shown = again
            self.page.wait_for_timeout(500)
            wait_drawn(self.page)
        return shown

    def errors_shown(self) -> list[str]:
        boxes = self.page.locator('[data-testid="stException"], [data-testid="stAlertContentError"], [role="dialog"]')
        return [boxes.nth(i).inner_text()[:200] for i in range(boxes.count())]

    def lost_connection(self) -> bool:
        return any(entry[0] != "CONNECTED" for entry in self.page.evaluate("() => window.__krcnConnection"))

    def reconnected_after_ms(self) -> float:
        """Wait until the page lost its connection and has it back; the time between, in ms."""
        handle = self.page.wait_for_function(RECONNECTED_MS_JS, timeout=RECONNECT_WITHIN_S * 3000, polling=50)
        wait_drawn(self.page)
        return handle.json_value()

    def choose_sector(self, name: str, sector_id: str) -> tuple[bool, float]:
        """Tick a sector in the sidebar as a visitor does and wait for the script run it causes: whether the page
        shows it (written to the URL), and the ms that took."""
        from bench.browser import sector_option

        started = time.time()
        changes = self.page.evaluate("() => window.__krcnConnection.length")
        sector_option(self.page, name).click()
        try:
            self.page.wait_for_function(SHOWN_OR_RAN_JS, arg=[changes, sector_id], timeout=RECONNECT_WITHIN_S * 1000,
                                        polling=50)
        except PlaywrightTimeout:  # no run seen and the URL without it: the change was not kept
            pass
        wait_drawn(self.page)
        shown = sector_id in parse_qs(urlsplit(self.page.url).query).get("sector", [])
        return shown, (time.time() - started) * 1000

    def mark(self) -> None:
        """From now on, count what goes wrong (errors_since_mark)."""
        self._marks = (len(self.watch.failed_responses), len(self.watch.console_errors), len(self.watch.page_errors))

    def errors_since_mark(self) -> list[str]:
        """Failed responses, console errors and page errors since mark(): what a visitor could have noticed."""
        responses, console, page = self._marks
        return (self.watch.failed_responses[responses:] + self.watch.console_errors[console:]
                + self.watch.page_errors[page:])


def open_visitor(browser, served: Deployment, path: str, app_port: int) -> Visitor:
    context, page, watch = new_page(browser)
    context.add_cookies([{"name": STICKY_COOKIE, "value": cookie_for(app_port), "url": served.url("/")}])
    page.goto(served.url(path))
    wait_drawn(page)
    page.evaluate(WATCH_CONNECTION_JS)
    visitor = Visitor(context, page, watch, path, app_port, page.url)
    visitor.view = visitor.view_text()
    visitor.errors_at_start = len(visitor.errors_shown())
    return visitor


def assert_same_view(visitor: Visitor) -> None:
    assert visitor.page.url == visitor.url, (visitor.page.url, visitor.url)
    assert visitor.view_text() == visitor.view
    assert len(visitor.errors_shown()) == visitor.errors_at_start, visitor.errors_shown()


def test_a_killed_process_is_started_again_and_no_visitor_notices(browser, deployment):
    first, second = deployment.first_app_port, deployment.first_app_port + 1
    assert deployment.serving_ports() == [first, second]
    moved = open_visitor(browser, deployment, "/economy?lang=en&unit=krw", first)
    stays = open_visitor(browser, deployment, "/network?lang=ko&sector=cloud", second)
    try:
        killed_pid = pid_listening_on(first)
        stays.mark()
        with PageLoads(deployment.url(""), [cookie_for(first), cookie_for(first), cookie_for(second), None]) as loads:
            time.sleep(1)
            os.kill(killed_pid, signal.SIGKILL)
            killed_at = time.time()
            reconnect_ms = moved.reconnected_after_ms()
            assert_same_view(moved)
            # the moved visitor's next change, on its new process
            first_change_kept, answer_ms = moved.choose_sector("Cloud", "cloud")
            if not first_change_kept:  # see the end of the test
                assert moved.choose_sector("Cloud", "cloud")[0]
            assert len(moved.errors_shown()) == moved.errors_at_start, moved.errors_shown()
            while not healthy(first) and time.time() < killed_at + 30:
                time.sleep(0.1)
            process_back_s = time.time() - killed_at
            # Caddy sends the killed process's cookie to it again (no new cookie) once its checks pass
            request = urllib.request.Request(deployment.url("/_stcore/health"),
                                             headers={"Cookie": f"{STICKY_COOKIE}={cookie_for(first)}"})
            while time.time() < killed_at + 30:
                with urllib.request.urlopen(request, timeout=5) as resp:
                    if not any(h.startswith(STICKY_COOKIE) for h in resp.headers.get_all("Set-Cookie") or []):
                        break
                time.sleep(0.2)
            in_rotation_s = time.time() - killed_at
            time.sleep(1)
        MEASURED["kill"] = {"page_loads": loads.loads, "failed_loads": len(loads.failures),
                            "moved_visitor_reconnected_ms": round(reconnect_ms),
                            "moved_visitor_next_change_ms": round(answer_ms), "first_change_kept": first_change_kept,
                            "process_back_s": round(process_back_s, 1),
                            "back_in_proxy_rotation_s": round(in_rotation_s, 1), "load_average": os.getloadavg()[0]}
        print("kill:", MEASURED["kill"])
        assert pid_listening_on(first) not in (None, killed_pid)
        assert process_back_s <= BACK_WITHIN_S
        assert in_rotation_s <= BACK_WITHIN_S + 5
        assert loads.loads > 20 and not loads.failures, loads.failures[:5]
        assert reconnect_ms <= RECONNECT_WITHIN_S * 1000
        # the other process's visitor never lost its connection, and nothing went wrong on its page
        assert not stays.lost_connection()
        assert_same_view(stays)
        assert not stays.errors_since_mark(), stays.errors_since_mark()
        assert first_change_kept, "the moved visitor's first change after the move was dropped"
    finally:
        moved.context.close()
        stays.context.close()


def roll(served: Deployment) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "deploy" / "roll.sh")], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PORT=str(served.port), RUN_DIR=str(served.run_dir)))


def test_a_rolling_deploy_whose_new_process_fails_leaves_the_old_ones_serving(deployment):
    before = {port: pid_listening_on(port) for port in deployment.serving_ports()}
    (deployment.run_dir / BROKEN).touch()
    try:
        with PageLoads(deployment.url(""), [cookie_for(p) for p in before] + [None]) as loads:
            failed = roll(deployment)
            time.sleep(1)
    finally:
        (deployment.run_dir / BROKEN).unlink()
    assert failed.returncode == 1
    assert "failed" in failed.stderr and "the old processes keep serving" in failed.stderr, failed.stderr
    assert {port: pid_listening_on(port) for port in deployment.serving_ports()} == before
    assert loads.loads > 5 and not loads.failures, loads.failures[:5]


def test_a_rolling_deploy_replaces_every_process_one_at_a_time_and_drops_nobody(browser, deployment):
    before = {port: pid_listening_on(port) for port in deployment.serving_ports()}
    assert len(before) == PROCESSES
    visitors = [open_visitor(browser, deployment, path, port)
                for path, port in zip(("/timeline?lang=en&region=gyeonggi", "/mou?lang=en&sector=ai"), before)]
    try:
        with PageLoads(deployment.url(""), [cookie_for(p) for p in before] + [None]) as loads:
            started = time.time()
            rolled = roll(deployment)
            roll_s = time.time() - started
            reconnect_ms = [visitor.reconnected_after_ms() for visitor in visitors]
            for visitor in visitors:
                assert_same_view(visitor)
            changes = [visitor.choose_sector("Cloud", "cloud") for visitor in visitors]
            for visitor, (kept, _) in zip(visitors, changes):
                if not kept:  # see the end of the test
                    assert visitor.choose_sector("Cloud", "cloud")[0], visitor.path
            time.sleep(1)
        after = {port: pid_listening_on(port) for port in deployment.serving_ports()}
        MEASURED["rolling_deploy"] = {"page_loads": loads.loads, "failed_loads": len(loads.failures),
                                      "deploy_s": round(roll_s, 1), "visitors_reconnected_ms": [round(m) for m in reconnect_ms],
                                      "visitors_next_change_ms": [round(ms) for _, ms in changes],
                                      "first_change_kept": [kept for kept, _ in changes],
                                      "load_average": os.getloadavg()[0]}
        print("rolling deploy:", MEASURED["rolling_deploy"])
        assert rolled.returncode == 0, rolled.stdout + rolled.stderr
        # every process is new, on its spare port; the old ones are gone
        assert len(after) == PROCESSES and not set(after) & set(before), (before, after)
        assert not set(after.values()) & set(before.values())
        assert loads.loads > 20 and not loads.failures, loads.failures[:5]
        assert all(ms <= RECONNECT_WITHIN_S * 1000 for ms in reconnect_ms), reconnect_ms
        for visitor in visitors:
            assert len(visitor.errors_shown()) == visitor.errors_at_start, (visitor.path, visitor.errors_shown())
        assert all(kept for kept, _ in changes), changes
    finally:
        for visitor in visitors:
            visitor.context.close()
