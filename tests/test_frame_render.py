"""components/frame_render.py: page links, the share box and stat cards as their components receive them."""
from __future__ import annotations

import json

import pytest

from components.frame_render import LINKS_HTML, SHARE_HTML, STAT_HTML, PageLink, links_payload, share_payload, stat_payload


def test_links_payload():
    links = [PageLink("overview", "Overview", "", "", current=True), PageLink("network", "Network", "network", "?focus=initech", "See it")]
    assert json.loads(links_payload(links, style="nav", label="Pages")) == {
        "style": "nav",
        "label": "Pages",
        "links": [
            {"label": "Overview", "path": "", "query": "", "note": "", "current": True},
            {"label": "Network", "path": "network", "query": "?focus=initech", "note": "See it", "current": False},
        ],
    }


def test_links_style_is_checked():
    with pytest.raises(ValueError, match="style 'menu'"):
        links_payload([], style="menu")


def test_share_and_stat_payloads():
    words = {"label": "Link", "copy": "Copy", "copied": "Copied", "failed": "Failed", "extra": "ignored"}
    assert share_payload("http://h/x?lang=ko", "ko", words) == {
        "url": "http://h/x?lang=ko", "lang": "ko", "label": "Link", "copy": "Copy", "copied": "Copied", "failed": "Failed",
    }
    assert json.loads(stat_payload("GDP", "US$750.2bn", ["#1 among cities"])) == {
        "label": "GDP", "value": "US$750.2bn", "notes": ["#1 among cities"],
    }


def test_html_is_fixed():
    for html in (LINKS_HTML, SHARE_HTML, STAT_HTML):
        assert "{" not in html and 'data-state="loading"' in html
