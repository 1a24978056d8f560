"""Look inside a running dashboard's memory: `streamlit run app.py` with a watcher thread that, when asked, writes
what the process holds (issue 28, item 5: is memory flat under a crowd, and if not, what grows).

    .venv/bin/python bench/memprobe.py --port 8611 --dir /tmp/memprobe &     # the dashboard, as `streamlit run`
    .venv/bin/python bench/load.py --port 8611 --sessions 30 --seconds 90 --think 3 --changes 5-20 --settle 150
    .venv/bin/python bench/memprobe.py --ask report --dir /tmp/memprobe      # -> /tmp/memprobe/report-<n>.json
    .venv/bin/python bench/memprobe.py --walk --port 8611 --dir /tmp/memprobe  # the views most visitors ask, once

Asks (`--ask`, one at a time; the answer is a JSON file in `--dir`, its path printed):
- `report`: RSS; Streamlit's sessions (active, disconnected); Dataset.memo's entries and estimated bytes by
  function; st.cache_data's entries and bytes; gc object counts by type (top 30);
  with tracemalloc on, the memory traced now and the top lines that allocated what is alive since `trace`.
- `allocators`: where the memory sits (cheap: no walk over objects): Python's small-object arenas and the bytes
  in use in them, glibc's heap, Arrow's memory pool (pandas' string columns), the kernel's anonymous memory, and
  Dataset.memo's entries, estimated bytes and evictions. Ask it every 20 s during a crowd for a time series.
- `weakrefs`: the weak references alive, by target, dead ones, and what holds a sample of them.
- `trace`: start tracemalloc (10 frames) and take the baseline snapshot that later reports compare against (slow:
  under 30 visitors on 2 cores every script run then took over 60 s).
- `trim`: glibc's malloc_trim(0), RSS before and after: what the C allocator held but Python had freed.
- `collect`: gc.collect(), RSS before and after.

No effect on the app unless asked (the watcher looks for a request file once a second). Loopback only. How it
was used, and what it found: docs/hosting.md, "A crowd of 100".
"""
from __future__ import annotations

import argparse
import collections
import ctypes
import gc
import json
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASKS = ("report", "allocators", "weakrefs", "trace", "trim", "collect")
MIB = 1024 * 1024


def rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return round(int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MIB, 1)


def allocators() -> dict:
    """Where the process's memory sits: Python's small-object allocator (arenas, and the bytes of their blocks in
    use), glibc's heap (mallinfo2: numpy buffers, large Python objects), Arrow's memory pool (pandas' string
    columns) and the kernel's view (anonymous memory)."""
    import tempfile

    out: dict = {}
    with tempfile.TemporaryFile(mode="w+") as capture:  # sys._debugmallocstats writes to the C stderr
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        text = capture.read()
    wanted = {"# arenas allocated current": "arenas", "# arenas highwater mark": "arenas_highwater",
              "# bytes in allocated blocks": "allocated_blocks_mib", "# bytes in available blocks": "available_blocks_mib",
              "# bytes lost to pool headers": "pool_headers_mib", "# bytes lost to quantization": "quantization_mib",
              "Total": "total_mib"}
    pymalloc: dict = {}
    for line in text.splitlines():
        name, _, value = line.partition("=")
        name = name.strip()
        if name in wanted and value.strip().replace(",", "").isdigit():
            number = int(value.strip().replace(",", ""))
            pymalloc[wanted[name]] = round(number / MIB, 1) if wanted[name].endswith("_mib") else number
    out["pymalloc"] = pymalloc

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                     "keepcost")]

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = MallInfo2
        info = libc.mallinfo2()
        out["glibc"] = {"heap_mib": round(info.arena / MIB, 1), "mmapped_mib": round(info.hblkhd / MIB, 1),
                        "in_use_mib": round(info.uordblks / MIB, 1), "free_mib": round(info.fordblks / MIB, 1)}
    except (OSError, AttributeError) as exc:
        out["glibc"] = f"unavailable: {exc}"
    try:
        import pyarrow as pa

        pool = pa.default_memory_pool()
        out["arrow"] = {"backend": pool.backend_name, "allocated_mib": round(pool.bytes_allocated() / MIB, 1),
                        "max_mib": round(pool.max_memory() / MIB, 1) if pool.max_memory() else None}
    except Exception as exc:  # noqa: BLE001
        out["arrow"] = f"unavailable: {exc}"
    try:
        from components.data.dataset import MEMO

        out["memo"] = {"entries": len(MEMO), "mib": round(MEMO.bytes / MIB, 1), "evicted": MEMO.evicted}
    except ImportError:
        pass
    try:
        rollup = Path("/proc/self/smaps_rollup").read_text()
        out["kernel"] = {line.split(":")[0]: round(int(line.split()[1]) / 1024, 1) for line in rollup.splitlines()[1:]
                         if line.split(":")[0] in ("Rss", "Anonymous", "Private_Dirty", "Shared_Clean")}
    except OSError:
        pass
    return out


