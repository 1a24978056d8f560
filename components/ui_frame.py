"""The shared frame every page lives in: navigation, sidebar filter, language, share box, URL sync.

No `:material/...:` icons anywhere: Streamlit fetches some of them from Google's font host, and pages must
load nothing from other hosts. Use emoji or no icon.

`main()` runs from app.py. A page script starts with `view = page_view("<page id>")`; when Streamlit runs
the script directly (a cold deep link, before st.navigation has run once on this server), page_view runs
the frame itself, so that first visitor sees exactly what later visitors see.
"""
from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st

from components.dataset import DataPackageError, Dataset, current_data_dir, load_dataset
from components.i18n import t
from components.url_state import (
    Dropped,
    ViewState,
    page_href,
    parse_query,
    query_string,
    to_query,
)

LOG = logging.getLogger("kr_cn_dashboard")
ROOT = Path(__file__).resolve().parent.parent
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

    def href(self, page: str, **changes: object) -> str:
        """Relative link to another page (or this one) keeping language and filter."""
        state = replace(self.state, **changes) if changes else self.state
        spec = next(p for p in PAGES if p.id == page)
        return page_href(spec.url_path, to_query(state, page=page, locale=st.context.locale))

    def page_link(self, page: str, label: str | None = None, icon: str | None = None, **changes: object) -> None:
        """st.page_link to a page of the app keeping language and filter (plus page-level `changes`)."""
        state = replace(self.state, **changes) if changes else self.state
        st.page_link(
            _ACTIVE.pages[page],
            label=label or self.t(f"page.{page}"),
            icon=icon,
            query_params=to_query(state, page=page, locale=st.context.locale),
        )

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
    from components.graph import focusable_ids

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


def _on_lang() -> None:
    _apply(lang=st.session_state["w_lang"])


def _on_sector() -> None:
    order = list(st.session_state["_frame_sector_ids"])
    chosen = set(st.session_state["w_sector"] or ())
    _apply(sectors=tuple(s for s in order if s in chosen))


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
    from components.safe_text import escape_markdown as _escape

    return _escape(text)


def share_url(view: View) -> str:
    query = to_query(view.state, page=view.page, locale=st.context.locale, pin_lang=True)
    base = st.context.url
    if base:
        return base.split("?")[0].split("#")[0] + query_string(query)
    spec = next(p for p in PAGES if p.id == view.page)
    return page_href(spec.url_path, query)


_share_box = st.components.v2.component(
    "share_box",
    html='<div class="share"><label class="share-label"></label><div class="row">'
    '<input class="share-url" readonly><button type="button" class="share-copy"></button></div>'
    '<div class="share-status" role="status" aria-live="polite"></div></div>',
    css="""
.share{font-family:inherit;font-size:0.85rem}
.share-label{display:block;margin-bottom:0.25rem;color:var(--st-text-color, inherit)}
.row{display:flex;gap:0.4rem}
.share-url{flex:1;min-width:0;padding:0.35rem 0.5rem;border:1px solid rgba(128,128,128,.5);border-radius:0.4rem;
  background:transparent;color:inherit;font:inherit}
.share-copy{padding:0.35rem 0.7rem;border:1px solid rgba(128,128,128,.6);border-radius:0.4rem;background:transparent;
  color:inherit;cursor:pointer;font:inherit}
.share-copy:focus-visible,.share-url:focus-visible{outline:2px solid #0072B2;outline-offset:1px}
.share-status{min-height:1.1rem;font-size:0.8rem;margin-top:0.2rem}
""",
    js="""
export default function (component) {
  const { data, parentElement } = component;
  const input = parentElement.querySelector('.share-url');
  const button = parentElement.querySelector('.share-copy');
  const status = parentElement.querySelector('.share-status');
  const label = parentElement.querySelector('.share-label');
  const inputId = 'share-url-input';
  input.id = inputId;
  label.htmlFor = inputId;
  label.textContent = data.label;
  input.value = data.url;
  input.setAttribute('aria-label', data.label);
  button.textContent = data.copy;
  status.textContent = '';
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = data.copied;
    } catch (err) {
      input.select();
      try { document.execCommand('copy'); status.textContent = data.copied; }
      catch (e) { status.textContent = data.failed; }
    }
  };
  input.onfocus = () => input.select();
  // Streamlit's index.html pins <html lang="en">: announce Korean pages as Korean (WCAG 3.1.1).
  document.documentElement.lang = data.lang;
}
""",
)


def share_box(view: View) -> None:
    url = share_url(view)
    _share_box(
        data={
            "url": url,
            "label": view.t("share.label"),
            "copy": view.t("share.copy"),
            "copied": view.t("share.copied"),
            "failed": view.t("share.copy_failed"),
            "lang": view.lang,
        },
        key="share_box",
    )
    st.caption(view.t("share.help"))


def _sidebar(view: View, pages: dict[str, st.Page]) -> None:
    lang = view.lang
    sectors = view.data.sectors.sort_values("order")
    names = dict(zip(sectors["id"], sectors[f"name_{lang}"]))
    with st.sidebar:
        st.markdown(f"**{t('app.title', lang)}**")
        st.caption(t("app.subtitle", lang))
        for spec in PAGES:
            st.page_link(
                pages[spec.id],
                label=t(f"page.{spec.id}", lang),
                query_params=to_query(view.state, page="overview", locale=st.context.locale),
            )
        st.divider()
        st.session_state["w_lang"] = lang
        st.radio(
            t("lang.label", lang),
            options=["ko", "en"],
            format_func=lambda code: t(f"lang.{code}", lang),
            key="w_lang",
            horizontal=True,
            on_change=_on_lang,
        )
        st.session_state["w_sector"] = list(view.state.sectors)
        st.multiselect(
            t("sector.label", lang),
            options=list(sectors["id"]),
            format_func=lambda sid: names.get(sid, sid),
            key="w_sector",
            placeholder=t("sector.placeholder", lang),
            help=t("sector.help", lang),
            on_change=_on_sector,
        )
        st.divider()
        share_box(view)
        st.caption(t("footer.note", lang))


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


