"""Streamlit's index.html turned into a view's own page: its title, description and link-preview tags in the head,
and its first screen (components/views/first_screen.py) as plain HTML in a fixed overlay that
static/krcn/first-screen.js removes once Streamlit has drawn the page. Every text is escaped here."""
from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from components.i18n import t
from components.views.first_screen import FIRST_ROWS, FirstScreen
from components.views.url_state import page_href, to_query

OVERLAY_ID = "krcn-first"
SCRIPT_PATH = "app/static/krcn/first-screen.js"
_STYLESHEET = re.compile(r'\s*<link rel="stylesheet"[^>]*>')
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_HTML_TAG = re.compile(r'<html lang="[^"]*">')
_ROOT = '<div id="root"></div>'

# Inline: it must style the first paint, before any request. The overlay sits above Streamlit's page (fixed, its
# own scroll) so React can draw underneath; colours are the theme's (.streamlit/config.toml). Fonts are the system's
# only: with Streamlit's 'Source Sans' first, Chromium hid the text for ~1 s once Streamlit's stylesheet declared
# that face and its 170 KB file was on the way (the benchmark's time to read, issue 27: 22 of 24 phone visits).
OVERLAY_CSS = f"""
#{OVERLAY_ID}{{position:fixed;inset:0;z-index:1000100;overflow:auto;background:#FBFBF8;color:#101418;
font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,'Apple SD Gothic Neo','Malgun Gothic','Noto Sans CJK KR',
'Noto Sans KR','PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;word-break:keep-all;overflow-wrap:anywhere}}
#{OVERLAY_ID} .krcn-first-in{{max-width:46rem;margin:0 auto;padding:3.5rem 1rem 2rem}}
#{OVERLAY_ID} h1{{font-size:2rem;line-height:1.2;margin:0 0 .75rem;font-weight:700}}
#{OVERLAY_ID} p{{margin:0 0 1rem}}
#{OVERLAY_ID} a{{color:#00629B}}
#{OVERLAY_ID} nav ul{{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:0 0 1.5rem;font-size:.9rem}}
#{OVERLAY_ID} .krcn-first-app{{font-weight:600;margin:0 0 .25rem}}
#{OVERLAY_ID} dl{{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem 1rem;margin:0 0 1.25rem}}
#{OVERLAY_ID} dl div{{border:1px solid #d5d9de;border-radius:.5rem;padding:.5rem .75rem}}
#{OVERLAY_ID} dt{{font-size:.875rem}}
#{OVERLAY_ID} dd{{margin:0;font-size:1.25rem;font-weight:600}}
#{OVERLAY_ID} .krcn-first-table{{overflow-x:auto}}
#{OVERLAY_ID} table{{border-collapse:collapse;font-size:.875rem;min-width:100%}}
#{OVERLAY_ID} caption{{text-align:left;font-weight:600;font-size:1.125rem;padding:.25rem 0}}
#{OVERLAY_ID} th,#{OVERLAY_ID} td{{border-bottom:1px solid #d5d9de;padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:normal}}
#{OVERLAY_ID} .krcn-first-note{{font-size:.875rem;color:#3d4650}}
#{OVERLAY_ID} tbody tr:nth-child(n+{FIRST_ROWS + 1}),#{OVERLAY_ID} .krcn-first-nojs{{display:none}}
""".strip()
# Without JavaScript the overlay is the page: every row sent shows, and the note for the JavaScript case goes.
NOSCRIPT_CSS = (f"#{OVERLAY_ID} tbody tr:nth-child(n+{FIRST_ROWS + 1}){{display:table-row}}"
                f"#{OVERLAY_ID} .krcn-first-nojs{{display:block}}#{OVERLAY_ID} .krcn-first-js,#{OVERLAY_ID}-status{{display:none}}")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def canonical_query(screen: FirstScreen) -> dict[str, list[str]]:
    """The view's query parameters with the language pinned (a preview is read in the link's language)."""
    return to_query(screen.state, page=screen.page, pin_lang=True)


