"""A data change under a running server (a copy of data/, under a sub-path): a bad edit leaves the pages on the last
good package and is reported on <base>/healthz; a valid edit is picked up without a restart."""
from __future__ import annotations

import csv
import json
import time
import urllib.error
import urllib.request

from components.i18n import t
from tests.browser.conftest import READY, new_page, start_server
from tests.package_fixture import copy_real_package

BASE = "dash"
ERROR_BOX = '[data-testid="stAlertContentError"]'
# Our own error boxes: the data error (no valid package), and a section that failed.
OUR_ERRORS = (t("error.data.title", "en"), t("error.page", "en", ref="").split("(")[0].strip())


def edit_entity(path, entity_id: str, **changes: str) -> int:
    """Change one entity's cells in entities.csv in place; returns the row's line number in the file."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows, line = [], 0
        for row in reader:
            if row["id"] == entity_id:
                row.update(changes)
                line = reader.line_num
            rows.append(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line


def data_status(server) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(server.url("/healthz"), timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def wait_status(server, done, timeout: float = 15) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        code, report = data_status(server)
        if done(report) or time.monotonic() > deadline:
            return {"http": code, **report}
        time.sleep(0.3)


def details_heading(browser, server) -> tuple[str, str, int]:
    """What a new visitor of /network?focus=initech reads: the details heading, the sidebar's data date line and
    how many of our error boxes the page has."""
    context, page, _ = new_page(browser)
    try:
        page.goto(server.url("/network?lang=en&focus=initech"))
        page.wait_for_selector(READY, timeout=30_000)  # the script ran: what it wrote is on the page
        heading = page.locator("h2", has_text="Details:").first.inner_text()
        footer = page.get_by_text("Data as of").first.inner_text().split(". ")[-1]
        return heading, footer, sum(page.locator(ERROR_BOX, has_text=text).count() for text in OUR_ERRORS)
    finally:
        context.close()


def test_a_bad_data_edit_keeps_the_good_data_serving_and_is_reported(browser, tmp_path, monkeypatch):
    data_dir = copy_real_package(tmp_path / "data")  # never the real data/
    monkeypatch.setenv("KRCN_DATA_CHECK_SECONDS", "0.5")
    monkeypatch.setenv("KRCN_DATA_SETTLE_SECONDS", "0.5")
    server = start_server(data_dir=data_dir, base_path=BASE)
    try:
        first = wait_status(server, lambda r: r.get("serving"))
        assert (first["http"], first["status"], first["rejected"]) == (200, "ok", None)
        last_changed = first["serving"]["last_changed"]
        assert details_heading(browser, server) == ("Details: Initech", f"Data as of {last_changed}.", 0)

        line = edit_entity(data_dir / "entities.csv", "initech", name_en="Initech Broken", sectors="securty")
        bad = wait_status(server, lambda r: r.get("rejected"))
        assert bad["http"] == 200 and bad["status"] == "serving_last_good"
        assert bad["serving"] == first["serving"]  # the same package, loaded at the same time
        assert bad["rejected"]["errors"] == [
            f"entities.csv, row {line}, column 'sectors': 'securty' is not an id in sectors.csv."
        ]
        assert details_heading(browser, server) == ("Details: Initech", f"Data as of {last_changed}.", 0)

        edit_entity(data_dir / "entities.csv", "initech", name_en="Initech Renamed", sectors="security")
        good = wait_status(server, lambda r: r.get("status") == "ok" and r["serving"] != first["serving"])
        assert (good["http"], good["status"], good["rejected"]) == (200, "ok", None)
        assert details_heading(browser, server)[0] == "Details: Initech Renamed"
        log = server.log_path.read_text(encoding="utf-8", errors="replace")
        assert log.count("rejected") == 1  # logged once, however many visits and polls saw it
    finally:
        server.stop()
