"""Server CPU a script run, page by page, for the runs a crowd asks for (issue 28, item 5): one visitor at a time,
so the number is the process's CPU seconds ÷ runs, not a queue (on a shared machine, CPU time moves less than
wall time).

    .venv/bin/python bench/run_cpu.py                        # every page, 40 runs each, 3 rounds, fresh server
    .venv/bin/python bench/run_cpu.py --pages network,economy --runs 60 --port 8611

Each page gets a fixed walk (seeded, the same every time: bench/load.py's Plan, the crowd's own changes — sector,
language, focus on /network, unit on /economy): a load, then `--runs` changes, in one session. The first round
meets every view for the first time (what `Dataset.memo` has not seen: most of a crowd's random sector sets); the
later rounds walk the same views again (memoised). Reported per page: CPU ms a run (first round; median of the
later ones) and the median wall time of a run.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PAGES, RESULTS, ROOT, machine_info, median, start_server  # noqa: E402
from bench.load import Plan, dataset_ids, find_server_process, query_string, warm_up  # noqa: E402


def walk(page: str, runs: int, seed: int) -> list[str]:
    """The query strings of one visitor on `page`: where it starts, then `runs` changes."""
    sectors, entities = dataset_ids(None)
    plan = Plan(random.Random(f"{seed}:{page}"), sectors, entities)
    while True:
        start_page, params = plan.start()
        if start_page == page:
            break
    queries = [query_string(params)]
    for _ in range(runs):
        _, params = plan.change(page, params)
        queries.append(query_string(params))
    return queries


async def measure(port: int, proc, pages: list[str], runs: int, rounds: int, seed: int) -> dict:
    from bench.stclient import StreamlitClient

    cpu = lambda: sum(proc.cpu_times()[:2])  # noqa: E731 - user + system
    out: dict[str, dict] = {page: {"cpu_ms": [], "wall_ms": []} for page in pages}
    for _ in range(rounds):
        for page in pages:  # interleaved: a slow minute of the machine falls on every page alike
            queries = walk(page, runs, seed)
            name = PAGES[page].strip("/")
            async with StreamlitClient(port, timeout=120) as client:
                walls, before = [], cpu()
                for query in queries:
                    result = await client.run(name, query)
                    if result.errors:
                        raise RuntimeError(f"{page}?{query}: {result.errors}")
                    walls.append(result.seconds * 1000)
                spent = cpu() - before
            out[page]["cpu_ms"].append(round(spent / len(queries) * 1000, 1))
            out[page]["wall_ms"].append(round(median(walls), 1))
    return {
        page: {
            "cpu_ms_first_round": row["cpu_ms"][0],
            "cpu_ms_later_rounds": median(row["cpu_ms"][1:]) if len(row["cpu_ms"]) > 1 else None,
            "wall_ms_median": median(row["wall_ms"]),
            "rounds": row,
        }
        for page, row in out.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page ids (default: all)")
    parser.add_argument("--runs", type=int, default=40, help="changes a page's walk makes (default 40)")
    parser.add_argument("--rounds", type=int, default=3, help="walks of every page (default 3)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--port", type=int, help="a dashboard already running on 127.0.0.1:PORT (default: start one)")
    parser.add_argument("--out", type=Path, default=RESULTS / "run-cpu.json")
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    unknown = set(pages) - set(PAGES)
    if unknown:
        parser.error(f"unknown pages {sorted(unknown)}")

    import psutil

    server = None
    try:
        if args.port:
            port, proc = args.port, find_server_process(args.port)
            if proc is None:
                parser.error(f"no process listens on 127.0.0.1:{args.port}")
        else:
            server = start_server(ROOT / "app.py", "run-cpu")
            port, proc = server.port, psutil.Process(server.process.pid)
        asyncio.run(warm_up(port, 120))
        load_before = [round(x, 2) for x in os.getloadavg()]
        started = time.time()
        result = asyncio.run(measure(port, proc, pages, args.runs, args.rounds, args.seed))
    finally:
        if server is not None:
            server.stop()
    report = {"created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs_per_walk": args.runs + 1,
              "rounds": args.rounds, "seconds": round(time.time() - started, 1), "load_average_before": load_before,
              "load_average_after": [round(x, 2) for x in os.getloadavg()], "machine": machine_info(), "pages": result}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"[run-cpu] load average {load_before} -> {report['load_average_after']}; CPU ms a run "
          f"(first round / later rounds), wall ms median")
    for page, row in result.items():
        print(f"[run-cpu]   {PAGES[page]:<12} {row['cpu_ms_first_round']:>6} / {row['cpu_ms_later_rounds']!s:>6}   "
              f"{row['wall_ms_median']:>6}")
    firsts = [row["cpu_ms_first_round"] for row in result.values()]
    laters = [row["cpu_ms_later_rounds"] for row in result.values() if row["cpu_ms_later_rounds"] is not None]
    print(f"[run-cpu]   {'all pages':<12} {median(firsts):>6} / {median(laters)!s:>6}   (medians of pages)")
    print(f"[run-cpu] wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
