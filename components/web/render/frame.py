"""Links between the app's pages, the share box, stat cards and download buttons, as the app's own components
draw them (no streamlit): their data and HTML; the browser code is `links`, `share`, `stats` and `download` in
static/krcn/ui.js.

Page links are real links (`<a href>`: open in a new tab, copy the address, a screen reader's list of links);
a plain click stays in the running app instead of loading it anew: the component sends the link's index and the
frame switches page (`st.switch_page`) with the link's query. `st.page_link` would load its own module after the
page's first message, which every first visit waits for.
"""
from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


STYLES = ("nav", "cards", "inline")


@dataclass(frozen=True)
class PageLink:
    """A link to a page of the app: `path` is its URL path ("" for the overview), `query` its query string
    ("?lang=ko&focus=initech" or ""), `note` a line under the label (cards)."""

    page: str
    label: str
    path: str
    query: str = ""
    note: str = ""
    current: bool = False


def links_payload(links: Sequence[PageLink], *, style: str, label: str = "") -> bytes:
    """The component's data: the links, how they look (nav: the sidebar's list; cards; inline: one line each)
    and the accessible name of the navigation landmark (nav only)."""
    if style not in STYLES:
        raise ValueError(f"style {style!r} is not one of {STYLES}")
    payload = {
        "style": style,
        "label": label,
        "links": [
            {"label": link.label, "path": link.path, "query": link.query, "note": link.note, "current": link.current}
            for link in links
        ],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


LINKS_HTML = '<div class="krcn-links" data-state="loading"></div>'


def share_payload(url: str, lang: str, text: Mapping[str, str]) -> dict[str, str]:
    """The share box's data: the link, the page's language (for <html lang>) and its words (label, copy, copied,
    failed)."""
    return {"url": url, "lang": lang, **{key: text[key] for key in ("label", "copy", "copied", "failed")}}


SHARE_HTML = (
    '<div class="krcn-share" data-state="loading"><label class="krcn-share-label"></label><div class="krcn-share-row">'
    '<input class="krcn-share-url" readonly><button type="button" class="krcn-share-copy"></button></div>'
    '<div class="krcn-share-status" role="status" aria-live="polite"></div></div>'
)


def stat_payload(label: str, value: str, notes: Sequence[str] = ()) -> bytes:
    """A stat card's data: a figure (`value`, as the page shows it), what it is (`label`) and lines of plain text
    under it."""
    return json.dumps({"label": label, "value": value, "notes": list(notes)}, ensure_ascii=False).encode("utf-8")


STAT_HTML = '<div class="krcn-stat" data-state="loading"></div>'


DOWNLOAD_WORDS = ("preparing", "failed")


def download_payload(
    label: str,
    file_name: str,
    mime: str,
    words: Mapping[str, str],
    *,
    help_text: str = "",
    disabled: bool = False,
    primary: bool = False,
    file: tuple[object, bytes | None] | None = None,
) -> bytes:
    """A download button's data. The file is built only when asked for: a click sends a request, the server builds
    the bytes and the next run hands them over once as `file` (the request's nonce, the bytes in base64 — or
    `failed` when they could not be built), which the browser saves under `file_name`. `words`: what the button
    says while the file is prepared and when it failed. (`st.download_button` loads its own module after the
    page's first message, and every first visit to a page with one waited for it.)"""
    payload: dict = {
        "label": label,
        "help": help_text,
        "disabled": disabled,
        "primary": primary,
        "words": {key: words[key] for key in DOWNLOAD_WORDS},
    }
    if file is not None:
        nonce, body = file
        payload["file"] = {"nonce": nonce, "name": file_name, "mime": mime}
        if body is None:
            payload["file"]["failed"] = True
        else:
            payload["file"]["base64"] = base64.b64encode(body).decode("ascii")
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


DOWNLOAD_HTML = (
    '<div class="krcn-download" data-state="loading"><button type="button" class="krcn-download-button"></button>'
    '<p class="krcn-download-help"></p><p class="krcn-download-status" role="status" aria-live="polite"></p></div>'
)
