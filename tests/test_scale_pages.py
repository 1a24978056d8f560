"""Pages stay usable when the data grows (issue 6): with the 10x package of bench/scale_data.py, /delegation and
/mou draw the first MAX_LISTED profiles or items one by one and say where all of them are."""
from __future__ import annotations

import pytest

from bench.scale_data import make_scaled
from components.dataset import load_dataset
from components.i18n import t
from components.ui_frame import LAZY_PREFIX, MAX_LISTED
from tests.apptest_helpers import ROOT, open_page, tables


@pytest.fixture(scope="module")
def scaled_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("scale") / "x10"
    make_scaled(ROOT / "data", directory, 10)
    return directory


def test_delegation_lists_the_first_profiles_and_points_to_the_table(scaled_dir, monkeypatch):
    monkeypatch.setenv("KRCN_DATA_DIR", str(scaled_dir))
    at = open_page("delegation", lang="en")
    assert not at.exception
    profiles = [k for k in at.session_state.keys() if str(k).startswith(f"{LAZY_PREFIX}profile_")]  # noqa: SIM118
    assert len(profiles) == MAX_LISTED
    note = t("list.capped", "en", shown=MAX_LISTED, total=80, where=t("list.where.company_table", "en"))
    assert note in [c.value for c in at.caption]
    assert len(tables(at)[0]) == 80  # the table keeps every company


def test_mou_lists_the_first_fields_and_points_to_the_item_table(scaled_dir, monkeypatch):
    monkeypatch.setenv("KRCN_DATA_DIR", str(scaled_dir))
    at = open_page("mou", lang="ko")
    assert not at.exception
    note = t("list.capped", "ko", shown=MAX_LISTED, total=110, where=t("list.where.item_table", "ko"))
    assert note in [c.value for c in at.caption]
    field_table = next(m.value for m in at.markdown if m.value.startswith("| "))
    assert len(field_table.splitlines()) == 2 + MAX_LISTED  # header, rule, then the first rows
    items = next(df for df in tables(at) if "text_ko" in df.columns)
    assert len(items) == 10 * len(load_dataset(ROOT / "data").clauses)  # every item of the 10x package


def test_real_data_is_never_capped():
    for page in ("delegation", "mou"):
        at = open_page(page, lang="en")
        assert not [c for c in at.caption if c.value.startswith("Showing the first")]
