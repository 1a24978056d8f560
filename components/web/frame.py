"""The shared frame every page lives in: navigation, sidebar filter, language, share box, URL sync.

No `:material/...:` icons anywhere: Streamlit fetches some of them from Google's font host, and pages must
load nothing from other hosts. Use emoji or no icon.

`main()` runs from app.py. A page script starts with `view = page_view("<page id>")`; when Streamlit runs
the script directly (a cold deep link, before st.navigation has run once on this server), page_view runs
the frame itself, so that first visitor sees exactly what later visitors see.
"""
from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl

import streamlit as st

from components.web.kit import component_stub
from components.web.render.controls import (
    CONTROLS_HTML,
    OPTION_LIST_CSS,
    OPTION_LIST_HTML,
    Control,
    controls_payload,
    event_value,
    option_list_payload,
)
from components.data.dataset import DataPackageError, Dataset, current_data_dir, load_dataset
from components.web.render.frame import (
    DOWNLOAD_HTML,
    DOWNLOAD_WORDS,
    LINKS_HTML,
    SHARE_HTML,
    STAT_HTML,
    PageLink,
    download_payload,
    links_payload,
    share_payload,
    stat_payload,
)
from components.i18n import t
from components.views.sources import VERDICTS
from components.views.url_state import (
    Dropped,
    ViewState,
    page_href,
    parse_query,
    query_string,
    state_changes,
    to_query,
)

LOG = logging.getLogger("kr_cn_dashboard")
ROOT = Path(__file__).resolve().parents[2]
_ACTIVE = threading.local()


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
    PageSpec("sources", "sources"),
)


@dataclass(frozen=True)
class View:
    """What a page needs: the dataset, the parsed URL state and a translator bound to the language."""

    page: str
    state: ViewState
    data: Dataset

    @property
    def lang(self) -> str:
        return self.state.lang

    def t(self, key: str, **params: object) -> str:
        return t(key, self.state.lang, **params)

    def link(self, page: str, label: str | None = None, note: str = "", **changes: object) -> PageLink:
        """A link to a page of the app keeping language and filter (plus page-level `changes`)."""
        state = replace(self.state, **changes) if changes else self.state
        spec = next(p for p in PAGES if p.id == page)
        query = query_string(to_query(state, page=page, locale=st.context.locale))
        return PageLink(page, label or self.t(f"page.{page}"), spec.url_path, query, note, current=page == self.page)

    def page_link(self, page: str, label: str | None = None, *, key: str, **changes: object) -> None:
        """One link to a page of the app keeping language and filter (plus page-level `changes`)."""
        page_links(self.link(page, label, **changes), key=key)

    def navigate(self, **changes: object) -> None:
        """Change page-level state (e.g. focus) from code: update the URL and rerun."""
        new_state = replace(self.state, **changes)
        if new_state != self.state:
            _write_url(new_state, self.page)
            st.rerun()


@st.cache_resource(show_spinner=False)
def _cached_dataset(data_dir: str) -> Dataset:
    return load_dataset(data_dir)


def cached_dataset() -> Dataset:
    """The package, loaded once per server (read-only: never modify its frames)."""
    return _cached_dataset(str(current_data_dir()))


def focus_ids(data: Dataset) -> frozenset[str]:
    """Ids `?focus=` accepts: every node of the network (entities, clauses, sectors)."""
    from components.views.network_model import focusable_ids

    return frozenset(focusable_ids(data))


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
    for e in error.errors:
        LOG.error("data package: %s", e.message("en"))


def _apply(**changes: object) -> None:
    """Widget callback: the new value goes to the URL, which is the state."""
    state, page = st.session_state["_frame_state"], st.session_state["_frame_page"]
    _write_url(replace(state, **changes), page)


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


# The app's own components (static/krcn/ui.js draws them and adds their styles; every class is prefixed krcn-).
_share_box = st.components.v2.component("share_box", html=SHARE_HTML, js=component_stub("share"), isolate_styles=False)
_links = st.components.v2.component("krcn_links", html=LINKS_HTML, js=component_stub("links"), isolate_styles=False)
_controls = st.components.v2.component(
    "krcn_controls", html=CONTROLS_HTML, js=component_stub("controls"), isolate_styles=False
)
_option_list = st.components.v2.component(
    "krcn_options", html=OPTION_LIST_HTML, css=OPTION_LIST_CSS, js=component_stub("options"), isolate_styles=False
)
_stat = st.components.v2.component("krcn_stat", html=STAT_HTML, js=component_stub("stats"), isolate_styles=False)
_download = st.components.v2.component(
    "krcn_download", html=DOWNLOAD_HTML, js=component_stub("download"), isolate_styles=False
)


SHARE_WORDS = {"label": "label", "copy": "copy", "copied": "copied", "failed": "copy_failed"}  # data key -> i18n


def share_box(view: View) -> None:
    words = {key: view.t(f"share.{name}") for key, name in SHARE_WORDS.items()}
    _share_box(data=json.dumps(share_payload(share_url(view), view.lang, words)).encode("utf-8"), key="share_box")
    st.caption(view.t("share.help"))


def frame_controls(view: View) -> tuple[Control, ...]:
    """The sidebar's language switch and sector filter, with the URL's values."""
    lang = view.lang
    sectors = view.data.sectors.sort_values("order")
    names = dict(zip(sectors["id"], sectors[f"name_{lang}"]))
    chosen = [names[s] for s in view.state.sectors if s in names]
    return (
        Control("lang", "radio", t("lang.label", lang), tuple((code, t(f"lang.{code}", lang)) for code in ("ko", "en")),
                lang, inline=True),
        Control(
            "sector", "checks", t("sector.label", lang), tuple(names.items()), tuple(view.state.sectors),
            help=t("sector.help", lang),
            summary=", ".join(chosen) if chosen else t("sector.placeholder", lang),
            clear_label=t("sector.clear", lang),
        ),
    )


