"""Run every page once on a new Streamlit process before the rolling deploy (deploy/serve.sh) moves visitors to it:
a process's first runs import plotly, pyvis and pandas and load the data, which the moved visitors would wait for.

    python deploy/warm.py PORT [BASE_PATH]      # exit 0 when every page ran without an error
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PAGES  # noqa: E402
from bench.stclient import StreamlitClient  # noqa: E402


async def warm(port: int, base_path: str) -> list[str]:
    """Each page once, the languages taking turns, in one session as a visitor would; the errors met."""
    errors = []
    async with StreamlitClient(port, timeout=120, base_path=base_path) as client:
        for number, path in enumerate(PAGES.values()):
            lang = ("ko", "en")[number % 2]
            result = await client.run(path.strip("/"), f"lang={lang}")
            errors += [f"{path}?lang={lang}: {e}" for e in result.errors]
    return errors


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    try:
        problems = asyncio.run(warm(int(sys.argv[1]), sys.argv[2] if len(sys.argv) == 3 else ""))
    except Exception as exc:  # noqa: BLE001 - refused, timed out, a bad port: one line, not a traceback
        problems = [f"no session on port {sys.argv[1]}: {type(exc).__name__}: {exc}"]
    for problem in problems:
        print(f"warm-up: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)
