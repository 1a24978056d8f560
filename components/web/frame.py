"""The shared frame every page lives in: navigation, sidebar filter, language, share box, URL sync.

The URL is the state. Each run parses it into one ViewState (components/views/url_state.py); every control is
one of Streamlit's own widgets whose options are ids shown through `format_func` in the visitor's language:
`url_widget(view, param)` puts the URL's value in the widget's session state before it is drawn and writes a
change back to the URL (canonical form, defaults left out) in its on_change callback. (Not
`bind="query-params"`: with a format_func it writes the translated label to the URL.)

No `:material/...:` icons anywhere: Streamlit fetches some of them from Google's font host, and pages must
load nothing from other hosts. Use emoji or no icon.

`main()` runs from app.py. A page script starts with `view = page_view("<page id>")`; when Streamlit runs
the script directly (a cold deep link, before st.navigation has run once on this server), page_view runs
the frame itself, so that first visitor sees exactly what later visitors see.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import streamlit as st

from components.data.dataset import DataPackageError, Dataset, current_data_dir
from components.data.live import Served, store_for
from components.i18n import t
from components.views.citation import data_last_changed
from components.views.link_state import parse_link, scoped_data
from components.views.timeline import events_in_brief
from components.views.url_state import (
    GLOBAL_PARAMS,
    LANGS,
    PAGE_PARAMS,
    Dropped,
    ViewState,
    page_href,
    parse_query,
    query_string,
    state_changes,
    state_value,
    to_query,
)
from components.web.kit import component_stub

LOG = logging.getLogger("kr_cn_dashboard")
ROOT = Path(__file__).resolve().parents[2]
VIEW_KEY = "_frame_view"
_SESSION_RAN = "_frame_session_ran"  # session state: the frame has run once in this session
_HELD = "_frame_held"  # session state: controls whose browser-held value this first run kept  # session state: the View of the run in progress, while `main` runs its page


@dataclass(frozen=True)
class PageSpec:
    id: str
    url_path: str  # "" for the overview at "/"


PAGES = (
    PageSpec("overview", ""),
    PageSpec("network", "network"),
    PageSpec("delegation", "delegation"),
    PageSpec("economy", "economy"),
    PageSpec("mou", "mou"),
    PageSpec("regions", "regions"),
    PageSpec("timeline", "timeline"),
    PageSpec("story", "story"),
    PageSpec("sources", "sources"),
)


@dataclass(frozen=True)
class View:
    """What a page needs: the dataset, the parsed URL state and a translator bound to the language."""

    page: str
    state: ViewState
    data: Dataset  # the dataset as the chosen events see it (no ?event=: the seed events' story)
    all_data: Dataset | None = field(default=None, compare=False, repr=False)  # every event (the timeline's)
    pages: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)  # page id -> st.Page
    widened: tuple[str, ...] = ()  # /network: the events a focus beyond the first story brought into view

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def every_event(self) -> Dataset:
        """The dataset with every event (the sidebar's event list, the timeline), whatever the link chose."""
        return self.all_data if self.all_data is not None else self.data

    def t(self, key: str, **params: object) -> str:
        return t(key, self.state.lang, **params)

    def query(self, page: str, **changes: object) -> dict[str, list[str]]:
        """The query parameters of a link to `page` keeping language and filter (plus page-level `changes`)."""
        state = replace(self.state, **changes) if changes else self.state
        return to_query(state, page=page, locale=st.context.locale)

    def page_link(self, page: str, label: str | None = None, *, key: str | None = None, **changes: object) -> None:
        """A link (st.page_link) to a page of the app keeping language and filter (plus page-level `changes`).
        Streamlit ignores a page link to the page already shown, so a change of this page's own view (e.g. "Clear
        focus") is a tertiary st.button (`key` required) that writes the changed view to the URL."""
        if page == self.page and changes:
            state = replace(self.state, **changes)
            st.button(label or self.t(f"page.{page}"), key=key, type="tertiary",
                      on_click=_write_url, args=(state, page))
            return
        target = self.pages.get(page) or f"pages/{page}.py"
        st.page_link(target, label=label or self.t(f"page.{page}"), query_params=self.query(page, **changes))

    def write(self, **changes: object) -> None:
        """Write a changed view to the URL (in a widget callback: the rerun that follows shows it)."""
        _write_url(replace(self.state, **changes), self.page)

    def navigate(self, scope: str = "app", **changes: object) -> None:
        """Change page-level state (e.g. focus) from code: update the URL and rerun (with `scope="fragment"`, only
        the st.fragment this is called in: see `fragment_view`)."""
        new_state = replace(self.state, **changes)
        if new_state != self.state:
            _write_url(new_state, self.page)
            st.rerun(scope=scope)


def cached_dataset() -> Dataset:
    """The package being served (read-only: never modify its frames). A change to the files replaces it once it
    has validated; until then, and when it does not, the last good package serves (components/data/live.py)."""
    return store_for(current_data_dir()).dataset()


def serving_package() -> Served:
    """The package being served with the snapshot of its files (what /sources' download zips)."""
    return store_for(current_data_dir()).served()


def _raw_query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _write_url(state: ViewState, page: str) -> None:
    query = to_query(state, page=page, locale=st.context.locale)
    if query != _raw_query():
        st.query_params.from_dict(query)


def _lang_only(raw: dict[str, list[str]]) -> str:
    state, _ = parse_query({"lang": raw.get("lang", [])}, page="overview", sector_ids=(), locale=st.context.locale)
    return state.lang


def _show_data_error(error: DataPackageError, lang: str) -> None:
    st.title(t("app.title", lang))
    shown = error.errors[:8]
    lines = "\n".join(f"- {e.message(lang)}" for e in shown)
    more = "\n\n" + t("error.data.more", lang, count=len(error.errors) - len(shown)) if len(error.errors) > 8 else ""
    st.error(f"{t('error.data.title', lang)}\n\n{lines}{more}\n\n{t('error.data.fix', lang)}")
    # Logged once by the data store when the package was read, not here on every visit.


def _sticky_notice(dropped: list[Dropped], page: str, state: ViewState) -> list[Dropped]:
    """Keep the notice of a corrected link through reruns (a component mounting, a fragment) until the
    visitor changes the view; the first run already cleaned the URL, so later runs see nothing dropped."""
    key = (page, state)
    if dropped:
        st.session_state["_frame_notice"] = (key, list(dropped))
        return dropped
    remembered = st.session_state.get("_frame_notice")
    if remembered and remembered[0] == key:
        return remembered[1]
    st.session_state.pop("_frame_notice", None)
    return []


def _notice(dropped: Sequence[Dropped], lang: str) -> None:
    items = ", ".join(
        t("notice.param", lang, param=d.param, value=d.shown_value) if d.value else t("notice.param_only", lang, param=d.param)
        for d in dropped[:6]
    )
    if len(dropped) > 6:
        items += ", …"
    # st.warning renders markdown: show the user's text literally.
    st.warning(escape_markdown(t("notice.dropped", lang, items=items)))


def escape_markdown(text: str) -> str:
    """Make text show literally in Streamlit markdown (no links, HTML, LaTeX or formatting)."""
    from components.views.safe_text import escape_markdown as _escape

    return _escape(text)


def share_url(view: View) -> str:
    query = to_query(view.state, page=view.page, locale=st.context.locale, pin_lang=True)
    base = st.context.url
    if base:
        return base.split("?")[0].split("#")[0] + query_string(query)
    spec = next(p for p in PAGES if p.id == view.page)
    return page_href(spec.url_path, query)


def _parse(raw: Mapping[str, Sequence[str]], page: str, data: Dataset) -> tuple[ViewState, list[Dropped]]:
    """The URL's query parameters as the one ViewState of a run (unknown values dropped and listed)."""
    return parse_link(raw, page, data, st.context.locale)


def _browser_holds(param: str) -> bool:
    """True on the first run of a session whose browser already holds a value for the control bound to `param`:
    its process was replaced (a deploy, a crash) or forgot the session. Streamlit calls no on_change there (it has
    no earlier value to compare), so the control's value is kept and taken as a change once drawn
    (`_take_browser_changes`). Reads Streamlit 1.67's widget states (pinned in requirements.txt): their ids end in
    the widget's key."""
    if st.session_state.get(_SESSION_RAN):
        return False
    from streamlit.runtime.state.session_state_proxy import get_session_state

    held = get_session_state()._state._new_widget_state.states
    return any(widget_id.endswith("-" + param) for widget_id in held)


def _take_browser_changes(view: View) -> None:
    """After a session's first run: a control whose browser-held value differs from the URL's is the visitor's
    change (see `_browser_holds`); it goes to the URL, checked as a link would be, and the page is drawn again."""
    held = st.session_state.pop(_HELD, [])
    st.session_state[_SESSION_RAN] = True
    changed = view.state
    for param in held:
        value = st.session_state.get(param)
        if value is None or value == state_value(changed, param):
            continue
        try:
            wanted = to_query(replace(changed, **state_changes(param, value)), page=view.page, locale=st.context.locale)
        except (TypeError, ValueError, KeyError):
            continue
        parsed, dropped = _parse(wanted, view.page, view.all_data or view.data)
        if not dropped:
            changed = parsed
    if changed != view.state:
        _write_url(changed, view.page)
        st.rerun()


def _on_widget_change(param: str) -> None:
    """A widget bound to URL parameter `param` changed: its value goes to the URL (the state) in canonical form.
    The new view is parsed again as a link would be, so a value the page does not offer changes nothing."""
    state, page = st.session_state["_frame_state"], st.session_state["_frame_page"]
    try:
        changed = replace(state, **state_changes(param, st.session_state.get(param)))
        wanted = to_query(changed, page=page, locale=st.context.locale)
    except (TypeError, ValueError):
        return
    new_state, dropped = _parse(wanted, page, cached_dataset())
    if not dropped:
        _write_url(new_state, page)


def url_widget(view: View, param: str) -> dict[str, object]:
    """Keyword arguments binding one of Streamlit's widgets to URL parameter `param`:
    `st.radio(label, options, format_func=..., **url_widget(view, "lang"))`. The widget's key is the parameter's
    name; its value is set from the URL before it is drawn (so no `index=`/`default=`), and a change is written
    back to the URL by the callback."""
    if _browser_holds(param):
        st.session_state.setdefault(_HELD, []).append(param)
    else:
        st.session_state[param] = state_value(view.state, param)
    return {"key": param, "on_change": _on_widget_change, "args": (param,)}


def _drawing_nothing(name: str):
    """An inline component that only runs its script (static/krcn/common.js `name`): its own one-line style takes
    it out of the layout at once."""
    return st.components.v2.component(
        f"krcn_{name}",
        html=f'<div class="krcn-{name}" hidden></div>',
        # (Two lines: Streamlit reads a one-line string with brackets as a file path.)
        css=f'/* draws nothing */\n[data-testid="stElementContainer"]:has(.krcn-{name}){{display:none}}\n',
        js=component_stub(name),
        isolate_styles=False,
    )


# The copy boxes at the foot of the sidebar: the share link and the citation, each its text in a read-only box (Tab
# reaches it; select and copy) and a copy button. st.code would give both, but it loads Streamlit's syntax
# highlighter (1.56 MB, 540 KB compressed) and a code font on every first visit: docs/performance.md has the
# measurement. The same component sets <html lang> and links page.css for the whole page (static/krcn/common.js
# `sidebar`): one element where there were three (docs/performance.md, issue 27).
COPY_BOXES = ("share_link", "citation")
_COPY_BOX = ('<div class="krcn-copy"><strong class="krcn-copy-label"></strong>'
             '<textarea class="krcn-copy-text" readonly spellcheck="false"></textarea>'
             '<button type="button" class="krcn-copy-button"></button><span class="krcn-copy-status" role="status"></span>'
             '<div class="krcn-copy-notes"></div></div>')
_sidebar_boxes = st.components.v2.component(
    "krcn_sidebar",
    html=f'<div class="krcn-copies">{_COPY_BOX * len(COPY_BOXES)}</div>',
    js=component_stub("sidebar"),
    isolate_styles=False,
)


def copy_texts(view: View) -> dict[str, str]:
    """What each copy box holds for `view`, by box id (`COPY_BOXES`): the sidebar draws it, and a fragment's rerun
    relays it to the boxes (`fragment_view`)."""
    return {"share_link": share_url(view), "citation": cite_this_view(view)}


def copy_boxes(view: View) -> None:
    """The link to this view (language pinned) and how to cite it, each with a copy button: one element."""
    texts = copy_texts(view)
    boxes = [
        {"id": "share_link", "label": view.t("share.label"), "text": texts["share_link"],
         "notes": [view.t("share.help")]},
        {"id": "citation", "label": view.t("cite.label"), "text": texts["citation"], "notes": [view.t("cite.help")]},
    ]
    _sidebar_boxes(key="krcn_sidebar", data={"lang": view.lang, "boxes": boxes, "button": view.t("copy.button"),
                                             "done": view.t("copy.done"), "failed": view.t("copy.failed")})


# Inside a fragment: gives the sidebar's share link and citation the view the fragment shows now (its own reruns
# leave the sidebar untouched). Draws nothing.
_relay = _drawing_nothing("relay")


def fragment_view(view: View) -> View:
    """The page's View as the URL has it now, for the body of an st.fragment. A control inside a fragment reruns
    the fragment alone (not the sidebar, not the rest of the page: less to redraw); the page script's `view` is then
    that of the last full run, and the control has just written the new state to the URL. So the URL is parsed
    again here, the frame's state follows it (the next control's change starts from it), and the sidebar's share
    link and citation are given the new view (`relay`)."""
    current = st.session_state.get(VIEW_KEY)
    if isinstance(current, View) and current.page == view.page:
        return current  # a full run: the frame parsed the URL moments ago and drew the sidebar for it
    data = cached_dataset()
    state, _ = _parse(_raw_query(), view.page, data)
    st.session_state["_frame_state"] = state
    scoped, widened = scoped_data(data, view.page, state)
    fresh = replace(view, state=state, data=scoped, all_data=data, widened=widened)
    _relay(key="krcn_relay", data={"texts": copy_texts(fresh)})
    return fresh


# The sidebar's event filter offers at most this many events (every page sends its options): only the synthetic
# 100x package has more (2 600 events, 330 KB of labels on every page).
MAX_EVENT_OPTIONS = 500


def capped_options(options, chosen, last: bool = False) -> list:
    """A filter's options, at most MAX_EVENT_OPTIONS of them (the first, or with `last` the last), then any the link
    chose beyond them: only the synthetic 100x package has thousands, and any id in a link still works."""
    options = list(options)
    kept = options[-MAX_EVENT_OPTIONS:] if last else options[:MAX_EVENT_OPTIONS]
    return list(dict.fromkeys([*kept, *chosen]))


def event_names(data: Dataset, lang: str) -> dict[str, str]:
    """Event id -> "date · name", in time order, for the sidebar's event filter."""
    from components.views.timeline import event_labels

    return dict(event_labels(data, lang))


def _event_names(view: View) -> dict[str, str]:
    """`event_names`, computed once per dataset and language (shared: never modify it)."""
    return view.every_event.memo(event_names, view.lang)


def names_by_id(data: Dataset, table: str, lang: str) -> dict[str, str]:
    """Id -> name in `lang` of a table's rows (sectors in their taxonomy order)."""
    frame = data.table(table)
    if table == "sectors":
        frame = frame.sort_values("order")
    return dict(zip(frame["id"], frame[f"name_{lang}"]))


def view_title(view: View) -> str:
    """What the view shows beyond its page, in words: the chosen events, sectors and node in focus."""
    data = view.every_event
    parts = []
    if view.state.events:
        names = data.memo(names_by_id, "events", view.lang)
        parts.append(", ".join(names.get(e, e) for e in view.state.events))
    if view.state.sectors:
        names = data.memo(names_by_id, "sectors", view.lang)
        parts.append(", ".join(names.get(s, s) for s in view.state.sectors))
    if view.state.focus:
        parts.append(data.memo(focus_labels, view.lang).get(view.state.focus, view.state.focus))
    return " · ".join(parts)


def focus_labels(data: Dataset, lang: str) -> dict[str, str]:
    """Node id -> "Name · kind": how the focus control names a node."""
    from components.views.network_model import focus_options

    return dict(focus_options(data, lang))


def cite_this_view(view: View) -> str:
    from components.views.citation import cite_view, data_last_changed

    data = view.every_event
    return cite_view(view_title(view), t(f"page.{view.page}", view.lang), data_last_changed(data), share_url(view), view.lang)


def _sidebar(view: View) -> None:
    lang = view.lang
    names = view.data.memo(names_by_id, "sectors", lang)  # in the taxonomy's order; shared: never modified
    with st.sidebar:
        brief = view.every_event.memo(events_in_brief)
        subtitle = (t("app.subtitle", lang, count=brief[0], first=brief[1], last=brief[2]) if brief
                    else t("app.subtitle.story", lang))
        st.markdown(f"**{t('app.title', lang)}**\n\n{as_caption(subtitle)}")  # one element
        # the sections are set apart by page.css (a rule under each container), not by st.divider elements
        with st.container(key="frame_nav"):
            for spec in PAGES:
                view.page_link(spec.id)
        with st.container(key="frame_controls"):
            st.radio(t("lang.label", lang), LANGS, format_func=lambda code: t(f"lang.{code}", lang), horizontal=True,
                     **url_widget(view, "lang"))
            st.multiselect(t("sector.label", lang), list(names), format_func=names.__getitem__,
                           placeholder=t("sector.placeholder", lang), help=t("sector.help", lang),
                           **url_widget(view, "sector"))
            events = _event_names(view)
            if events:  # every page shows the chosen events; none: the first story (the seed events)
                _event_filter(view, events)
        copy_boxes(view)
        data_date = data_last_changed(view.every_event) or t("unknown", lang)  # the package serving, as it was
        st.caption(t("footer.note", lang) + " " + t("footer.data_date", lang, date=data_date))


def _event_filter(view: View, events: dict[str, str]) -> None:
    """The event filter, folded under a summary of what it chose: its list (every event, 20-23 KB of labels) is
    sent and drawn only while it is open, not on every rerun of every page (docs/performance.md, issue 27). It opens
    by itself on a visit whose link chose events, and stays as the visitor leaves it."""
    lang, chosen = view.lang, view.state.events
    summary = t("event.summary.chosen", lang, count=len(chosen)) if chosen else t("event.summary.default", lang)
    with lazy_expander(summary, key="events", open_at_first=bool(chosen)) as is_open:
        if not is_open:
            return
        offered, help_text = list(events), t("event.help", lang)
        if len(offered) > MAX_EVENT_OPTIONS:  # the most recent, and those the link chose (any id still works)
            offered = capped_options(offered, chosen, last=True)
            help_text += " " + t("event.capped", lang, shown=MAX_EVENT_OPTIONS, total=len(events))
        st.multiselect(t("event.label", lang), offered, format_func=events.__getitem__,
                       placeholder=t("event.default", lang), help=help_text, **url_widget(view, "event"))


@contextmanager
def guarded(view_or_lang: View | str) -> Iterator[None]:
    """Run one section; if it fails, show a friendly message with a reference the logs can match."""
    try:
        yield
    except Exception:
        ref = uuid.uuid4().hex[:8]
        LOG.exception("section failed (reference %s)", ref)
        lang = view_or_lang.lang if isinstance(view_or_lang, View) else view_or_lang
        st.error(t("error.page", lang, ref=ref))


def main(pages_dir: Path = ROOT / "pages") -> None:
    """Draw the frame and run the current page inside it (the page scripts in `pages_dir`: bench/frame_pages has
    empty ones, to measure what the frame alone costs)."""
    raw = _raw_query()
    lang = _lang_only(raw)
    st.set_page_config(layout="wide", initial_sidebar_state="auto")  # open on wide screens, closed on phones
    pages = {
        spec.id: st.Page(
            str(pages_dir / f"{spec.id}.py"),
            title=t(f"page.{spec.id}", lang),
            url_path=spec.url_path or None,
            default=spec.url_path == "",
        )
        for spec in PAGES
    }
    current = st.navigation(list(pages.values()), position="hidden")
    try:
        data = cached_dataset()
    except DataPackageError as error:
        _show_data_error(error, lang)
        return
    page_id = next(pid for pid, page in pages.items() if page.url_path == current.url_path)
    state, dropped = _parse(raw, page_id, data)
    _write_url(state, page_id)
    dropped = _sticky_notice(dropped, page_id, state)
    st.session_state["_frame_state"] = state
    st.session_state["_frame_page"] = page_id
    scoped, widened = scoped_data(data, page_id, state)  # what the chosen events (or the seed events) see
    view = View(page=page_id, state=state, data=scoped, all_data=data, pages=pages, widened=widened)
    _sidebar(view)
    if dropped:
        _notice(dropped, state.lang)
    st.session_state[VIEW_KEY] = view
    try:
        with guarded(view):
            current.run()
    finally:
        st.session_state.pop(VIEW_KEY, None)
    _take_browser_changes(view)


def page_view(page_id: str) -> View:
    """The current View for a page script; runs the frame first when Streamlit ran the page directly (then no
    View of this run is in the session: `main` keeps it there only while it runs its page)."""
    view = st.session_state.get(VIEW_KEY)
    if isinstance(view, View) and view.page == page_id:
        return view
    main()  # cold deep link: the frame runs this very page inside itself ...
    st.stop()  # ... so the direct run ends here.
    raise AssertionError("unreachable")


def source_markdown(view: View, source_ids: Sequence[str], locator: str = "") -> str:
    """'Source: [Pressian, 2025-09-26](url) ¶1; …' as safe markdown (data text escaped, links http(s) only)."""
    from components.views.citations import source_line

    return view.data.memo(source_line, view.lang, tuple(source_ids), locator or "")


def source_caption(view: View, source_ids: Sequence[str], locator: str = "") -> None:
    # Small text at full contrast (st.caption fades text and links below WCAG AA 4.5:1).
    st.markdown(f":small[{source_markdown(view, source_ids, locator)}]")


def small_print(view: View, notes: Sequence[str], source_ids: Sequence[str], locator: str = "") -> None:
    """Notes (markdown, data text already escaped) and then the sources, as small full-contrast text in one
    element: one element to redraw per filter or language change instead of one per line."""
    lines = [*notes, source_markdown(view, source_ids, locator)]
    st.markdown("\n\n".join(f":small[{line}]" for line in lines))


def as_caption(text: str) -> str:
    """Markdown that reads as st.caption does (small and grey, 5.8:1 on the page where st.caption's fade gives
    4.8:1), to join another markdown element instead of being an element of its own."""
    return f":gray[:small[{text}]]"


def section_heading(heading: str, intro: str = "", *, level: int = 2, intro_as_text: bool = False) -> None:
    """A section's heading (h2, or h3 with `level=3`) and the line under it on what it shows, as one markdown element
    (st.header and st.caption were two, each redrawn on every filter or language change: docs/performance.md,
    issue 27). The line reads as a caption (`as_caption`); `intro_as_text` keeps it body text (paragraphs and lists
    of its own). Both are markdown, as st.header's and
    st.caption's are: pass data text escaped."""
    parts = [f"{'#' * level} {' '.join(heading.split())}"]
    if intro:
        parts.append(intro if intro_as_text else as_caption(intro))
    st.markdown("\n\n".join(parts))


MAX_LISTED = 50  # cards or profiles drawn one by one; past this a page draws the first ones and says where the rest are


def first_listed(view: View, rows, where_key: str):
    """The first MAX_LISTED rows to draw one by one; when there are more, a note says how many and where all of
    them are (a table with every row). Keeps a page usable when the data grows (bench/scale_data.py)."""
    if len(rows) <= MAX_LISTED:
        return rows
    st.caption(view.t("list.capped", shown=MAX_LISTED, total=len(rows), where=view.t(where_key)))
    return rows.iloc[:MAX_LISTED]


LAZY_PREFIX = "open_"  # session-state keys of lazy expanders (tests open them all by this prefix)


@contextmanager
def lazy_expander(label: str, key: str, open_at_first: bool = False) -> Iterator[bool]:
    """An expander whose content runs only while it is open; opening or closing it reruns the page.

    For what a visitor opens on demand (a chart's numbers, a profile, a schema table): the page stays light on
    every filter or language change. It stays open through a filter, unit or language change (Streamlit makes the
    translated label part of the expander's identity, so its open state is remembered here by key).
    Yields whether it is open: `with lazy_expander(label, key) as is_open: if is_open: ...`. `open_at_first`: open
    on the session's first run (then as the visitor leaves it).
    """
    remembered = f"_was_{LAZY_PREFIX}{key}"
    was_open = bool(st.session_state.get(remembered, open_at_first))
    box = st.expander(label, expanded=was_open, key=f"{LAZY_PREFIX}{key}", on_change="rerun")
    st.session_state[remembered] = bool(box.open)
    with box:
        yield bool(box.open)


def download_button(
    label: str,
    build: Callable[[], bytes],
    file_name: str,
    mime: str,
    key: str,
    *,
    help_text: str = "",
    disabled: bool = False,
    primary: bool = False,
) -> None:
    """A button that downloads `build()` as `file_name`, built when clicked (Streamlit calls it then), not on
    every run; clicking does not rerun the page. A file that cannot be built is logged here first."""

    def built() -> bytes:
        try:
            return build()
        except Exception:
            LOG.exception("download %s could not be built", file_name)
            raise

    st.download_button(label, data=built, file_name=file_name, mime=mime, key=key, help=help_text or None,
                       on_click="ignore", type="primary" if primary else "secondary", disabled=disabled)


def csv_download(label: str, frame, file_name: str, key: str, headers: dict[str, str] | None = None) -> None:
    """A download of a table as shown: CSV with spreadsheet formulas neutralised (components/data/export.py)."""
    from components.data.export import csv_bytes

    download_button(label, lambda: csv_bytes(frame, headers), file_name, "text/csv", key)


def claim_card(view: View, claim, heading: str, link_label: str) -> None:
    """One entry of the claims ledger where a page makes the same point: claim, verdict, context, sources."""
    with st.container(border=True):
        verdict = view.t(f"sources.verdict.{claim['verdict']}")
        st.markdown(  # one element for the text: fewer to redraw on every change
            f"**{heading}** · {verdict}\n\n> {escape_markdown(claim[f'claim_{view.lang}'])}\n\n"
            f"{escape_markdown(claim[f'note_{view.lang}'])}\n\n"
            f":small[{source_markdown(view, claim['source_ids'], claim['locator'])}]"
        )
        view.page_link("sources", label=link_label, key=f"claim_link_{claim['id']}")
