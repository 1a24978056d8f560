"""What each Streamlit element costs a first visit beyond an empty page (GitHub issue 19: "record each replaced
element's cost"). One server runs bench/element_app.py; every element, and the empty page, is loaded in a fresh
browser context, interleaved, for `--rounds` rounds under a profile of bench/profiles.py. Reported per element:
extra bytes and requests over the empty page of the same round, extra ms (median and range), and the files the
element alone brought (Streamlit loads an element's code the first time a page shows it).

    .venv/bin/python bench/element_costs.py --rounds 3 --profile phone --out bench/results/elements.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS, ROOT, launch_browser, machine_info, median, start_server  # noqa: E402
from bench.element_app import ELEMENTS  # noqa: E402
from bench.probe import Probe, load  # noqa: E402
from bench.profiles import PROFILES  # noqa: E402


def measure(browser, url: str, profile: str, timeout_ms: float) -> tuple[dict, dict[str, int]]:
    probe = Probe(browser, PROFILES[profile])
    try:
        result = load(probe, url, timeout_ms)
        return result, dict(probe.sizes)
    finally:
        probe.close()


def costs(samples: dict[str, list[tuple[dict, dict]]]) -> dict:
    """Per element, each round against the empty page of the same round: extra ms, bytes, requests, files."""
    empty = samples[""]
    out = {}
    for element, runs in samples.items():
        if not element:
            continue
        pairs = list(zip(runs, empty))
        extra_ms = [a["ms"] - b["ms"] for (a, _), (b, _) in pairs]
        extra_bytes = [a["bytes"] - b["bytes"] for (a, _), (b, _) in pairs]
        files = {path: size for path, size in runs[0][1].items() if path not in empty[0][1]}
        out[element] = {
            "extra_ms": {"median": round(median(extra_ms)), "min": round(min(extra_ms)), "max": round(max(extra_ms))},
            "extra_bytes": round(median(extra_bytes)),
            "extra_requests": round(median([a["requests"] - b["requests"] for (a, _), (b, _) in pairs])),
            "files": dict(sorted(files.items(), key=lambda kv: -kv[1])),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", default="phone", choices=list(PROFILES))
    parser.add_argument("--elements", default="", help=f"comma separated, of: {', '.join(ELEMENTS)} (default all)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a page may take (default 120)")
    parser.add_argument("--out", type=Path, default=RESULTS / "elements.json")
    args = parser.parse_args(argv)
    elements = [e for e in args.elements.split(",") if e] or list(ELEMENTS)
    unknown = sorted(set(elements) - set(ELEMENTS))
    if unknown:
        parser.error(f"unknown elements {unknown}")
    from playwright.sync_api import sync_playwright

    started = time.time()
    server = start_server(ROOT / "bench" / "element_app.py", "elements")
    samples: dict[str, list] = {name: [] for name in ["", *elements]}
    try:
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            try:
                measure(browser, server.url("/"), "unthrottled", args.timeout * 1000)  # imports, not measured
                for n in range(args.rounds):
                    order = ["", *elements]
                    order = order[n % len(order):] + order[:n % len(order)]
                    for element in order:
                        samples[element].append(measure(browser, server.url(f"/?el={element}"), args.profile,
                                                        args.timeout * 1000))
                    print(f"[elements] round {n + 1}/{args.rounds} done", flush=True)
            finally:
                browser.close()
    finally:
        server.stop()
    report = {"profile": PROFILES[args.profile].describe(), "rounds": args.rounds, "machine": machine_info(),
              "empty_page": {"ms": round(median([s["ms"] for s, _ in samples[""]])),
                             "bytes": round(median([s["bytes"] for s, _ in samples[""]]))},
              "elements": costs(samples), "seconds": round(time.time() - started, 1)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"empty page: {report['empty_page']['ms']} ms, {report['empty_page']['bytes'] / 1024:,.0f} KB")
    for element, row in sorted(report["elements"].items(), key=lambda kv: -kv[1]["extra_bytes"]):
        ms = row["extra_ms"]
        print(f"  {element:<18} +{row['extra_bytes'] / 1024:>7,.0f} KB  +{row['extra_requests']:>2} req  "
              f"{ms['median']:>+6} ms [{ms['min']:+}..{ms['max']:+}]  {', '.join(Path(p).name for p in list(row['files'])[:3])}")
    print(f"Wrote {args.out} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