def main() -> None:
    """Draw the frame and run the current page inside it."""
    raw = _raw_query()
    lang = _lang_only(raw)
    st.set_page_config(layout="wide", initial_sidebar_state="expanded")
    pages = {
        spec.id: st.Page(
            str(ROOT / "pages" / f"{spec.id}.py"),
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
    state, dropped = parse_query(
        raw,
        page=page_id,
        sector_ids=list(data.sectors.sort_values("order")["id"]),
        focus_ids=focus_ids(data),
        locale=st.context.locale,
    )
    _write_url(state, page_id)
    dropped = _sticky_notice(dropped, page_id, state)
    st.session_state["_frame_state"] = state
    st.session_state["_frame_page"] = page_id
    st.session_state["_frame_sector_ids"] = tuple(data.sectors.sort_values("order")["id"])
    view = View(page=page_id, state=state, data=data)
    _sidebar(view, pages)
    if dropped:
        _notice(dropped, state.lang)
    _ACTIVE.view = view
    _ACTIVE.pages = pages
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


def link_card(view: View, page: str, text: str) -> None:
    """A card leading to a page, keeping language and filter."""
    with st.container(border=True):
        view.page_link(page)
        st.caption(text)


def url_select(
    view: View,
    param: str,
    options: Sequence[object],
    label: str,
    format_func: Callable[[object], str],
    widget: str = "selectbox",
    **kwargs: object,
) -> object:
    """A page-level widget whose value lives in the URL (`focus`, `depth`, `unit`)."""
    key = f"w_{param}"
    st.session_state[key] = getattr(view.state, param)
    factory = {"selectbox": st.selectbox, "radio": st.radio, "segmented": st.segmented_control}[widget]

    def on_change() -> None:
        value = st.session_state[key]
        if widget == "segmented" and value is None:
            return  # a segmented control can be unselected: keep the current value
        _apply(**{param: value})

    return factory(label, options=list(options), format_func=format_func, key=key, on_change=on_change, **kwargs)


def source_markdown(view: View, source_ids: Sequence[str], locator: str = "") -> str:
    """'Source: [Pressian, 2025-09-26](url) ¶1; …' as safe markdown (data text escaped, links http(s) only)."""
    from components.citations import source_line

    return view.data.memo(source_line, view.lang, tuple(source_ids), locator or "")


def source_caption(view: View, source_ids: Sequence[str], locator: str = "") -> None:
    # Small text at full contrast (st.caption fades text and links below WCAG AA 4.5:1).
    st.markdown(f":small[{source_markdown(view, source_ids, locator)}]")


def small_print(view: View, notes: Sequence[str], source_ids: Sequence[str], locator: str = "") -> None:
    """Notes (markdown, data text already escaped) and then the sources, as small full-contrast text in one
    element: one element to redraw per filter or language change instead of one per line."""
    lines = [*notes, source_markdown(view, source_ids, locator)]
    st.markdown("\n\n".join(f":small[{line}]" for line in lines))


def url_toggle(view: View, param: str, label: str, **kwargs: object) -> bool:
    """A page-level on/off switch whose value lives in the URL (e.g. `fade=1`)."""
    key = f"w_{param}"
    st.session_state[key] = bool(getattr(view.state, param))
    return st.toggle(label, key=key, on_change=lambda: _apply(**{param: st.session_state[key]}), **kwargs)


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
    every filter or language change. It stays open through a filter or unit change; a language switch closes
    it (Streamlit makes the translated label part of the expander's identity).
    Yields whether it is open: `with lazy_expander(label, key) as is_open: if is_open: ...`.
    """
    box = st.expander(label, key=f"{LAZY_PREFIX}{key}", on_change="rerun")
    with box:
        yield bool(box.open)


def csv_download(label: str, frame, file_name: str, key: str, headers: dict[str, str] | None = None) -> None:
    """A download of a table as shown: CSV with spreadsheet formulas neutralised (components/table_export)."""
    from components.table_export import csv_bytes

    # Built when clicked (Streamlit calls `data` then), not on every run of the page.
    st.download_button(
        label, lambda: csv_bytes(frame, headers), file_name=file_name, mime="text/csv", on_click="ignore", key=key
    )


def claim_card(view: View, claim, heading: str, link_label: str) -> None:
    """One entry of the claims ledger where a page makes the same point: claim, verdict, context, sources."""
    with st.container(border=True):
        verdict = view.t(f"sources.verdict.{claim['verdict']}")
        st.markdown(  # one element for the text: fewer to redraw on every change
            f"**{heading}** · {verdict}\n\n> {escape_markdown(claim[f'claim_{view.lang}'])}\n\n"
            f"{escape_markdown(claim[f'note_{view.lang}'])}\n\n"
            f":small[{source_markdown(view, claim['source_ids'], claim['locator'])}]"
        )
        view.page_link("sources", label=link_label)