def _sidebar(view: View) -> None:
    lang = view.lang
    with st.sidebar:
        st.markdown(f"**{t('app.title', lang)}**")
        st.caption(t("app.subtitle", lang))
        page_links(*(view.link(spec.id) for spec in PAGES), key="frame_nav", style="nav", label=t("nav.label", lang))
        st.divider()
        url_controls(view, "frame_controls", frame_controls(view))
        st.divider()
        share_box(view)
        st.caption(t("footer.note", lang))


def page_links(*links: PageLink, key: str, style: str = "inline", label: str = "") -> None:
    """Links to pages of the app (nav: the sidebar's list; cards; inline). A plain click switches page in the
    running app: the link's page and query are kept for the next run, which `main` switches to."""

    def on_go() -> None:
        index = st.session_state[key]["go"]
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(links):
            st.session_state["_frame_go"] = links[index]

    _links(key=key, data=links_payload(links, style=style, label=label), on_go_change=on_go)


def url_controls(view: View, key: str, controls: Sequence[Control], layout: str = "column") -> None:
    """Controls whose values live in the URL: a change is checked against the control's options, then written
    to the URL before the page runs again (the URL is the state)."""
    by_name = {control.name: control for control in controls}

    def on_change() -> None:
        event = st.session_state[key]["change"]
        control = by_name.get(event.get("name")) if isinstance(event, dict) else None
        if control is None:
            return
        ok, value = event_value(control, event.get("value"))
        if ok:
            _apply(**state_changes(control.name, value))

    for control in controls:
        if control.shared_options:  # before the controls, so the list is there when they are drawn
            _option_list(key=f"{key}_{control.name}_options", data=option_list_payload(control))
    _controls(key=key, data=controls_payload(controls, layout=layout), on_change_change=on_change)


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
    go = st.session_state.pop("_frame_go", None)  # a page link was clicked (page_links)
    if go is not None:
        st.switch_page(pages[go.page], query_params=parse_qsl(go.query.removeprefix("?"), keep_blank_values=True))
    try:
        data = cached_dataset()
    except DataPackageError as error:
        _show_data_error(error, lang)
        return
    page_id = next(pid for pid, page in pages.items() if page.url_path == current.url_path)
    state, dropped = parse_query(
        raw,
        page=page_id,
        sector_ids=list(data.sectors.sort_values("order")["id"]),
        focus_ids=focus_ids(data),
        verdict_ids=VERDICTS,
        locale=st.context.locale,
    )
    _write_url(state, page_id)
    dropped = _sticky_notice(dropped, page_id, state)
    st.session_state["_frame_state"] = state
    st.session_state["_frame_page"] = page_id
    view = View(page=page_id, state=state, data=data)
    _sidebar(view)
    if dropped:
        _notice(dropped, state.lang)
    _ACTIVE.view = view
    try:
        with guarded(view):
            current.run()
    finally:
        _ACTIVE.view = None


def page_view(page_id: str) -> View:
    """The current View for a page script; runs the frame first when Streamlit ran the page directly."""
    view = getattr(_ACTIVE, "view", None)
    if view is not None:
        return view
    main()  # cold deep link: the frame runs this very page inside itself ...
    st.stop()  # ... so the direct run ends here.
    raise AssertionError("unreachable")


def stat(label: str, value: str, notes: Sequence[str] = (), key: str | None = None) -> None:
    """A figure in large type with what it is and plain-text notes under it (st.metric loads its own module,
    with a chart library, after the page's first message)."""
    _stat(data=stat_payload(label, value, notes), key=key)


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
def lazy_expander(label: str, key: str) -> Iterator[bool]:
    """An expander whose content runs only while it is open; opening or closing it reruns the page.

    For what a visitor opens on demand (a chart's numbers, a profile, a schema table): the page stays light on
    every filter or language change. It stays open through a filter, unit or language change (Streamlit makes the
    translated label part of the expander's identity, so its open state is remembered here by key).
    Yields whether it is open: `with lazy_expander(label, key) as is_open: if is_open: ...`.
    """
    remembered = f"_was_{LAZY_PREFIX}{key}"
    was_open = bool(st.session_state.get(remembered))
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
    """A button that downloads `build()` as `file_name`. The bytes are built when the button is clicked, not on
    every run: the click reruns the page, this run hands the file to the browser once, and the browser saves it
    (components/frame_render.download_payload). A file that cannot be built is logged and the button says so."""
    pending = f"_download_{key}"

    def on_request() -> None:
        nonce = st.session_state[key]["requested"]
        try:
            body = build()
        except Exception:  # noqa: BLE001 - the visitor gets a message, the log the traceback
            LOG.exception("download %s could not be built", file_name)
            body = None
        st.session_state[pending] = (nonce, body)

    lang = st.session_state["_frame_state"].lang  # set by `main` before the page runs
    words = {word: t(f"download.{word}", lang) for word in DOWNLOAD_WORDS}
    data = download_payload(
        label, file_name, mime, words, help_text=help_text, disabled=disabled, primary=primary,
        file=st.session_state.pop(pending, None),
    )
    _download(key=key, data=data, on_requested_change=on_request)


def csv_download(label: str, frame, file_name: str, key: str, headers: dict[str, str] | None = None) -> None:
    """A download of a table as shown: CSV with spreadsheet formulas neutralised (components/table_export)."""
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
