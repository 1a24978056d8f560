"""Bounded load test on loopback: N concurrent browser-like sessions for a fixed time, then it stops by itself.

    .venv/bin/python bench/load.py                          # 30 sessions, 60 s, websocket clients
    .venv/bin/python bench/load.py --seconds 5 --sessions 3 # CI smoke
    .venv/bin/python bench/load.py --mode browser --sessions 10   # real Chromium pages instead
    .venv/bin/python bench/load.py --think 0                # no pause between actions: a stress test
    .venv/bin/python bench/load.py --via proxy --processes 2  # through deploy/Caddyfile to 2 processes
    .venv/bin/python bench/load.py --via proxy --sessions 100 --seconds 300 --think 3 --changes 5-20 --settle 150  # the crowd
    .venv/bin/python bench/load.py --sessions 30 --seconds 90 --think 3 --changes 5-20 --rounds 2 --settle 150  # flat memory?

It starts the dashboard (`streamlit run app.py`) on a free 127.0.0.1 port (or uses `--port` of one already
running on this machine; other hosts are refused), then runs `--sessions` sessions at once until `--seconds`
have passed. A session is what a visitor does: open a page (random page and language, sometimes with a sector
filter), then make `--changes` (default one to three) changes — toggle a sector, switch the language, pick a focus on /network,
switch the unit on /economy — with `--think` seconds (mean) between actions, then leave; a new session takes
its place until the time is up.

Modes:
- `ws` (default): each session is a websocket client speaking Streamlit's protocol (bench/stclient.py): the
  same BackMsg `rerun_script` a browser sends, ForwardMsgs read until `script_finished`. Render time = request
  to script finished, on the server. Light on the client, so the server is what gets measured.
- `browser`: each session is a page in headless Chromium (one browser, one context per session); render
  time = navigation to the page fully rendered (same rule as bench/benchmark.py). On 2 cores the 30 pages'
  own rendering competes with the server, so this mode measures the machine more than the server.

`--via proxy` starts `--processes` dashboards (default 2) behind Caddy with deploy/Caddyfile, as
deploy/serve.sh does, and sends every session through it; memory and CPU are those of all processes, and
each process's own CPU time shows how the sessions were spread.

Reported (and written as JSON): pages served (script runs finished), sessions, errors (goal: zero), p50/p95/max
render times for page loads and for changes, throughput, server RSS (start, peak, end; each process's over time and
its growth over the crowd's second half) and CPU (cores busy, and milliseconds of server CPU a script run). Per round
(`--rounds`): runs, errors, CPU a run, each process's RSS before and at the end of the crowd and, with `--settle S`,
S seconds later without visitors: past Streamlit's 120 s disconnected-session TTL, the crowd's sessions are gone, so
what remains is what the process keeps (caches, or memory its allocator has not returned).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    PAGES,
    RESULTS,
    ROOT,
    free_port,
    launch_server,
    machine_info,
    median,
    percentile,
)

LOOPBACK = ("127.0.0.1", "localhost", "::1")
GRACE_SECONDS = 90  # after the deadline, a run still in flight may finish; then everything is cancelled


def dataset_ids(data_dir: Path | None) -> tuple[list[str], list[str]]:
    """Sector ids and focusable entity ids of the package the server uses."""
    import csv

    base = data_dir or ROOT / "data"
    with (base / "sectors.csv").open(encoding="utf-8") as handle:
        sectors = [row["id"] for row in csv.DictReader(handle)]
    with (base / "entities.csv").open(encoding="utf-8") as handle:
        entities = [row["id"] for row in csv.DictReader(handle)]
    return sectors, entities


class Plan:
    """The random walk of one session (seeded: a run can be repeated)."""

    def __init__(self, rng: random.Random, sectors: list[str], entities: list[str]) -> None:
        self.rng = rng
        self.sectors = sectors
        self.entities = entities

    def start(self) -> tuple[str, dict[str, list[str]]]:
        page = self.rng.choice(list(PAGES))
        params: dict[str, list[str]] = {"lang": [self.rng.choice(["en", "ko"])]}
        if self.rng.random() < 0.3:
            params["sector"] = [self.rng.choice(self.sectors)]
        return page, params

    def change(self, page: str, params: dict[str, list[str]]) -> tuple[str, dict[str, list[str]]]:
        params = {k: list(v) for k, v in params.items()}
        choices = ["sector", "language"]
        if page == "network":
            choices += ["focus", "focus"]
        if page == "economy":
            choices.append("unit")
        what = self.rng.choice(choices)
        if what == "sector":
            chosen = params.get("sector", [])
            sector = self.rng.choice(self.sectors)
            params["sector"] = [s for s in chosen if s != sector] if sector in chosen else [*chosen, sector]
            if not params["sector"]:
                del params["sector"]
        elif what == "language":
            params["lang"] = ["ko" if params.get("lang") == ["en"] else "en"]
        elif what == "focus":
            params["focus"] = [self.rng.choice(self.entities)]
        elif what == "unit":
            params["unit"] = ["krw" if params.get("unit") != ["krw"] else "usd"]
        return what, params


def query_string(params: dict[str, list[str]]) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, values in params.items() for v in values])


class Stats:
    def __init__(self) -> None:
        self.loads: list[float] = []
        self.changes: list[float] = []
        self.by_page: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.sessions = 0
        self.bytes = 0
        self.timeline: list[tuple[float, float]] = []  # (when the run finished, ms): noise is seen by when

    def record(self, kind: str, page: str, ms: float) -> None:
        (self.loads if kind == "load" else self.changes).append(ms)
        self.by_page.setdefault(page, []).append(ms)
        self.timeline.append((time.time(), ms))

    def error(self, text: str) -> None:
        self.errors.append(text[:300])


async def ws_session_loop(index: int, port: int, deadline: float, stats: Stats, plan: Plan, think: float,
                          timeout: float, changes: tuple[int, int] = (1, 3)) -> None:
    from bench.stclient import StreamlitClient

    await asyncio.sleep(plan.rng.uniform(0, min(2.0, max(0.0, deadline - time.time()))))  # visitors trickle in
    while time.time() < deadline:
        page, params = plan.start()
        name = PAGES[page].strip("/")
        stats.sessions += 1
        try:
            async with StreamlitClient(port, locale="ko-KR" if params["lang"] == ["ko"] else "en-US",
                                       timeout=timeout) as client:
                result = await client.run(name, query_string(params))
                stats.bytes += result.bytes_received
                if result.errors:
                    stats.error(f"session {index} load {page}?{query_string(params)}: {'; '.join(result.errors)}")
                    continue
                stats.record("load", page, result.seconds * 1000)
                for _ in range(plan.rng.randint(*changes)):
                    if think:
                        await asyncio.sleep(plan.rng.uniform(0.5 * think, 1.5 * think))
                    if time.time() >= deadline:
                        break
                    what, params = plan.change(page, params)
                    result = await client.run(name, query_string(params))
                    stats.bytes += result.bytes_received
                    if result.errors:
                        stats.error(f"session {index} {what} on {page}: {'; '.join(result.errors)}")
                        break
                    stats.record("change", page, result.seconds * 1000)
        except (OSError, asyncio.TimeoutError, TimeoutError) as exc:
            stats.error(f"session {index}: {type(exc).__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001 - websockets' ConnectionClosed and the like count as errors
            stats.error(f"session {index}: {type(exc).__name__}: {exc}")
        if think:
            await asyncio.sleep(plan.rng.uniform(0.5 * think, 1.5 * think))


async def browser_session_loop(index: int, browser, origin: str, deadline: float, stats: Stats, plan: Plan,
                               think: float, timeout: float) -> None:
    from bench.probe import INIT_JS, PAGE_PROBLEMS_JS, QUIET_MS, SETTLED_JS
    from bench.common import READY

    await asyncio.sleep(plan.rng.uniform(0, min(2.0, max(0.0, deadline - time.time()))))
    while time.time() < deadline:
        page_id, params = plan.start()
        stats.sessions += 1
        context = await browser.new_context(viewport={"width": 1400, "height": 1000},
                                            locale="ko-KR" if params["lang"] == ["ko"] else "en-US")
        try:
            await context.add_init_script(INIT_JS)
            page = await context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)[:200]))
            for step in range(plan.rng.randint(2, 4)):
                kind = "load" if step == 0 else "change"
                if step:
                    if think:
                        await asyncio.sleep(plan.rng.uniform(0.5 * think, 1.5 * think))
                    if time.time() >= deadline:
                        break
                    _, params = plan.change(page_id, params)
                q = query_string(params)
                await page.goto(f"{origin}{PAGES[page_id]}" + (f"?{q}" if q else ""), wait_until="commit",
                                timeout=timeout * 1000)
                await page.wait_for_function(SETTLED_JS, arg={"since": 0, "quiet": QUIET_MS, "ready": READY},
                                             polling=50, timeout=timeout * 1000)
                ms = await page.evaluate("window.__bench.last")
                found = await page.evaluate(PAGE_PROBLEMS_JS)
                problems = found["exceptions"] + found["errors"] + found["network_failed"] + errors
                if problems:
                    stats.error(f"session {index} {page_id}?{q}: {problems[0]}")
                    break
                stats.record(kind, page_id, ms)
        except Exception as exc:  # noqa: BLE001
            stats.error(f"session {index}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        finally:
            await context.close()


async def warm_up(port: int, timeout: float) -> None:
    """One untimed run of every page, so imports and caches of a fresh server are not counted."""
    from bench.stclient import StreamlitClient

    async with StreamlitClient(port, timeout=max(timeout, 120)) as client:
        for path in PAGES.values():
            await client.run(path.strip("/"), "lang=en")


async def sample_each_second(read, stop: asyncio.Event, samples: list, start: float) -> None:
    """Every second until `stop`: (seconds since `start`, read()); ends when a server process is gone."""
    import psutil

    while not stop.is_set():
        try:
            samples.append((time.time() - start, read()))
        except psutil.NoSuchProcess:
            break
        try:
            await asyncio.wait_for(stop.wait(), timeout=1.0)
        except (asyncio.TimeoutError, TimeoutError):
            pass


def rss_by_process(server_procs: list) -> list[int]:
    """The RSS of each server process with its children."""
    return [sum(q.memory_info().rss for q in (p, *p.children(recursive=True))) for p in server_procs]


def memory_report(samples: list[tuple[float, list[int]]], every_s: float = 10) -> dict:
    """Each process's RSS over time (a point every `every_s`), and its growth over the run's second half in MiB per
    minute (least squares: flat memory is ~0; the first half holds the warm-up and the crowd arriving)."""
    mib = 1024 * 1024
    timeline, next_t = [], 0.0
    for t, rss in samples:
        if t >= next_t:
            timeline.append({"t": round(t), "mib": [round(r / mib, 1) for r in rss]})
            next_t = t + every_s
    growth = []
    later = [(t, rss) for t, rss in samples if t >= samples[-1][0] / 2] if samples else []
    for i in range(len(samples[0][1]) if samples else 0):
        points = [(t / 60, rss[i] / mib) for t, rss in later]
        if len(points) < 3:
            growth.append(None)
            continue
        mean_t = sum(t for t, _ in points) / len(points)
        mean_m = sum(m for _, m in points) / len(points)
        spread = sum((t - mean_t) ** 2 for t, _ in points)
        growth.append(round(sum((t - mean_t) * (m - mean_m) for t, m in points) / spread, 2) if spread else None)
    return {"rss_mib_over_time": timeline, "rss_growth_mib_per_min_second_half": growth}


def find_server_process(port: int):
    import psutil

    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
            return psutil.Process(conn.pid)
    return None


def cpu_seconds(proc) -> float:
    times = proc.cpu_times()
    return times.user + times.system


async def crowd(args: argparse.Namespace, port: int, stats: Stats, rng: random.Random, sectors: list[str],
                entities: list[str]) -> None:
    """`--sessions` visitors at once for `--seconds`, then they leave (those in a run finish it)."""
    deadline = time.time() + args.seconds
    browser = pw_manager = None
    if args.mode == "browser":
        from playwright.async_api import async_playwright

        from bench.common import CHROMIUM, CHROMIUM_ARGS

        pw_manager = async_playwright()
        pw = await pw_manager.__aenter__()
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        plans = [Plan(random.Random(rng.random()), sectors, entities) for _ in range(args.sessions)]
        if args.mode == "browser":
            tasks = [browser_session_loop(i, browser, f"http://127.0.0.1:{port}", deadline, stats, plans[i],
                                          args.think, args.timeout) for i in range(args.sessions)]
        else:
            tasks = [ws_session_loop(i, port, deadline, stats, plans[i], args.think, args.timeout, args.changes)
                     for i in range(args.sessions)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.seconds + GRACE_SECONDS)
        except (asyncio.TimeoutError, TimeoutError):
            stats.error(f"sessions still running {GRACE_SECONDS} s after the deadline were cancelled")
    finally:
        if browser is not None:
            await browser.close()
            await pw_manager.__aexit__(None, None, None)


def settled_mib(samples: list[tuple[float, list[int]]], since: float, last_s: float = 10) -> list[float] | None:
    """Each process's RSS, the mean over the last `last_s` seconds of samples taken after `since`."""
    later = [rss for t, rss in samples if t >= since]
    if not later:
        return None
    end = [rss for t, rss in samples if t >= max(since, samples[-1][0] - last_s)]
    return [round(sum(r[i] for r in end) / len(end) / (1024 * 1024), 1) for i in range(len(end[0]))]


