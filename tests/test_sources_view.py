"""components.views.sources and components.data.export: facts per source, the sources table, the claims
ledger, what is unknown, the data dictionary, the zip and CSV export — on a tiny package written in code,
then against the real data and schema."""
import csv
import io
import json
import zipfile

import pandas as pd
import pytest

from components.data.dataset import DATA_DIR, load_dataset
from components.views.sources import (
    DICTIONARY_COLUMNS,
    FACT_TABLES,
    VERDICT_COLORS,
    VERDICT_SYMBOLS,
    VERDICTS,
    claims_table,
    data_dictionary,
    facts_per_source,
    package_files,
    package_zip,
    sources_table,
    unknown_attributes,
    verdict_counts,
    verdict_label,
)
from components.data.export import csv_bytes
from components.data.validate import PARTIAL_DATE_PATTERN, read_rows
from tests.package_fixture import TINY, write_package

SOURCES = [
    {"id": "src-a", "publisher": "Pressian", "title": "Article", "date": "2025-09-26",
     "url": "https://example.org/a", "language": "ko", "kind": "news", "note_ko": "", "note_en": ""},
    {"id": "src-b", "publisher": "Jiefang Daily", "title": "报道", "date": "2025-09-26", "url": "",
     "language": "zh", "kind": "news", "note_ko": "사본으로 읽음", "note_en": "Read through a copy"},
    {"id": "src-c", "publisher": "Calc", "title": "Method", "date": "", "url": "", "language": "en",
     "kind": "computed", "note_ko": "", "note_en": ""},
    {"id": "src-unused", "publisher": "Zeta", "title": "Unused", "date": "2020", "url": "https://example.org/z",
     "language": "en", "kind": "reference", "note_ko": "", "note_en": ""},
]
ATTRIBUTES = [
    {"entity_id": "acme-cloud", "attribute": "founded", "value_ko": "unknown", "value_en": "unknown",
     "confidence": "not found", "source_ids": "", "locator": ""},
    {"entity_id": "acme-cloud", "attribute": "headquarters", "value_ko": "판교", "value_en": "Pangyo",
     "confidence": "seen", "source_ids": "src-a;src-b", "locator": "¶9"},
    {"entity_id": "gyeonggi", "attribute": "listing", "value_ko": "확인 안 됨 (비상장 추정)", "value_en": "not found (presumably unlisted)",
     "confidence": "not found", "source_ids": "", "locator": ""},
]
CLAIMS = [
    {"id": "claim-1", "claim_ko": "1위", "claim_en": "No. 1", "verdict": "needs_context", "note_ko": "도시 중 1위",
     "note_en": "First among cities", "entity_ids": "gyeonggi;acme-cloud", "source_ids": "src-a;src-c", "locator": "¶1"},
    {"id": "claim-2", "claim_ko": "=2대 주주", "claim_en": "=2nd holder", "verdict": "outdated",
     "note_ko": "지금은 아님", "note_en": "Not any more", "entity_ids": "", "source_ids": "src-b;src-a", "locator": ""},
]
# A row citing a source twice counts once (claim-3 cites src-c twice).
CLAIMS_DUP = CLAIMS + [
    {"id": "claim-3", "claim_ko": "셋", "claim_en": "Three", "verdict": "incorrect", "note_ko": "틀림",
     "note_en": "Wrong", "entity_ids": "", "source_ids": "src-c;src-c", "locator": ""},
]


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts, missing values (a source without address) as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    directory = write_package(
        tmp_path_factory.mktemp("sources"), {"sources": SOURCES, "attributes": ATTRIBUTES, "claims": CLAIMS_DUP}
    )
    return load_dataset(directory)


@pytest.fixture(scope="module")
def real():
    return load_dataset()


def test_facts_per_source_counts_rows_of_every_fact_table(tiny):
    counts = facts_per_source(tiny)
    assert list(counts.columns) == list(FACT_TABLES) + ["total"]
    def row(**cited: int) -> dict[str, int]:
        return {table: cited.get(table, 0) for table in FACT_TABLES} | {"total": sum(cited.values())}

    assert counts.to_dict("index") == {
        # TINY: 2 entities, 1 relation, 1 figure, 1 clause, its event, participant and 2 outcomes cite src-a;
        # attributes here: 1 row; claims: 2 rows
        "src-a": row(entities=2, attributes=1, relations=1, figures=1, clauses=1, claims=2, events=1,
                     event_participants=1, event_outcomes=2),
        "src-b": row(attributes=1, claims=1),
        "src-c": row(claims=2),  # cited twice by claim-3 and once by claim-1: two rows
        "src-unused": row(),
    }


