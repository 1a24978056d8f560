"""The data package being served: a changed package replaces it whole, and only once it validates (no streamlit).

Every few seconds a visit (or the status endpoint) may stat the package's files; a change that has settled is
copied to a snapshot, the snapshot is validated and loaded, and the new Dataset is swapped in only if the files did
not change during the copy and the snapshot is valid. An invalid change is logged once and kept for the status
endpoint; the last good package keeps serving. Sessions run in threads: one store per data directory, locked.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from components.data.dataset import DataPackageError, Dataset, load_dataset
from components.data.validate import SCHEMA_FILE

LOG = logging.getLogger("kr_cn_dashboard.data")

# How often a visit may look at the files (a stat of each: no read), and how long a change must rest before it is
# read (a copy or an editor may still be writing). KRCN_DATA_CHECK_SECONDS / KRCN_DATA_SETTLE_SECONDS override them.
CHECK_SECONDS = 3.0
SETTLE_SECONDS = 2.0
MAX_REPORTED_ERRORS = 50  # per rejected change on the status endpoint (the count says how many in all)


def package_paths(data_dir: Path) -> list[Path]:
    """The files a package can hold: datapackage.json and every CSV under it (hidden files and editors' backups
    left out, so an open editor does not look like a change)."""
    root = Path(data_dir)
    if not root.is_dir():
        return []
    paths = [p for p in root.rglob("*.csv") if not any(part.startswith((".", "#")) for part in p.relative_to(root).parts)]
    schema = root / SCHEMA_FILE
    return sorted([*paths, schema] if schema.is_file() else paths)


@dataclass(frozen=True)
class Fingerprint:
    """What the package's files look like from outside: a digest of their names, sizes and change times."""

    digest: str
    newest: float  # the latest change (mtime or ctime) of any file, seconds since the epoch; 0 with no files


def fingerprint(data_dir: Path) -> Fingerprint:
    """Names, sizes and times of the package's files (ctime and inode too: a copy that keeps the old mtime, or a
    file renamed into place, is still a change). The directory is resolved, so swapping a symlink is a change."""
    root = Path(data_dir).resolve()
    entries, newest = [], 0.0
    for path in package_paths(root):
        try:
            stat = path.stat()
        except OSError:  # removed between the listing and the stat: a change in progress
            entries.append((path.relative_to(root).as_posix(), -1))
            continue
        entries.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))
        newest = max(newest, stat.st_mtime, stat.st_ctime)
    digest = hashlib.sha256(repr((str(root), entries)).encode("utf-8")).hexdigest()[:16]
    return Fingerprint(digest, newest)


def snapshot(data_dir: Path, into: Path) -> str:
    """Copy the package's files into `into`, keeping their relative paths; returns a digest of what was copied
    (names and bytes): the package's identity, whatever its files' times."""
    root = Path(data_dir).resolve()
    content = hashlib.sha256()
    for path in package_paths(root):
        name = path.relative_to(root)
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        content.update(name.as_posix().encode("utf-8") + b"\0" + target.read_bytes() + b"\0")
    return content.hexdigest()[:16]


@dataclass(frozen=True, eq=False)
class Served:
    """A package that validated: its Dataset, and the snapshot of files it was loaded from (removed when nothing
    refers to this record any more: a download keeps its own package's files)."""

    dataset: Dataset
    fingerprint: str  # the digest of its files' names and bytes (snapshot)
    loaded_at: float  # seconds since the epoch
    directory: Path

    @property
    def last_changed(self) -> str:
        """datapackage.json's lastChanged ('' when the package has none)."""
        stated = self.dataset.schema.get("lastChanged")
        return stated if isinstance(stated, str) else ""


@dataclass(frozen=True)
class Rejected:
    """A change that did not validate (or could not be loaded), with where it is wrong."""

    fingerprint: str
    seen_at: float
    error: DataPackageError
    detail: str = ""  # what went wrong when the package validated but could not be loaded

    def messages(self, lang: str = "en") -> list[str]:
        return [e.message(lang) for e in self.error.errors] or [self.detail or str(self.error)]


