"""AppTest of /sources: both languages, with and without a sector filter (which does not apply here) —
headings, the sources table, the claims ledger and its verdict filter, the unknowns, the data dictionary,
the downloads."""
from __future__ import annotations

import pytest

from components.data.dataset import load_dataset
from components.views.event_scope import scope_dataset
from components.i18n import t
from tests.apptest_helpers import all_text, download_buttons, download_file, headings, open_page, query, tables

FULL = load_dataset()
DATA = scope_dataset(FULL)  # what the page shows without ?event=: the first story's sources and claims
HEADINGS = ("sources.list.heading", "sources.claims.heading", "sources.method.heading", "sources.dict.heading", "sources.zip.heading")


def frame_with(at, column: str):
    return next(df for df in tables(at) if column in df.columns)


@pytest.mark.parametrize("sector", [None, "semiconductors", "tourism"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sources_page(lang, sector):
    params = {"lang": lang} | ({"sector": sector} if sector else {})
    at = open_page("sources", expand=True, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == []
    assert at.title[0].value == t("sources.title", lang)
    assert headings(at) == [t(k, lang) for k in HEADINGS]
    assert headings(at, 3) == [t(f"sources.{k}.heading", lang) for k in ("ties", "unknown", "add")]
    assert t("sources.ties.thin", lang) in all_text(at)  # the method names where the map of ties is thinnest

    sources = frame_with(at, "facts")
    assert len(sources) == len(DATA.sources) < len(FULL.sources)  # sources only other events cite wait for ?event=
    assert sources["facts"].min() >= 1
    assert sources.iloc[0]["id"] == "pressian-2025-09-26"  # the article supports the most facts

    claims = frame_with(at, "verdict")
    assert list(claims["id"]) == list(DATA.claims["id"])
    unknown = frame_with(at, "attribute")
    assert len(unknown) == int((DATA.attributes["confidence"] == "not found").sum())
    # the dictionary: one table per resource, one row per column of the schema
    dictionaries = [df for df in tables(at) if "description" in df.columns]
    assert [len(d) for d in dictionaries] == [len(r["schema"]["fields"]) for r in DATA.schema["resources"]]

    labels = [b["label"] for b in download_buttons(at)]
    assert labels == [
        t("sources.download.sources", lang),
        t("sources.download.claims", lang),
        t("sources.download.unknown", lang),
        t("sources.download.dictionary", lang),
        t("sources.zip.button", lang),
    ]
    text = all_text(at)
    assert (t("sources.filter_note", lang) in text) == bool(sector)
    assert "`python -m components.data.validate`" in text  # inline code: no 1.6 MB highlighter module for one line


def test_verdict_filter_narrows_the_ledger():
    at = open_page("sources", expand=True, lang="en")
    assert at.caption and t("sources.claims.count", "en", shown=len(DATA.claims), total=len(DATA.claims)) in all_text(at)
    pills = at.button_group(key="verdict")
    from components.views.sources import VERDICTS, verdict_counts, verdict_label

    counts = verdict_counts(DATA)
    assert pills.value == []
    # each verdict in words with its sign (Streamlit shows a leading sign as the pill's icon) and its count
    shown = [f"{o.content_icon} {o.content}".strip() for o in pills.proto.options]
    assert shown == [t("sources.claims.pill", "en", label=verdict_label(v, "en"), count=counts[v]) for v in VERDICTS]
    pills.set_value(["incorrect", "outdated"]).run()
    assert query(at) == {"verdict": ["outdated", "incorrect"]}  # ids in canonical order: the ledger can be shared
    assert at.button_group(key="verdict").value == ["outdated", "incorrect"]
    claims = frame_with(at, "verdict")
    expected = list(DATA.claims[DATA.claims["verdict"].isin(["outdated", "incorrect"])]["id"])
    assert list(claims["id"]) == expected and len(expected) == 2
    assert set(claims["verdict"]) == {"↺ outdated", "✘ incorrect"}
    assert t("sources.claims.count", "en", shown=len(expected), total=len(DATA.claims)) in all_text(at)


def test_claim_cards_show_verdict_words_and_sources():
    at = open_page("sources", expand=True, lang="ko")
    # every claim is a card with its verdict in words; all the cards are one markdown element, ruled apart (a full
    # rerun redraws 2 elements for the ledger, not 2 a claim: docs/performance.md)
    (cards,) = [m.value for m in at.markdown if "-badge[" in m.value]
    assert cards.count("-badge[") == len(DATA.claims)
    assert cards.count("\n\n---\n\n") == len(DATA.claims) - 1
    assert "사실과 다름" in cards
    text = all_text(at)
    assert "출처: [Pressian \\(프레시안\\), 2025\\-09\\-26](https://www.pressian.com/pages/articles/2025092614191146073) ¶1" in text


def test_downloads_are_built_when_clicked_and_handed_over_once():
    import io
    import zipfile

    from components.views.sources import sources_table
    from components.data.export import csv_bytes

    at = open_page("sources", lang="en")
    buttons = download_buttons(at)
    assert all(b["deferred"] and not b["rerun"] for b in buttons)  # built on click; a click does not rerun the page
    assert [b["primary"] for b in buttons] == [False, False, False, True]  # the data package stands out
    at, name, body = download_file(at, "package_zip")
    assert name == "kr-cn-linkage-data.zip"
    assert "datapackage.json" in zipfile.ZipFile(io.BytesIO(body)).namelist()
    at, name, body = download_file(at, "sources_csv")
    table = sources_table(DATA, "en")
    headers = {key: t(f"sources.col.{key}", "en") for key in ("publisher", "facts", "date", "url", "title", "language", "kind", "note")}
    assert (name, body) == ("sources-en.csv", csv_bytes(table, headers))


def test_a_file_that_cannot_be_built_is_logged(monkeypatch, caplog):
    import logging

    import components.views.sources as sources_view

    def broken(_directory):
        raise OSError("disk gone")

    monkeypatch.setattr(sources_view, "package_zip", broken)
    at = open_page("sources", lang="en")
    assert not at.exception  # nothing is built before a click
    with caplog.at_level(logging.ERROR, logger="kr_cn_dashboard"), pytest.raises(OSError, match="disk gone"):
        download_file(at, "package_zip")  # Streamlit answers the click with an error; the log says which file
    assert "download kr-cn-linkage-data.zip could not be built" in caplog.text
