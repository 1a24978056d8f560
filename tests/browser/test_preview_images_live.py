"""The preview images on a running `streamlit run app.py` under a sub-path (st.App mounts our routes as given, so the
route must carry the base path itself): a PNG with its ETag, 304, 404 for bad names, and a new picture once a changed
data package is served."""
from __future__ import annotations

import csv
import io
import time
import urllib.error
import urllib.request

from PIL import Image

from components.host.previews import preview_path
from tests.browser.conftest import start_server
from tests.package_fixture import copy_real_package

BASE = "dash"


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def rename_entity(path, entity_id: str, name_en: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == entity_id:
            row["name_en"] = name_en
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_preview_images_under_a_sub_path_follow_the_served_package(tmp_path):
    data_dir = copy_real_package(tmp_path / "data")
    server = start_server(data_dir, base_path=BASE)
    try:
        url = server.url(preview_path("timeline", "en"))
        status, headers, body = fetch(url)
        assert status == 200 and headers["content-type"] == "image/png"
        assert Image.open(io.BytesIO(body)).size == (1200, 630)
        assert "content-encoding" not in headers  # a PNG is compressed already: the gzip layer leaves it
        etag = headers["etag"]
        assert fetch(url, {"If-None-Match": etag})[0] == 304
        assert fetch(f"{server.origin}{preview_path('timeline', 'en')}")[0] == 404  # not outside the base path
        status, _, text = fetch(server.url("/preview/timeline.xx.png"))
        assert status == 404 and b"Traceback" not in text

        # The timeline names its bands: a renamed region is a new package and a new picture at the same address.
        rename_entity(data_dir / "entities.csv", "seoul", "Seoul (renamed)")
        deadline = time.monotonic() + 60
        while True:
            status, headers, changed = fetch(url)
            if headers.get("etag") != etag or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert status == 200 and headers["etag"] != etag and changed != body
    finally:
        server.stop()