def weakrefs_report(sample: int = 200) -> dict:
    """The weak references alive, by what they point to (dead ones apart), and what holds a sample of them: many
    thousands of them, growing with visits, would be a leak of bookkeeping."""
    import random
    import weakref

    refs = [o for o in gc.get_objects() if type(o) in (weakref.ref, weakref.KeyedRef)]
    # weakref.ref objects are not always tracked by gc: also those held by tracked containers
    by_target = collections.Counter()
    dead = []
    for ref in refs:
        target = ref()
        if target is None:
            dead.append(ref)
        else:
            by_target[type(target).__qualname__] += 1
    holders = collections.Counter()
    for ref in random.Random(0).sample(refs, min(sample, len(refs))):
        for holder in gc.get_referrers(ref):
            if holder is refs:
                continue
            name = type(holder).__qualname__
            if isinstance(holder, dict):
                owners = [type(o).__qualname__ for o in gc.get_referrers(holder) if hasattr(o, "__dict__")][:1]
                name = f"dict of {owners[0] if owners else '?'}"
            elif isinstance(holder, list):
                owners = [type(o).__qualname__ for o in gc.get_referrers(holder) if o is not refs][:2]
                name = f"list in {owners}"
            holders[name] += 1
    return {"weakrefs": len(refs), "dead": len(dead), "by_target": by_target.most_common(15),
            "holders_of_a_sample": holders.most_common(15)}


def memo_report() -> dict:
    """Dataset.memo's store (components/data/dataset.py MEMO): entries and estimated bytes by function, the number
    of datasets they belong to, and the datasets alive."""
    from components.data.dataset import MEMO, Dataset

    with MEMO._lock:
        entries = [(key, size) for key, (_, size) in MEMO._entries.items()]
    by_function: dict[str, list[int]] = {}
    for (_, _, qualname, _), size in entries:
        row = by_function.setdefault(qualname, [0, 0])
        row[0] += 1
        row[1] += size
    alive = [o for o in gc.get_objects() if isinstance(o, Dataset)]
    return {
        "entries": len(entries), "max_entries": MEMO.max_entries,
        "mib": round(MEMO.bytes / MIB, 2), "max_mib": round(MEMO.max_bytes / MIB, 1) if MEMO.max_bytes else None,
        "evicted": MEMO.evicted, "datasets_in_memo": len({key[0] for key, _ in entries}), "datasets_alive": len(alive),
        "by_function": {k: {"entries": n, "mib": round(b / MIB, 3)}
                        for k, (n, b) in sorted(by_function.items(), key=lambda kv: -kv[1][1])},
    }


def streamlit_report() -> dict:
    from streamlit.runtime import Runtime

    out: dict = {}
    try:
        runtime = Runtime.instance()
        manager = runtime._session_mgr
        out["sessions_active"] = len(manager.list_active_sessions())
        out["sessions_all"] = len(manager.list_sessions())
        caches = collections.defaultdict(lambda: [0, 0])
        for family, stats in runtime.stats_mgr.get_stats().items():
            for stat in stats:
                key = f"{family}:{getattr(stat, 'category_name', '')}:{getattr(stat, 'cache_name', '')}"
                caches[key][0] += 1
                caches[key][1] += getattr(stat, "byte_length", 0) or 0
        out["caches"] = {k: {"entries": n, "mib": round(b / MIB, 2)} for k, (n, b) in caches.items()}
    except Exception as exc:  # noqa: BLE001 - a report, not the app
        out["error"] = f"{type(exc).__name__}: {exc}"
    return out


