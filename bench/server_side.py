"""The server side of bench/benchmark.py: script run times over Streamlit's own WebSocket protocol and with
AppTest, and the memory profile (idle, concurrent sessions, a soak of sequential sessions)."""
from __future__ import annotations

import asyncio
import time

from bench.common import PAGES, ROOT, median, start_server


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _r(value: float | None, digits: int = 1) -> float | None:
    if value is None:
        return None
    return round(float(value), digits) if digits else int(round(value))


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
