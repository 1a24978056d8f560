"""Load the data package in data/ into typed pandas DataFrames (no validation here; see validate.py)."""
from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from components.data.validate import SCHEMA_FILE, read_rows, split_list, validate_package

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def current_data_dir() -> Path:
    """data/, unless KRCN_DATA_DIR points the app at another package (tests use hostile and broken ones)."""
    return Path(os.environ.get("KRCN_DATA_DIR") or DATA_DIR)
RESOURCE_NAMES = (
    "sources",
    "sectors",
    "entities",
    "attributes",
    "relation_types",
    "relations",
    "figures",
    "clauses",
    "claims",
)
# Resources a package may lack (older packages, test fixtures): their field is None when absent.
OPTIONAL_RESOURCE_NAMES = ("events", "event_participants", "event_outcomes", "story", "places", "disputes", "region_claims")


class Memo:
    """A small thread-safe LRU of results derived from one dataset (sessions run in threads)."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], object]) -> object:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()  # outside the lock: two sessions may compute the same value once each
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._entries)


MEMO_ENTRIES = 4096  # views are (function, language, sectors, ...): bounded however many filters visitors try


@dataclass(frozen=True, eq=False)
class Dataset:
    """The whole package. List fields hold tuples of strings; empty optional cells hold ''.

    A dataset is compared and hashed by identity; `memo` keeps what the pages derive from it.
    """

    sources: pd.DataFrame
    sectors: pd.DataFrame
    entities: pd.DataFrame
    attributes: pd.DataFrame
    relation_types: pd.DataFrame
    relations: pd.DataFrame
    figures: pd.DataFrame
    clauses: pd.DataFrame
    claims: pd.DataFrame
    schema: dict
    events: pd.DataFrame | None = None
    event_participants: pd.DataFrame | None = None
    event_outcomes: pd.DataFrame | None = None
    story: pd.DataFrame | None = None
    places: pd.DataFrame | None = None  # the map's points: each region's seat
    disputes: pd.DataFrame | None = None  # where sources disagree about an event
    region_claims: pd.DataFrame | None = None  # a region's own count of its Chinese partners
    _memo: Memo = field(default_factory=lambda: Memo(MEMO_ENTRIES), init=False, repr=False)

    def table(self, name: str) -> pd.DataFrame | None:
        return getattr(self, name)

    def memo(self, function: Callable, *args: Hashable) -> object:
        """`function(self, *args)`, computed once per dataset and arguments (which must be hashable), so a
        rerun for the same view skips the pandas work. The result is shared: callers must not modify it."""
        key = (function.__code__.co_filename, function.__qualname__, args)  # stable across reruns of a page
        return self._memo.get(key, lambda: function(self, *args))


class DataPackageError(Exception):
    """The package failed validation; `errors` says where and why."""

    def __init__(self, errors: list) -> None:
        super().__init__(errors[0].message("en") if errors else "invalid data package")
        self.errors = errors


def _typed_frame(resource: dict, rows: list[dict[str, str]], separator: str) -> pd.DataFrame:
    columns = {}
    for fdef in resource["schema"]["fields"]:
        name, ftype = fdef["name"], fdef.get("type", "string")
        cells = [row.get(name, "") for row in rows]
        if fdef.get("list"):
            columns[name] = pd.Series([split_list(c, separator) for c in cells], dtype=object)
        elif ftype == "integer":
            columns[name] = pd.array([int(c) if c else None for c in cells], dtype="Int64")
        elif ftype == "number":
            columns[name] = pd.Series([float(c) if c else float("nan") for c in cells], dtype="float64")
        elif ftype == "boolean":
            columns[name] = pd.Series([c == "true" for c in cells], dtype=bool)
        else:
            columns[name] = pd.Series(cells, dtype=object)
    return pd.DataFrame(columns)


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Validate then load the package; raises DataPackageError listing every problem."""
    data_dir = Path(data_dir) if data_dir is not None else current_data_dir()
    errors = validate_package(data_dir)
    if errors:
        raise DataPackageError(errors)
    package = json.loads((data_dir / SCHEMA_FILE).read_text(encoding="utf-8"))
    separator = package.get("listSeparator", ";")
    frames = {}
    for resource in package["resources"]:
        header, rows = read_rows(data_dir / resource["path"], [])
        records = [dict(zip(header, (c.strip() for c in cells))) for _, cells in rows]
        frames[resource["name"]] = _typed_frame(resource, records, separator)
    optional = {name: frames[name] for name in OPTIONAL_RESOURCE_NAMES if name in frames}
    return Dataset(**{name: frames[name] for name in RESOURCE_NAMES}, schema=package, **optional)
