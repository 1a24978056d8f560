"""The process `streamlit run app.py` starts: what app.py sets for it when Streamlit imports it to find `app`."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_app_as_the_server_does_lets_threads_take_turns_every_millisecond():
    # The crowd's p95 (docs/hosting.md) depends on it; CPython's default is 5 ms.
    probe = "import sys; import app; print(sys.getswitchinterval())"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert float(out.stdout.strip().splitlines()[-1]) == 0.001
