"""The live data store (components/data/live.py): a changed package replaces the served one only when it is valid."""
from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from components.data import live
from components.data.dataset import DataPackageError
from components.data.live import LiveDataset, fingerprint, snapshot
from tests.package_fixture import TINY, write_package

BAD_SECTOR = "entities.csv, row 3, column 'sectors': 'clod' is not an id in sectors.csv."


def entities(**changes: str) -> list[dict[str, str]]:
    """TINY's entities with the company's fields changed."""
    rows = [dict(r) for r in TINY["entities"]]
    rows[1].update(changes)
    return rows


def company_name(store: LiveDataset) -> str:
    frame = store.dataset().entities
    return frame.loc[frame["id"] == "acme-cloud", "name_en"].item()


class Clock:
    """Wall time that a test moves on (files keep their real times; `now` starts at the real time)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def content_digest(directory: Path, scratch: Path) -> str:
    """The package's identity as the status reports it: the digest of its files' names and bytes."""
    return snapshot(directory, scratch)


@pytest.fixture
def package(tmp_path) -> Path:
    return write_package(tmp_path / "data")


def store_of(directory: Path, **options) -> LiveDataset:
    return LiveDataset(directory, **{"check_seconds": 0, "settle_seconds": 0, "background": False, **options})


def test_fingerprint_follows_the_files_not_their_readers(package):
    first = fingerprint(package)
    assert fingerprint(package) == first
    (package / ".entities.csv.swp").write_text("editor state")  # hidden and backup files are no change
    (package / "entities.csv~").write_text("backup")
    (package / "notes.txt").write_text("not part of a package")
    assert fingerprint(package) == first
    write_package(package, {"entities": entities(name_en="Acme Cloud II")})
    assert fingerprint(package).digest != first.digest
    assert fingerprint(package).newest >= first.newest


def test_a_bad_change_leaves_the_good_package_serving_and_is_reported_once(package, caplog):
    store = store_of(package)
    good = store.dataset()
    assert company_name(store) == "Acme Cloud"
    write_package(package, {"entities": entities(sectors="clod")})
    with caplog.at_level(logging.ERROR, logger="kr_cn_dashboard.data"):
        assert store.check() == "rejected"
        assert store.dataset() is good  # the very same Dataset: every memo of it stays valid
        assert store.check() == "unchanged"  # judged once, not per visit
        store.dataset()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and BAD_SECTOR in errors[0]
    report = store.status()
    assert report["status"] == "serving_last_good"
    assert report["serving"]["fingerprint"] == store.served().fingerprint != report["rejected"]["fingerprint"]
    assert report["rejected"]["errors"] == [BAD_SECTOR]
    assert report["rejected"]["error_count"] == 1


def test_a_valid_change_replaces_the_package_whole(package):
    store = store_of(package)
    old = store.dataset()
    write_package(package, {"entities": entities(sectors="clod")})
    assert store.check() == "rejected"
    write_package(package, {"entities": entities(name_en="Acme Cloud II")})
    assert store.check() == "loaded"
    assert store.dataset() is not old
    assert company_name(store) == "Acme Cloud II"
    report = store.status()
    assert (report["status"], report["rejected"]) == ("ok", None)
    assert report["serving"]["fingerprint"] == content_digest(package, package.parent / "copy")
    assert report["serving"]["last_changed"] == old.schema["lastChanged"]


def test_the_status_of_a_package_that_serves(package):
    clock = Clock()
    clock.now = 1_765_000_000.0  # 2025-12-06T05:46:40Z
    store = store_of(package, clock=clock, check_seconds=3)
    assert store.status() == {
        "status": "ok",
        "serving": {
            "fingerprint": content_digest(package, package.parent / "copy"),
            "last_changed": store.dataset().schema["lastChanged"],
            "loaded_at": "2025-12-06T05:46:40Z",
        },
        "rejected": None,
        "checked_at": "2025-12-06T05:46:40Z",
        "check_every_seconds": 3,
    }


def test_files_touched_or_copied_again_unchanged_keep_the_package_and_its_caches(package, monkeypatch):
    import os
    import shutil

    store = store_of(package)
    served, before = store.served(), fingerprint(package)
    os.utime(package / "entities.csv")  # touched
    shutil.copytree(package, package.parent / "again")
    shutil.rmtree(package)
    (package.parent / "again").rename(package)  # every file copied again: new times, new inodes, same bytes
    assert fingerprint(package).digest != before.digest
    assert store.check() == "unchanged"
    assert store.served() is served  # the same Dataset: nothing recomputed

    def no_copy(data_dir, into):
        raise AssertionError("copied again")

    monkeypatch.setattr(live, "snapshot", no_copy)
    assert store.check() == "unchanged"  # the new times are remembered: not copied a second time


def test_an_invalid_package_at_start_says_where_then_its_fix_is_served(package):
    write_package(package, {"entities": entities(sectors="clod")})
    store = store_of(package)
    with pytest.raises(DataPackageError) as raised:
        store.dataset()
    assert [e.message("en") for e in raised.value.errors] == [BAD_SECTOR]
    assert store.status()["status"] == "no_valid_data"
    assert store.status()["serving"] is None
    write_package(package, {"entities": entities(name_en="Fixed")})
    assert company_name(store) == "Fixed"  # no restart: the next visit reads the fix


def test_a_change_too_recent_waits_until_it_has_settled(package):
    clock = Clock()
    store = store_of(package, clock=clock, settle_seconds=60)
    store.dataset()
    write_package(package, {"entities": entities(name_en="Acme Cloud II")})
    clock.now = time.time()  # the files were written just now: perhaps not all of them yet
    assert store.check() == "settling"
    assert company_name(store) == "Acme Cloud"
    clock.now = time.time() + 61
    assert store.check() == "loaded"
    assert company_name(store) == "Acme Cloud II"


def test_files_changing_during_the_copy_are_not_served(package, monkeypatch):
    store = store_of(package)
    store.dataset()
    write_package(package, {"entities": entities(name_en="Half")})
    copy = live.snapshot

    def copy_while_a_writer_continues(data_dir, into):
        copy(data_dir, into)
        write_package(package, {"entities": entities(name_en="Whole")})  # the writer was not done

    monkeypatch.setattr(live, "snapshot", copy_while_a_writer_continues)
    assert store.check() == "changing"
    assert company_name(store) == "Acme Cloud"
    monkeypatch.setattr(live, "snapshot", copy)
    assert store.check() == "loaded"
    assert company_name(store) == "Whole"


def test_visits_look_at_the_files_at_most_every_check_seconds(package):
    clock = Clock()
    store = store_of(package, clock=clock, check_seconds=5)
    store.dataset()  # the first load
    write_package(package, {"entities": entities(name_en="Acme Cloud II")})
    clock.now += 1
    store.poll()  # due: checked
    clock.now += 1
    write_package(package, {"entities": entities(name_en="Acme Cloud III")})
    assert company_name(store) == "Acme Cloud II"  # not due: the files are not looked at
    clock.now += 5
    assert company_name(store) == "Acme Cloud III"


def test_a_background_check_never_makes_a_visit_wait(package):
    store = store_of(package, background=True)
    store.dataset()
    write_package(package, {"entities": entities(name_en="Acme Cloud II")})
    assert company_name(store) in ("Acme Cloud", "Acme Cloud II")  # the visit takes what serves now
    store.wait_idle()
    assert company_name(store) == "Acme Cloud II"


def test_the_served_files_are_the_validated_snapshot_and_go_with_their_record(package):
    import gc

    store = store_of(package)
    served = store.served()
    assert sorted(p.name for p in served.directory.iterdir()) == sorted(p.name for p in package.iterdir())
    assert (served.directory / "entities.csv").read_bytes() == (package / "entities.csv").read_bytes()
    write_package(package, {"entities": entities(sectors="clod")})
    store.check()
    assert (served.directory / "entities.csv").read_bytes() != (package / "entities.csv").read_bytes()  # the good one
    old_directory = served.directory
    write_package(package, {"entities": entities(name_en="Acme Cloud II")})
    store.check()
    del served
    gc.collect()
    assert not old_directory.exists()  # nothing refers to the old package: its snapshot is gone
    assert store.served().directory.exists()


def test_one_store_per_directory(tmp_path):
    assert live.store_for(tmp_path) is live.store_for(tmp_path / "." )
    assert live.store_for(tmp_path) is not live.store_for(tmp_path / "other")
