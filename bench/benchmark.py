"""Benchmark of the dashboard against a naive peer and an empty Streamlit app, under visitor profiles
(`make bench`; GitHub issues 6 and 18).

    .venv/bin/python bench/benchmark.py                      # everything: 5 rounds, phone + desktop, direct + proxy
    .venv/bin/python bench/benchmark.py --rounds 2 --pages network,economy --profiles phone --via proxy
    .venv/bin/python bench/benchmark.py --scale 10 --scale-rounds 1 --soak 0
    .venv/bin/python bench/benchmark.py --quick              # CI: one page, no throttling, every figure once
    .venv/bin/python bench/benchmark.py --measures read,use --rounds 5   # time to read and time to use (issue 27)

Three Streamlit servers on free loopback ports, from the repository root (same Streamlit, same
.streamlit/config.toml): the dashboard (app.py), the naive peer (bench/peer_app.py: stock widgets, plotly,
pyvis) and the empty app (bench/empty_app.py: empty pages at the same paths). "proxy" puts each behind its
own Caddy with deploy/Caddyfile (compression, WebSocket, sticky sessions), the same Streamlit process behind.

A round loads, for every profile (bench/profiles.py: CDP network and CPU throttling, viewport), every way in
(direct, proxy) and every page, the app, the peer and the empty app one after the other (the order rotates
each time), each in a fresh browser context: a first visit (nothing cached), then, in the same context, a
return visit (cache warm). Measured (bench/probe.py): ms until the page is drawn and quiet, bytes to the
browser (HTTP and WebSocket), requests, and requests to other hosts (refused, counted). Reported: medians and
ranges, and per-round ratios app / peer and app / empty. Warm interactions (sector, focus, language) are
timed on the app in the desktop profile, direct. Scale: the same with data 10x and 100x (bench/scale_data.py),
app, peer and empty. Server side: script run times, memory soak (bench/server_side.py).

`--measures read,use` (issue 27) takes instead, in the same rounds, rotation and fresh throttled contexts, one visit
a target and page that records, inside the page, the time to read (title and lead on screen) and the time to use
(Streamlit drawn and its first control answering): bench/read_use.py. `--measures load,read,use` takes both.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    EMPTY_APP,
    PAGES,
    PEER_APP,
    PEER_PAGES,
    READY,
    RESULTS,
    ROOT,
    Server,
    free_port,
    launch_browser,
    launch_server,
    machine_info,
    median,
    wait_for_quiet_machine,
)
from bench.probe import (  # noqa: E402
    NETWORK_INFO_JS,
    QUIET_MS,
    Probe,
    change_focus,
    change_language,
    change_sector,
    load,
    rerun_empty,
)
from bench.profiles import PROFILES  # noqa: E402
from bench.read_use import (  # noqa: E402
    CONTROL,
    app_texts,
    markdown_tables,
    read_script,
    read_use_goals,
    read_use_table,
    read_use_visit,
    visit_url,
)
from bench.proxy import Proxy, caddy_binary, start_proxy  # noqa: E402
from bench.server_side import StoppedFromOutside, apptest_script_times, memory_profile, ws_script_times  # noqa: E402

TARGETS = ("app", "peer", "empty")
SCRIPTS = {"app": ROOT / "app.py", "peer": PEER_APP, "empty": EMPTY_APP}
# The repository's config hides st.navigation's menu (the app draws its own); the peer, as its developer
# would ship it, shows Streamlit's.
EXTRA_ARGS = {"peer": ("--client.showSidebarNavigation", "true")}
VIAS = ("direct", "proxy")
MEASURES = ("load", "read", "use")  # load: first and return visits, interactions, scale, server side (issue 18)
INTERACTION_PROFILE = "desktop"
QUICK_PAGES = ("network",)
QUICK_PROFILES = ("unthrottled",)
PAGES_WITH_CONTENT = ("network", "delegation", "economy", "mou", "regions", "timeline", "story", "sources")  # charts, tables, network


def serves(target: str, page_id: str) -> bool:
    """Whether a target has the page: the peer lacks the pages that came after its brief."""
    return target != "peer" or page_id in PEER_PAGES
GOALS = {
    "phone_direct_first_vs_peer": 0.5,  # time and bytes, every page
    "phone_proxy_first_vs_empty": 1.3,  # every page, the empty app behind the same proxy
    "desktop_first_vs_peer": 0.8,  # pages with charts, tables or the network
    "desktop_return_vs_empty": 1.2,  # every page
    "interaction_ms": 300,  # at 1x and 10x
    "interaction_bytes": 100 * 1024,
    "scale_100x_desktop_first_vs_empty": 2.0,
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _r(value: float | None, digits: int = 1) -> float | None:
    if value is None:
        return None
    return round(float(value), digits) if digits else int(round(value))


def names_for_interactions() -> tuple[str, str]:
    """The sector ticked and the node focused in the warm interactions (English labels, as a visitor sees; the
    peer's multiselect shows sector ids, and typing the label finds the id, its list narrowing case-blind)."""
    with (ROOT / "data" / "sectors.csv").open(encoding="utf-8") as handle:
        sectors = {row["id"]: row["name_en"] for row in csv.DictReader(handle)}
    with (ROOT / "data" / "entities.csv").open(encoding="utf-8") as handle:
        entities = {row["id"]: row["name_en"] for row in csv.DictReader(handle)}
    return sectors.get("cloud") or next(iter(sectors.values())), entities.get("tencent-cloud", "Tencent")


# --- servers ---------------------------------------------------------------------------------------------

class Stack:
    """The servers of one data package: a Streamlit process per target, and a Caddy in front of each.
    `shared` servers (the empty app, which reads no data) are borrowed from another stack, not stopped."""

    def __init__(self, targets: tuple[str, ...], vias: tuple[str, ...], data_dir: Path | None = None,
                 suffix: str = "", shared: dict[str, Server] | None = None, wait: bool = True) -> None:
        self.servers: dict[str, Server] = dict(shared or {})
        self.owned = [t for t in targets if t not in self.servers]
        self.proxies: dict[str, Proxy] = {}
        self.vias = vias
        try:
            for target in self.owned:  # side by side: each takes seconds to import on 2 cores
                self.servers[target] = launch_server(SCRIPTS[target], f"{target}{suffix}",
                                                     data_dir=None if target == "empty" else data_dir,
                                                     extra=EXTRA_ARGS.get(target, ()))
            if wait:
                self.wait()
        except BaseException:
            self.stop()
            raise

    def wait(self) -> None:
        """Wait for every server's health check, then put a proxy in front of each if asked."""
        try:
            for target in self.owned:
                self.servers[target].wait_ready()
            if "proxy" in self.vias:
                for target, server in self.servers.items():
                    self.proxies[target] = start_proxy([server.port], free_port(), log_dir=RESULTS / "logs")
        except BaseException:
            self.stop()
            raise

    def url(self, target: str, via: str, path: str) -> str:
        return (self.proxies[target] if via == "proxy" else self.servers[target]).url(path)

    def stop(self) -> None:
        for proxy in self.proxies.values():
            proxy.stop()
        for target in self.owned:
            if target in self.servers:
                self.servers[target].stop()

    def stop_all_but(self, keep: str) -> None:
        """Stop every owned server but `keep` (and every proxy): they would compete for the CPUs."""
        for proxy in self.proxies.values():
            proxy.stop()
        for target in self.owned:
            if target != keep:
                self.servers[target].stop()


# --- measuring --------------------------------------------------------------------------------------------

class Recorder:
    """Samples by key, in round order, and what went wrong."""

    def __init__(self) -> None:
        self.samples: dict[str, list[dict]] = {}
        self.errors: list[str] = []
        self.incidents: list[str] = []
        self.resources: dict[str, list] = {}  # first visits' largest resources, by target and page
        self.encodings: dict[str, dict] = {}  # Content-Encoding of the JS bundles, by target and way in
        self.network: dict[str, dict] = {}  # what /network drew, by target

    def add(self, key: str, result: dict) -> None:
        self.samples.setdefault(key, []).append(result)

    def error(self, where: str, exc: BaseException | str) -> None:
        text = exc if isinstance(exc, str) else f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
        self.errors.append(f"{where}: {text}")
        log(f"ERROR {where}: {text}")

    def check_alive(self, server: Server) -> None:
        """Before a visit: a server that ended is restarted; why it ended decides how it is recorded."""
        if server.alive():
            return
        if server.stopped_by_signal():
            self.incidents.append(f"{time.strftime('%H:%M:%S')} {server.name} server was stopped by a signal "
                                  "from another process; restarted")
            log(f"INCIDENT {self.incidents[-1]}")
        else:
            self.error(f"{server.name} server", f"exited with code {server.process.returncode}; see {server.log_path}")
        server.restart()


def visit(browser, stack: Stack, target: str, via: str, profile_name: str, page_id: str, rec: Recorder,
          prefix: str, timeout_ms: float, interactions: bool, labels: tuple[str, str], round_no: int = 0) -> None:
    """A first visit and a return visit of one page in one fresh context; then, if asked, warm interactions
    (the app) or reruns (the empty app)."""
    key = f"{prefix}{profile_name}|{via}|{target}|{page_id}"
    url = stack.url(target, via, PAGES[page_id])
    rec.check_alive(stack.servers[target])
    probe = Probe(browser, PROFILES[profile_name])
    try:
        try:
            rec.add(f"{key}|first", dict(load(probe, url, timeout_ms), round=round_no))
            for problem in probe.problems():
                rec.error(f"{key} first visit", problem)
            rec.resources.setdefault(f"{prefix}{target}|{via}|{page_id}", probe.top_resources())
            rec.encodings.setdefault(f"{prefix}{target}|{via}", encoding_summary(probe.encodings))
            if page_id == "network" and target != "empty":
                rec.network.setdefault(f"{prefix}{target}", network_info(probe))
            rec.add(f"{key}|return", dict(load(probe, url, timeout_ms), round=round_no))
            for problem in probe.problems():
                rec.error(f"{key} return visit", problem)
        except Exception as exc:  # noqa: BLE001 - one failed visit must not stop the run
            rec.error(f"{key} visit", exc)
            return
        if not interactions:
            return
        sector, focus = labels
        if target == "app":
            steps = [("sector", lambda: change_sector(probe, sector, timeout_ms))]
            if page_id == "network":
                steps.append(("focus", lambda: change_focus(probe, focus, timeout_ms)))
            steps.append(("language", lambda: change_language(probe, "한국어", timeout_ms)))
        elif target == "empty":
            steps = [("rerun", lambda: rerun_empty(probe, timeout_ms))] * 2
        else:  # the peer: the same sector change, the yardstick of the app's (it has no language or focus)
            steps = [("sector", lambda: change_sector(probe, sector, timeout_ms))]
        for name, step in steps:
            try:
                rec.add(f"{prefix}interaction|{target}|{name}|{page_id}", step())
            except Exception as exc:  # noqa: BLE001
                rec.error(f"{prefix}{name} on {page_id}", exc)
                break
            for problem in probe.problems():
                rec.error(f"{prefix}{name} on {page_id}", problem)
    finally:
        probe.close()


def visit_read_use(browser, stack: Stack, target: str, via: str, profile_name: str, page_id: str, rec: Recorder,
                   prefix: str, timeout_ms: float, measures: tuple[str, ...], labels: tuple[str, str],
                   round_no: int = 0) -> None:
    """Time to read and time to use of one page in one fresh context (bench/read_use.py)."""
    key = f"{prefix}{profile_name}|{via}|{target}|{page_id}"
    rec.check_alive(stack.servers[target])
    url = visit_url(stack.url(target, via, PAGES[page_id]), target)
    title, lead = app_texts(page_id, "en") if target == "app" else (None, None)  # the probe's locale is en-US
    probe = Probe(browser, PROFILES[profile_name])
    probe.page.add_init_script(read_script(title, lead, CONTROL[target], READY))
    sector = labels[0]
    if target == "peer":
        def control(p, timeout):
            return change_sector(p, sector, timeout)
    else:  # the app's language radio, the empty app's one radio
        def control(p, timeout):
            return change_language(p, "한국어", timeout)
    try:
        result = read_use_visit(probe, url, target, control, timeout_ms, measures)
        rec.add(f"{key}|readuse", dict(result, round=round_no))
        log(f"{key}: read {_r(result.get('read_ms'), 0)} ms ({result.get('read_by')}), ready "
            f"{_r(result.get('ready_ms'), 0)}, use {_r(result.get('use_ms'), 0)} ms")
        if result.get("use_error"):
            rec.error(f"{key} time to use", result["use_error"])
        if "read" in measures and result.get("read_ms") is None:
            rec.error(f"{key} time to read", "the title and lead were never on screen together"
                      f" (title {result.get('title_ms')}, lead {result.get('lead_ms')})")
        if result.get("script_error"):
            rec.error(f"{key} read script", result["script_error"])
        for problem in probe.problems():
            rec.error(f"{key} read/use visit", problem)
    except Exception as exc:  # noqa: BLE001 - one failed visit must not stop the run
        rec.error(f"{key} read/use visit", exc)
    finally:
        probe.close()


def encoding_summary(encodings: dict[str, str]) -> dict:
    """How the JavaScript files of a visit came: how many, how many compressed, by which encoding; and the
    same for Streamlit's own bundles (/static/js/), which its server sends uncompressed."""
    scripts = {path: enc for path, enc in encodings.items() if path.endswith(".js")}
    bundles = {path: enc for path, enc in scripts.items() if path.startswith("/static/js/")}
    counts: dict[str, int] = {}
    for enc in scripts.values():
        counts[enc or "identity"] = counts.get(enc or "identity", 0) + 1
    return {"js_files": len(scripts), "compressed": sum(1 for e in scripts.values() if e), "by_encoding": counts,
            "streamlit_bundles": len(bundles), "streamlit_bundles_compressed": sum(1 for e in bundles.values() if e)}


def network_info(probe: Probe) -> dict:
    """What /network drew: the app's component state, or the peer's pyvis canvas in its iframe."""
    info = probe.page.evaluate(NETWORK_INFO_JS)
    info["iframe_canvas"] = probe.page.evaluate(
        "() => [...document.querySelectorAll('iframe')].some((f) => { try { return !!f.contentDocument"
        ".querySelector('#mynetwork canvas'); } catch (e) { return false; } })")
    return info


def rounds_of_visits(browser, stack: Stack, targets: tuple[str, ...], pages: list[str], profiles: list[str],
                     vias: list[str], rounds: int, rec: Recorder, prefix: str, timeout_ms: float,
                     interactions: bool = True, after_round=None, measures: tuple[str, ...] = ("load",)) -> None:
    """Every profile, way in and page; the targets one after the other, in an order that rotates."""
    labels = names_for_interactions()
    turn = 0
    for n in range(rounds):
        for profile_name in profiles:
            for via in vias:
                for page_id in pages:
                    order = targets[turn % len(targets):] + targets[:turn % len(targets)]
                    turn += 1
                    for target in (t for t in order if serves(t, page_id)):
                        interact = interactions and profile_name == INTERACTION_PROFILE and via == "direct"
                        if "load" in measures:
                            visit(browser, stack, target, via, profile_name, page_id, rec, prefix, timeout_ms,
                                  interact, labels, round_no=n + 1)
                        if "read" in measures or "use" in measures:
                            visit_read_use(browser, stack, target, via, profile_name, page_id, rec, prefix,
                                           timeout_ms, measures, labels, round_no=n + 1)
            log(f"{prefix or ''}round {n + 1}/{rounds}: {profile_name} done")
        if after_round is not None:
            after_round(n + 1)


def warm_up(browser, stack: Stack, pages: list[str], timeout_ms: float) -> None:
    """One untimed load of each page of each server: imports, caches and the first st.navigation run are not
    measured."""
    for target in stack.servers:
        for page_id in (p for p in pages if serves(target, p)):
            probe = Probe(browser)
            try:
                load(probe, stack.url(target, "direct", PAGES[page_id]), timeout_ms)
            except Exception as exc:  # noqa: BLE001
                log(f"warm-up of {target}{PAGES[page_id]} failed: {exc}")
            finally:
                probe.close()


# --- summaries ----------------------------------------------------------------------------------------------

def spread(values: list[float], digits: int = 1) -> dict | None:
    if not values:
        return None
    return {"median": _r(median(values), digits), "min": _r(min(values), digits), "max": _r(max(values), digits),
            "n": len(values)}


def pair_ratios(numerators: list[float], denominators: list[float]) -> list[float]:
    """Round by round, one side's value over the other's from the same round (both lists in round order; a
    round that failed on either side leaves them unequal, and then no pairs are claimed)."""
    if len(numerators) != len(denominators):
        return []
    return [a / b for a, b in zip(numerators, denominators) if b]


def visit_stats(samples: list[dict]) -> dict:
    return {
        "ms": spread([s["ms"] for s in samples]),
        "bytes": spread([s["bytes"] for s in samples], 0),
        "requests": spread([s["requests"] for s in samples], 0),
        "from_cache": spread([s["from_cache"] for s in samples], 0),
        "foreign_requests": max((s["foreign_requests"] for s in samples), default=0),
        "stalled_requests": sorted({u for s in samples for u in s.get("stalled", [])}),
        "samples_ms": [_r(s["ms"]) for s in samples],
    }


def ratio_stats(top: list[dict], bottom: list[dict]) -> dict:
    """Per-round ratios of time and bytes (the two visits of the same round; a round that failed on either
    side is left out): median and range."""
    by_round = {s.get("round"): s for s in bottom}
    pairs = [(s, by_round[s.get("round")]) for s in top if s.get("round") in by_round]
    out = {}
    for what in ("ms", "bytes"):
        ratios = pair_ratios([a[what] for a, _ in pairs], [b[what] for _, b in pairs])
        out[what] = spread(ratios, 3)
    return out


def visit_table(rec: Recorder, pages: list[str], profiles: list[str], vias: list[str], prefix: str = "") -> dict:
    out: dict = {}
    for profile_name in profiles:
        for via in vias:
            for page_id in pages:
                row: dict = {"path": PAGES[page_id]}
                for kind in ("first", "return"):
                    samples = {t: rec.samples.get(f"{prefix}{profile_name}|{via}|{t}|{page_id}|{kind}", [])
                               for t in TARGETS}
                    row[kind] = {t: visit_stats(s) for t, s in samples.items() if s}
                    row[kind]["app/peer"] = ratio_stats(samples["app"], samples["peer"])
                    row[kind]["app/empty"] = ratio_stats(samples["app"], samples["empty"])
                    row[kind]["peer/empty"] = ratio_stats(samples["peer"], samples["empty"])
                out.setdefault(profile_name, {}).setdefault(via, {})[page_id] = row
    return out


def interaction_table(rec: Recorder, pages: list[str], prefix: str = "") -> dict:
    out = {}
    for name in ("sector", "focus", "language"):
        for page_id in pages:
            samples = rec.samples.get(f"{prefix}interaction|app|{name}|{page_id}")
            if not samples:
                continue
            ms, size = median([s["ms"] for s in samples]), median([s["bytes"] for s in samples])
            row = out[f"{name}@{page_id}"] = {
                "interaction": name, "page": page_id, "ms": _r(ms), "bytes": _r(size, 0),
                "ms_range": [_r(min(s["ms"] for s in samples)), _r(max(s["ms"] for s in samples))],
                "goal_ms_met": ms <= GOALS["interaction_ms"], "goal_bytes_met": size <= GOALS["interaction_bytes"],
            }
            peer = rec.samples.get(f"{prefix}interaction|peer|{name}|{page_id}")
            if peer:  # the same interaction on the naive peer's page
                peer_ms = median([s["ms"] for s in peer])
                row.update(peer_ms=_r(peer_ms), peer_bytes=_r(median([s["bytes"] for s in peer]), 0),
                           app_over_peer=_r(ms / peer_ms, 2) if peer_ms else None)
    reruns = [s for p in pages for s in rec.samples.get(f"{prefix}interaction|empty|rerun|{p}", [])]
    if reruns:
        out["rerun@empty"] = {"interaction": "rerun", "page": "empty app", "ms": _r(median([s["ms"] for s in reruns])),
                              "bytes": _r(median([s["bytes"] for s in reruns]), 0)}
    return out


def _ratio(table: dict, profile_name: str, via: str, page_id: str, kind: str, pair: str, what: str = "ms"):
    try:
        return table[profile_name][via][page_id][kind][pair][what]["median"]
    except (KeyError, TypeError):
        return None


def goals(report: dict) -> list[dict]:
    """Each goal of issue 18 with the numbers that decide it; `met` is None when it was not measured."""
    table = report.get("visits", {})
    pages = report["pages_measured"]
    out = []

    def goal(name: str, limit: float, values: dict[str, float | None]) -> None:
        known = {k: v for k, v in values.items() if v is not None}
        if any(v > limit for v in known.values()):
            met = False  # one measured miss decides it, whatever was not measured
        elif not known or len(known) < len(values):
            met = None  # nothing missed, but not every page was measured
        else:
            met = True
        out.append({"goal": name, "limit": limit, "met": met, "values": values,
                    "misses": sorted(k for k, v in known.items() if v > limit)})

    if "phone" in table and "direct" in table["phone"]:
        goal("phone, first visit, direct: time <= 0.5 x the peer's", GOALS["phone_direct_first_vs_peer"],
             {p: _ratio(table, "phone", "direct", p, "first", "app/peer") for p in pages if serves("peer", p)})
        goal("phone, first visit, direct: bytes <= 0.5 x the peer's", GOALS["phone_direct_first_vs_peer"],
             {p: _ratio(table, "phone", "direct", p, "first", "app/peer", "bytes") for p in pages if serves("peer", p)})
    if "phone" in table and "proxy" in table["phone"]:
        goal("phone, first visit, proxy: time <= 1.3 x the empty app behind the proxy",
             GOALS["phone_proxy_first_vs_empty"],
             {p: _ratio(table, "phone", "proxy", p, "first", "app/empty") for p in pages})
    for via in ("direct", "proxy"):
        if "desktop" in table and via in table["desktop"]:
            content = [p for p in pages if p in PAGES_WITH_CONTENT and serves("peer", p)]
            goal(f"desktop, first visit, {via}: pages with charts, tables or the network <= 0.8 x the peer's",
                 GOALS["desktop_first_vs_peer"],
                 {p: _ratio(table, "desktop", via, p, "first", "app/peer") for p in content})
            goal(f"desktop, return visit, {via}: <= 1.2 x the empty app's return visit",
                 GOALS["desktop_return_vs_empty"],
                 {p: _ratio(table, "desktop", via, p, "return", "app/empty") for p in pages})
    for label, interactions in [("1x", report.get("interactions", {}))] + [
            (name, scale.get("interactions", {})) for name, scale in report.get("scale", {}).items() if name != "100x"]:
        app_rows = {k: v for k, v in interactions.items() if k != "rerun@empty"}
        if app_rows:
            goal(f"warm interactions at {label}: ms", GOALS["interaction_ms"], {k: v["ms"] for k, v in app_rows.items()})
            goal(f"warm interactions at {label}: bytes", GOALS["interaction_bytes"],
                 {k: v["bytes"] for k, v in app_rows.items()})
    big = report.get("scale", {}).get("100x", {}).get("visits", {})
    if big:
        profile_name = next(iter(big))
        goal(f"100x data, {profile_name}, first visit, direct: <= 2 x the empty app",
             GOALS["scale_100x_desktop_first_vs_empty"],
             {p: _ratio(big, profile_name, "direct", p, "first", "app/empty") for p in pages})
    return out


# --- scale ------------------------------------------------------------------------------------------------

def prepare_scale(factor: int, workdir: Path) -> tuple[dict, Stack | None]:
    """Write and validate the package `factor` times the real one and start (not wait for) the app and the
    peer on it: they import while other things are measured."""
    from bench.scale_data import make_scaled

    data_dir = workdir / f"data-{factor}x"
    counts = make_scaled(ROOT / "data", data_dir, factor)
    check = subprocess.run([sys.executable, "-m", "components.data.validate", str(data_dir)], cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    result: dict = {"factor": factor, "rows": counts, "validate_ok": check.returncode == 0,
                    "validate_output": (check.stdout + check.stderr).strip()[-500:]}
    if check.returncode != 0:
        return result, None
    return result, Stack(("app", "peer"), ("direct",), data_dir=data_dir, suffix=f"-{factor}x", wait=False)


def scale_run(browser, result: dict, stack: Stack | None, pages: list[str], profiles: list[str], rounds: int,
              rec: Recorder, timeout_ms: float, empty: Server, quick: bool = False) -> dict:
    """The app and the peer on a scaled package, the empty app (which reads no data) borrowed: first and
    return visits, and the app's warm interactions unless quick."""
    factor = result["factor"]
    result["profiles"] = profiles
    if stack is None:
        rec.error(f"scale {factor}x", "synthetic package does not validate")
        return result
    stack.servers["empty"] = empty  # borrowed: Stack.stop stops only what it started
    prefix = f"{factor}x:"
    try:
        stack.wait()
        started = time.time()
        if not quick:
            warm_up(browser, stack, pages, timeout_ms)
        result["warm_up_seconds"] = round(time.time() - started, 1)
        rounds_of_visits(browser, stack, TARGETS, pages, profiles, ["direct"], rounds, rec, prefix, timeout_ms,
                         interactions=not quick)
        result["visits"] = visit_table(rec, pages, profiles, ["direct"], prefix)
        result["interactions"] = interaction_table(rec, pages, prefix)
        result["network"] = {t: rec.network.get(f"{prefix}{t}") for t in ("app", "peer")}
        try:
            result["server_script"] = ws_script_times(stack.servers["app"].port, pages, repeats=2)
        except Exception as exc:  # noqa: BLE001
            rec.error(f"scale {factor}x server script times", exc)
        result["rss_mib"] = {t: round(stack.servers[t].rss_bytes() / 1024 / 1024, 1) for t in stack.owned}
    finally:
        stack.stop()
    return result


# --- report -------------------------------------------------------------------------------------------------

def fmt(value, digits: int = 0) -> str:
    if value is None:
        return "—"
    if digits:
        return f"{value:.{digits}f}"
    return f"{round(value):,}"


def _med(stats: dict | None, what: str):
    return (stats or {}).get(what, {}) and stats[what]["median"] if stats and stats.get(what) else None


def print_visits(table: dict) -> None:
    for profile_name, vias in table.items():
        for via, rows in vias.items():
            print(f"\n{profile_name}, {via}: first visit ms (app / peer / empty), app÷peer [range], app÷empty [range], "
                  "KB app / peer / empty; return visit ms app / empty, app÷empty")
            for page_id, row in rows.items():
                first, back = row["first"], row["return"]
                ms = [_med(first.get(t), "ms") for t in TARGETS]
                kb = [(_med(first.get(t), "bytes") or 0) / 1024 for t in TARGETS]
                ap, ae = first["app/peer"]["ms"] or {}, first["app/empty"]["ms"] or {}
                rb = back["app/empty"]["ms"] or {}
                print(f"  {row['path']:<12} {fmt(ms[0]):>7} / {fmt(ms[1]):>7} / {fmt(ms[2]):>7}"
                      f"  {fmt(ap.get('median'), 2):>5} [{fmt(ap.get('min'), 2)}-{fmt(ap.get('max'), 2)}]"
                      f"  {fmt(ae.get('median'), 2):>5} [{fmt(ae.get('min'), 2)}-{fmt(ae.get('max'), 2)}]"
                      f"  {fmt(kb[0]):>6} / {fmt(kb[1]):>6} / {fmt(kb[2]):>6}"
                      f"  | {fmt(_med(back.get('app'), 'ms')):>6} / {fmt(_med(back.get('empty'), 'ms')):>6}"
                      f"  {fmt(rb.get('median'), 2)}")


def print_report(report: dict) -> None:
    m = report["machine"]
    print()
    print(f"Machine: {m['cpu_model']}, {m['cores']} cores, {m['ram_gb']} GB RAM, {m['os']}; Python {m['python']}, "
          f"Streamlit {m['streamlit']}, {m['chromium']}, {m.get('caddy') or 'no caddy'}")
    print(f"Mode: {report['mode']}, {report['rounds']} round(s); medians [range of per-round ratios]")
    print_visits(report.get("visits", {}))
    print("\nWarm interactions (app, desktop, direct): ms, KB; the peer's same interaction")
    for key, row in report.get("interactions", {}).items():
        peer = f"  peer {fmt(row['peer_ms']):>6} ms" if row.get("peer_ms") is not None else ""
        print(f"  {key:<24} {fmt(row['ms']):>6} ms  {fmt((row['bytes'] or 0) / 1024, 1):>7} KB{peer}")
    for name, scale in report.get("scale", {}).items():
        rows = scale.get("rows", {})
        print(f"\nScale {name}: {rows.get('entities')} entities, {rows.get('relations')} relations, "
              f"valid={scale.get('validate_ok')}, RSS {scale.get('rss_mib')} MiB")
        print_visits(scale.get("visits", {}))
        for key, row in scale.get("interactions", {}).items():
            print(f"  {key:<24} {fmt(row['ms']):>6} ms  {fmt((row['bytes'] or 0) / 1024, 1):>7} KB")
    server = report.get("server", {})
    mem = server.get("memory") or {}
    if mem.get("rss_idle_mib"):
        print(f"\nMemory (RSS, MiB): idle {mem.get('rss_idle_mib')}, {mem.get('concurrent_sessions', '')} sessions open "
              f"{mem.get('rss_sessions_open_mib', '—')}, after {mem.get('soak_sessions', '—')} sessions "
              f"{mem.get('rss_after_soak_mib', '—')}; growth over the soak's last half "
              f"{mem.get('soak_slope_last_half_kib_per_session', '—')} KiB/session")
    if report.get("read_use"):
        print("\nTime to read and time to use (issue 27)")
        print("\n".join(markdown_tables(report["read_use"])))
        for row in report.get("read_use_goals", []):
            state = {True: "met", False: "NOT MET", None: "not measured"}[row["met"]]
            values = ", ".join(f"{k} {v:,.2f}" for k, v in row["values"].items() if v is not None)
            print(f"  [{state}] {row['goal']}: {values}")
    print("\nGoals (issue 18):")
    for row in report.get("goals", []):
        state = {True: "met", False: "NOT MET", None: "not measured"}[row["met"]]
        values = ", ".join(f"{k} {fmt(v, 2) if isinstance(v, float) and v < 10 else fmt(v)}"
                           for k, v in row["values"].items())
        print(f"  [{state}] {row['goal']}: {values}")
    for incident in report.get("incidents", []):
        print(f"Incident (not the app): {incident}")
    print(f"\nErrors: {len(report['errors'])}")
    for error in report["errors"][:30]:
        print(f"  - {error}")


# --- main -------------------------------------------------------------------------------------------------

def server_script_times(stack: Stack, pages: list[str], quick: bool, server: dict, rec: Recorder) -> None:
    log("server script times")
    try:
        repeats = 3 if quick else 10
        server["script_ms"] = ws_script_times(stack.servers["app"].port, pages, repeats=repeats)
        server["script_ms_empty_app"] = ws_script_times(stack.servers["empty"].port, ["overview"],
                                                        repeats=repeats)["overview"]
        for page_id, row in server["script_ms"].items():
            for problem in row["errors"]:
                rec.error(f"server run of {page_id}", problem)
    except Exception as exc:  # noqa: BLE001
        rec.error("server script times", exc)


def readuse_samples(rec: Recorder) -> dict:
    """Every read/use visit's numbers, by key (the tables' medians come from these)."""
    return {k: v for k, v in rec.samples.items() if k.endswith("|readuse")}


def _list(value: str, known, what: str, parser) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in items if v not in known]
    if unknown:
        parser.error(f"unknown {what} {unknown}; known: {', '.join(known)}")
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", "--runs", type=int, default=5,
                        help="rounds (default 5; 0: no visits at 1x, only --scale and the server side)")
    parser.add_argument("--quick", action="store_true",
                        help="CI: 1 round, /network only, no throttling, direct and proxy, 2x scale, no soak")
    parser.add_argument("--pages", default="", help=f"comma separated, of: {', '.join(PAGES)} (default all)")
    parser.add_argument("--profiles", default="", help=f"comma separated, of: {', '.join(PROFILES)} "
                        "(default phone,desktop)")
    parser.add_argument("--via", default="", help="direct, proxy or both (default both when caddy is installed)")
    parser.add_argument("--scale", default="10,100", help="scale factors, comma separated ('' for none)")
    parser.add_argument("--scale-rounds", type=int, default=3, help="rounds at scale (default 3)")
    parser.add_argument("--scale-profiles", default="desktop", help="profiles at scale (default desktop)")
    parser.add_argument("--soak", type=int, default=600, help="sequential sessions of the memory soak (0: none)")
    parser.add_argument("--out", type=Path, default=None, help="JSON output (default bench/results/benchmark[-quick].json)")
    parser.add_argument("--timeout", type=float, default=240, help="seconds a page may take to be drawn (default 240)")
    parser.add_argument("--measures", default="",
                        help="comma separated, of: load (first and return visits, interactions, scale, server side), "
                        "read (time to read), use (time to use); default load (--quick: load,read,use)")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                        help="first wait up to SECONDS for other processes to leave the CPUs idle (default 0)")
    args = parser.parse_args(argv)

    quick = args.quick
    rounds = 1 if quick else max(0, args.rounds)
    pages = _list(args.pages, PAGES, "pages", parser) or list(QUICK_PAGES if quick else PAGES)
    profiles = _list(args.profiles, PROFILES, "profiles", parser) or list(QUICK_PROFILES if quick else ("phone", "desktop"))
    scale_profiles = list(QUICK_PROFILES) if quick else _list(args.scale_profiles, PROFILES, "profiles", parser)
    vias = _list(args.via, VIAS, "ways in", parser) or [v for v in VIAS if v == "direct" or caddy_binary()]
    if "proxy" in vias and not caddy_binary():
        parser.error("--via proxy needs caddy (apt-get install caddy; `make test` installs it)")
    measures = tuple(_list(args.measures, MEASURES, "measures", parser)) or (
        ("load", "read", "use") if quick else ("load",))
    loads = "load" in measures
    factors = ([2] if quick else [int(f) for f in args.scale.split(",") if f.strip()]) if loads else []
    out = args.out or RESULTS / ("benchmark-quick.json" if quick else "benchmark.json")
    timeout_ms = args.timeout * 1000
    global INTERACTION_PROFILE
    if INTERACTION_PROFILE not in profiles:  # interactions are timed in the first profile measured instead
        INTERACTION_PROFILE = profiles[0]

    rec = Recorder()
    caddy = caddy_binary()
    machine = machine_info()
    if caddy:
        machine["caddy"] = subprocess.run([caddy, "version"], capture_output=True, text=True).stdout.strip()
    report: dict = {
        "schema": 2,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "measures": list(measures),
        "rounds": rounds,
        "pages_measured": pages,
        "profiles": {p: PROFILES[p].describe() for p in profiles},
        "vias": vias,
        "interaction_profile": INTERACTION_PROFILE,
        "quiet_window_ms": QUIET_MS,
        "goals_set": GOALS,
        "machine": machine,
        "other_hosts": "refused by the browser (DNS), counted per visit as foreign_requests",
    }
    if args.wait_idle:
        report["machine"]["busy_cores_before_start"] = wait_for_quiet_machine(args.wait_idle, log=log)
    started = time.time()
    from playwright.sync_api import sync_playwright

    log(f"{report['mode']}: {rounds} round(s), pages {', '.join(pages)}, profiles {', '.join(profiles)}, "
        f"via {', '.join(vias)}, scale {factors or 'none'}")
    workdir = tempfile.TemporaryDirectory(prefix="krcn-bench-")
    scale_stacks = {factor: prepare_scale(factor, Path(workdir.name)) for factor in factors}
    stack = Stack(TARGETS, tuple(vias))
    report["scale"] = {}

    def run_scales(browser) -> None:
        for factor, (result, scale_stack) in scale_stacks.items():
            log(f"scale {factor}x")
            try:
                report["scale"][f"{factor}x"] = scale_run(
                    browser, result, scale_stack, pages, scale_profiles, 1 if quick else max(1, args.scale_rounds),
                    rec, timeout_ms * (2 if factor >= 100 else 1), stack.servers["empty"], quick)
            except Exception as exc:  # noqa: BLE001
                rec.error(f"scale {factor}x", exc)
                traceback.print_exc()
            partial = dict(report, errors=list(rec.errors))
            partial["goals"] = goals(partial)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.with_suffix(".partial.json").write_text(json.dumps(partial, indent=2, ensure_ascii=False))

    def scales_beside() -> None:
        """The quick run times nothing: its read/use visits (direct only), then its scale visits, run in a browser
        of their own, beside the others (CI's wall time); the scale visits share only the empty app's server."""
        from playwright.sync_api import sync_playwright as own_playwright

        with own_playwright() as pw_beside:
            beside = launch_browser(pw_beside)
            try:
                if "read" in measures or "use" in measures:  # while the 2x servers start
                    rounds_of_visits(beside, stack, TARGETS, pages, profiles, ["direct"], rounds, rec, "", timeout_ms,
                                     interactions=False, measures=tuple(m for m in measures if m != "load"))
                run_scales(beside)
            finally:
                beside.close()

    beside_thread = threading.Thread(target=scales_beside, name="scales", daemon=True) if quick else None
    try:
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            if beside_thread is not None:
                beside_thread.start()
            try:
                if not quick and rounds:  # CI's quick run times nothing: its first visits may include imports
                    warm_up(browser, stack, pages, timeout_ms)
                def save_partial(done: int) -> None:
                    """A long run's rounds so far, in case it is stopped before the end."""
                    partial = dict(report, rounds_done=done, visits=visit_table(rec, pages, profiles, vias),
                                   interactions=interaction_table(rec, pages), errors=list(rec.errors))
                    partial["goals"] = goals(partial)
                    if not loads:
                        partial["visits"], partial["interactions"] = {}, {}
                    if "read" in measures or "use" in measures:
                        partial["read_use"] = read_use_table(rec.samples, pages, profiles, vias)
                        partial["read_use_goals"] = read_use_goals(partial["read_use"], pages)
                        partial["read_use_samples"] = readuse_samples(rec)
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.with_suffix(".partial.json").write_text(json.dumps(partial, indent=2, ensure_ascii=False))

                rounds_of_visits(browser, stack, TARGETS, pages, profiles, vias, rounds, rec, "", timeout_ms,
                                 after_round=save_partial, measures=("load",) if quick else measures)
                report["visits"] = visit_table(rec, pages, profiles, vias) if rounds and loads else {}
                report["interactions"] = interaction_table(rec, pages)
                report["network"] = {t: rec.network.get(t) for t in ("app", "peer")}
                report["first_visit_resources"] = rec.resources
                report["script_encodings"] = {k: v for k, v in rec.encodings.items() if ":" not in k}
                server: dict = {}
                if loads:
                    server_script_times(stack, pages, quick, server, rec)
                server["rss_after_browser_runs_mib"] = {t: round(s.rss_bytes() / 1024 / 1024, 1)
                                                        for t, s in stack.servers.items()}
                report["server"] = server
                if beside_thread is None:
                    stack.stop_all_but("empty")  # the empty app reads no data: the scale runs share it
                if not quick and loads:
                    log("AppTest script times")
                    server["apptest_ms"] = apptest_script_times(pages, repeats=5)
                if args.soak > 0 and not quick and loads:
                    log(f"memory: idle, 20 sessions, {args.soak} sequential sessions")
                    for _attempt in range(2):
                        try:
                            server["memory"] = memory_profile(args.soak, 20, pages)
                            for problem in server["memory"]["errors"]:
                                rec.error("memory soak", problem)
                            break
                        except StoppedFromOutside as exc:
                            rec.incidents.append(f"{time.strftime('%H:%M:%S')} {exc}; memory profile restarted")
                        except Exception as exc:  # noqa: BLE001
                            rec.error("memory profile", exc)
                            break
                if beside_thread is not None:
                    beside_thread.join()
                else:
                    run_scales(browser)
            finally:
                browser.close()
    finally:
        stack.stop()
        for _result, scale_stack in scale_stacks.values():
            if scale_stack is not None:
                scale_stack.stop()
        workdir.cleanup()
    if "read" in measures or "use" in measures:
        report["read_use"] = read_use_table(rec.samples, pages, profiles, ["direct"] if quick else vias)
        report["read_use_goals"] = read_use_goals(report["read_use"], pages)
        report["read_use_samples"] = readuse_samples(rec)
    report["errors"] = rec.errors
    report["incidents"] = rec.incidents
    report["seconds"] = round(time.time() - started, 1)
    report["goals"] = goals(report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(report)
    print(f"\nWrote {out} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
