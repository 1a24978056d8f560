"""Caddy in front of Streamlit processes, with deploy/Caddyfile as a host runs it (bench/benchmark.py,
bench/load.py, tests/browser/test_deploy.py). Loopback only; the proxy's own files go to a temporary folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CADDYFILE = ROOT / "deploy" / "Caddyfile"


def caddy_binary() -> str | None:
    """Debian's caddy (`make test` installs it), or CADDY_PATH."""
    return os.environ.get("CADDY_PATH") or shutil.which("caddy") or (
        "/usr/bin/caddy" if Path("/usr/bin/caddy").exists() else None)


@dataclass
class Proxy:
    """A running `caddy run` with deploy/Caddyfile on 127.0.0.1:port, balancing `upstreams`."""

    port: int
    process: subprocess.Popen
    upstreams: list[int]
    base_path: str = ""
    log_path: Path | None = None
    home: tempfile.TemporaryDirectory | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        base = "/" + self.base_path.strip("/") if self.base_path.strip("/") else ""
        return f"{self.origin}{base}{path}"

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.home is not None:
            self.home.cleanup()
            self.home = None


def start_proxy(upstream_ports: list[int], port: int, base_path: str = "", log_dir: Path | None = None,
                timeout_s: float = 30) -> Proxy:
    """Start Caddy on 127.0.0.1:port in front of the Streamlit processes on `upstream_ports` (already running)
    and wait until Streamlit's health check answers through it."""
    caddy = caddy_binary()
    if caddy is None:
        raise FileNotFoundError("caddy is not installed (apt-get install caddy; `make test` does it)")
    home = tempfile.TemporaryDirectory(prefix="krcn-caddy-")
    env = dict(os.environ, KRCN_PORT=str(port), KRCN_BIND="127.0.0.1",
               KRCN_UPSTREAMS=" ".join(f"127.0.0.1:{p}" for p in upstream_ports),
               KRCN_BASE_PATH="/" + base_path.strip("/") if base_path.strip("/") else "",
               HOME=home.name, XDG_DATA_HOME=home.name, XDG_CONFIG_HOME=home.name)
    log_dir = log_dir or Path(home.name)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"caddy-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen([caddy, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                               cwd=home.name, env=env, stdout=log, stderr=subprocess.STDOUT)
    proxy = Proxy(port, process, list(upstream_ports), base_path, log_path, home)
    deadline = time.time() + timeout_s
    while time.time() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(proxy.url("/_stcore/health"), timeout=2) as resp:
                if resp.status == 200:
                    return proxy
        except OSError:
            time.sleep(0.2)
    tail = log_path.read_text(errors="replace")[-1500:] if log_path.exists() else ""
    proxy.stop()
    raise RuntimeError(f"caddy did not start on port {port}:\n{tail}")
