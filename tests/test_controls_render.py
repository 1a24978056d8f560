"""components/controls_render.py: what the controls component receives and which events it lets through."""
from __future__ import annotations

import json

import pytest

from dataclasses import replace

from components.web.render.controls import Control, controls_payload, event_value, option_list_payload, option_list_ref

LANG = Control("lang", "radio", "Language", (("ko", "한국어"), ("en", "English")), "en", inline=True)
SECTOR = Control("sector", "checks", "Sector", (("ai", "AI"), ("cloud", "Cloud"), ("security", "Security")), ("cloud",),
                 summary="Cloud", clear_label="Clear")
FOCUS = Control("focus", "select", "Focus", (("initech", "Initech"), ("hancom", "Hancom")), None, none_label="(none)",
                groups=(("Company", ("initech", "hancom")),))
FADE = Control("fade", "switch", "Fade", value=False)


@pytest.mark.parametrize(
    ("control", "raw", "expected"),
    [
        (LANG, "ko", (True, "ko")),
        (LANG, "fr", (False, None)),
        (LANG, ["ko"], (False, None)),
        (SECTOR, ["security", "ai"], (True, ("ai", "security"))),  # the options' own order
        (SECTOR, [], (True, ())),
        (SECTOR, ["ai", "nope"], (False, None)),  # one unknown value refuses the whole event
        (SECTOR, "ai", (False, None)),
        (SECTOR, [1], (False, None)),
        (FOCUS, "hancom", (True, "hancom")),
        (FOCUS, "", (True, None)),  # the "none" option
        (FOCUS, None, (True, None)),
        (FOCUS, "<script>", (False, None)),
        (FADE, True, (True, True)),
        (FADE, "true", (False, None)),
        (FADE, 1, (False, None)),
    ],
)
def test_event_value(control, raw, expected):
    assert event_value(control, raw) == expected


def test_select_without_a_none_option_refuses_none():
    assert event_value(Control("unit", "select", "Unit", (("usd", "US$"),), "usd"), "") == (False, None)


def test_payload():
    data = json.loads(controls_payload([LANG, SECTOR, FOCUS, FADE], layout="row"))
    assert data["layout"] == "row"
    assert data["controls"][0] == {
        "name": "lang", "kind": "radio", "label": "Language", "options": [["ko", "한국어"], ["en", "English"]],
        "value": "en", "help": "", "disabled": False, "groups": [], "none": None, "summary": None, "clear": None,
        "inline": True, "options_ref": None, "search": None,
    }
    assert [c["value"] for c in data["controls"]] == ["en", ["cloud"], "", False]
    assert data["controls"][1]["summary"] == "Cloud" and data["controls"][1]["clear"] == "Clear"
    assert data["controls"][2]["groups"] == [["Company", ["initech", "hancom"]]]


def test_shared_options_travel_apart_under_a_name():
    shared = replace(FOCUS, shared_options=True)
    (sent,) = json.loads(controls_payload([shared]))["controls"]
    assert sent["options"] == [] and sent["groups"] == []
    assert sent["options_ref"] == option_list_ref(shared) and len(sent["options_ref"]) == 16
    assert sent["value"] == "" and sent["none"] == "(none)"  # the value and the rest stay with the control
    assert json.loads(option_list_payload(shared)) == {
        "ref": option_list_ref(shared),
        "options": [["initech", "Initech"], ["hancom", "Hancom"]],
        "groups": [["Company", ["initech", "hancom"]]],
    }


def test_a_shared_list_is_the_same_bytes_whatever_the_value_and_a_new_name_when_it_changes():
    shared = replace(FOCUS, shared_options=True)
    other_value = replace(shared, value="hancom", disabled=True, label="Focus on")
    assert option_list_payload(other_value) == option_list_payload(shared)  # what the message cache compares
    relabelled = replace(shared, options=(("initech", "이니텍"), ("hancom", "한컴")))
    regrouped = replace(shared, groups=(("Company", ("hancom", "initech")),))
    refs = {option_list_ref(c) for c in (shared, relabelled, regrouped)}
    assert len(refs) == 3


def test_a_long_select_gets_a_search_box_a_short_one_does_not():
    from components.web.render.controls import SEARCH_FROM

    words = {"search_label": "Find in the list", "search_count": "{shown} of {total}"}
    many = tuple((f"n{i}", f"Node {i}") for i in range(SEARCH_FROM + 1))
    few = many[:SEARCH_FROM]
    long_select, short_select = replace(FOCUS, options=many, **words), replace(FOCUS, options=few, **words)
    unlabelled = replace(FOCUS, options=many)
    sent = json.loads(controls_payload([long_select, short_select, unlabelled, replace(SECTOR, **words)]))["controls"]
    assert sent[0]["search"] == {"label": "Find in the list", "count": "{shown} of {total}"}
    assert [c["search"] for c in sent[1:]] == [None, None, None]  # too short, no words, not a select


def test_only_a_select_shares_its_options():
    with pytest.raises(ValueError, match="only a select"):
        replace(SECTOR, shared_options=True)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind 'slider'"):
        Control("x", "slider", "X")
