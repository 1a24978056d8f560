"""Shared pieces of bench/benchmark.py and bench/load.py: start a Streamlit server on a free loopback port,
describe the machine, measure a server's memory, statistics.

Everything here talks to 127.0.0.1 only.
"""
from __future__ import annotations

import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
EMPTY_APP = BENCH / "empty_app.py"
PEER_APP = BENCH / "peer_app.py"
PAGES = {"overview": "/", "network": "/network", "delegation": "/delegation", "economy": "/economy", "mou": "/mou",
         "regions": "/regions", "timeline": "/timeline", "story": "/story", "sources": "/sources"}
# The peer is the dashboard of the first brief (issue 18): it has no /timeline or /story, so those pages are
# measured against the empty app only.
PEER_PAGES = ("overview", "network", "delegation", "economy", "mou", "sources")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.browser import CHROMIUM, CHROMIUM_ARGS, READY  # noqa: E402,F401 - re-exported for the scripts

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running `streamlit run <script>` on 127.0.0.1."""

    name: str
    port: int
    process: subprocess.Popen
    log_path: Path
    script: Path | None = None
    data_dir: Path | None = None
    restarts: int = 0
    extra: tuple[str, ...] = ()  # more `streamlit run` options

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return f"{self.origin}{path}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, timeout_s: float = 120, base_path: str = "") -> None:
        """Wait for the health check (under `base_path` for a server started with --server.baseUrlPath)."""
        prefix = "/" + base_path.strip("/") if base_path.strip("/") else ""
        if not wait_healthy(self.url(f"{prefix}/_stcore/health"), self.process, timeout_s):
            self.stop()
            raise RuntimeError(f"streamlit ({self.name}) did not start; see {self.log_path}")

    def stopped_by_signal(self) -> bool:
        """Streamlit logs 'Stopping...' when a signal (SIGTERM/SIGINT) ends it, not when it crashes."""
        try:
            return "Stopping..." in self.log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return False

    def restart(self) -> None:
        """Start the same script again (new free port) after the process ended."""
        self.stop()
        fresh = start_server(self.script, self.name, data_dir=self.data_dir, log_dir=self.log_path.parent,
                             extra=self.extra)
        self.port, self.process, self.log_path = fresh.port, fresh.process, fresh.log_path
        self.restarts += 1

    def rss_bytes(self) -> int:
        """Resident memory of the server process and its children."""
        import psutil

        try:
            proc = psutil.Process(self.process.pid)
            procs = [proc, *proc.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0
        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total

    def cpu_seconds(self) -> float:
        import psutil

        try:
            times = psutil.Process(self.process.pid).cpu_times()
        except psutil.NoSuchProcess:
            return 0.0
        return times.user + times.system


def streamlit_command(script: Path, port: int) -> list[str]:
    """`streamlit run` on 127.0.0.1:port, headless, no telemetry, no file watcher (benchmark and browser tests)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]


def wait_healthy(health_url: str, process: subprocess.Popen, timeout_s: float) -> bool:
    """Poll Streamlit's health check until it answers 200 (True), the process ends or time runs out (False)."""
    deadline = time.time() + timeout_s
    while time.time() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(health_url, timeout=2) as resp:
                if resp.status == 200:
                    return True
        except OSError:
            time.sleep(0.25)
    return False


def start_server(script: Path, name: str, data_dir: Path | None = None, log_dir: Path | None = None,
                 extra: tuple[str, ...] = ()) -> Server:
    """Start `streamlit run script` from the repository root (so .streamlit/config.toml applies to both the app
    and the empty baseline) on a free loopback port and wait for its health check."""
    server = launch_server(script, name, data_dir, log_dir, extra)
    server.wait_ready()
    return server


def launch_server(script: Path, name: str, data_dir: Path | None = None, log_dir: Path | None = None,
                  extra: tuple[str, ...] = ()) -> Server:
    """Start `streamlit run script` and return at once (`Server.wait_ready` waits): servers start side by side."""
    port = free_port()
    env = dict(os.environ)
    env.pop("KRCN_DATA_DIR", None)
    if data_dir is not None:
        env["KRCN_DATA_DIR"] = str(data_dir)
    log_dir = log_dir or (RESULTS / "logs")
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen([*streamlit_command(script, port), *extra], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    return Server(name, port, process, log_path, script=script, data_dir=data_dir, extra=tuple(extra))


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _package_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.strip()


def machine_info() -> dict:
    """CPU model, cores, RAM, OS, Python and the versions of what is measured."""
    cpu = re.search(r"^model name\s*:\s*(.+)$", _read("/proc/cpuinfo"), re.M)
    mem = re.search(r"^MemTotal:\s*(\d+) kB", _read("/proc/meminfo"), re.M)
    os_name = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', _read("/etc/os-release"), re.M)
    return {
        "cpu_model": cpu.group(1).strip() if cpu else platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "os": os_name.group(1) if os_name else platform.platform(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "streamlit": _package_version("streamlit"),
        "playwright": _package_version("playwright"),
        "chromium": chromium_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def wait_for_quiet_machine(max_seconds: float, threshold: float = 0.5, log=print) -> float:
    """Wait (at most max_seconds) until other processes leave the CPUs alone: the share of CPU time used by
    the whole machine over one second, in cores, falls below `threshold`. Returns the last reading."""
    import psutil

    deadline = time.time() + max_seconds
    busy = psutil.cpu_percent(interval=1.0) / 100 * (os.cpu_count() or 1)
    while busy >= threshold and time.time() < deadline:
        log(f"machine busy ({busy:.2f} cores in use by other processes); waiting")
        time.sleep(4)
        busy = psutil.cpu_percent(interval=1.0) / 100 * (os.cpu_count() or 1)
    return round(busy, 2)


# Every host but loopback resolves to nothing: a request to another host (the peer's pyvis template names
# a public CDN) fails at once, as it does offline, and the probe counts it. A DNS rule rather than
# Playwright's request routing, which would turn off the HTTP cache that return visits measure.
BLOCK_OTHER_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


def launch_browser(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, BLOCK_OTHER_HOSTS])
