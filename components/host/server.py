"""The server's middleware and extra routes, in the order a request meets them (app.py hands them to st.App)."""
from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute

from components.data.dataset import Dataset, current_data_dir
from components.data.live import store_for
from components.host.first_screen import FirstScreenMiddleware
from components.host.headers import SecurityHeadersMiddleware
from components.host.maps import map_routes
from components.host.previews import preview_path, preview_routes
from components.host.status import status_routes

# Below this size compression costs more than it saves (one TCP packet holds ~1.4 KB).
MIN_COMPRESSED_BYTES = 500


def serving_dataset() -> Dataset:
    """The package the server's own answers (first screens) draw from: the one the pages serve (a valid change
    replaces it; components/data/live.py)."""
    return store_for(current_data_dir()).dataset()


def base_path() -> str:
    from streamlit import config

    return config.get_option("server.baseUrlPath") or ""


def middleware() -> list[Middleware]:
    return [
        # outermost: every answer, whichever layer below made it, carries the security headers
        Middleware(SecurityHeadersMiddleware),
        # compresses what every layer below sends, the first screens included
        Middleware(GZipMiddleware, minimum_size=MIN_COMPRESSED_BYTES),
        Middleware(FirstScreenMiddleware, dataset=serving_dataset, base_path=base_path, image_path=preview_path),
    ]


def routes() -> list[BaseRoute]:
    return [*status_routes(base_path()), *preview_routes(base_path(), serving_dataset),
            *map_routes(base_path(), serving_dataset)]
