"""Markdown tables from a bench/benchmark.py result, for the README and docs/performance.md.

    .venv/bin/python bench/tables.py bench/results/benchmark.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def _x(stats: dict | None) -> str:
    """A ratio's median and its range over the rounds: 0.41 (0.38–0.45)."""
    if not stats:
        return "—"
    if stats["min"] == stats["max"]:
        return f"{stats['median']:.2f}"
    return f"{stats['median']:.2f} ({stats['min']:.2f}–{stats['max']:.2f})"


def _s(ms: float | None) -> str:
    return "—" if ms is None else f"{ms / 1000:.1f}"


def _mb(size: float | None) -> str:
    return "—" if size is None else f"{size / 1e6:.2f}"


def visit_tables(visits: dict) -> list[str]:
    out = []
    for profile, vias in visits.items():
        for via, pages in vias.items():
            out += [f"\n**{profile}, {via}** — first visit: seconds and MB (app / peer / empty), ratios; "
                    "return visit: seconds (app / empty), ratio\n",
                    "| page | first s app / peer / empty | app÷peer time | app÷peer bytes | app÷empty time "
                    "| MB app / peer / empty | requests app / peer / empty | return s app / empty | return app÷empty |",
                    "|---|---|---|---|---|---|---|---|---|"]
            for row in pages.values():
                first, back = row["first"], row["return"]

                def med(kind: dict, target: str, what: str):
                    return ((kind.get(target) or {}).get(what) or {}).get("median")

                out.append(
                    f"| `{row['path']}` | {' / '.join(_s(med(first, t, 'ms')) for t in ('app', 'peer', 'empty'))} "
                    f"| {_x(first['app/peer']['ms'])} | {_x(first['app/peer']['bytes'])} | {_x(first['app/empty']['ms'])} "
                    f"| {' / '.join(_mb(med(first, t, 'bytes')) for t in ('app', 'peer', 'empty'))} "
                    f"| {' / '.join(str(med(first, t, 'requests') or '—') for t in ('app', 'peer', 'empty'))} "
                    f"| {_s(med(back, 'app', 'ms'))} / {_s(med(back, 'empty', 'ms'))} | {_x(back['app/empty']['ms'])} |")
    return out


def summary_table(visits: dict) -> list[str]:
    """One row a page: first-visit time ratios app÷peer and app÷empty for every profile and way in (the
    README's table)."""
    columns = [(profile, via) for profile, vias in visits.items() for via in vias]
    if not columns:
        return []
    pages = next(iter(next(iter(visits.values())).values()))
    out = ["| page | " + " | ".join(f"{p} {v}: ÷peer, ÷empty" for p, v in columns) + " |",
           "|---|" + "---|" * len(columns)]
    for page_id, row in pages.items():
        cells = []
        for profile, via in columns:
            first = visits[profile][via][page_id]["first"]
            peer, empty = first["app/peer"]["ms"], first["app/empty"]["ms"]
            cells.append(f"{peer['median']:.2f}, {empty['median']:.2f}" if peer and empty else "—")
        out.append(f"| `{row['path']}` | " + " | ".join(cells) + " |")
    return out


def interaction_table(rows: dict, title: str) -> list[str]:
    if not rows:
        return []
    peer = any(row.get("peer_ms") is not None for row in rows.values())
    out = [f"\n**{title}**\n", "| interaction | ms (median, range) | KB |" + (" peer ms | app ÷ peer |" if peer else ""),
           "|---|---|---|" + ("---|---|" if peer else "")]
    for key, row in rows.items():
        span = f" ({row['ms_range'][0]:.0f}–{row['ms_range'][1]:.0f})" if row.get("ms_range") else ""
        line = f"| {key} | {row['ms']:.0f}{span} | {row['bytes'] / 1024:.0f} |"
        if peer:
            line += (f" {row['peer_ms']:.0f} | {row['app_over_peer']:.2f} |" if row.get("peer_ms") else " — | — |")
        out.append(line)
    return out


def main(path: str) -> int:
    report = json.loads(Path(path).read_text(encoding="utf-8"))
    m = report["machine"]
    lines = [f"{report['created']}, {report.get('rounds_done', report['rounds'])} round(s); {m['cpu_model']}, "
             f"{m['cores']} cores, load average at start {m.get('load_average_at_start')}; Streamlit {m['streamlit']}, "
             f"{m['chromium']}, Caddy {m.get('caddy', '—')}"]
    lines += ["\n**First visit, time: app÷peer, app÷empty (medians of per-round ratios)**\n"]
    lines += summary_table(report.get("visits", {}))
    lines += visit_tables(report.get("visits", {}))
    lines += interaction_table(report.get("interactions", {}), "warm interactions, 1x")
    for name, scale in report.get("scale", {}).items():
        rows = scale.get("rows", {})
        lines.append(f"\n**Scale {name}** ({rows.get('entities')} entities, {rows.get('relations')} relations)")
        lines += visit_tables(scale.get("visits", {}))
        lines += interaction_table(scale.get("interactions", {}), f"warm interactions, {name}")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if report.get("read_use"):  # issue 27: time to read and time to use
        from bench.read_use import markdown_tables, read_use_goals

        lines.append("\n**Time to read and time to use**")
        lines += markdown_tables(report["read_use"])
        for goal in read_use_goals(report["read_use"], report["pages_measured"]):
            state = {True: "met", False: "not met", None: "not measured"}[goal["met"]]
            values = ", ".join(f"{k} {v:,.2f}" for k, v in goal["values"].items() if v is not None)
            lines.append(f"- {state}: {goal['goal']} — {values}")
    lines.append("\n**Goals**\n")
    from bench.benchmark import goals  # judged again: a result written by an older version reads the same

    for goal in goals(report):
        state = {True: "met", False: "not met", None: "not measured"}[goal["met"]]
        values = ", ".join(f"{k} {v:.2f}" if isinstance(v, float) and v < 10 else f"{k} {v:,.0f}"
                           for k, v in goal["values"].items() if v is not None)
        lines.append(f"- {state}: {goal['goal']} — {values}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "bench/results/benchmark.json"))
