"""components/frame_render.py: page links, the share box, stat cards and download buttons as their components
receive them."""
from __future__ import annotations

import json

import pytest

from components.web.render.frame import (
    DOWNLOAD_HTML,
    LINKS_HTML,
    SHARE_HTML,
    STAT_HTML,
    PageLink,
    download_payload,
    links_payload,
    share_payload,
    stat_payload,
)


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


WORDS = {"preparing": "Preparing…", "failed": "Could not", "unused": "x"}


def test_download_payload_without_a_file_carries_no_bytes():
    raw = download_payload("CSV", "a.csv", "text/csv", WORDS, help_text="Works offline", disabled=True, primary=True)
    assert raw == json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert json.loads(raw) == {
        "label": "CSV", "help": "Works offline", "disabled": True, "primary": True,
        "words": {"preparing": "Preparing…", "failed": "Could not"},  # only the words the button uses
    }


def test_download_payload_hands_the_file_over_once_built():
    body = "상하이,=1\n".encode("utf-8-sig") + bytes(range(256))  # any bytes survive the trip
    payload = json.loads(download_payload("CSV", "상하이.csv", "text/csv", WORDS, file=(7, body)))
    assert payload["file"]["nonce"] == 7 and payload["file"]["name"] == "상하이.csv" and payload["file"]["mime"] == "text/csv"
    import base64

    assert base64.b64decode(payload["file"]["base64"]) == body
    failed = json.loads(download_payload("CSV", "a.csv", "text/csv", WORDS, file=(8, None)))
    assert failed["file"] == {"nonce": 8, "name": "a.csv", "mime": "text/csv", "failed": True}


def test_download_html_is_fixed():
    assert "{" not in DOWNLOAD_HTML and "<button" in DOWNLOAD_HTML and 'role="status"' in DOWNLOAD_HTML
