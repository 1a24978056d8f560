"""Dataset.memo: what pages derive from the data is computed once per view, bounded, and never outlives or
crosses datasets."""
from __future__ import annotations

import dataclasses
import threading

from components.data.dataset import Memo, load_dataset
from tests.package_fixture import write_package

calls: list[tuple] = []


def count_sources(data, lang, sectors):
    calls.append((lang, sectors))
    return (lang, sectors, len(data.sources))


def test_memo_computes_once_per_arguments(tmp_path):
    calls.clear()
    data = load_dataset(write_package(tmp_path, {}))
    first = data.memo(count_sources, "en", ("ai",))
    assert data.memo(count_sources, "en", ("ai",)) is first
    data.memo(count_sources, "ko", ("ai",))
    assert calls == [("en", ("ai",)), ("ko", ("ai",))]


def test_a_changed_dataset_gets_its_own_memo(tmp_path):
    calls.clear()
    data = load_dataset(write_package(tmp_path, {}))
    data.memo(count_sources, "en", ())
    other = dataclasses.replace(data, sources=data.sources.iloc[:0])
    assert other.memo(count_sources, "en", ()) == ("en", (), 0)
    assert len(calls) == 2
    assert data != other and hash(data) != hash(other)  # identity, never the (unhashable) frames


def test_memo_is_bounded_least_recently_used_first():
    memo = Memo(max_entries=2)
    memo.get("a", lambda: 1)
    memo.get("b", lambda: 2)
    memo.get("a", lambda: 0)  # touch a: b is now the oldest
    memo.get("c", lambda: 3)
    assert len(memo) == 2
    assert memo.get("a", lambda: "recomputed") == 1
    assert memo.get("b", lambda: "recomputed") == "recomputed"


def test_memo_is_safe_across_threads():
    memo = Memo(max_entries=50)
    errors = []

    def worker(n):
        try:
            for i in range(500):
                assert memo.get(i % 80, lambda i=i: i % 80) == i % 80
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(memo) == 50


def test_memo_is_bounded_in_bytes_least_recently_used_first():
    memo = Memo(max_entries=100, max_bytes=10, size_of=len)
    memo.get("a", lambda: "aaaa")
    memo.get("b", lambda: "bbbb")
    memo.get("a", lambda: "")  # touch a: b is now the oldest
    memo.get("c", lambda: "cccc")  # 12 bytes: b goes
    assert memo.keys() == ["a", "c"] and memo.bytes == 8
    assert memo.get("big", lambda: "x" * 11) == "x" * 11  # larger than the bound: returned, not kept
    assert memo.keys() == ["a", "c"] and memo.bytes == 8


def test_approx_size_counts_what_a_value_holds_once():
    import pandas as pd

    from components.data.dataset import approx_size
    from components.views.network_model import Node

    frame = pd.DataFrame({"text": ["가나다" * 100] * 50, "n": range(50)})
    assert approx_size(frame) == int(frame.memory_usage(index=True, deep=True).sum())
    node = Node("a", "company", "KR", "x" * 1000, "", "", "", ("ai",), "")
    one, shared = approx_size((node,)), approx_size((node, node, node))
    assert 1000 < one < 3000 and shared < one + 100  # fields counted; the same node once
    assert approx_size(("x" * 10_000,) * 2) < 11_000


def test_every_dataset_shares_one_bounded_store_and_results_stay_right(tmp_path, monkeypatch):
    """With a store so small that views are evicted between calls, every call still returns what an unmemoised
    call returns."""
    from components.data import dataset as dataset_module
    from components.views.network_model import _node_details, build_network, focus_options, node_details

    data = load_dataset(write_package(tmp_path, {}))
    fresh = {(lang, sectors, focus): build_network(data, sectors=sectors, focus=focus, lang=lang)
             for lang in ("en", "ko") for sectors in ((), ("ai",), ("cloud",)) for focus in (None, "acme-cloud")}
    details = {(node, lang): _node_details(data, node, lang) for node in ("acme-cloud", "gyeonggi") for lang in ("en", "ko")}
    tiny = Memo(max_entries=3, max_bytes=50_000)
    monkeypatch.setattr(dataset_module, "MEMO", tiny)
    other = dataclasses.replace(data)
    for _ in range(2):
        for (lang, sectors, focus), expected in fresh.items():
            assert build_network(data, sectors=sectors, focus=focus, lang=lang) == expected
            assert len(tiny) <= 3 and tiny.bytes <= 50_000
        for (node, lang), expected in details.items():
            assert node_details(data, node, lang) == expected
        assert focus_options(other, "ko") == focus_options(data, "ko")
    assert {key[0] for key in tiny.keys()} <= {data.serial, other.serial}


def test_the_byte_bound_grows_with_the_package_so_no_view_is_too_big_to_keep(tmp_path, monkeypatch):
    from components.data import dataset as dataset_module
    from components.data.dataset import MEMO_PACKAGES, approx_size

    small = Memo(max_entries=10, max_bytes=1)
    monkeypatch.setattr(dataset_module, "MEMO", small)
    data = load_dataset(write_package(tmp_path, {}))
    assert small.max_bytes == MEMO_PACKAGES * approx_size(data) > 1
    small.allow(5)  # never lowered
    assert small.max_bytes == MEMO_PACKAGES * approx_size(data)
