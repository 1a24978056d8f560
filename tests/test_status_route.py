"""The data status endpoint (components/host/status.py): where it is, and what it answers for good and bad data."""
from __future__ import annotations

import json

from components.data.live import snapshot, store_for
from components.host.status import data_status, status_path, status_routes
from tests.package_fixture import TINY, write_package


def test_the_status_lives_under_the_base_path_never_under_stcore():
    assert status_path("") == "/healthz"
    assert status_path("dash") == status_path("/dash/") == "/dash/healthz"
    (route,) = status_routes("dash")
    assert (route.path, sorted(route.methods)) == ("/dash/healthz", ["GET", "HEAD"])
    assert "_stcore" not in route.path


def answer(directory, monkeypatch) -> tuple[int, dict, str]:
    monkeypatch.setenv("KRCN_DATA_DIR", str(directory))
    response = data_status(None)  # the request itself is not read
    return response.status_code, json.loads(response.body), response.headers["cache-control"]


def test_good_data_is_200_and_names_the_package_serving(tmp_path, monkeypatch):
    directory = write_package(tmp_path / "data")
    code, report, cache = answer(directory, monkeypatch)
    assert (code, report["status"], report["rejected"], cache) == (200, "ok", None, "no-store")
    assert report["serving"]["fingerprint"] == snapshot(directory, tmp_path / "copy")  # names and bytes


def test_a_rejected_change_is_still_200_with_its_located_errors(tmp_path, monkeypatch):
    directory = write_package(tmp_path / "data")
    answer(directory, monkeypatch)
    rows = [dict(r) for r in TINY["entities"]]
    rows[1]["sectors"] = "clod"
    write_package(directory, {"entities": rows})
    store = store_for(directory)
    store.settle_seconds = 0
    assert store.check() == "rejected"
    code, report, _ = answer(directory, monkeypatch)
    assert (code, report["status"]) == (200, "serving_last_good")
    assert report["rejected"]["errors"] == ["entities.csv, row 3, column 'sectors': 'clod' is not an id in sectors.csv."]


def test_no_valid_data_is_503(tmp_path, monkeypatch):
    directory = tmp_path / "empty"
    directory.mkdir()
    code, report, _ = answer(directory, monkeypatch)
    assert (code, report["status"], report["serving"]) == (503, "no_valid_data", None)
    assert report["rejected"]["errors"] == [
        "The schema file datapackage.json is missing or is not valid JSON (FileNotFoundError)."
    ]