def head_tags(screen: FirstScreen, *, page_url: str | None, image_url: str | None) -> str:
    """<title>, description and link-preview tags; absolute URLs only when a public URL is configured."""
    tags = [
        f"<title>{_e(screen.document_title)}</title>",
        f'<meta name="description" content="{_e(screen.description)}" />',
        f'<meta property="og:type" content="website" />',
        f'<meta property="og:site_name" content="{_e(screen.app_title)}" />',
        f'<meta property="og:title" content="{_e(screen.title)}" />',
        f'<meta property="og:description" content="{_e(screen.description)}" />',
        f'<meta property="og:locale" content="{"ko_KR" if screen.lang == "ko" else "en_GB"}" />',
        f'<meta name="twitter:card" content="{"summary_large_image" if image_url else "summary"}" />',
        f'<meta name="twitter:title" content="{_e(screen.title)}" />',
        f'<meta name="twitter:description" content="{_e(screen.description)}" />',
    ]
    if page_url:
        tags += [f'<meta property="og:url" content="{_e(page_url)}" />', f'<link rel="canonical" href="{_e(page_url)}" />']
    if image_url:
        tags += [
            f'<meta property="og:image" content="{_e(image_url)}" />',
            '<meta property="og:image:type" content="image/png" />',
            '<meta property="og:image:width" content="1200" />',
            '<meta property="og:image:height" content="630" />',
            f'<meta property="og:image:alt" content="{_e(screen.title)}" />',
            f'<meta name="twitter:image" content="{_e(image_url)}" />',
        ]
    return "\n    ".join(tags)


def overlay_html(screen: FirstScreen, pages: Sequence[tuple[str, str]], base_path: str) -> str:
    """The first screen as a readable page: the site's name, links to every page (in the link's language and
    filter), the view's title, lead, first figures and first table rows. `pages`: (page id, url path)."""
    lang = screen.lang
    current = ' aria-current="page"'
    links = "".join(
        f'<li><a href="{_e(page_href(path, to_query(screen.state, page=pid, pin_lang=True), base_path))}"'
        f'{current if pid == screen.page else ""}>{_e(t(f"page.{pid}", lang))}</a></li>'
        for pid, path in pages
    )
    parts = [
        f'<p class="krcn-first-app">{_e(screen.app_title)}</p>',
        f'<nav aria-label="{_e(t("first.pages", lang))}"><ul>{links}</ul></nav>',
        f"<h1>{_e(screen.title)}</h1>",
        f"<p>{_e(screen.lead)}</p>",
    ]
    if screen.facts:
        facts = "".join(f"<div><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>" for label, value in screen.facts)
        parts.append(f"<dl>{facts}</dl>")
    if screen.table is not None and screen.table.rows:
        table = screen.table
        head = "".join(f'<th scope="col">{_e(c)}</th>' for c in table.columns)
        body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in table.rows)
        parts.append(f'<div class="krcn-first-table"><table><caption>{_e(table.caption)}</caption>'
                     f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")
        # While Streamlit loads, the first rows; without JavaScript (the <noscript> style), all the rows sent.
        first = min(FIRST_ROWS, len(table.rows))
        if table.total > first:
            parts.append(f'<p class="krcn-first-note krcn-first-js">{_e(t("first.rows", lang, shown=first, total=table.total))}</p>')
        if table.total > len(table.rows):
            parts.append(f'<p class="krcn-first-note krcn-first-nojs">'
                         f'{_e(t("first.rows.twin", lang, shown=len(table.rows), total=table.total))}</p>')
    parts.append(f'<p class="krcn-first-note" id="{OVERLAY_ID}-status" role="status">{_e(t("first.loading", lang))}</p>')
    parts.append(f'<noscript><p class="krcn-first-note">{_e(t("first.noscript", lang))}</p>'
                 f"<style>{NOSCRIPT_CSS}</style></noscript>")
    return (f'<div id="{OVERLAY_ID}" lang="{lang}"><div class="krcn-first-in">' + "".join(parts) + "</div></div>")


def view_page(template: str, screen: FirstScreen, *, pages: Sequence[tuple[str, str]], base_path: str = "",
              page_url: str | None = None, image_url: str | None = None) -> str:
    """Streamlit's `template` (its index.html) as this view's page. Streamlit's stylesheet moves from the head to
    just before its root: in the head it held the first paint behind ~60 module preloads; Streamlit's deferred
    modules still wait for it, so nothing of Streamlit's draws unstyled."""
    if _ROOT not in template or not _TITLE.search(template):
        raise ValueError("not Streamlit's index.html: no root element or title")
    stylesheets = _STYLESHEET.findall(template)
    page = _STYLESHEET.sub("", template)
    page = _HTML_TAG.sub(f'<html lang="{screen.lang}">', page, count=1)
    head = head_tags(screen, page_url=page_url, image_url=image_url) + f"\n    <style>{OVERLAY_CSS}</style>"
    page = _TITLE.sub(lambda _: head, page, count=1)
    script = f'<script src="./{SCRIPT_PATH}" defer></script>'
    moved = "".join(s.strip() for s in stylesheets)
    return page.replace(_ROOT, overlay_html(screen, pages, base_path) + script + moved + _ROOT, 1)
