"""AppTest of /sources: both languages, with and without a sector filter (which does not apply here) —
headings, the sources table, the claims ledger and its verdict filter, the unknowns, the data dictionary,
the downloads."""
from __future__ import annotations

import pytest

from components.data.dataset import load_dataset
from components.i18n import t
from tests.apptest_helpers import (
    all_text,
    change_control,
    component_data,
    component_event,
    download_buttons,
    download_file,
    open_page,
    tables,
)

DATA = load_dataset()
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
    assert [h.value for h in at.header] == [t(k, lang) for k in HEADINGS]
    assert [s.value for s in at.subheader] == [t("sources.unknown.heading", lang), t("sources.add.heading", lang)]

    sources = frame_with(at, "facts")
    assert len(sources) == len(DATA.sources) == 125
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
    assert at.caption and t("sources.claims.count", "en", shown=23, total=23) in all_text(at)
    at = change_control(at, "verdict_filter", "verdict", ["outdated", "incorrect"])
    assert at.query_params["verdict"] == ["outdated", "incorrect"]  # the filtered ledger can be shared
    claims = frame_with(at, "verdict")
    expected = list(DATA.claims[DATA.claims["verdict"].isin(["outdated", "incorrect"])]["id"])
    assert list(claims["id"]) == expected and len(expected) == 5
    assert set(claims["verdict"]) == {"↺ outdated", "✘ incorrect"}
    assert t("sources.claims.count", "en", shown=5, total=23) in all_text(at)


def test_claim_cards_show_verdict_words_and_sources():
    at = open_page("sources", expand=True, lang="ko")
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert len(badges) == len(DATA.claims)
    assert any("사실과 다름" in b for b in badges)
    text = all_text(at)
    assert "출처: [Pressian \\(프레시안\\), 2025\\-09\\-26](https://www.pressian.com/pages/articles/2025092614191146073) ¶1" in text


def test_downloads_are_built_when_clicked_and_handed_over_once():
    import io
    import zipfile

    from components.views.sources import sources_table
    from components.data.export import csv_bytes

    at = open_page("sources", lang="en")
    assert all("file" not in button for button in download_buttons(at))  # nothing built before a click
    at, name, body = download_file(at, "package_zip")
    assert name == "kr-cn-linkage-data.zip"
    assert "datapackage.json" in zipfile.ZipFile(io.BytesIO(body)).namelist()
    at.run()
    assert "file" not in component_data(at, "package_zip")  # the next run does not send it again
    at, name, body = download_file(at, "sources_csv")
    table = sources_table(DATA, "en")
    headers = {key: t(f"sources.col.{key}", "en") for key in ("publisher", "facts", "date", "url", "title", "language", "kind", "note")}
    assert (name, body) == ("sources-en.csv", csv_bytes(table, headers))


def test_a_file_that_cannot_be_built_says_so(monkeypatch):
    import components.views.sources as sources_view

    def broken(_directory):
        raise OSError("disk gone")

    monkeypatch.setattr(sources_view, "package_zip", broken)
    at = open_page("sources", lang="en")
    at = component_event(at, "package_zip", "requested", 5)
    assert not at.exception
    button = component_data(at, "package_zip")
    assert button["file"] == {"nonce": 5, "name": "kr-cn-linkage-data.zip", "mime": "application/zip", "failed": True}
    assert button["words"]["failed"] == t("download.failed", "en")
