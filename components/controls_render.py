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

import json
from collections.abc import Sequence
from dataclasses import dataclass

KINDS = ("radio", "checks", "select", "switch")


@dataclass(frozen=True)
class Control:
    """One control. `options` are (value, label) pairs; `value` is a str (radio, select; None for none), a tuple of
    str (checks) or a bool (switch).

    select: `groups` ((group label, values), ...) groups its options; `none_label` adds an option for no value.
    checks: with a `summary` (what the closed list says, e.g. the chosen names) the boxes sit in a list the
    visitor opens; `clear_label` is a button that unticks every box. `help`: a line of small text under the label. `inline`: options side by side.
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

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"control {self.name!r}: kind {self.kind!r} is not one of {KINDS}")


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


def controls_payload(controls: Sequence[Control], *, layout: str = "column") -> bytes:
    """The component's data: the controls with their current values and how to lay them out (column or row)."""
    payload = {
        "layout": layout,
        "controls": [
            {
                "name": c.name,
                "kind": c.kind,
                "label": c.label,
                "options": [[value, label] for value, label in c.options],
                "value": _value_for_browser(c),
                "help": c.help,
                "disabled": c.disabled,
                "groups": [[label, list(values)] for label, values in c.groups],
                "none": c.none_label,
                "summary": c.summary,
                "clear": c.clear_label,
                "inline": c.inline,
            }
            for c in controls
        ],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


CONTROLS_HTML = '<form class="krcn-controls" data-state="loading" onsubmit="return false"></form>'
