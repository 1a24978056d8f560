"""The view as URL query parameters: parse (dropping what is invalid) and serialise (leaving defaults out).

Public link contract: `lang=ko|en`, `sector=<id>` and `event=<event id>` (both repeatable) on every page,
`focus=<entity id>`, `depth=1..3` and
`fade=1` on /network, `unit=usd|krw` on /economy, `verdict=<verdict>` (repeatable) on /sources, `step=<n>` on
/story (parsed by components.views.story.parse_step), `region=<id>`, `counterpart=<id>` (repeatable) and
`open=<event id>` on /timeline, `region=<id>` (repeatable) on /regions. Anything else is dropped with a notice.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

LANGS = ("ko", "en")
UNITS = ("usd", "krw")
DEPTHS = (1, 2, 3)
DEFAULT_UNIT = "usd"
DEFAULT_DEPTH = 1
# Page-level parameters: only the page that owns one keeps it.
PAGE_PARAMS = {"network": ("focus", "depth", "fade"), "economy": ("unit",), "sources": ("verdict",),
               "story": ("step",), "timeline": ("region", "counterpart", "open"), "regions": ("region",)}
GLOBAL_PARAMS = ("lang", "sector", "event")  # /story parses step itself: components.views.story.parse_step
# Added by social networks and mail tools: dropped quietly, never worth a notice.
TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_", "igshid")
MAX_SHOWN_VALUE = 40


@dataclass(frozen=True)
class ViewState:
    """Everything that decides what a page shows."""

    lang: str
    sectors: tuple[str, ...] = ()
    focus: str | None = None
    depth: int = DEFAULT_DEPTH
    fade: bool = False  # network: fade what the filter leaves out instead of hiding it
    unit: str = DEFAULT_UNIT
    verdicts: tuple[str, ...] = ()  # sources: the claims ledger shows these verdicts only (none: all)
    events: tuple[str, ...] = ()  # every page: the chosen events (none: the seed events; on /timeline, all)
    regions: tuple[str, ...] = ()  # timeline and regions: Korean regions (none: all)
    counterparts: tuple[str, ...] = ()  # timeline: Chinese counterparts (none: all)
    open: str | None = None  # timeline: the event opened below the chart
    step: int | None = None  # story: the step shown (None: the first)


@dataclass(frozen=True)
class Dropped:
    """A query parameter (or one of its values) that was ignored, for the visible notice."""

    param: str
    value: str = field(default="")

    @property
    def shown_value(self) -> str:
        printable = "".join(ch if ch.isprintable() else "?" for ch in self.value)
        return printable if len(printable) <= MAX_SHOWN_VALUE else printable[: MAX_SHOWN_VALUE - 1] + "…"


def default_lang(locale: str | None) -> str:
    """Korean for a browser whose locale is Korean, English for any other (or none)."""
    return "ko" if isinstance(locale, str) and locale.strip().lower().startswith("ko") else "en"


def _first_valid(values: Sequence[str], allowed: Collection[str], param: str, dropped: list[Dropped]) -> str | None:
    chosen = None
    for value in values:
        if value == "":
            continue
        if chosen is None and value in allowed:
            chosen = value
        elif value != chosen:
            dropped.append(Dropped(param, value))
    return chosen


def parse_query(
    params: Mapping[str, Sequence[str]],
    *,
    page: str,
    sector_ids: Sequence[str],
    focus_ids: Collection[str] = (),
    verdict_ids: Sequence[str] = (),
    event_ids: Sequence[str] = (),
    region_ids: Sequence[str] = (),
    counterpart_ids: Sequence[str] = (),
    step_numbers: Sequence[int] = (),
    locale: str | None = None,
) -> tuple[ViewState, list[Dropped]]:
    """Turn raw query parameters into a ViewState; every ignored parameter or value is listed in the result."""
    dropped: list[Dropped] = []
    own = PAGE_PARAMS.get(page, ())
    for key in params:
        known = key in GLOBAL_PARAMS or key in own
        elsewhere = any(key in keys for keys in PAGE_PARAMS.values())
        if not known and not elsewhere and not key.startswith(TRACKING_PREFIXES):
            dropped.append(Dropped(key))

    lang = _first_valid(params.get("lang", ()), LANGS, "lang", dropped) or default_lang(locale)

    sectors = _chosen(params.get("sector", ()), sector_ids, "sector", dropped)
    events = _chosen(params.get("event", ()), event_ids, "event", dropped)

    focus, depth, fade, unit = None, DEFAULT_DEPTH, False, DEFAULT_UNIT
    if "focus" in own:
        focus = _first_valid(params.get("focus", ()), focus_ids, "focus", dropped)
    if "depth" in own:
        depth_text = _first_valid(params.get("depth", ()), [str(d) for d in DEPTHS], "depth", dropped)
        depth = int(depth_text) if depth_text else DEFAULT_DEPTH
    if "fade" in own:
        fade = _first_valid(params.get("fade", ()), ("1",), "fade", dropped) == "1"
    if "unit" in own:
        unit = _first_valid(params.get("unit", ()), UNITS, "unit", dropped) or DEFAULT_UNIT
    verdicts = _chosen(params.get("verdict", ()), verdict_ids, "verdict", dropped) if "verdict" in own else ()
    regions = _chosen(params.get("region", ()), region_ids, "region", dropped) if "region" in own else ()
    counterparts = (
        _chosen(params.get("counterpart", ()), counterpart_ids, "counterpart", dropped) if "counterpart" in own else ()
    )
    opened = _first_valid(params.get("open", ()), event_ids, "open", dropped) if "open" in own else None
    step_text = _first_valid(params.get("step", ()), [str(n) for n in step_numbers], "step", dropped) if "step" in own else None
    first_step = min(step_numbers) if step_numbers else None
    step = int(step_text) if step_text and int(step_text) != first_step else None  # the first step is the default
    state = ViewState(lang=lang, sectors=sectors, focus=focus, depth=depth, fade=fade, unit=unit, verdicts=verdicts,
                      events=events, regions=regions, counterparts=counterparts, open=opened, step=step)
    return state, dropped


def _chosen(values: Sequence[str], allowed: Sequence[str], param: str, dropped: list[Dropped]) -> tuple[str, ...]:
    """A repeatable parameter's valid values in `allowed` order (one canonical link per view), others dropped."""
    wanted = set()
    for value in values:
        if value == "":
            continue
        if value in allowed:
            wanted.add(value)
        else:
            dropped.append(Dropped(param, value))
    return tuple(v for v in allowed if v in wanted)