def test_sources_table_rows(tiny):
    table = sources_table(tiny, "en")
    assert records(table) == [
        {"id": "src-a", "publisher": "Pressian", "title": "Article", "date": "2025-09-26", "language": "Korean",
         "kind": "news", "url": "https://example.org/a", "note": "", "facts": 12},
        {"id": "src-c", "publisher": "Calc", "title": "Method", "date": "", "language": "English",
         "kind": "computed", "url": None, "note": "address not recorded", "facts": 2},
        {"id": "src-b", "publisher": "Jiefang Daily", "title": "报道", "date": "2025-09-26", "language": "Chinese",
         "kind": "news", "url": None, "note": "address not recorded: Read through a copy", "facts": 2},
        {"id": "src-unused", "publisher": "Zeta", "title": "Unused", "date": "2020", "language": "English",
         "kind": "reference", "url": "https://example.org/z", "note": "", "facts": 0},
    ]


def test_sources_table_in_korean(tiny):
    row = sources_table(tiny, "ko").set_index("id").loc["src-b"]
    assert (row["language"], row["kind"], row["note"]) == ("중국어", "언론 보도", "주소 기록 안 됨: 사본으로 읽음")


def test_claims_table_rows_and_verdict_filter(tiny):
    table = claims_table(tiny, "en", ("outdated", "needs_context"))
    assert records(table) == [
        {"id": "claim-1", "claim": "No. 1", "claim_other": "1위", "verdict": "⚠ needs context",
         "note": "First among cities", "entities": "Gyeonggi, Acme Cloud", "sources": "Pressian, 2025-09-26; Calc",
         "source_url": "https://example.org/a", "locator": "¶1"},
        {"id": "claim-2", "claim": "=2nd holder", "claim_other": "=2대 주주", "verdict": "↺ outdated",
         "note": "Not any more", "entities": "", "sources": "Jiefang Daily, 2025-09-26; Pressian, 2025-09-26",
         "source_url": None, "locator": ""},
    ]
    assert list(claims_table(tiny, "ko")["id"]) == ["claim-1", "claim-2", "claim-3"]
    assert list(claims_table(tiny, "ko", ("incorrect",))["verdict"]) == ["✘ 사실과 다름"]
    assert claims_table(tiny, "en", ("consistent",)).empty


def test_verdicts_have_words_symbols_and_colours():
    for verdict in VERDICTS:
        assert VERDICT_SYMBOLS[verdict] and VERDICT_COLORS[verdict]
        for lang in ("ko", "en"):
            label = verdict_label(verdict, lang)
            assert label.startswith(VERDICT_SYMBOLS[verdict] + " ") and len(label) > 3
    assert len(set(VERDICT_SYMBOLS.values())) == len(VERDICTS)


def test_verdict_counts(tiny):
    assert verdict_counts(tiny) == {"consistent": 0, "needs_context": 1, "outdated": 1, "unverified": 0, "incorrect": 1}


def test_unknown_attributes_lists_every_not_found_row(tiny):
    assert unknown_attributes(tiny, "en").to_dict("records") == [
        {"entity": "Acme Cloud", "attribute": "founded", "value": "unknown"},
        {"entity": "Gyeonggi", "attribute": "listing", "value": "not found (presumably unlisted)"},
    ]
    assert unknown_attributes(tiny, "ko").to_dict("records")[0] == {"entity": "에이크미", "attribute": "설립", "value": "알 수 없음"}


def test_data_dictionary_rows_from_a_schema():
    schema = {
        "listSeparator": ";",
        "resources": [
            {"name": "things", "path": "things.csv", "schema": {"fields": [
                {"name": "id", "type": "string", "description": "Id.", "example": "a-1",
                 "constraints": {"required": True, "pattern": "^[a-z]$"}},
                {"name": "kind", "description": "Kind.", "example": "x", "constraints": {"enum": ["", "x", "y"]}},
                {"name": "tags", "type": "string", "list": True, "description": "Tags.",
                 "constraints": {"pattern": "^[a-z]+(;[a-z]+)*$"}},
                {"name": "rank", "type": "integer", "description": "Rank.", "example": "1",
                 "constraints": {"minimum": 1, "maximum": 3}},
                {"name": "url", "type": "string", "format": "uri", "description": "Address."},
                {"name": "date", "type": "string", "description": "When.",
                 "constraints": {"pattern": PARTIAL_DATE_PATTERN}},
                {"name": "year", "type": "year", "description": "Year."},
            ]}},
        ],
    }
    frame = data_dictionary(schema)
    assert list(frame.columns) == list(DICTIONARY_COLUMNS)
    assert frame.to_dict("records") == [
        {"resource": "things.csv", "column": "id", "type": "text", "list": False, "required": True,
         "allowed": "^[a-z]$", "description": "Id.", "example": "a-1"},
        {"resource": "things.csv", "column": "kind", "type": "text", "list": False, "required": False,
         "allowed": "x, y", "description": "Kind.", "example": "x"},
        {"resource": "things.csv", "column": "tags", "type": "list of ids (separated by ';')", "list": True,
         "required": False, "allowed": "", "description": "Tags.", "example": ""},
        {"resource": "things.csv", "column": "rank", "type": "whole number", "list": False, "required": False,
         "allowed": "≥ 1; ≤ 3", "description": "Rank.", "example": "1"},
        {"resource": "things.csv", "column": "url", "type": "address (URI)", "list": False, "required": False,
         "allowed": "", "description": "Address.", "example": ""},
        {"resource": "things.csv", "column": "date", "type": "partial date (YYYY, YYYY-MM or YYYY-MM-DD)",
         "list": False, "required": False, "allowed": "", "description": "When.", "example": ""},
        {"resource": "things.csv", "column": "year", "type": "year (YYYY)", "list": False, "required": False,
         "allowed": "", "description": "Year.", "example": ""},
    ]
    assert list(data_dictionary(schema, "ko")["type"]) == [
        "텍스트", "텍스트", "id 목록(';'로 구분)", "정수", "주소(URI)", "부분 날짜(YYYY, YYYY-MM, YYYY-MM-DD)", "연도(YYYY)",
    ]


