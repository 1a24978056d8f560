"""Benchmark of the dashboard against an empty Streamlit app (`make bench`; GitHub issue 6).

    .venv/bin/python bench/benchmark.py                 # full run (about 15 minutes on 2 cores)
    .venv/bin/python bench/benchmark.py --runs 3        # fewer paired runs
    .venv/bin/python bench/benchmark.py --quick         # CI smoke: 1 run, 2 pages, no scale, no memory soak
    .venv/bin/python bench/benchmark.py --out bench/results/mine.json

Both servers are `streamlit run` on free loopback ports, from the repository root (same Streamlit, same
.streamlit/config.toml): the dashboard (app.py) and the baseline bench/empty_app.py. Headless Chromium
(Debian's /usr/bin/chromium) opens each page in a fresh browser context; dashboard and baseline runs alternate
(app first on even runs, baseline first on odd ones) and every number is a median over those paired runs.

What is measured (all times in ms; see README "Benchmark"):
- page load: navigation start -> page fully rendered = the script finished (stApp notRunning + CONNECTED, after
  a run was seen), every chart component has drawn, the network component left its 'loading' state (its canvas
  drawn: data-state="drawn"), and the DOM then stayed quiet for QUIET_MS; the quiet window itself is not counted (the time is that
  of the last DOM mutation). Ratio = dashboard / empty app. Goal <= 1.15.
- warm interactions: sector change (sidebar multiselect), focus change (/network select box), language switch
  (sidebar radio), each from the pointer-down to the redrawn page, same rule. Baseline: a rerun of the empty
  app ('r'). Goal <= 300 ms median.
- bytes sent to the browser (CDP: WebSocket frames received + encodedDataLength of finished HTTP loads) per
  interaction (goal <= 100 KB) and for a first page load, beyond the empty app's.
- server: script run time per page on the real server (bench/stclient.py: rerun -> script_finished on
  loopback) and in-process with AppTest; memory (RSS of the streamlit process and children) idle, with 20
  sessions open, after they close, and over 600 sequential sessions (growth over the last half: a leak).
- frame floor: the dashboard's own frame with empty pages (bench/common.write_frame_floor_app: the sidebar with
  its links, language switch, sector filter and share box, and the URL handling) loaded paired with the empty
  app at "/" and "/economy": the part of every page's ratio that comes before the page's first element.
- scale: synthetic packages 10x and 100x (bench/scale_data.py, validated with components.data.validate), same page
  timings, and what the network page shows at that size.
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import json
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.browser import focus_option, language_option, sector_option  # noqa: E402
from bench.common import (  # noqa: E402
    EMPTY_APP,
    PAGES,
    READY,
    RESULTS,
    ROOT,
    Server,
    launch_browser,
    machine_info,
    median,
    start_server,
    wait_for_quiet_machine,
    write_frame_floor_app,
)

QUIET_MS = 150
GOALS = {"page_ratio": 1.15, "interaction_ms": 300, "interaction_bytes": 100 * 1024}
VIEWPORT = {"width": 1400, "height": 1000}
QUICK_PAGES = ("overview", "network")

# Installed before any page script: last DOM mutation time, script-state transitions, the time of the first
# pointer-down / key-down after a reset (the start of an interaction). performance.now() is 0 at navigation.
INIT_JS = """
(() => {
  const b = window.__bench = {last: 0, states: [], mark: null};
  new MutationObserver((mutations) => {
    b.last = performance.now();
    for (const m of mutations) {
      if (m.type === 'attributes' && m.attributeName === 'data-test-script-state') {
        b.states.push([b.last, m.target.getAttribute('data-test-script-state')]);
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const mark = () => { if (b.mark === null) b.mark = performance.now(); };
  document.addEventListener('pointerdown', mark, true);
  document.addEventListener('keydown', mark, true);
})();
"""

SETTLED_JS = """
({since, quiet, ready, runSeen}) => {
  const b = window.__bench;
  if (!b || !document.querySelector(ready)) return false;
  // a run was seen: 'running', or only 'rerunRequested' when a tiny script finishes within one React render;
  // runSeen: the caller saw the run's messages arrive (a starved browser may render no transition at all)
  if (!runSeen && !b.states.some(([t, s]) => t >= since && s !== 'notRunning')) return false;
  // charts (components/ui_chart.py): 'loading' until drawn ('drawn'), or 'failed'
  for (const el of document.querySelectorAll('.krcn-chart')) {
    if ((el.dataset.state || 'loading') === 'loading') return false;
  }
  // the network component: 'loading' until vis-network's afterDrawing (then 'drawn'), or 'empty'/'failed';
  // past its node limit /network shows a notice and the table instead, and has no component to wait for
  for (const el of document.querySelectorAll('.krcn-net')) {
    if ((el.dataset.state || 'loading') === 'loading') return false;
  }
  return performance.now() - b.last >= quiet;
}
"""

PAGE_PROBLEMS_JS = """
() => {
  const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => e.innerText.trim().slice(0, 200));
  return {
    exceptions: texts('[data-testid="stException"]'),
    errors: texts('[data-testid="stAlertContentError"]'),
    network_failed: texts('.krcn-net[data-state="failed"]'),
    charts_failed: texts('.krcn-chart[data-state="failed"]'),
  };
}
"""

NETWORK_INFO_JS = """
() => {
  const root = document.querySelector('.krcn-net');
  const net = window.__krcnNetwork;
  const count = (d) => (d && typeof d.length === 'number' ? d.length : null);
  return {
    state: root ? root.dataset.state || null : null,
    status: root ? (root.querySelector('.krcn-net-status') || {}).textContent || '' : '',
    canvas: !!document.querySelector('[data-testid="stMain"] canvas'),
    nodes: net && net.body && net.body.data ? count(net.body.data.nodes) : null,
    edges: net && net.body && net.body.data ? count(net.body.data.edges) : null,
    notices: [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stAlert"]')]
      .map((e) => e.innerText.trim().slice(0, 300)),
  };
}
"""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def sector_names() -> dict[str, dict[str, str]]:
    with (ROOT / "data" / "sectors.csv").open(encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def entity_names() -> dict[str, dict[str, str]]:
    with (ROOT / "data" / "entities.csv").open(encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


class Probe:
    """A fresh browser context with the timing script and a CDP byte counter on its page."""

    def __init__(self, browser, locale: str = "en-US") -> None:
        self.context = browser.new_context(viewport=VIEWPORT, locale=locale)
        self.context.add_init_script(INIT_JS)
        self.page = self.context.new_page()
        self.page_errors: list[str] = []
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)[:300]))
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        self.ws_bytes = 0
        self.ws_messages = 0  # binary frames (ForwardMsgs) since the last reset
        self.http_bytes = 0
        self.urls: dict[str, str] = {}
        self.sizes: dict[str, int] = {}  # url path -> encoded bytes, for the first load's breakdown
        self.cdp.on("Network.requestWillBeSent", self._on_request)
        self.cdp.on("Network.webSocketFrameReceived", self._on_frame)
        self.cdp.on("Network.loadingFinished", self._on_loaded)
        self.cdp.on("Network.loadingFailed", self._on_failed)
        self.pending: set[str] = set()  # HTTP requests sent and not yet finished (lazily loaded modules among them)
        self.net_quiet_since = time.monotonic()

    def _on_frame(self, event: dict) -> None:
        response = event.get("response", {})
        payload = response.get("payloadData", "")
        if response.get("opcode") == 2:  # binary frames arrive base64-encoded
            self.ws_bytes += len(payload) * 3 // 4 - payload[-2:].count("=")
            self.ws_messages += 1
        else:
            self.ws_bytes += len(payload.encode("utf-8"))

    def _on_request(self, event: dict) -> None:
        request_id = event.get("requestId", "")
        self.urls[request_id] = event.get("request", {}).get("url", "")
        self.pending.add(request_id)

    def _on_failed(self, event: dict) -> None:
        self.pending.discard(event.get("requestId", ""))
        self.net_quiet_since = time.monotonic()

    def _on_loaded(self, event: dict) -> None:
        self.pending.discard(event.get("requestId", ""))
        self.net_quiet_since = time.monotonic()
        size = int(event.get("encodedDataLength", 0))
        self.http_bytes += size
        url = self.urls.get(event.get("requestId", ""), "?")
        path = "/" + url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0] if "://" in url else url
        self.sizes[path] = self.sizes.get(path, 0) + size

    def top_resources(self, count: int = 8) -> list[list]:
        ranked = sorted(self.sizes.items(), key=lambda kv: -kv[1])[:count]
        return [[path, size] for path, size in ranked] + [["(websocket frames)", self.ws_bytes]]

    def reset_bytes(self) -> None:
        self.page.wait_for_timeout(20)  # deliver pending CDP events before zeroing
        self.ws_bytes = self.http_bytes = self.ws_messages = 0

    @property
    def bytes(self) -> int:
        return self.ws_bytes + self.http_bytes

    def settle(self, since: float, timeout_ms: float, run_seen: bool = False) -> float:
        """Wait until the page is fully rendered after `since`; returns ms from `since` to the last mutation."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            self.page.wait_for_function(
                SETTLED_JS, arg={"since": since, "quiet": QUIET_MS, "ready": READY, "runSeen": run_seen},
                polling=25, timeout=max(1.0, (deadline - time.monotonic()) * 1000),
            )
            # The DOM can be quiet while an element's lazily loaded modules are still on their way (a table or a
            # widget appears only once they arrive): the network must be quiet for as long as the DOM.
            if not self.pending and (time.monotonic() - self.net_quiet_since) * 1000 >= QUIET_MS:
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"requests still pending: {sorted(self.urls.get(r, r) for r in self.pending)[:5]}")
            self.page.wait_for_timeout(25)
        last = self.page.evaluate("window.__bench.last")
        self.page.wait_for_timeout(30)  # let the byte counter receive the last CDP events
        return max(0.0, last - since)

    def problems(self) -> list[str]:
        found = self.page.evaluate(PAGE_PROBLEMS_JS)
        out = [f"exception: {t}" for t in found["exceptions"]]
        out += [f"error box: {t}" for t in found["errors"]]
        out += [f"network failed: {t}" for t in found["network_failed"]]
        out += [f"chart failed: {t}" for t in found["charts_failed"]]
        out += [f"page error: {t}" for t in self.page_errors]
        return out

    def arm(self) -> None:
        """Forget earlier marks and states: the next pointer-down or key-down starts the interaction."""
        self.page.evaluate("window.__bench.mark = null; window.__bench.states = []")
        self.reset_bytes()

    def mark(self) -> float:
        value = self.page.evaluate("window.__bench.mark")
        if value is None:
            raise RuntimeError("the interaction's pointer-down was not seen")
        return value

    def close(self) -> None:
        try:
            self.context.close()
        except Exception:  # noqa: BLE001 - a crashed page must not stop the benchmark
            pass


# --- what a visitor does --------------------------------------------------------------------------------

def load(probe: Probe, url: str, timeout_ms: float) -> dict:
    probe.page.goto(url, wait_until="commit", timeout=timeout_ms)
    ms = probe.settle(0.0, timeout_ms)
    return {"ms": ms, "bytes": probe.bytes}


RUN_STARTED_JS = """
({since}) => (window.__bench.states || []).some(([t, s]) => t >= since && s !== 'notRunning')
"""
START_TIMEOUT_MS = 10_000  # a click that starts no script run within this is retried (a missed click, not slowness)


class NoRunStarted(RuntimeError):
    """The click was seen but no script run followed."""


def interact(probe: Probe, action, timeout_ms: float) -> dict:
    """Run `action` (which ends with the click that starts the interaction) and time it to the redrawn page."""
    action()
    since = probe.mark()
    deadline = time.time() + START_TIMEOUT_MS / 1000
    # the server answered (ForwardMsgs arrived) or the page showed a run starting
    while not probe.ws_messages and not probe.page.evaluate(RUN_STARTED_JS, {"since": since}):
        if time.time() > deadline:
            raise NoRunStarted("the click started no script run")
        probe.page.wait_for_timeout(25)
    ms = probe.settle(since, timeout_ms, run_seen=probe.ws_messages > 0)
    return {"ms": ms, "bytes": probe.bytes}


def with_retry(attempt, reset, tries: int = 2) -> dict:
    """A click can land while a dropdown is still opening; then nothing happens. Try once more."""
    for n in range(tries):
        try:
            return attempt()
        except NoRunStarted:
            if n == tries - 1:
                raise
            reset()
    raise AssertionError("unreachable")


def change_sector(probe: Probe, name: str, timeout_ms: float) -> dict:
    """Add a sector in the sidebar's filter (st.multiselect: typed, then chosen, as a visitor does)."""
    page = probe.page
    option = sector_option(page, name)
    option.wait_for(state="visible", timeout=10_000)

    def attempt() -> dict:
        probe.arm()
        return interact(probe, option.click, timeout_ms)

    result = with_retry(attempt, lambda: None)
    page.keyboard.press("Escape")  # close the list
    return result


def change_language(probe: Probe, label: str, timeout_ms: float) -> dict:
    radio = language_option(probe.page, label)

    def attempt() -> dict:
        radio.wait_for(state="visible", timeout=10_000)
        probe.arm()
        return interact(probe, radio.click, timeout_ms)

    return with_retry(attempt, lambda: None)


def change_focus(probe: Probe, name: str, timeout_ms: float) -> dict:
    """Choose a node in /network's focus select box (typed, then the first option that starts with `name`)."""
    option = focus_option(probe.page, name)

    def attempt() -> dict:
        probe.arm()
        return interact(probe, option.click, timeout_ms)

    return with_retry(attempt, lambda: None)


def rerun_empty(probe: Probe, timeout_ms: float) -> dict:
    probe.page.mouse.click(VIEWPORT["width"] // 2, VIEWPORT["height"] // 2)  # focus the document
    probe.page.wait_for_timeout(50)
    probe.arm()
    return interact(probe, lambda: probe.page.keyboard.press("r"), timeout_ms)


# --- sessions ---------------------------------------------------------------------------------------------

class Recorder:
    def __init__(self) -> None:
        self.samples: dict[str, dict[str, list[float]]] = {}
        self.errors: list[str] = []
        self.incidents: list[str] = []  # the environment, not the app: e.g. a server stopped from outside
        self.empty_resources: list | None = None

    def check_alive(self, server: Server) -> None:
        """Before a session: a server that ended is restarted; why it ended decides how it is recorded."""
        if server.alive():
            return
        if server.stopped_by_signal():
            self.incidents.append(f"{time.strftime('%H:%M:%S')} {server.name} server (port {server.port}) was stopped "
                                  "by a signal from another process; restarted")
            log(f"INCIDENT {self.incidents[-1]}")
        else:
            self.error(f"{server.name} server", f"exited with code {server.process.returncode}; see {server.log_path}")
        server.restart()

    def add(self, key: str, result: dict) -> None:
        slot = self.samples.setdefault(key, {"ms": [], "bytes": []})
        slot["ms"].append(result["ms"])
        slot["bytes"].append(result["bytes"])

    def error(self, where: str, exc: BaseException | str) -> None:
        text = exc if isinstance(exc, str) else f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
        self.errors.append(f"{where}: {text}")
        log(f"ERROR {where}: {text}")

    def med(self, key: str, what: str = "ms") -> float | None:
        return median(self.samples.get(key, {}).get(what, []))


def app_session(browser, server: Server, page_id: str, rec: Recorder, prefix: str, timeout_ms: float,
                sector: str, focus_name: str, interactions: bool = True) -> dict:
    """One fresh context on the dashboard: load a page, then (warm) sector, focus on /network, language."""
    probe = Probe(browser)
    info = {}
    try:
        try:
            rec.add(f"{prefix}load:{page_id}", load(probe, server.url(PAGES[page_id]), timeout_ms))
        except Exception as exc:  # noqa: BLE001
            rec.error(f"{prefix}load {page_id}", exc)
            return info
        for problem in probe.problems():
            rec.error(f"{prefix}load {page_id}", problem)
        info["first_load_resources"] = probe.top_resources()
        if page_id == "network":
            info["network"] = probe.page.evaluate(NETWORK_INFO_JS)
        if not interactions:
            return info
        steps = [("sector", lambda: change_sector(probe, sector, timeout_ms))]
        if page_id == "network":
            steps.append(("focus", lambda: change_focus(probe, focus_name, timeout_ms)))
        steps.append(("language", lambda: change_language(probe, "한국어", timeout_ms)))
        for name, step in steps:
            try:
                rec.add(f"{prefix}{name}:{page_id}", step())
            except Exception as exc:  # noqa: BLE001
                rec.error(f"{prefix}{name} on {page_id}", exc)
                break
            for problem in probe.problems():
                rec.error(f"{prefix}{name} on {page_id}", problem)
    finally:
        probe.close()
    return info


def empty_session(browser, server: Server, rec: Recorder, prefix: str, timeout_ms: float, reruns: int,
                  pair: str) -> None:
    """One fresh context on the empty app: load at the paired page's path, then `reruns` reruns; samples also
    filed under the paired page."""
    probe = Probe(browser)
    try:
        # at the paired page's path: a deep link costs the empty app Streamlit's own deep-link handshake too
        result = load(probe, server.url(PAGES.get(pair, "/")), timeout_ms)
        rec.empty_resources = rec.empty_resources or probe.top_resources()
        rec.add(f"{prefix}load:empty", result)
        rec.add(f"{prefix}load:empty@{pair}", result)
        for _ in range(reruns):
            result = rerun_empty(probe, timeout_ms)
            rec.add(f"{prefix}rerun:empty", result)
            rec.add(f"{prefix}rerun:empty@{pair}", result)
    except Exception as exc:  # noqa: BLE001
        rec.error(f"{prefix}empty app", exc)
    finally:
        probe.close()


FLOOR_PATHS = ("/", "/economy")  # the root, and a deep link (the frontend's extra health check on both sides)


def frame_floor(browser, empty: Server, runs: int, timeout_ms: float) -> dict:
    """Load the dashboard's frame with empty pages (`write_frame_floor_app`) paired with the empty app at the
    same paths: what every page pays before its content (a reference, not a goal)."""
    with tempfile.TemporaryDirectory(prefix="krcn-floor-") as directory:
        floor = start_server(write_frame_floor_app(Path(directory)), "floor")
        floor_ms, empty_ms = [], []
        try:
            warm_up(browser, [(floor, list(FLOOR_PATHS))], timeout_ms)
            for run in range(runs):
                for path in FLOOR_PATHS:
                    for which in (("floor", "empty") if run % 2 == 0 else ("empty", "floor")):
                        probe = Probe(browser)
                        try:
                            result = load(probe, (floor if which == "floor" else empty).url(path), timeout_ms)
                            (floor_ms if which == "floor" else empty_ms).append(result["ms"])
                        finally:
                            probe.close()
        finally:
            floor.stop()
    ms, base = median(floor_ms), median(empty_ms)
    return {"ms": _r(ms), "empty_ms": _r(base), "ratio": _r(ms / base, 2) if ms and base else None, "runs": runs,
            "paths": list(FLOOR_PATHS)}


def paired_runs(browser, app: Server, empty: Server, pages: list[str], runs: int, rec: Recorder, prefix: str,
                timeout_ms: float, interactions: bool = True) -> dict[str, dict]:
    sectors = sector_names()
    sector = sectors["cloud"]["name_en"] if "cloud" in sectors else next(iter(sectors.values()))["name_en"]
    entities = entity_names()
    focus_name = entities.get("tencent-cloud", {}).get("name_en", "Tencent")
    infos: dict[str, dict] = {}
    for run in range(runs):
        for page_id in pages:
            order = ("app", "empty") if run % 2 == 0 else ("empty", "app")
            for which in order:
                rec.check_alive(app if which == "app" else empty)
                if which == "app":
                    info = app_session(browser, app, page_id, rec, prefix, timeout_ms, sector, focus_name, interactions)
                    if info:
                        infos[page_id] = info
                else:
                    empty_session(browser, empty, rec, prefix, timeout_ms, reruns=2 if interactions else 0,
                                  pair=page_id)
        log(f"{prefix or 'real '}run {run + 1}/{runs} done")
    return infos


def warm_up(browser, servers: list[tuple[Server, list[str]]], timeout_ms: float) -> None:
    """One untimed load of each page: imports, caches and the first st.navigation run are not measured."""
    for server, paths in servers:
        for path in paths:
            probe = Probe(browser)
            try:
                probe.page.goto(server.url(path), wait_until="commit", timeout=timeout_ms)
                probe.settle(0.0, timeout_ms)
            except Exception as exc:  # noqa: BLE001
                log(f"warm-up of {server.name}{path} failed: {exc}")
            finally:
                probe.close()


# --- summaries ----------------------------------------------------------------------------------------------

def pair_ratios(app_ms: list[float], empty_ms: list[float]) -> list[float]:
    """Run by run, the app's load over the empty app's load it was paired with (both lists in run order; a run
    that failed on either side leaves them unequal, and then no pairs are claimed). Their spread says how far
    one run's ratio can be from the median's on this machine."""
    if len(app_ms) != len(empty_ms):
        return []
    return [a / e for a, e in zip(app_ms, empty_ms) if e]


def page_table(rec: Recorder, pages: list[str], prefix: str = "") -> dict[str, dict]:
    out = {}
    for page_id in pages:
        base_ms = rec.med(f"{prefix}load:empty@{page_id}")  # the empty-app loads paired with this page's
        base_bytes = rec.med(f"{prefix}load:empty@{page_id}", "bytes")
        key = f"{prefix}load:{page_id}"
        ms, size = rec.med(key), rec.med(key, "bytes")
        ratio = ms / base_ms if ms is not None and base_ms else None
        pairs = pair_ratios(rec.samples.get(key, {}).get("ms", []),
                            rec.samples.get(f"{prefix}load:empty@{page_id}", {}).get("ms", []))
        out[page_id] = {
            "path": PAGES[page_id],
            "app_ms": _r(ms),
            "baseline_ms": _r(base_ms),
            "ratio": _r(ratio, 3),
            "pair_ratios": [_r(r, 3) for r in pairs],  # each run's app load / the empty load paired with it
            "pair_ratio_range": [_r(min(pairs), 3), _r(max(pairs), 3)] if pairs else None,
            "goal_met": ratio is not None and ratio <= GOALS["page_ratio"],
            "first_load_bytes": _r(size, 0),
            "baseline_bytes": _r(base_bytes, 0),
            "extra_bytes": _r(size - base_bytes, 0) if size is not None and base_bytes is not None else None,
            "samples_ms": [_r(v) for v in rec.samples.get(key, {}).get("ms", [])],
        }
    return out


def interaction_table(rec: Recorder, pages: list[str], prefix: str = "") -> dict[str, dict]:
    out = {}
    for name in ("sector", "focus", "language"):
        for page_id in pages:
            base_ms = rec.med(f"{prefix}rerun:empty@{page_id}")
            key = f"{prefix}{name}:{page_id}"
            if key not in rec.samples:
                continue
            ms, size = rec.med(key), rec.med(key, "bytes")
            out[f"{name}@{page_id}"] = {
                "interaction": name,
                "page": page_id,
                "ms": _r(ms),
                "baseline_rerun_ms": _r(base_ms),
                "ratio": _r(ms / base_ms, 3) if ms is not None and base_ms else None,
                "bytes": _r(size, 0),
                "goal_ms_met": ms is not None and ms <= GOALS["interaction_ms"],
                "goal_bytes_met": size is not None and size <= GOALS["interaction_bytes"],
                "samples_ms": [_r(v) for v in rec.samples[key]["ms"]],
            }
    return out


def _r(value: float | None, digits: int = 1) -> float | None:
    if value is None:
        return None
    return round(float(value), digits) if digits else int(round(value))


# --- server side ---------------------------------------------------------------------------------------------

def run_async(coro_factory):
    """asyncio.run in a worker thread: Playwright's sync API already runs an event loop in this one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coro_factory())).result()


# A rerun asked for within ~45 ms of the previous run's end reaches the client ~40 ms late, in the empty app too
# (measured: 44 ms for the empty app's rerun back to back, 1.3 ms after a 50 ms pause); a visitor's click comes
# after a pause, so each measured run waits this long first.
IDLE_BEFORE_RUN_S = 0.2


def ws_script_times(port: int, pages: list[str], repeats: int) -> dict[str, dict]:
    """Script run time per page on the real server: rerun -> script_finished over loopback (warm session, each
    run after IDLE_BEFORE_RUN_S). `first_ms` is a new session's first run, which includes one ~40 ms stall in
    delivering its messages on loopback that the empty app's first run has as well."""
    from bench.stclient import StreamlitClient

    async def measure() -> dict[str, dict]:
        out = {}
        for page_id in pages:
            name = PAGES[page_id].strip("/")
            async with StreamlitClient(port, timeout=300) as client:
                first = await client.run(name, "lang=en")
                times, errors, size = [], list(first.errors), []
                for _ in range(repeats):
                    await asyncio.sleep(IDLE_BEFORE_RUN_S)
                    result = await client.run(name, "lang=en")
                    times.append(result.seconds * 1000)
                    size.append(result.bytes_received)
                    errors += result.errors
            out[page_id] = {
                "first_ms": _r(first.seconds * 1000),
                "ms": _r(median(times)),
                "bytes_per_run": _r(median(size), 0),
                "errors": errors,
            }
        return out

    return run_async(measure)


def apptest_script_times(pages: list[str], repeats: int) -> dict[str, float | None]:
    """In-process script run time with streamlit.testing.v1.AppTest (tests/apptest_helpers.open_page)."""
    from tests.apptest_helpers import open_page

    out: dict[str, float | None] = {}
    for page_id in pages:
        try:
            at = open_page(page_id, timeout=120, lang="en")
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                at.run()
                times.append((time.perf_counter() - started) * 1000)
            out[page_id] = _r(median(times))
        except Exception as exc:  # noqa: BLE001
            log(f"AppTest of {page_id} failed: {exc}")
            out[page_id] = None
    return out


class StoppedFromOutside(RuntimeError):
    """A server this script started was ended by another process's signal."""


def memory_profile(soak_sessions: int, concurrent: int, pages: list[str]) -> dict:
    """RSS of a dedicated dashboard server: idle, `concurrent` sessions open, after close, growth over a soak."""
    from bench.stclient import StreamlitClient

    server = start_server(ROOT / "app.py", "memory")
    mib = 1024 * 1024
    names = [PAGES[p].strip("/") for p in pages]
    errors: list[str] = []
    try:
        time.sleep(2)
        rss_start = server.rss_bytes()

        async def one(i: int, keep: asyncio.Event | None = None, opened: list | None = None) -> None:
            async with StreamlitClient(server.port, timeout=120) as client:
                result = await client.run(names[i % len(names)], "lang=en" if i % 2 else "lang=ko")
                errors.extend(result.errors)
                result = await client.run(names[i % len(names)], "lang=en&sector=cloud")
                errors.extend(result.errors)
                if keep is not None:
                    opened.append(i)
                    await keep.wait()

        async def warm() -> None:
            for i in range(len(names)):
                await one(i)

        run_async(warm)
        time.sleep(2)
        rss_idle = server.rss_bytes()

        async def hold() -> int:
            keep, opened = asyncio.Event(), []
            tasks = [asyncio.create_task(one(i, keep, opened)) for i in range(concurrent)]
            deadline = time.time() + 300
            while len(opened) < concurrent and time.time() < deadline and not all(t.done() for t in tasks):
                await asyncio.sleep(0.2)
            await asyncio.sleep(1)
            rss = server.rss_bytes()
            keep.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            return rss

        rss_open = run_async(hold)
        time.sleep(5)
        rss_closed = server.rss_bytes()

        curve: list[tuple[int, float]] = []

        async def soak() -> None:
            for i in range(soak_sessions):
                await one(i)
                if (i + 1) % 10 == 0:
                    curve.append((i + 1, server.rss_bytes() / mib))

        started = time.time()
        run_async(soak)
        soak_seconds = time.time() - started
        time.sleep(5)
        rss_after_soak = server.rss_bytes()
    except Exception as exc:
        if not server.alive() and server.stopped_by_signal():
            raise StoppedFromOutside(f"memory server (port {server.port}) was stopped by a signal") from exc
        raise
    finally:
        server.stop()

    def slope(points: list[tuple[int, float]]) -> float | None:
        """Least-squares growth in KiB per session."""
        if len(points) < 3:
            return None
        n = len(points)
        mx = sum(p[0] for p in points) / n
        my = sum(p[1] for p in points) / n
        den = sum((p[0] - mx) ** 2 for p in points)
        return round(sum((p[0] - mx) * (p[1] - my) for p in points) / den * 1024, 1) if den else None

    # Streamlit keeps up to 128 disconnected sessions for 2 minutes (MemorySessionStorage), and the per-view
    # memo fills as views are met: memory grows over the first couple of hundred sessions of a fast soak (seen:
    # flat from about session 260). A leak shows as growth over the soak's last half.
    late = [p for p in curve if p[0] > soak_sessions / 2]
    return {
        "rss_start_mib": round(rss_start / mib, 1),
        "rss_idle_mib": round(rss_idle / mib, 1),
        "rss_sessions_open_mib": round(rss_open / mib, 1),
        "concurrent_sessions": concurrent,
        "rss_after_close_mib": round(rss_closed / mib, 1),
        "soak_sessions": soak_sessions,
        "soak_seconds": round(soak_seconds, 1),
        "soak_curve_mib": [[n, round(v, 1)] for n, v in curve],
        "soak_slope_kib_per_session": slope(curve),
        "soak_slope_last_half_kib_per_session": slope(late),
        "rss_after_soak_mib": round(rss_after_soak / mib, 1),
        "errors": errors[:20],
        "note": "sessions are websocket clients speaking Streamlit's protocol (bench/stclient.py); Streamlit keeps "
        "up to 128 disconnected sessions for 120 s, so growth over the first 128 sessions is expected",
    }


# --- scale ------------------------------------------------------------------------------------------------

def scale_run(browser, empty: Server, factor: int, pages: list[str], runs: int, rec: Recorder, workdir: Path,
              timeout_ms: float) -> dict:
    from bench.scale_data import make_scaled

    data_dir = workdir / f"data-{factor}x"
    counts = make_scaled(ROOT / "data", data_dir, factor)
    check = subprocess.run([sys.executable, "-m", "components.data.validate", str(data_dir)], cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    result: dict = {"factor": factor, "rows": counts, "validate_ok": check.returncode == 0,
                    "validate_output": (check.stdout + check.stderr).strip()[-500:]}
    if check.returncode != 0:
        rec.error(f"scale {factor}x", "synthetic package does not validate")
        return result
    server = start_server(ROOT / "app.py", f"app-{factor}x", data_dir=data_dir)
    rec.check_alive(empty)
    prefix = f"{factor}x:"
    try:
        started = time.time()
        warm_up(browser, [(server, [PAGES[p] for p in pages])], timeout_ms)
        result["warm_up_seconds"] = round(time.time() - started, 1)
        infos = paired_runs(browser, server, empty, pages, runs, rec, prefix, timeout_ms)
        result["pages"] = page_table(rec, pages, prefix)
        result["interactions"] = interaction_table(rec, pages, prefix)
        result["network"] = infos.get("network", {}).get("network")
        try:
            result["server_script"] = ws_script_times(server.port, pages, repeats=2)
        except Exception as exc:  # noqa: BLE001
            rec.error(f"scale {factor}x server script times", exc)
        result["rss_mib"] = round(server.rss_bytes() / 1024 / 1024, 1)
    finally:
        server.stop()
    return result


# --- report -------------------------------------------------------------------------------------------------

def fmt(value, digits: int = 0, suffix: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and digits:
        return f"{value:.{digits}f}{suffix}"
    return f"{round(value):,}{suffix}" if isinstance(value, (int, float)) else str(value)


def print_report(report: dict) -> None:
    m = report["machine"]
    print()
    print(f"Machine: {m['cpu_model']}, {m['cores']} cores, {m['ram_gb']} GB RAM, {m['os']}; Python {m['python']}, "
          f"Streamlit {m['streamlit']}, {m['chromium']}")
    print(f"Mode: {report['mode']}, {report['runs']} paired run(s); medians; goal marks: ok / MISS")
    print()
    print("Page load (navigation -> fully rendered)          app ms   empty ms   ratio  (runs)       goal<=1.15  first load KB (+ vs empty)")
    for page_id, row in report["pages"].items():
        spread = row.get("pair_ratio_range")
        runs_text = f"({fmt(spread[0], 2)}-{fmt(spread[1], 2)})" if spread else ""
        print(f"  {row['path']:<46} {fmt(row['app_ms']):>7}  {fmt(row['baseline_ms']):>8}  {fmt(row['ratio'], 2):>6}"
              f"  {runs_text:<11}  {'ok' if row['goal_met'] else 'MISS':>10}  {fmt((row['first_load_bytes'] or 0) / 1024):>6}"
              f" (+{fmt((row['extra_bytes'] or 0) / 1024)})")
    print()
    print("Warm interaction (click -> redrawn)                ms   ratio vs empty rerun   KB   goal<=300ms  goal<=100KB")
    for key, row in report["interactions"].items():
        print(f"  {key:<44} {fmt(row['ms']):>6}  {fmt(row['ratio'], 2):>8}  {fmt((row['bytes'] or 0) / 1024, 1):>14}"
              f"  {'ok' if row['goal_ms_met'] else 'MISS':>10}  {'ok' if row['goal_bytes_met'] else 'MISS':>10}")
    base = report.get("baseline", {})
    floor = report.get("frame_floor") or {}
    if floor:
        print(f"  (frame floor - the dashboard's sidebar and URL handling with empty pages, at {' and '.join(floor.get('paths', []))}: "
              f"{fmt(floor.get('ms'))} ms = {fmt(floor.get('ratio'), 2)} x the empty app)")
    print(f"  (empty app: load {fmt(base.get('load_ms'))} ms, rerun {fmt(base.get('rerun_ms'))} ms, "
          f"first load {fmt((base.get('load_bytes') or 0) / 1024)} KB)")
    server = report.get("server", {})
    if server.get("script_ms"):
        print()
        print("Server script run per page      real server ms (first)   AppTest ms   bytes/run")
        for page_id, row in server["script_ms"].items():
            print(f"  {PAGES[page_id]:<30} {fmt(row.get('ms')):>8} ({fmt(row.get('first_ms'))})"
                  f"   {fmt(server.get('apptest_ms', {}).get(page_id)):>10}   {fmt(row.get('bytes_per_run')):>9}")
        empty_row = server.get("script_ms_empty_app") or {}
        print(f"  {'(empty app)':<30} {fmt(empty_row.get('ms')):>8} ({fmt(empty_row.get('first_ms'))})")
    mem = server.get("memory")
    if mem:
        print()
        print(f"Memory (RSS, MiB): start {mem.get('rss_start_mib')}, idle {mem.get('rss_idle_mib')}, "
              f"{mem.get('concurrent_sessions', '')} sessions open {mem.get('rss_sessions_open_mib', '—')}, "
              f"after close {mem.get('rss_after_close_mib', '—')}, after {mem.get('soak_sessions', '—')} sessions "
              f"{mem.get('rss_after_soak_mib', '—')}; growth {mem.get('soak_slope_kib_per_session', '—')} KiB/session "
              f"overall, {mem.get('soak_slope_last_half_kib_per_session', '—')} KiB/session over the soak's last half")
    for name, scale in report.get("scale", {}).items():
        print()
        rows = scale.get("rows", {})
        print(f"Scale {name}: {rows.get('entities')} entities, {rows.get('relations')} relations, "
              f"valid={scale.get('validate_ok')}, warm-up {scale.get('warm_up_seconds')} s, RSS {scale.get('rss_mib')} MiB")
        for page_id, row in scale.get("pages", {}).items():
            script = scale.get("server_script", {}).get(page_id, {})
            print(f"  {row['path']:<14} {fmt(row['app_ms']):>7} ms  ratio {fmt(row['ratio'], 2):>6}  "
                  f"first load {fmt((row['first_load_bytes'] or 0) / 1024)} KB  server script {fmt(script.get('ms'))} ms")
        for key, row in scale.get("interactions", {}).items():
            print(f"  {key:<30} {fmt(row['ms']):>7} ms  {fmt((row['bytes'] or 0) / 1024, 1)} KB")
        if scale.get("network"):
            net = scale["network"]
            print(f"  network: state={net.get('state')} nodes={net.get('nodes')} edges={net.get('edges')} "
                  f"status={net.get('status')!r} notices={net.get('notices')}")
    for incident in report.get("incidents", []):
        print(f"Incident (not the app): {incident}")
    print()
    print(f"Errors: {len(report['errors'])}")
    for error in report["errors"][:30]:
        print(f"  - {error}")


# --- main -------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="paired runs per page (default 5)")
    parser.add_argument("--quick", action="store_true", help="CI smoke: 1 run, 2 pages, no scale, no memory soak")
    parser.add_argument("--out", type=Path, default=None, help="JSON output (default bench/results/benchmark[-quick].json)")
    parser.add_argument("--scale", default="10,100", help="scale factors, comma separated ('' for none)")
    parser.add_argument("--scale-runs", type=int, default=3, help="paired runs per page at scale (default 3)")
    parser.add_argument("--soak", type=int, default=600, help="sequential sessions of the memory soak (default 600: Streamlit keeps up to 128 closed sessions for 120 s, so the first few hundred fill that cache)")
    parser.add_argument("--pages", default="", help="only these pages, comma separated (e.g. 'mou,network')")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a page may take to render (default 120)")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                        help="first wait up to SECONDS for other processes to leave the CPUs idle (default 0)")
    args = parser.parse_args(argv)

    runs = 1 if args.quick else max(1, args.runs)
    pages = list(QUICK_PAGES) if args.quick else list(PAGES)
    if args.pages:
        pages = [p.strip() for p in args.pages.split(",") if p.strip()]
        unknown = [p for p in pages if p not in PAGES]
        if unknown:
            parser.error(f"unknown pages {unknown}; known: {', '.join(PAGES)}")
    factors = [] if args.quick else [int(f) for f in args.scale.split(",") if f.strip()]
    out = args.out or RESULTS / ("benchmark-quick.json" if args.quick else "benchmark.json")
    timeout_ms = args.timeout * 1000
    rec = Recorder()
    report: dict = {
        "schema": 1,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "runs": runs,
        "pages_measured": pages,
        "quiet_window_ms": QUIET_MS,
        "goals": GOALS,
        "machine": machine_info(),
    }
    if args.wait_idle:
        report["machine"]["busy_cores_before_start"] = wait_for_quiet_machine(args.wait_idle, log=log)
    if max(report["machine"]["load_average_at_start"][:1]) > 1.0:
        log(f"warning: load average {report['machine']['load_average_at_start']} - other processes compete "
            "for the CPUs, timings will be noisy (see --wait-idle)")
    started = time.time()
    from playwright.sync_api import sync_playwright

    log(f"{report['mode']} run: {runs} paired run(s) over {', '.join(pages)}")
    app = start_server(ROOT / "app.py", "app")
    empty = start_server(EMPTY_APP, "empty")
    try:
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            try:
                warm_up(browser, [(app, [PAGES[p] for p in pages]), (empty, ["/"])], timeout_ms)
                infos = paired_runs(browser, app, empty, pages, runs, rec, "", timeout_ms)
                report["pages"] = page_table(rec, pages)
                report["interactions"] = interaction_table(rec, pages)
                report["baseline"] = {
                    "load_ms": _r(rec.med("load:empty")),
                    "rerun_ms": _r(rec.med("rerun:empty")),
                    "load_bytes": _r(rec.med("load:empty", "bytes"), 0),
                    "rerun_bytes": _r(rec.med("rerun:empty", "bytes"), 0),
                }
                report["network"] = infos.get("network", {}).get("network")
                log("frame floor: the dashboard's frame with empty pages")
                try:
                    report["frame_floor"] = frame_floor(browser, empty, runs, timeout_ms)
                except Exception as exc:  # noqa: BLE001
                    rec.error("frame floor", exc)
                report["first_load_resources"] = {p: i.get("first_load_resources") for p, i in infos.items()}
                report["first_load_resources"]["empty app"] = rec.empty_resources
                server: dict = {}
                log("server script times")
                try:
                    server["script_ms"] = ws_script_times(app.port, pages, repeats=3 if args.quick else 10)
                    server["script_ms_empty_app"] = ws_script_times(empty.port, ["overview"], repeats=3 if args.quick else 10)["overview"]
                    for page_id, row in server["script_ms"].items():
                        for problem in row["errors"]:
                            rec.error(f"server run of {page_id}", problem)
                except Exception as exc:  # noqa: BLE001
                    rec.error("server script times", exc)
                server["rss_app_after_browser_runs_mib"] = round(app.rss_bytes() / 1024 / 1024, 1)
                server["rss_empty_after_browser_runs_mib"] = round(empty.rss_bytes() / 1024 / 1024, 1)
                app.stop()
                report["server"] = server
                if not args.quick:
                    log("AppTest script times")
                    server["apptest_ms"] = apptest_script_times(pages, repeats=5)
                    log(f"memory: idle, 20 sessions, {args.soak} sequential sessions")
                    for attempt in range(2):
                        try:
                            server["memory"] = memory_profile(args.soak, 20, pages)
                            for problem in server["memory"]["errors"]:
                                rec.error("memory soak", problem)
                            break
                        except StoppedFromOutside as exc:
                            rec.incidents.append(f"{time.strftime('%H:%M:%S')} {exc}; memory profile restarted")
                            log(f"INCIDENT {rec.incidents[-1]}")
                        except Exception as exc:  # noqa: BLE001
                            rec.error("memory profile", exc)
                            break
                else:
                    server["memory"] = {"rss_idle_mib": server["rss_app_after_browser_runs_mib"],
                                        "note": "quick mode: no soak"}
                report["scale"] = {}
                with tempfile.TemporaryDirectory(prefix="krcn-bench-") as tmp:
                    for factor in factors:
                        log(f"scale {factor}x")
                        try:
                            report["scale"][f"{factor}x"] = scale_run(
                                browser, empty, factor, pages, max(1, min(args.scale_runs, runs)), rec, Path(tmp),
                                timeout_ms * (2 if factor >= 100 else 1),
                            )
                        except Exception as exc:  # noqa: BLE001
                            rec.error(f"scale {factor}x", exc)
                            traceback.print_exc()
            finally:
                browser.close()
    finally:
        app.stop()
        empty.stop()
    report["errors"] = rec.errors
    report["incidents"] = rec.incidents
    report["seconds"] = round(time.time() - started, 1)
    report["summary"] = {
        "max_page_ratio": max((r["ratio"] for r in report["pages"].values() if r["ratio"]), default=None),
        "pages_goal_met": all(r["goal_met"] for r in report["pages"].values()),
        "max_interaction_ms": max((r["ms"] for r in report["interactions"].values() if r["ms"] is not None), default=None),
        "interactions_goal_ms_met": all(r["goal_ms_met"] for r in report["interactions"].values()),
        "max_interaction_bytes": max((r["bytes"] for r in report["interactions"].values() if r["bytes"] is not None),
                                     default=None),
        "interactions_goal_bytes_met": all(r["goal_bytes_met"] for r in report["interactions"].values()),
        "errors": len(rec.errors),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(report)
    print(f"\nWrote {out} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
