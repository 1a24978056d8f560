"""Hostile links through AppTest (hypothesis): random query parameters never raise; invalid values are dropped
with a notice; the rest of the view stays intact. Also: hostile data text never reaches HTML unescaped."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.views.url_state import PAGE_PARAMS
from tests.apptest_helpers import PAGE_FILES, open_page

KNOWN_KEYS = ["lang", "sector", "event", "focus", "depth", "fade", "unit", "region", "counterpart", "open", "step"]
NASTY = [
    "", " ", "ko", "en", "cloud", "security", "initech", "usd", "krw", "1", "3", "0", "-1",
    "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "<img src=x onerror=alert(1)>",
    "../../etc/passwd", "/network", "%ZZ", "%C0%AF", "\ufffd", "\x00", "🚀", "עברית", "$x^2$", "**b**",
    "javascript:alert(1)", "a" * 10_000, "gyeonggi-chongqing-friendship-2025", "gangwon", "99",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60))
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=20))
params = st.dictionaries(keys, st.lists(values, min_size=1, max_size=4), max_size=5)


def flatten(value):
    return [value] if isinstance(value, str) else list(value)


@pytest.mark.parametrize("page", list(PAGE_FILES))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(query=params)
def test_random_query_parameters_never_break_a_page(page, query):
    at = open_page(page, **query)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page still renders its heading"
    # What stays in the URL is only what the contract allows, with valid values.
    allowed = {"lang", "sector", "event", *PAGE_PARAMS.get(page, ())}
    assert set(at.query_params) <= allowed
    for key in at.query_params:
        for value in flatten(at.query_params[key]):
            assert "<" not in value and len(value) < 100
    # Anything dropped that is not a tracking parameter is named in a notice.
    dropped_something = any(
        (k not in allowed and not k.startswith(("utm_", "fbclid", "gclid", "mc_", "igshid"))
         and not any(k in p for p in PAGE_PARAMS.values()))
        for k in query
    )
    if dropped_something:
        assert at.warning, "an unknown key is named in a notice"


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_long_and_script_values_are_dropped_with_a_notice(page):
    at = open_page(page, lang="ko", sector=["cloud", "a" * 10_000, "<script>alert(1)</script>"],
                   event=["<img src=x onerror=alert(1)>"])
    assert not at.exception
    assert at.multiselect(key="sector").value == ["cloud"]
    notice = at.warning[0].value
    assert "…" in notice and len(notice) < 400  # the long value is shortened
    assert "<script>" not in notice  # escaped: shown as text, never as HTML


def test_hostile_data_renders_as_text_in_apptest(tmp_path, monkeypatch):
    from tests.hostile_fixture import HOSTILE_EVENT, write_hostile_package

    monkeypatch.setenv("KRCN_DATA_DIR", str(write_hostile_package(tmp_path)))
    views = [(page, {}) for page in PAGE_FILES] + [("overview", {"event": HOSTILE_EVENT}), ("timeline", {"open": HOSTILE_EVENT})]
    for page, params in views:
        for lang in ("en", "ko"):
            at = open_page(page, lang=lang, **params)
            assert not at.exception, (page, lang, [e.value for e in at.exception])
            assert [e.value for e in at.error] == [], (page, lang)
            for element in list(at.markdown) + list(at.caption) + list(at.title) + list(at.header) + list(at.subheader):
                body = str(element.value)
                # raw tags would be rendered by markdown; escaped ones start with a backslash
                assert "<img" not in body.replace("\\<img", ""), (page, body[:200])
                assert "<script" not in body.replace("\\<script", ""), (page, body[:200])
                assert getattr(element.proto, "allow_html", False) is False or "<" not in body, page
