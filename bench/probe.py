"""One visit in a fresh browser context, and when it counts as drawn (bench/benchmark.py).

A Probe is a browser context under a profile (bench/profiles.py) with a timing script installed before any
page script and a CDP byte and request counter. A page counts as drawn when the script run has finished, its
charts and network are drawn, and both the DOM and the network have been quiet for QUIET_MS (not counted:
the time is that of the last DOM change, or of the network's first drawing when that came later). That holds
for the app (its own `.krcn-chart` / `.krcn-net` components say `data-state`), for the naive peer (every
plotly chart has its SVG, pyvis's network in its iframe has drawn once) and for the empty app.
"""
from __future__ import annotations

import time
from urllib.parse import urlsplit

from bench.browser import READY, focus_option, language_option, sector_option
from bench.profiles import PROFILES, Profile

QUIET_MS = 150
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
STALLED_S = 30

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
  // In a child frame (the peer's components.html iframe): pyvis's template assigns its vis.Network to the
  // global `network`; note when it has drawn for the first time (after its stabilisation), in epoch ms.
  if (window.parent !== window) {
    let net = null;
    Object.defineProperty(window, 'network', {
      configurable: true,
      get() { return net; },
      set(value) {
        net = value;
        try {
          value.once('afterDrawing', () => { window.__benchDrawn = performance.timeOrigin + performance.now(); });
        } catch (e) { window.__benchDrawn = -1; }
      },
    });
  }
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
  // the peer's plotly charts: drawn when plotly has made its SVG
  for (const el of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!el.querySelector('.main-svg')) return false;
  }
  // the peer's pyvis network (components.html: a same-origin srcdoc iframe): drawn once vis-network drew
  for (const frame of document.querySelectorAll('iframe')) {
    let doc = null;
    try { doc = frame.contentDocument; } catch (e) { continue; }
    if (!doc || doc.readyState !== 'complete') return false;
    if (!doc.getElementById('mynetwork')) continue;
    const drawn = frame.contentWindow.__benchDrawn;
    if (!drawn) return false;
    if (drawn > 0) b.last = Math.max(b.last, drawn - performance.timeOrigin);
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
    network_failed: texts('.krcn-net[data-state="failed"]').concat(
      [...document.querySelectorAll('iframe')].filter((f) => { try { return f.contentWindow.__benchDrawn === -1; }
        catch (e) { return false; } }).map(() => 'pyvis network')),
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


class Probe:
    """A fresh browser context under `profile` with the timing script and a CDP byte and request counter."""

    def __init__(self, browser, profile: Profile | None = None, locale: str = "en-US") -> None:
        self.profile = profile or PROFILES["unthrottled"]
        self.context = browser.new_context(locale=locale, **self.profile.context_options())
        self.context.add_init_script(INIT_JS)
        self.page = self.context.new_page()
        self.page_errors: list[str] = []
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)[:300]))
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        self.profile.apply(self.cdp)
        self.ws_bytes = 0
        self.ws_messages = 0  # binary frames (ForwardMsgs) since the last reset
        self.http_bytes = 0
        self.requests = 0  # HTTP requests sent since the last reset (data: and blob: URLs are not requests)
        self.foreign: list[str] = []  # requests to hosts other than loopback, since the last reset (all refused)
        self.urls: dict[str, str] = {}
        self.sizes: dict[str, int] = {}  # url path -> encoded bytes, for the first load's breakdown
        self.encodings: dict[str, str] = {}  # url path -> Content-Encoding of the response
        self.cdp.on("Network.requestWillBeSent", self._on_request)
        self.cdp.on("Network.responseReceived", self._on_response)
        self.cdp.on("Network.webSocketFrameReceived", self._on_frame)
        self.cdp.on("Network.loadingFinished", self._on_loaded)
        self.cdp.on("Network.loadingFailed", self._on_failed)
        self.cdp.on("Network.requestServedFromCache", self._on_cached)
        self.cdp.on("Network.dataReceived", self._on_activity)
        self.activity: dict[str, float] = {}  # request id -> when it last showed progress (monotonic s)
        self.stalled: list[str] = []  # requests that stopped showing progress and were no longer waited for
        self.from_cache = 0  # requests answered by the browser's cache, since the last reset
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
        url = event.get("request", {}).get("url", "")
        if url.startswith(("data:", "blob:", "about:")):
            return
        if request_id not in self.urls:  # a redirect reuses its request's id
            self.requests += 1
        self.urls[request_id] = url
        self.pending.add(request_id)
        self.activity[request_id] = time.monotonic()
        if (urlsplit(url).hostname or "") not in LOOPBACK_HOSTS:
            self.foreign.append(url)

    def _on_cached(self, event: dict) -> None:
        if event.get("requestId", "") in self.urls:
            self.from_cache += 1

    def _on_activity(self, event: dict) -> None:
        if event.get("requestId", "") in self.pending:
            self.activity[event["requestId"]] = time.monotonic()

    def _on_response(self, event: dict) -> None:
        self._on_activity(event)
        response = event.get("response", {})
        headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
        self.encodings[_path(response.get("url", ""))] = headers.get("content-encoding", "")

    def _on_failed(self, event: dict) -> None:
        self.pending.discard(event.get("requestId", ""))
        self.net_quiet_since = time.monotonic()

    def _on_loaded(self, event: dict) -> None:
        if event.get("requestId", "") not in self.urls:  # a srcdoc or data: document: nothing was transferred
            return
        self.pending.discard(event.get("requestId", ""))
        self.net_quiet_since = time.monotonic()
        size = int(event.get("encodedDataLength", 0))
        self.http_bytes += size
        path = _path(self.urls.get(event.get("requestId", ""), "?"))
        self.sizes[path] = self.sizes.get(path, 0) + size

    def top_resources(self, count: int = 8) -> list[list]:
        ranked = sorted(self.sizes.items(), key=lambda kv: -kv[1])[:count]
        return [[path, size] for path, size in ranked] + [["(websocket frames)", self.ws_bytes]]

    def reset_bytes(self) -> None:
        self.page.wait_for_timeout(20)  # deliver pending CDP events before zeroing
        self.ws_bytes = self.http_bytes = self.ws_messages = self.requests = self.from_cache = 0
        self.foreign = []
        self.stalled = []
        self.sizes = {}

    def result(self, ms: float) -> dict:
        """A visit's or an interaction's numbers: requests are those that went out (not the cache's)."""
        return {"ms": ms, "bytes": self.bytes, "requests": self.requests - self.from_cache,
                "from_cache": self.from_cache, "foreign_requests": len(self.foreign), "stalled": list(self.stalled)}

    @property
    def bytes(self) -> int:
        return self.ws_bytes + self.http_bytes

    def settle(self, since: float, timeout_ms: float, run_seen: bool = False) -> float:
        """Wait until the page is fully rendered after `since`; returns ms from `since` to the last mutation."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            self.page.wait_for_function(
                SETTLED_JS, arg={"since": since, "quiet": QUIET_MS, "ready": READY, "runSeen": run_seen},
                polling=50, timeout=max(1.0, (deadline - time.monotonic()) * 1000),
            )
            # The DOM can be quiet while an element's lazily loaded modules are still on their way (a table or a
            # widget appears only once they arrive): the network must be quiet for as long as the DOM.
            self._drop_stalled()
            if not self.pending and (time.monotonic() - self.net_quiet_since) * 1000 >= QUIET_MS:
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"requests still pending: {sorted(self.urls.get(r, r) for r in self.pending)[:5]}")
            self.page.wait_for_timeout(25)
        last = self.page.evaluate("window.__bench.last")
        self.page.wait_for_timeout(30)  # let the byte counter receive the last CDP events
        return max(0.0, last - since)

    def _drop_stalled(self) -> None:
        """Stop waiting for a request that has shown no progress for STALLED_S: seen once in a long phone run,
        a request whose end Chromium never reported (the same page loaded in 20 s when repeated). A throttled
        download shows progress every few hundred ms, so only a request that will never end is dropped."""
        now = time.monotonic()
        for request_id in [r for r in self.pending if now - self.activity.get(r, now) > STALLED_S]:
            self.pending.discard(request_id)
            self.stalled.append(self.urls.get(request_id, request_id))
            self.net_quiet_since = now

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
    """Navigate to `url` and time it to the page drawn and quiet: a first visit in a fresh context, a return
    visit when the same context loaded it before (its cache warm)."""
    probe.reset_bytes()
    probe.page.goto(url, wait_until="commit", timeout=timeout_ms)
    ms = probe.settle(0.0, timeout_ms)
    return probe.result(ms)


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
    return probe.result(ms)


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
    """Choose a sector in the sidebar's multiselect (typed into, as a visitor narrows the list), timed from the
    click on the option."""
    def attempt() -> dict:
        option = sector_option(probe.page, name)
        probe.arm()
        return interact(probe, option.click, timeout_ms)

    return with_retry(attempt, lambda: probe.page.keyboard.press("Escape"))


def change_language(probe: Probe, label: str, timeout_ms: float) -> dict:
    """Pick a language in the sidebar's radio."""
    def attempt() -> dict:
        radio = language_option(probe.page, label)
        radio.wait_for(state="visible", timeout=10_000)
        probe.arm()
        return interact(probe, radio.click, timeout_ms)

    return with_retry(attempt, lambda: None)


def change_focus(probe: Probe, name: str, timeout_ms: float) -> dict:
    """Choose a node in /network's focus select box (typed into; the first option starting with `name`)."""
    def attempt() -> dict:
        option = focus_option(probe.page, name)
        probe.arm()
        return interact(probe, option.click, timeout_ms)

    return with_retry(attempt, lambda: probe.page.keyboard.press("Escape"))


def rerun_empty(probe: Probe, timeout_ms: float) -> dict:
    width, height = probe.profile.viewport
    probe.page.mouse.click(width // 2, height // 2)  # focus the document
    probe.page.wait_for_timeout(50)
    probe.arm()
    return interact(probe, lambda: probe.page.keyboard.press("r"), timeout_ms)



def _path(url: str) -> str:
    """The path of a loopback URL (query left out); another host's URL whole."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOOPBACK_HOSTS:
        return parts.path or "/"
    return url
