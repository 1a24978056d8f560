"""Lazy expanders (components.web.frame.lazy_expander): what a visitor opens on demand is not built or sent
until opened, opening shows it, and it stays open through a filter or unit change."""
from __future__ import annotations

import pytest

from components.i18n import t
from components.web.frame import LAZY_PREFIX
from tests.apptest_helpers import open_lazy_expanders, open_page, page_links_shown, tables

# page -> (lazy expanders on the unfiltered English page, dataframes shown only once they are open); every page
# also has the sidebar's event filter (EVENTS), which holds no table
EVENTS = 1
LAZY = {"economy": (EVENTS + 4, 4), "delegation": (EVENTS + 2 + 8, 2), "mou": (EVENTS + 1, 1),
        "sources": (EVENTS + 1 + 16, 1 + 16),  # the ledger + one schema table per resource
        "regions": (EVENTS + 2, 2)}  # every tie (the map's twin) and the numbers of the ties-a-year chart


@pytest.mark.parametrize("page", sorted(LAZY))
def test_closed_expanders_send_nothing_until_opened(page):
    expanders, frames = LAZY[page]
    at = open_page(page, lang="en")
    assert not at.exception
    keys = [k for k in at.session_state.keys() if str(k).startswith(LAZY_PREFIX)]
    assert len(keys) == expanders
    closed_frames = len(tables(at))
    open_lazy_expanders(at)
    assert not at.exception
    assert len(tables(at)) - closed_frames == frames


def test_open_numbers_stay_open_through_a_unit_change():
    at = open_page("economy", lang="en")
    at.session_state[f"{LAZY_PREFIX}numbers_tencent"] = True
    at.run()
    assert len(tables(at)) == 1
    usd = list(tables(at)[0][t("economy.col.unit", "en")])
    at.query_params["unit"] = "krw"
    at.run()
    assert len(tables(at)) == 1
    assert list(tables(at)[0][t("economy.col.unit", "en")]) != usd


def test_profile_content_only_when_open():
    at = open_page("delegation", lang="en")
    link = t("delegation.network_link", "en", name="NHN Cloud")
    assert link not in [p["label"] for p in page_links_shown(at)]
    at.session_state[f"{LAZY_PREFIX}profile_nhn-cloud"] = True
    at.run()
    assert link in [p["label"] for p in page_links_shown(at)]


def test_open_numbers_stay_open_through_a_language_switch():
    at = open_page("economy", lang="en")
    at.session_state[f"{LAZY_PREFIX}numbers_tencent"] = True
    at.run()
    assert [list(frame.columns)[0] for frame in tables(at)] == [t("economy.col.subject", "en")]
    at.radio(key="lang").set_value("ko").run()
    assert [list(frame.columns)[0] for frame in tables(at)] == [t("economy.col.subject", "ko")]