def to_query(state: ViewState, *, page: str, locale: str | None = None, pin_lang: bool = False) -> dict[str, list[str]]:
    """Query parameters for a view, defaults left out. `pin_lang` keeps lang for links shared with others,
    whose browsers may have another locale."""
    query: dict[str, list[str]] = {}
    if pin_lang or state.lang != default_lang(locale):
        query["lang"] = [state.lang]
    if state.sectors:
        query["sector"] = list(state.sectors)
    if state.events:
        query["event"] = list(state.events)
    own = PAGE_PARAMS.get(page, ())
    if "focus" in own and state.focus:
        query["focus"] = [state.focus]
    if "depth" in own and state.focus and state.depth != DEFAULT_DEPTH:
        query["depth"] = [str(state.depth)]
    if "fade" in own and state.fade:
        query["fade"] = ["1"]
    if "unit" in own and state.unit != DEFAULT_UNIT:
        query["unit"] = [state.unit]
    if "verdict" in own and state.verdicts:
        query["verdict"] = list(state.verdicts)
    if "region" in own and state.regions:
        query["region"] = list(state.regions)
    if "counterpart" in own and state.counterparts:
        query["counterpart"] = list(state.counterparts)
    if "open" in own and state.open:
        query["open"] = [state.open]
    if "step" in own and state.step is not None:
        query["step"] = [str(state.step)]
    return query


# URL parameter -> the ViewState field a control bound to it sets
_FIELDS = {"lang": "lang", "sector": "sectors", "focus": "focus", "depth": "depth", "fade": "fade", "unit": "unit",
           "verdict": "verdicts", "event": "events", "region": "regions", "counterpart": "counterparts",
           "open": "open", "step": "step"}


def state_changes(param: str, value: object) -> dict[str, object]:
    """What a control bound to URL parameter `param` changes in the ViewState when it takes `value` (already
    checked against the control's options): `state_changes("depth", "2")` -> {"depth": 2}."""
    if param not in _FIELDS:
        raise KeyError(f"no view state behind URL parameter {param!r}")
    if param in ("depth", "step"):
        value = int(value)  # type: ignore[arg-type]
    elif param in ("sector", "verdict", "event", "region", "counterpart"):
        value = tuple(value or ())  # type: ignore[arg-type]
    elif param == "fade":
        value = bool(value)
    return {_FIELDS[param]: value}


def state_value(state: ViewState, param: str) -> object:
    """The value of URL parameter `param` in `state`, as a control shows it: ids, a list for repeatable ones
    (`state_value(state, "sector")` -> ["ai", "cloud"]); the inverse of `state_changes`."""
    if param not in _FIELDS:
        raise KeyError(f"no view state behind URL parameter {param!r}")
    value = getattr(state, _FIELDS[param])
    return list(value) if isinstance(value, tuple) else value


def query_string(query: Mapping[str, Sequence[str]]) -> str:
    """'?a=1&b=2' (or '' when empty), repeated keys kept in order."""
    pairs = [(key, value) for key, values in query.items() for value in values]
    return "?" + urlencode(pairs) if pairs else ""


def page_href(url_path: str, query: Mapping[str, Sequence[str]], base_path: str = "") -> str:
    """Relative link to a page of this app, e.g. '/network?lang=ko&focus=initech'."""
    base = "/" + base_path.strip("/") if base_path.strip("/") else ""
    return f"{base}/{url_path}{query_string(query)}"
