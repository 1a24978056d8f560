"""The data status endpoint an operator polls (`<base path>/healthz`, JSON): the package serving, since when, and
the last change rejected with its located errors (components/data/live.py). 200 while a good package serves."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from components.data.dataset import current_data_dir
from components.data.live import store_for

# Beside Streamlit's own /_stcore/health (is the server up), under the same base path; not under /_stcore/, which
# Streamlit reserves (st.App refuses such routes, and its front end expects 404 from /<page>/_stcore/...).
STATUS_PATH = "healthz"


def status_path(base_path: str) -> str:
    """'/healthz', or '/<base>/healthz' for a server started with --server.baseUrlPath <base>."""
    base = base_path.strip("/")
    return f"/{base}/{STATUS_PATH}" if base else f"/{STATUS_PATH}"


def data_status(request: Request) -> JSONResponse:
    # A plain function: Starlette runs it in a worker thread, so a check that loads a changed package never
    # holds up the server's event loop.
    report = store_for(current_data_dir()).status()
    return JSONResponse(report, status_code=200 if report["serving"] else 503,
                        headers={"Cache-Control": "no-store"})


def status_routes(base_path: str) -> list[BaseRoute]:
    return [Route(status_path(base_path), data_status, methods=["GET", "HEAD"])]