async def run_load(args: argparse.Namespace, port: int, server_procs: list, warm_ports: list[int]) -> dict:
    """Sessions against 127.0.0.1:port (a dashboard, or the proxy in front of `server_procs`); every process
    is warmed up directly first (`warm_ports`). With `--rounds` N the crowd comes N times; with `--settle` S each
    crowd is followed by S seconds without visitors (past Streamlit's disconnected-session TTL, 120 s, a process
    has dropped the crowd's sessions), and each process's RSS is read again then."""
    import psutil

    sectors, entities = dataset_ids(args.data_dir)
    for warm_port in warm_ports:
        await warm_up(warm_port, args.timeout)
    stats = Stats()
    rng = random.Random(args.seed)
    stop = asyncio.Event()
    samples: list[tuple[float, list[int]]] = []
    sample_t0 = time.time()  # the sampler's clock: seconds since then
    cpu_samples: list[tuple[float, float]] = []  # (seconds, the server processes' CPU seconds so far): CPU a run by window
    sampler = cpu_sampler = None
    if server_procs:
        sampler = asyncio.create_task(sample_each_second(lambda: rss_by_process(server_procs), stop, samples, sample_t0))
        cpu_sampler = asyncio.create_task(
            sample_each_second(lambda: sum(cpu_seconds(p) for p in server_procs), stop, cpu_samples, sample_t0))
    await asyncio.sleep(1.2)  # the first sample: memory after the warm-up, before any visitor
    me = psutil.Process()
    my_cpu_before = me.cpu_times()
    machine_before = psutil.cpu_times()
    cpu_by_process = [0.0 for _ in server_procs]
    rounds, wall, crowd_spans = [], 0.0, []
    try:
        for number in range(args.rounds):
            served_before, errors_before = len(stats.loads) + len(stats.changes), len(stats.errors)
            sessions_before = stats.sessions
            before = [cpu_seconds(p) for p in server_procs]
            rss_before = settled_mib(samples, 0, last_s=2)
            started = time.time()
            await crowd(args, port, stats, rng, sectors, entities)
            ended = time.time()
            wall += ended - started
            crowd_spans.append((started - sample_t0, ended - sample_t0))
            cpu = [cpu_seconds(p) - b for p, b in zip(server_procs, before)]
            cpu_by_process = [a + b for a, b in zip(cpu_by_process, cpu)]
            served = len(stats.loads) + len(stats.changes) - served_before
            row = {
                "round": number + 1,
                "pages_served": served,
                "sessions": stats.sessions - sessions_before,
                "errors": len(stats.errors) - errors_before,
                "wall_seconds": round(ended - started, 1),
                "cpu_ms_per_run": round(sum(cpu) / served * 1000, 1) if served and server_procs else None,
                "rss_before_mib": rss_before,
                "rss_end_mib": settled_mib(samples, ended - sample_t0 - 2, last_s=2),
                "load_average_end": [round(x, 2) for x in os.getloadavg()],
            }
            if args.settle:
                print(f"[load] round {number + 1}: {served} runs, RSS by process {row['rss_end_mib']} MiB; "
                      f"settling {args.settle:g} s without visitors", flush=True)
                await asyncio.sleep(args.settle)
                row["rss_settled_mib"] = settled_mib(samples, time.time() - sample_t0 - 10)
                row["settle_seconds"] = args.settle
            rounds.append(row)
    finally:
        stop.set()
        if sampler:
            await sampler
        if cpu_sampler:
            await cpu_sampler
    my_cpu_after = me.cpu_times()
    machine_after = psutil.cpu_times()
    def busy(t) -> float:
        return sum(t) - t.idle - getattr(t, "iowait", 0.0)

    elapsed = time.time() - sample_t0
    machine_busy = busy(machine_after) - busy(machine_before)
    mib = 1024 * 1024
    all_ms = stats.loads + stats.changes
    served = len(all_ms)
    server_cpu = sum(cpu_by_process) if server_procs else None
    in_crowds = [(t, rss) for t, rss in samples if any(a <= t <= b for a, b in crowd_spans)]
    return {
        "pages_served": served,
        "page_loads": len(stats.loads),
        "changes": len(stats.changes),
        "sessions_started": stats.sessions,
        "errors": len(stats.errors),
        "error_messages": stats.errors[:30],
        "wall_seconds": round(wall, 1),
        "throughput_per_second": round(served / wall, 2) if wall else None,
        "render_ms": {
            "all": _dist(all_ms),
            "load": _dist(stats.loads),
            "change": _dist(stats.changes),
            "by_page": {page: _dist(v) for page, v in sorted(stats.by_page.items())},
        },
        "bytes_received": stats.bytes,
        "render_ms_by_window": by_window(stats.timeline, sample_t0, 30, cpu_samples),
        "rounds": rounds,
        "server": {
            "rss_start_mib": round(sum(samples[0][1]) / mib, 1) if samples else None,
            "rss_peak_mib": round(max(sum(s[1]) for s in samples) / mib, 1) if samples else None,
            "rss_end_mib": round(sum(samples[-1][1]) / mib, 1) if samples else None,
            "rss_start_mib_by_process": [round(r / mib, 1) for r in samples[0][1]] if samples else None,
            **memory_report(samples),
            "rss_growth_mib_per_min_second_half": memory_report(in_crowds)["rss_growth_mib_per_min_second_half"],
            "cpu_seconds": round(server_cpu, 1) if server_cpu is not None else None,
            "cpu_cores_busy": round(server_cpu / wall, 2) if server_cpu is not None and wall else None,
            "cpu_ms_per_run": round(server_cpu / served * 1000, 1) if server_cpu is not None and served else None,
            "processes": len(server_procs),
            "cpu_seconds_by_process": [round(c, 1) for c in cpu_by_process],
        },
        "machine_cpu_cores_busy": round(machine_busy / elapsed, 2) if elapsed else None,
        "client_cpu_cores_busy": round((my_cpu_after.user + my_cpu_after.system - my_cpu_before.user
                                        - my_cpu_before.system) / wall, 2) if wall else None,
    }