class Watcher:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.baseline: tracemalloc.Snapshot | None = None
        self.count = 0

    def answer(self, ask: str) -> dict:
        out: dict = {"ask": ask, "time": time.time(), "rss_mib": rss_mib()}
        if ask == "allocators":
            out.update(allocators())
        elif ask == "weakrefs":
            out.update(weakrefs_report())
        elif ask == "trim":
            libc = ctypes.CDLL("libc.so.6")
            libc.malloc_trim(0)
            out["rss_after_mib"] = rss_mib()
        elif ask == "collect":
            out["collected"] = gc.collect()
            out["rss_after_mib"] = rss_mib()
        elif ask == "trace":
            if not tracemalloc.is_tracing():
                tracemalloc.start(10)
            gc.collect()
            self.baseline = tracemalloc.take_snapshot()
            out["traced_mib"] = round(tracemalloc.get_traced_memory()[0] / MIB, 2)
        elif ask == "report":
            gc.collect()
            out["rss_after_collect_mib"] = rss_mib()
            out["allocators"] = allocators()  # before the report's own objects
            out["streamlit"] = streamlit_report()
            out["memo"] = memo_report()
            counts = collections.Counter(type(o).__qualname__ for o in gc.get_objects())
            out["gc_objects"] = sum(counts.values())
            out["gc_top_types"] = counts.most_common(30)
            if tracemalloc.is_tracing():
                out["traced_mib"] = round(tracemalloc.get_traced_memory()[0] / MIB, 2)
                now = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
                if self.baseline is not None:
                    stats = now.compare_to(self.baseline, "traceback")
                    out["grown_since_trace"] = [
                        {"kib": round(s.size_diff / 1024, 1), "count": s.count_diff,
                         "where": [f"{f.filename.replace(str(ROOT) + '/', '')}:{f.lineno}" for f in s.traceback][-6:]}
                        for s in stats[:25]
                    ]
                    out["grown_total_kib"] = round(sum(s.size_diff for s in stats) / 1024, 1)
        return out

    def loop(self) -> None:
        request = self.directory / "ask"
        while True:
            time.sleep(1.0)
            try:
                ask = request.read_text().strip()
            except OSError:
                continue
            request.unlink(missing_ok=True)
            self.count += 1
            try:
                out = self.answer(ask) if ask in ASKS else {"error": f"unknown ask {ask!r}"}
            except Exception as exc:  # noqa: BLE001
                out = {"ask": ask, "error": f"{type(exc).__name__}: {exc}"}
            target = self.directory / f"{ask}-{self.count}.json"
            target.write_text(json.dumps(out, indent=1, default=str) + "\n")
            (self.directory / "answer").write_text(str(target))


def ask(directory: Path, what: str, timeout: float = 600) -> Path:
    answer = directory / "answer"
    answer.unlink(missing_ok=True)
    (directory / "ask").write_text(what)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if answer.exists() and answer.read_text().strip():
            return Path(answer.read_text().strip())
        time.sleep(0.5)
    raise TimeoutError(f"no answer to {what!r} in {timeout} s: is the dashboard running with --dir {directory}?")


def walk_popular(port: int) -> int:
    """Every page in both languages, unfiltered and with each single sector, once: the views most visitors ask
    (what Dataset.memo's byte bound is chosen to hold)."""
    import asyncio

    from bench.common import PAGES
    from bench.load import dataset_ids
    from bench.stclient import StreamlitClient

    sectors, _ = dataset_ids(None)

    async def visit() -> int:
        runs = 0
        for page, path in PAGES.items():
            async with StreamlitClient(port, timeout=120) as client:
                for lang in ("en", "ko"):
                    for sector in ("", *sectors):
                        result = await client.run(path.strip("/"), f"lang={lang}" + (f"&sector={sector}" if sector else ""))
                        if result.errors:
                            raise RuntimeError(f"{page} {lang} {sector}: {result.errors}")
                        runs += 1
        return runs

    return asyncio.run(visit())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, required=True, help="where requests and answers go")
    parser.add_argument("--port", type=int, help="run the dashboard on 127.0.0.1:PORT")
    parser.add_argument("--ask", choices=ASKS, help="ask the running dashboard (started with the same --dir)")
    parser.add_argument("--walk", action="store_true",
                        help="visit every page in both languages, unfiltered and with each single sector (with --port)")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    if args.walk:
        if not args.port:
            parser.error("--walk needs the --port of the dashboard")
        sys.path.insert(0, str(ROOT))
        print(f"{walk_popular(args.port)} views visited")
        return 0
    if args.ask:
        path = ask(args.dir, args.ask)
        print(path)
        summary = json.loads(path.read_text())
        print(json.dumps({k: v for k, v in summary.items() if k not in ("gc_top_types", "grown_since_trace",
                                                                       "datasets")}, default=str))
        return 0
    if not args.port:
        parser.error("--port (run the dashboard) or --ask (ask it)")
    threading.Thread(target=Watcher(args.dir).loop, daemon=True, name="memprobe").start()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from bench.common import streamlit_command

    sys.argv = ["streamlit", *streamlit_command(ROOT / "app.py", args.port)[3:]]
    from streamlit.web.cli import main as streamlit_main

    return streamlit_main()


if __name__ == "__main__":
    raise SystemExit(main())
