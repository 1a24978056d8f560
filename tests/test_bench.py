"""The benchmark and load scripts still run (GitHub issue 6). Short settings only, and no timed assertions:
CI machines vary, so these check that every measurement is there and sane (positive, zero errors), not fast.

The real numbers come from `make bench` and `bench/load.py` run by hand (README "Benchmark").
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


def run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def positive(value) -> bool:
    return isinstance(value, (int, float)) and value > 0


def test_pair_ratios_pair_runs_in_order_and_claim_nothing_when_a_run_is_missing():
    from bench.benchmark import pair_ratios

    assert pair_ratios([900.0, 1100.0, 1000.0], [800.0, 1000.0, 1000.0]) == [1.125, 1.1, 1.0]
    assert pair_ratios([900.0, 1100.0], [800.0]) == []  # a failed run on one side: no pairing can be trusted
    assert pair_ratios([], []) == []


def test_frame_floor_app_is_the_frame_with_empty_pages(tmp_path):
    # the benchmark's floor: the dashboard's own sidebar and URL handling, every page path, and nothing on a page
    from streamlit.testing.v1 import AppTest

    from bench.common import PAGES, write_frame_floor_app
    from components.i18n import t
    from tests.apptest_helpers import nav_labels

    script = write_frame_floor_app(tmp_path)
    assert (tmp_path / "static" / "krcn" / "table.js").read_bytes() == (ROOT / "static" / "krcn" / "table.js").read_bytes()
    assert sorted(p.stem for p in (tmp_path / "pages").glob("*.py")) == sorted(PAGES)
    at = AppTest.from_file(str(script), default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert nav_labels(at) == [t(f"page.{page}", "en") for page in PAGES]
    assert len(at.main.children) == 0 or all(len(c.children) == 0 for c in at.main.children.values())
    assert [el.proto.component_name for el in at.get("bidi_component")] == ["krcn_page"]
    assert at.radio(key="lang").value == "en" and at.multiselect(key="sector").value == []


def test_scale_data_is_a_valid_package_n_times_the_size(tmp_path):
    from bench.scale_data import make_scaled
    from components.data.dataset import load_dataset

    counts = make_scaled(ROOT / "data", tmp_path / "x3", 3)
    base = load_dataset(ROOT / "data")
    scaled = load_dataset(tmp_path / "x3")  # validates: every reference of every clone resolves
    for table in ("entities", "relations", "attributes", "clauses", "figures"):
        assert len(scaled.table(table)) == 3 * len(base.table(table)) == counts[table]
    for table in ("sources", "sectors", "relation_types", "claims"):
        assert len(scaled.table(table)) == len(base.table(table))
    assert scaled.entities["id"].is_unique
    clone = scaled.relations[scaled.relations["id"].str.endswith("-x3")]
    assert clone["from_id"].str.endswith("-x3").all() and clone["to_id"].str.endswith("-x3").all()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="the benchmark drives Chromium (run `make test`)")
def test_benchmark_quick_runs_and_reports_every_measure(tmp_path):
    out = tmp_path / "bench.json"
    proc = run(["bench/benchmark.py", "--quick", "--out", str(out)], timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))

    assert report["mode"] == "quick" and report["runs"] == 1
    machine = report["machine"]
    for key in ("cpu_model", "cores", "ram_gb", "os", "python", "streamlit", "chromium"):
        assert machine[key], key
    assert report["errors"] == [], report["errors"]

    assert set(report["pages"]) == {"overview", "network"}
    for page, row in report["pages"].items():
        for key in ("app_ms", "baseline_ms", "ratio", "first_load_bytes", "baseline_bytes"):
            assert positive(row[key]), (page, key, row)
        assert isinstance(row["goal_met"], bool)
        assert len(row["pair_ratios"]) == 1 and row["pair_ratio_range"] == [row["pair_ratios"][0]] * 2
    floor = report["frame_floor"]  # the dashboard's frame with empty pages, paired with the empty app
    for key in ("ms", "empty_ms", "ratio"):
        assert positive(floor[key]), (key, floor)
    for key in ("sector@overview", "language@overview", "sector@network", "focus@network", "language@network"):
        row = report["interactions"][key]
        assert positive(row["ms"]) and positive(row["ratio"]) and positive(row["bytes"]), (key, row)
    assert positive(report["baseline"]["rerun_ms"])

    for page, row in report["server"]["script_ms"].items():
        assert positive(row["ms"]) and row["errors"] == [], (page, row)
    empty_run = report["server"]["script_ms_empty_app"]  # the same measure for the empty app, to compare
    assert positive(empty_run["ms"]) and empty_run["errors"] == [], empty_run
    assert positive(report["server"]["memory"]["rss_idle_mib"])
    network = report["network"]
    assert network["state"] in ("drawn", "empty") and network["canvas"], network
    summary = report["summary"]
    assert positive(summary["max_page_ratio"]) and summary["errors"] == 0


def test_load_test_runs_briefly_and_counts_pages_without_errors(tmp_path):
    out = tmp_path / "load.json"
    proc = run(["bench/load.py", "--seconds", "5", "--sessions", "3", "--out", str(out)], timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))

    assert report["mode"] == "ws" and report["sessions"] == 3
    assert report["errors"] == 0, report["error_messages"]
    assert report["pages_served"] > 0 and report["page_loads"] > 0
    assert report["pages_served"] == report["page_loads"] + report["changes"]
    render = report["render_ms"]["all"]
    assert positive(render["p50"]) and render["p95"] >= render["p50"]
    assert positive(report["server"]["rss_peak_mib"])
    assert report["wall_seconds"] < 5 + 120  # it stopped by itself


def test_load_test_refuses_other_hosts():
    proc = run(["bench/load.py", "--host", "192.0.2.1", "--seconds", "1"], timeout=60)
    assert proc.returncode != 0
    assert "loopback" in proc.stderr
