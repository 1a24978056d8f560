"""Load the data package in data/ into typed pandas DataFrames (no validation here; see validate.py)."""
from __future__ import annotations

import itertools
import json
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, fields, is_dataclass
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


def approx_size(value: object, budget: int = 20_000) -> int:
    """Bytes a memoised value holds, estimated without walking shared objects: a frame's own memory (its strings
    included), the items of containers, the fields of dataclasses and named tuples, the frames of a Dataset;
    anything else counts its own size only. Stops after `budget` objects (a large value is large enough)."""
    seen: set[int] = set()
    stack, total = [value], 0
    while stack and budget > 0:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        budget -= 1
        if isinstance(item, pd.DataFrame):
            total += int(item.index.memory_usage()) + sum(_column_size(column) for _, column in item.items())
        elif isinstance(item, pd.Series):
            total += int(item.index.memory_usage()) + _column_size(item)
        elif isinstance(item, Dataset):
            stack.extend(getattr(item, name) for name in (*RESOURCE_NAMES, *OPTIONAL_RESOURCE_NAMES))
        elif isinstance(item, (str, bytes, bytearray, int, float, bool, type(None))):
            total += sys.getsizeof(item)
        elif isinstance(item, dict):
            total += sys.getsizeof(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (tuple, list, set, frozenset)):
            total += sys.getsizeof(item)
            stack.extend(item)
        elif is_dataclass(item) and not isinstance(item, type):
            total += sys.getsizeof(item) + (sys.getsizeof(item.__dict__) if hasattr(item, "__dict__") else 0)
            stack.extend(getattr(item, f.name) for f in fields(item))
        else:
            total += sys.getsizeof(item)
    return total


def _column_size(column: pd.Series, sample: int = 64) -> int:
    """A column's bytes: its buffer, and for Python objects (text in object columns) their sizes, from an evenly
    spaced sample of at most `sample` of them (pandas' memory_usage(deep=True) measures every one: ~5 ms for the
    events table, on every memo miss)."""
    values = column.to_numpy() if column.dtype == object else column.array
    if getattr(values, "dtype", None) != object or len(values) == 0:
        return int(values.nbytes)
    step = max(1, len(values) // sample)
    picked = values[::step]
    return int(values.nbytes + sum(map(sys.getsizeof, picked)) * len(values) / len(picked))


class Memo:
    """A thread-safe LRU of results derived from datasets (sessions run in threads), bounded in entries and in
    the bytes its values hold (`approx_size`): the least recently used go first. A value larger than the whole
    byte bound is returned without being kept."""

    def __init__(self, max_entries: int, max_bytes: int | None = None,
                 size_of: Callable[[object], int] = approx_size) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size_of = size_of
        self.bytes = 0
        self.evicted = 0  # entries dropped to keep the bounds (a report's number: how hard the bound works)
        self._entries: OrderedDict = OrderedDict()  # key -> (value, its size)
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], object]) -> object:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
        value = compute()  # outside the lock: two sessions may compute the same value once each
        size = self.size_of(value) if self.max_bytes is not None else 0
        if self.max_bytes is not None and size > self.max_bytes:
            return value
        with self._lock:
            if key in self._entries:  # another session computed it meanwhile: keep theirs, count it once
                return self._entries[key][0]
            self._entries[key] = (value, size)
            self.bytes += size
            while len(self._entries) > self.max_entries or (self.max_bytes is not None and self.bytes > self.max_bytes):
                _, (_, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped
                self.evicted += 1
        return value

    def allow(self, max_bytes: int) -> None:
        """Raise the byte bound to `max_bytes` (never lower it)."""
        with self._lock:
            if self.max_bytes is not None and max_bytes > self.max_bytes:
                self.max_bytes = max_bytes

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[Hashable]:
        with self._lock:
            return list(self._entries)


# What the pages derive from the data (views keyed by language, filters, focus...), for every dataset of the
# process (the package serving, the views of chosen events) in one LRU, so the bound is the process's:
# - MEMO_BYTES: the views most visitors ask (every page in both languages, unfiltered and with each single
#   sector: 378 views) hold 8.5 MiB (bench/memprobe.py --walk); the bound keeps them about four times over, room
#   for pairs of sectors, nodes in focus and chosen events. A crowd choosing random sets of sectors makes a new key
#   on almost every change: bounded only by 4096 entries (some ~100 KB), a process kept growing (docs/hosting.md).
# - MEMO_PACKAGES: a bigger package makes bigger views (at 100x the data one view of every event holds 57 MiB, the
#   package itself 160 MiB): the bound is at least this many times the largest package loaded, so no view is too
#   big to keep (one recomputed on every call would cost seconds a run).
# - MEMO_ENTRIES: most entries are small (a source line, a label): the count bounds the bookkeeping.
MEMO_ENTRIES = 4096
MEMO_BYTES = 32 * 1024 * 1024
MEMO_PACKAGES = 2
MEMO = Memo(MEMO_ENTRIES, MEMO_BYTES)
_SERIALS = itertools.count(1)


@dataclass(frozen=True, eq=False)
class Dataset:
    """The whole package. List fields hold tuples of strings; empty optional cells hold ''.

    A dataset is compared and hashed by identity; `memo` keeps what the pages derive from it (in MEMO, bounded).
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
    # The dataset's key in MEMO: a number no other dataset of the process gets (not id(): a dataset replaced by a
    # changed package could leave its id to a new one, which would then be served the old one's views).
    serial: int = field(default_factory=lambda: next(_SERIALS), init=False, repr=False)

    def table(self, name: str) -> pd.DataFrame | None:
        return getattr(self, name)

    def memo(self, function: Callable, *args: Hashable) -> object:
        """`function(self, *args)`, computed once per dataset and arguments (which must be hashable), so a
        rerun for the same view skips the pandas work. The result is shared: callers must not modify it."""
        key = (self.serial, function.__code__.co_filename, function.__qualname__, args)  # stable across reruns
        return MEMO.get(key, lambda: function(self, *args))


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
    dataset = Dataset(**{name: frames[name] for name in RESOURCE_NAMES}, schema=package, **optional)
    MEMO.allow(MEMO_PACKAGES * approx_size(dataset))
    return dataset