def test_data_dictionary_of_the_real_package_names_every_type_in_words():

    for lang in ("en", "ko"):
        types = set(data_dictionary(load_dataset().schema, lang)["type"])
        assert not types & {"string", "url", "date", "list"}, types


def test_package_zip_holds_exactly_the_package(tmp_path):
    directory = write_package(tmp_path / "pkg")
    (directory / "stray.txt").write_text("not part of the package", encoding="utf-8")
    schema = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    expected = ["datapackage.json"] + [f"{name}.csv" for name in TINY]
    assert sorted(package_files(schema)) == sorted(expected)
    with zipfile.ZipFile(io.BytesIO(package_zip(directory))) as archive:
        assert sorted(archive.namelist()) == sorted(expected)
        assert archive.testzip() is None
        for name in expected:
            assert archive.read(name) == (directory / name).read_bytes()


def test_csv_bytes_neutralises_formulas_and_renames_headers():
    frame = pd.DataFrame(
        {"a": ["=HYPERLINK(\"x\")", "plain", "-1+2", "@cmd"], "b": [("x", "+y"), (), 3, None], "c": [1, 2, 3, 4]}
    )
    data = csv_bytes(frame, {"a": "Col A", "b": "Col B"})
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets then read Hangul as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        ["Col A", "Col B"],
        ["'=HYPERLINK(\"x\")", "x; +y"],
        ["plain", ""],
        ["'-1+2", "3"],
        ["'@cmd", ""],
    ]


# --- the real data and schema -----------------------------------------------------------------------------


def test_every_real_source_supports_at_least_one_fact(real):
    counts = facts_per_source(real)["total"]
    assert list(counts.index) == list(real.sources["id"])
    assert counts[counts < 1].to_dict() == {}


def test_real_claims_ledger(real):
    assert len(claims_table(real, "en")) == len(real.claims) == 23
    assert sum(verdict_counts(real).values()) == 23


def test_real_unknowns_are_exactly_the_not_found_rows(real):
    assert len(unknown_attributes(real, "ko")) == int((real.attributes["confidence"] == "not found").sum()) > 0


def test_every_schema_column_is_described(real):
    dictionary = data_dictionary(real.schema)
    undescribed = dictionary[dictionary["description"].str.strip() == ""]
    assert undescribed[["resource", "column"]].to_dict("records") == []
    expected_rows = sum(len(r["schema"]["fields"]) for r in real.schema["resources"])
    assert len(dictionary) == expected_rows


def test_every_csv_column_is_in_the_dictionary(real):
    dictionary = data_dictionary(real.schema)
    documented = set(zip(dictionary["resource"], dictionary["column"]))
    missing = []
    for resource in real.schema["resources"]:
        header, _ = read_rows(DATA_DIR / resource["path"], [])
        missing += [(resource["path"], column) for column in header if (resource["path"], column) not in documented]
    assert missing == []


def test_real_package_zip(real):
    with zipfile.ZipFile(io.BytesIO(package_zip(DATA_DIR))) as archive:
        names = sorted(archive.namelist())
    assert names == sorted(["datapackage.json"] + [r["path"] for r in real.schema["resources"]])
    assert len(names) == 17  # datapackage.json + 16 CSVs (events, participants, outcomes, story, places, disputes and
    # the regions' own counts included)


@pytest.mark.parametrize(
    ("resource", "column", "prefix"),
    [
        ("sources", "language", "sources.language."),
        ("sources", "kind", "sources.kind."),
        ("attributes", "attribute", "sources.attribute."),
        ("claims", "verdict", "sources.verdict."),
        ("clauses", "group", "mou.group."),
    ],
)
def test_every_allowed_value_has_a_label_in_both_languages(real, resource, column, prefix):
    from components.i18n import STRINGS

    spec = next(r for r in real.schema["resources"] if r["name"] == resource)
    allowed = next(f for f in spec["schema"]["fields"] if f["name"] == column)["constraints"]["enum"]
    assert [v for v in allowed if prefix + v not in STRINGS] == []
    if column == "verdict":
        assert list(allowed) == list(VERDICTS)