def _iso(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _remove_later(record: Served) -> None:
    weakref.finalize(record, shutil.rmtree, str(record.directory), True)


class LiveDataset:
    """The last good package of one data directory; `dataset()` is what a visit reads."""

    def __init__(
        self,
        data_dir: Path | str,
        *,
        check_seconds: float = CHECK_SECONDS,
        settle_seconds: float = SETTLE_SECONDS,
        clock: Callable[[], float] = time.time,
        background: bool = True,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.check_seconds = check_seconds
        self.settle_seconds = settle_seconds
        self.clock = clock
        self.background = background  # load a change in a thread of its own (visits keep the old data meanwhile)
        self._served: Served | None = None
        self._rejected: Rejected | None = None
        self._checked_at: float | None = None
        self._judged: str | None = None  # the files' fingerprint when last judged (loaded, rejected or the same)
        self._next_poll = 0.0
        self._state_lock = threading.Lock()  # guards the fields above
        self._check_lock = threading.Lock()  # one check at a time
        self._worker: threading.Thread | None = None

    # --- what visits and the status endpoint read ---------------------------------------------------------------
    def dataset(self) -> Dataset:
        """The serving Dataset; raises the DataPackageError of the package when none has validated yet."""
        return self.served().dataset

    def served(self) -> Served:
        self.poll()
        served, rejected = self._served, self._rejected
        if served is None:
            raise rejected.error if rejected else DataPackageError([])
        return served

    def poll(self) -> None:
        """Check for a change when one is due: at once while nothing serves (the visit waits for its data), else at
        most every `check_seconds` (in a thread when `background`: no visit waits for a load)."""
        if self._served is None:
            for _ in range(3):  # files changing under the first load: give the writer a moment
                if self.check(wait=True) != "changing":
                    return
                time.sleep(0.2)
            return
        now = self.clock()
        with self._state_lock:
            if now < self._next_poll:
                return
            self._next_poll = now + self.check_seconds
        if not self.background:
            self.check(wait=False)
            return
        with self._state_lock:
            if self._worker is not None and self._worker.is_alive():
                return
            self._worker = threading.Thread(target=self.check, kwargs={"wait": False}, name="krcn-data-check",
                                            daemon=True)
            self._worker.start()

    def wait_idle(self, timeout: float = 30) -> None:
        """Wait for a check running in the background (tests)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    # --- the check ----------------------------------------------------------------------------------------------
    def check(self, wait: bool = True) -> str:
        """Look at the files now and swap in a changed package if it is valid. Returns what happened: 'unchanged',
        'settling' (changed too recently), 'changing' (changed during the copy), 'loaded', 'rejected' or 'busy'
        (another check is running and `wait` is false)."""
        if not self._check_lock.acquire(blocking=wait):
            return "busy"
        try:
            outcome = self._check()
            with self._state_lock:
                self._checked_at = self.clock()
            return outcome
        finally:
            self._check_lock.release()

    def _check(self) -> str:
        seen = fingerprint(self.data_dir)
        if seen.digest == self._judged:
            return "unchanged"  # as last judged: a rejected change was logged once and stays on the status endpoint
        served, rejected = self._served, self._rejected
        if served is not None and self.clock() - seen.newest < self.settle_seconds:
            return "settling"
        directory = Path(tempfile.mkdtemp(prefix="krcn-data-"))
        try:
            content = snapshot(self.data_dir, directory)
        except OSError:  # a file went away during the copy
            content = ""
        try:
            if not content or fingerprint(self.data_dir).digest != seen.digest:
                shutil.rmtree(directory, ignore_errors=True)
                return "changing"
            if content in (served and served.fingerprint, rejected and rejected.fingerprint):
                # touched, or copied again unchanged (a deploy): the same package, its caches stay warm
                shutil.rmtree(directory, ignore_errors=True)
                self._judged = seen.digest
                return "unchanged"
            dataset = load_dataset(directory)
        except DataPackageError as error:
            shutil.rmtree(directory, ignore_errors=True)
            self._reject(Rejected(content, self.clock(), error), seen.digest)
            return "rejected"
        except Exception as exc:  # noqa: BLE001 - an unreadable change must not stop the good package serving
            shutil.rmtree(directory, ignore_errors=True)
            LOG.exception("data package %s could not be loaded", self.data_dir)
            detail = f"the package validated but could not be loaded ({type(exc).__name__}: {exc})"
            self._reject(Rejected(content, self.clock(), DataPackageError([]), detail), seen.digest)
            return "rejected"
        record = Served(dataset, content, self.clock(), directory)
        _remove_later(record)
        with self._state_lock:
            self._served, self._rejected, self._judged = record, None, seen.digest
        # A warning so it shows in the server's log without logging set up (Python's default shows warnings and up).
        LOG.warning("data package %s: now serving %s (lastChanged %s)", self.data_dir, content,
                    record.last_changed or "not stated")
        return "loaded"

    def _reject(self, rejected: Rejected, judged: str) -> None:
        with self._state_lock:
            self._rejected, self._judged = rejected, judged
            served = self._served
        keeping = f"still serving {served.fingerprint}" if served else "no valid package to serve"
        lines = rejected.messages("en")
        LOG.error("data package %s: change %s rejected, %s; %d problem(s):\n  %s", self.data_dir,
                  rejected.fingerprint, keeping, len(lines), "\n  ".join(lines[:MAX_REPORTED_ERRORS]))

    # --- for an operator ----------------------------------------------------------------------------------------
    def status(self) -> dict:
        """What the status endpoint answers (JSON): the package serving and the last change rejected since."""
        try:
            self.served()
        except DataPackageError:
            pass
        with self._state_lock:
            served, rejected, checked_at = self._served, self._rejected, self._checked_at
        report: dict = {
            "status": "ok" if served and not rejected else "serving_last_good" if served else "no_valid_data",
            "serving": None,
            "rejected": None,
            "checked_at": _iso(checked_at),
            "check_every_seconds": self.check_seconds,
        }
        if served is not None:
            report["serving"] = {
                "fingerprint": served.fingerprint,
                "last_changed": served.last_changed or None,
                "loaded_at": _iso(served.loaded_at),
            }
        if rejected is not None:
            messages = rejected.messages("en")
            report["rejected"] = {
                "fingerprint": rejected.fingerprint,
                "seen_at": _iso(rejected.seen_at),
                "error_count": len(messages),
                "errors": messages[:MAX_REPORTED_ERRORS],
            }
        return report


_STORES: dict[str, LiveDataset] = {}
_STORES_LOCK = threading.Lock()


def _seconds(name: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(name, default)))
    except ValueError:
        return default


def store_for(data_dir: Path | str) -> LiveDataset:
    """The process's one store for `data_dir` (visits and the status endpoint share it)."""
    key = str(Path(data_dir).absolute())
    with _STORES_LOCK:
        store = _STORES.get(key)
        if store is None:
            store = _STORES[key] = LiveDataset(
                key,
                check_seconds=_seconds("KRCN_DATA_CHECK_SECONDS", CHECK_SECONDS),
                settle_seconds=_seconds("KRCN_DATA_SETTLE_SECONDS", SETTLE_SECONDS),
            )
        return store