def by_window(timeline: list[tuple[float, float]], t0: float, seconds: float,
              cpu_samples: list[tuple[float, float]] = ()) -> list[dict]:
    """Script runs by when they finished, `seconds` at a time: a stretch of noise (another process's work) or
    of queueing shows as its own windows instead of moving the whole run's p95; with the servers' CPU samples
    ((seconds since t0, CPU seconds)), the CPU a run in each window too."""
    windows: dict[int, list[float]] = {}
    for finished, ms in timeline:
        windows.setdefault(int((finished - t0) // seconds), []).append(ms)

    def cpu_at(t: float) -> float | None:
        before = [cpu for when, cpu in cpu_samples if when <= t]
        return before[-1] if before else None

    rows = []
    for index, values in sorted(windows.items()):
        row = {"from_s": index * seconds, **_dist(values)}
        start, end = cpu_at(index * seconds), cpu_at((index + 1) * seconds)
        if start is not None and end is not None and end > start:
            row["cpu_ms_per_run"] = round((end - start) / len(values) * 1000, 1)
        rows.append(row)
    return rows


def _dist(values: list[float]) -> dict:
    return {
        "count": len(values),
        "p50": round(median(values), 1) if values else None,
        "p95": round(percentile(values, 95), 1) if values else None,
        "max": round(max(values), 1) if values else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long sessions keep starting (default 60)")
    parser.add_argument("--sessions", type=int, default=30, help="concurrent sessions (default 30)")
    parser.add_argument("--mode", choices=("ws", "browser"), default="ws")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between actions, s (default 1.0)")
    parser.add_argument("--changes", default="1-3", help="changes a session makes before it leaves, A-B (default 1-3)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds one script run may take (default 60)")
    parser.add_argument("--port", type=int, default=None, help="use a dashboard already running on 127.0.0.1:PORT")
    parser.add_argument("--host", default="127.0.0.1", help="loopback only")
    parser.add_argument("--data-dir", type=Path, default=None, help="start the server with KRCN_DATA_DIR=DIR")
    parser.add_argument("--via", choices=("direct", "proxy"), default="direct",
                        help="proxy: through Caddy with deploy/Caddyfile, to --processes dashboards")
    parser.add_argument("--processes", type=int, default=2, help="dashboards behind the proxy (default 2)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="the crowd comes this many times (with --settle, flat memory: each round ends where the first did)")
    parser.add_argument("--settle", type=float, default=0,
                        help="after each crowd, seconds without visitors before RSS is read again (150: past Streamlit's "
                             "120 s disconnected-session TTL)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, default=None, help="JSON output (default bench/results/load.json)")
    args = parser.parse_args(argv)
    if args.host not in LOOPBACK:
        parser.error("load tests target this machine's loopback only (127.0.0.1)")
    if args.seconds <= 0 or args.seconds > 3600 or not 1 <= args.sessions <= 200:
        parser.error("--seconds must be in (0, 3600] and --sessions in [1, 200]")
    try:
        low, _, high = args.changes.partition("-")
        args.changes = (int(low), int(high or low))
    except ValueError:
        parser.error("--changes takes A-B, e.g. 1-3")
    if not 1 <= args.rounds <= 10 or not 0 <= args.settle <= 1800:
        parser.error("--rounds takes 1 to 10 and --settle 0 to 1800 seconds")
    if not 0 <= args.changes[0] <= args.changes[1] <= 1000:
        parser.error("--changes takes A-B with 0 <= A <= B <= 1000")

    if args.via == "proxy" and (args.port or not 1 <= args.processes <= 8):
        parser.error("--via proxy starts its own dashboards (no --port) and takes 1 to 8 --processes")

    import psutil

    servers, proxy = [], None
    try:
        if args.port:
            found = find_server_process(args.port)
            port, server_procs, warm_ports = args.port, [found] if found else [], [args.port]
        else:
            servers = [launch_server(ROOT / "app.py", f"load{i}", data_dir=args.data_dir)
                       for i in range(args.processes if args.via == "proxy" else 1)]
            for server in servers:
                server.wait_ready()
            server_procs = [psutil.Process(s.process.pid) for s in servers]
            warm_ports = [s.port for s in servers]
            port = servers[0].port
            if args.via == "proxy":
                from bench.proxy import start_proxy

                proxy = start_proxy(warm_ports, free_port(), log_dir=RESULTS / "logs")
                port = proxy.port
        print(f"[load] {args.sessions} {args.mode} sessions for {args.seconds:g} s against 127.0.0.1:{port} "
              f"({args.via}{f', {len(servers)} processes' if proxy else ''})", flush=True)
        load_at_start = [round(x, 2) for x in os.getloadavg()]
        result = asyncio.run(run_load(args, port, server_procs, warm_ports))
    finally:
        if proxy is not None:
            proxy.stop()
        for server in servers:
            server.stop()
    report = {
        "schema": 1,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "mode": args.mode,
        "via": args.via,
        "sessions": args.sessions,
        "seconds": args.seconds,
        "think_seconds": args.think,
        "changes_per_session": list(args.changes),
        "rounds_asked": args.rounds,
        "settle_seconds": args.settle,
        "data_dir": str(args.data_dir) if args.data_dir else "data",
        "machine": {**machine_info(), "load_average_at_start": load_at_start},  # machine_info() reads it now, at the end
        **result,
    }
    out = args.out or RESULTS / "load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    r = report["render_ms"]
    s = report["server"]
    print(f"[load] pages served {report['pages_served']} ({report['page_loads']} loads, {report['changes']} changes) "
          f"in {report['sessions_started']} sessions, {report['throughput_per_second']}/s; errors {report['errors']}")
    for kind in ("load", "change", "all"):
        print(f"[load] {kind:<6} p50 {r[kind]['p50']} ms  p95 {r[kind]['p95']} ms  max {r[kind]['max']} ms")
    for page, d in r["by_page"].items():
        print(f"[load]   {PAGES[page]:<12} n={d['count']:<4} p50 {d['p50']} ms  p95 {d['p95']} ms")
    for window in report["render_ms_by_window"]:
        print(f"[load]   runs finished from {window['from_s']:>4g} s: n={window['count']:<5} p50 {window['p50']} ms  "
              f"p95 {window['p95']} ms  max {window['max']} ms  CPU {window.get('cpu_ms_per_run', '?')} ms a run")
    print(f"[load] server RSS {s['rss_start_mib']} -> peak {s['rss_peak_mib']} -> {s['rss_end_mib']} MiB; "
          f"CPU cores busy: server {s['cpu_cores_busy']} (by process {s['cpu_seconds_by_process']} s), load client {report['client_cpu_cores_busy']}, "
          f"whole machine {report['machine_cpu_cores_busy']} of {report['machine']['cores']}")
    print(f"[load] CPU a script run: {s['cpu_ms_per_run']} ms (server processes' CPU seconds / runs); "
          f"load average at start {report['machine']['load_average_at_start']}")
    for row in report["rounds"]:
        settled = f", settled {row['rss_settled_mib']} after {row['settle_seconds']:g} s" if "rss_settled_mib" in row else ""
        print(f"[load] round {row['round']}: {row['sessions']} visits, {row['pages_served']} runs, {row['errors']} errors, "
              f"{row['cpu_ms_per_run']} ms CPU a run; RSS by process {row['rss_before_mib']} -> {row['rss_end_mib']} "
              f"MiB{settled}; load average at end {row['load_average_end']}")
    for point in s["rss_mib_over_time"][::3]:
        print(f"[load]   t={point['t']:>4} s  RSS by process {point['mib']} MiB")
    print(f"[load] RSS growth over the second half, MiB/min by process: {s['rss_growth_mib_per_min_second_half']}")
    for message in report["error_messages"][:10]:
        print(f"[load] error: {message}")
    print(f"[load] wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
