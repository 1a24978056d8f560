"""Form controls as the app's own component draws them (no streamlit): their description, the value an event may
carry, and the component's HTML; the browser code is `controls` in static/krcn/ui.js.

Why not Streamlit's widgets: each kind (radio, multiselect, select box, segmented control, toggle, pills)
arrives as its own set of lazily loaded modules after the page's first message; on the benchmark machine the
frame's language radio and sector multiselect alone made a first visit 1.27x the empty app's load time. These
are the browser's own controls (radio buttons, checkboxes, a select, a switch) in a fieldset with a legend:
keyboard and screen readers know them without help. Every control is bound to a URL parameter: a change sends
one event `{name, value}`, which `event_value` checks against the control's options before it reaches the URL.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

KINDS = ("radio", "checks", "select", "switch")
SEARCH_FROM = 100  # a select longer than this gets a search box (the real focus list has 62 nodes; 10x the data, 460)


@dataclass(frozen=True)
class Control:
    """One control. `options` are (value, label) pairs; `value` is a str (radio, select; None for none), a tuple of
    str (checks) or a bool (switch).

    select: `groups` ((group label, values), ...) groups its options; `none_label` adds an option for no value.
    checks: with a `summary` (what the closed list says, e.g. the chosen names) the boxes sit in a list the
    visitor opens; `clear_label` is a button that unticks every box. `help`: a line of small text under the label. `inline`: options side by side.
    `shared_options` (select): the options travel in an element of their own (`option_list_payload`), not with the
    controls. Streamlit does not resend an element of 10 KB or more that the browser already holds (its message
    cache), so a long list that stays the same (the network's focus: 2 600 nodes at 100x the data) is sent once,
    not again with every change of the value.
    `search_label` (select): past SEARCH_FROM options, a search box above the list narrows it as the visitor types
    (in the browser; Enter picks the first match); `search_count` says how many match ("{shown} of {total}").
    """

    name: str
    kind: str
    label: str
    options: tuple[tuple[str, str], ...] = ()
    value: object = None
    help: str = ""
    disabled: bool = False
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    none_label: str | None = None
    summary: str | None = None
    clear_label: str | None = None
    inline: bool = False
    shared_options: bool = False
    search_label: str | None = None
    search_count: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"control {self.name!r}: kind {self.kind!r} is not one of {KINDS}")
        if self.shared_options and self.kind != "select":
            raise ValueError(f"control {self.name!r}: only a select shares its options")


def event_value(control: Control, raw: object) -> tuple[bool, object]:
    """(ok, value) for what the browser sent about `control`: only an offered option (or options, or a bool)
    passes; anything else is refused, so a forged event cannot put an unknown value in the URL."""
    offered = [value for value, _ in control.options]
    if control.kind == "switch":
        return (True, raw) if isinstance(raw, bool) else (False, None)
    if control.kind == "checks":
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            return False, None
        if any(v not in offered for v in raw):
            return False, None
        return True, tuple(v for v in offered if v in set(raw))  # the options' own order
    if raw in (None, "") and control.kind == "select" and control.none_label is not None:
        return True, None
    if isinstance(raw, str) and raw in offered:
        return True, raw
    return False, None


def _value_for_browser(control: Control) -> object:
    if control.kind == "checks":
        return list(control.value or ())
    if control.kind == "switch":
        return bool(control.value)
    return "" if control.value is None else str(control.value)


@lru_cache(maxsize=16)
def _option_list(options: tuple[tuple[str, str], ...], groups: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, bytes]:
    body = {"options": [[value, label] for value, label in options], "groups": [[label, list(values)] for label, values in groups]}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    ref = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return ref, json.dumps({"ref": ref, **body}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def option_list_ref(control: Control) -> str:
    """The name of a control's option list: a hash of the options and groups (a new list, a new name)."""
    return _option_list(control.options, control.groups)[0]


def option_list_payload(control: Control) -> bytes:
    """The data of a shared option list's own element: its name (`ref`), the options and their groups. The same
    bytes on every run while the list is the same, which is what lets Streamlit's message cache skip it."""
    return _option_list(control.options, control.groups)[1]


def _search(control: Control) -> dict[str, str] | None:
    if control.kind != "select" or not control.search_label or len(control.options) <= SEARCH_FROM:
        return None
    return {"label": control.search_label, "count": control.search_count}


def controls_payload(controls: Sequence[Control], *, layout: str = "column") -> bytes:
    """The component's data: the controls with their current values and how to lay them out (column or row).
    A control with shared options names its list (`options_ref`) instead of carrying it."""
    payload = {
        "layout": layout,
        "controls": [
            {
                "name": c.name,
                "kind": c.kind,
                "label": c.label,
                "options": [] if c.shared_options else [[value, label] for value, label in c.options],
                "options_ref": option_list_ref(c) if c.shared_options else None,
                "value": _value_for_browser(c),
                "help": c.help,
                "disabled": c.disabled,
                "groups": [] if c.shared_options else [[label, list(values)] for label, values in c.groups],
                "none": c.none_label,
                "summary": c.summary,
                "clear": c.clear_label,
                "inline": c.inline,
                "search": _search(c),
            }
            for c in controls
        ],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


CONTROLS_HTML = '<form class="krcn-controls" data-state="loading" onsubmit="return false"></form>'
# A shared option list draws nothing; its element container is taken out of the layout (no empty gap).
OPTION_LIST_HTML = '<div class="krcn-option-list" data-state="loading" hidden></div>'
# (Two lines: Streamlit reads a one-line string with brackets as a file path.)
OPTION_LIST_CSS = '/* no room for an element that draws nothing */\n[data-testid="stElementContainer"]:has(.krcn-option-list){display:none}\n'
