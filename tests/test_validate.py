"""The validator: the tiny fixture is valid; each kind of error gives the expected message (file, row, column)."""
import subprocess
import sys

import pytest

from components.data.dataset import DataPackageError, load_dataset
from components.data.validate import validate_package
from tests.package_fixture import ROOT, TINY, field_names, write_csv, write_package


def messages(directory, lang="en"):
    return [e.message(lang) for e in validate_package(directory)]


def with_row(table, **changes):
    rows = [dict(r) for r in TINY[table]]
    rows[-1].update(changes)
    return {table: rows}


def test_tiny_fixture_is_valid_and_loads_typed(tmp_path):
    write_package(tmp_path)
    assert messages(tmp_path) == []
    data = load_dataset(tmp_path)
    assert data.entities.loc[1, "sectors"] == ("cloud", "ai")
    assert data.entities.loc[0, "sectors"] == ()
    assert data.figures.loc[0, "value"] == 651e12
    assert int(data.figures.loc[0, "rank"]) == 1
    assert bool(data.clauses.loc[0, "is_mou_clause"]) is True
    assert data.sectors["order"].tolist() == [1, 2]


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        (with_row("entities", sectors="cloud;clod"),
         "entities.csv, row 3, column 'sectors': 'clod' is not an id in sectors.csv."),
        (with_row("relations", to_id="nowhere"),
         "relations.csv, row 2, column 'to_id': 'nowhere' is not an id in entities.csv."),
        (with_row("figures", value="12,5"),
         "figures.csv, row 2, column 'value': '12,5' is not a number (digits, '.' as decimal point)."),
        (with_row("relations", date="2025-13-01"),
         "relations.csv, row 2, column 'date': '2025-13-01' is not a date YYYY, YYYY-MM or YYYY-MM-DD."),
        (with_row("sources", url="javascript:alert(1)"),
         "sources.csv, row 2, column 'url': 'javascript:alert(1)' is not an http:// or https:// address."),
        (with_row("entities", kind="planet"),
         "entities.csv, row 3, column 'kind': 'planet' is not allowed (expected one of 'region', 'person', 'company', "
         "'org_unit', 'cluster', 'event', 'product', 'organisation')."),
        (with_row("entities", description_en=""), "entities.csv, row 3, column 'description_en': a value is required."),
        (with_row("claims", source_ids="ghost"), "claims.csv, row 2, column 'source_ids': 'ghost' is not an id in sources.csv."),
        (with_row("sectors", color="blue"), "sectors.csv, row 3, column 'color': 'blue' does not match ^#[0-9A-Fa-f]{6}$."),
        (with_row("figures", rank="0"), "figures.csv, row 2, column 'rank': 0 is below the minimum 1."),
        (with_row("attributes", confidence="seen"),
         "attributes.csv, row 2, column 'source_ids': a source is required unless confidence is 'not found'."),
        ({"entities": TINY["entities"] + [dict(TINY["entities"][0])]},
         "entities.csv, row 4, column 'id': 'gyeonggi' is used twice (first in row 2); ids must be unique."),
        (with_row("events", kind="party"),
         "events.csv, row 2, column 'kind': 'party' is not allowed (expected one of 'agreement_signed', "
         "'sister_region_tie', 'friendship_tie', 'visit', 'summit', 'opening', 'investment', 'trade_fair', "
         "'export_deal', 'other')."),
        (with_row("events", source_ids="src-a;ghost"),
         "events.csv, row 2, column 'source_ids': 'ghost' is not an id in sources.csv."),
        (with_row("events", cn_counterpart_id="mars"),
         "events.csv, row 2, column 'cn_counterpart_id': 'mars' is not an id in entities.csv."),
        (with_row("event_participants", entity_id="nobody"),
         "event_participants.csv, row 2, column 'entity_id': 'nobody' is not an id in entities.csv."),
        (with_row("event_participants", event_id="ev-9"),
         "event_participants.csv, row 2, column 'event_id': 'ev-9' is not an id in events.csv."),
        (with_row("event_participants", confidence="likely"),
         "event_participants.csv, row 2, column 'confidence': 'likely' is not allowed "
         "(expected one of 'seen', 'inferred', 'not found')."),
        (with_row("event_outcomes", kind="figure", ref_id="field-1"),
         "event_outcomes.csv, row 3, column 'ref_id': 'field-1' is not an id in figures.csv."),
        (with_row("event_outcomes", kind="relation", ref_id=""),
         "event_outcomes.csv, row 3, column 'ref_id': an id in relations.csv is required when kind = 'relation'."),
        (with_row("event_outcomes", source_ids=""),
         "event_outcomes.csv, row 3, column 'source_ids': a source is required unless confidence is 'not found'."),
    ],
)
def test_each_error_names_file_row_and_column(tmp_path, tables, expected):
    write_package(tmp_path, tables)
    assert messages(tmp_path) == [expected]


def test_outcome_references_follow_their_kind(tmp_path):
    outcomes = [dict(TINY["event_outcomes"][0], ref_id="r-1"), dict(TINY["event_outcomes"][1], kind="figure",
                                                                  ref_id="fig-1")]
    write_package(tmp_path, {"event_outcomes": outcomes})
    assert messages(tmp_path) == [
        "event_outcomes.csv, row 2, column 'ref_id': 'r-1' is not an id in clauses.csv."
    ]
    outcomes[0]["kind"] = "relation"
    write_package(tmp_path, {"event_outcomes": outcomes})
    assert messages(tmp_path) == []


def test_missing_outcome_reference_in_korean(tmp_path):
    write_package(tmp_path, with_row("event_outcomes", kind="clause", ref_id=""))
    assert messages(tmp_path, "ko") == [
        "event_outcomes.csv, 3행, 'ref_id' 열: kind = 'clause'이면 clauses.csv의 id가 필요합니다."
    ]


def test_missing_column(tmp_path):
    write_package(tmp_path)
    header = [n for n in field_names("sectors") if n != "color"]
    write_csv(tmp_path / "sectors.csv", header, TINY["sectors"])
    assert messages(tmp_path) == ["sectors.csv: column 'color' is missing from the header row."]


def test_unexpected_column(tmp_path):
    write_package(tmp_path)
    write_csv(tmp_path / "relation_types.csv", field_names("relation_types") + ["colour"], TINY["relation_types"])
    assert messages(tmp_path) == [
        "relation_types.csv: column 'colour' is not in the schema (expected only id, label_ko, label_en)."
    ]


def test_empty_file(tmp_path):
    write_package(tmp_path)
    (tmp_path / "claims.csv").write_text("", encoding="utf-8")
    assert messages(tmp_path) == [
        "claims.csv is empty: expected a header row with the columns id, claim_ko, claim_en, verdict, note_ko, note_en, "
        "entity_ids, source_ids, locator."
    ]


def test_missing_file(tmp_path):
    write_package(tmp_path)
    (tmp_path / "relation_types.csv").unlink()
    errors = messages(tmp_path)
    assert errors[0] == "relation_types.csv is missing: expected a CSV file with the columns id, label_ko, label_en."
    assert len(errors) == 1  # relations.csv's references to a missing table are not reported twice


def test_bom_and_wrong_encoding(tmp_path):
    write_package(tmp_path)
    path = tmp_path / "sectors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    (tmp_path / "relation_types.csv").write_bytes("id,label_ko,label_en\nx,소재,in\n".encode("cp949"))
    assert messages(tmp_path) == [
        "sectors.csv starts with a byte-order mark (BOM): save it as UTF-8 without BOM.",
        "relation_types.csv is not valid UTF-8 (byte 23): save it as UTF-8.",
    ]


def test_ragged_row_and_bad_quotes(tmp_path):
    write_package(tmp_path)
    (tmp_path / "relation_types.csv").write_text("id,label_ko,label_en\nlocated_in,소재\n", encoding="utf-8")
    assert messages(tmp_path)[0] == "relation_types.csv, row 2: 2 cells, but the header has 3."


def test_messages_in_korean(tmp_path):
    write_package(tmp_path, with_row("entities", sectors="clod"))
    assert messages(tmp_path, "ko") == ["entities.csv, 3행, 'sectors' 열: 'clod'은(는) sectors.csv에 없는 id입니다."]


def test_loader_raises_with_all_errors(tmp_path):
    write_package(tmp_path, with_row("relations", to_id="nowhere", date="soon"))
    with pytest.raises(DataPackageError) as info:
        load_dataset(tmp_path)
    assert len(info.value.errors) == 2


def test_command_exits_non_zero_and_prints_errors(tmp_path):
    write_package(tmp_path, with_row("entities", sectors="clod"))
    result = subprocess.run(
        [sys.executable, "-m", "components.data.validate", str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "entities.csv, row 3, column 'sectors': 'clod' is not an id in sectors.csv." in result.stderr


def test_command_accepts_a_valid_package(tmp_path):
    write_package(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "components.data.validate", str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        (with_row("entities", sectors="cloud;;ai"),
         "entities.csv, row 3, column 'sectors': 'cloud;;ai' is not a list of ids separated by ';' (no spaces, no empty "
         "items)."),
        (with_row("claims", source_ids="src-a; src-a"),
         "claims.csv, row 2, column 'source_ids': 'src-a; src-a' is not a list of ids separated by ';' (no spaces, no "
         "empty items)."),
        (with_row("sources", date="2025-9"),
         "sources.csv, row 2, column 'date': '2025-9' is not a date YYYY, YYYY-MM or YYYY-MM-DD."),
        (with_row("sources", date="2025-09"), None),
        (with_row("relations", date="2025"), None),
    ],
)
def test_standard_forms_list_columns_and_partial_dates(tmp_path, tables, expected):
    write_package(tmp_path, tables)
    assert messages(tmp_path) == ([expected] if expected else [])


def test_schema_reads_standard_forms():
    """datapackage.json declares addresses, partial dates and lists in the standard's forms; the validator reads
    them as such (field_kind), and every list reference is in listForeignKeys, not the standard's foreignKeys."""
    import json

    from components.data.validate import field_kind

    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    sources = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert field_kind(sources["url"]) == "uri"
    assert field_kind(sources["date"]) == "partial_date"
    for resource in package["resources"]:
        schema = resource["schema"]
        fields = {f["name"]: f for f in schema["fields"]}
        assert all(f.get("type", "string") in ("string", "integer", "number", "boolean", "date", "year", "yearmonth")
                   for f in fields.values())
        for fk in schema.get("foreignKeys", []):
            assert not fields[fk["fields"]].get("list"), (resource["name"], fk)
        for fk in schema.get("listForeignKeys", []):
            assert fields[fk["fields"]].get("list") or "prefixed" in fk["reference"], (resource["name"], fk)


def test_last_changed_must_be_a_date(tmp_path):
    import json

    write_package(tmp_path)
    path = tmp_path / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["lastChanged"] = "last week"
    path.write_text(json.dumps(package), encoding="utf-8")
    assert messages(tmp_path) == ["datapackage.json: lastChanged 'last week' is not a date YYYY-MM-DD."]
    assert messages(tmp_path, "ko") == ["datapackage.json: lastChanged 'last week'은(는) YYYY-MM-DD 형식의 날짜가 아닙니다."]


def test_last_changed_of_the_real_package_is_not_older_than_its_newest_source():
    import csv
    import datetime
    import json

    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    with (ROOT / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        newest = max(row["date"] for row in csv.DictReader(handle) if row["date"])
    assert package["lastChanged"] >= newest
    assert datetime.date.fromisoformat(package["lastChanged"]) <= datetime.date.today()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"highlight_nodes": "gyeonggi;clause:nope"},
         "story.csv, row 2, column 'highlight_nodes': 'clause:nope' is not an id in entities.csv, "
         "clause:<clauses.csv id>, sector:<sectors.csv id>."),
        ({"focus": "acme-cloud", "sectors": "cloud", "highlight_nodes": "gyeonggi;clause:field-1;sector:ai",
          "highlight_edges": "r-1"}, None),
        ({"focus": "sector:cloud"}, None),
        ({"focus": "ghost"},
         "story.csv, row 2, column 'focus': 'ghost' is not an id in entities.csv, clause:<clauses.csv id>, "
         "sector:<sectors.csv id>."),
        ({"highlight_edges": "r-1;r-9"}, "story.csv, row 2, column 'highlight_edges': 'r-9' is not an id in relations.csv."),
        ({"sectors": "cloud;mining"}, "story.csv, row 2, column 'sectors': 'mining' is not an id in sectors.csv."),
        ({"depth": "4"}, "story.csv, row 2, column 'depth': 4 is above the maximum 3."),
        ({"source_ids": ""}, "story.csv, row 2, column 'source_ids': a value is required."),
        ({"caption_en": ""}, "story.csv, row 2, column 'caption_en': a value is required."),
    ],
)
def test_story_references_are_checked(tmp_path, changes, expected):
    write_package(tmp_path, with_row("story", **changes))
    assert messages(tmp_path) == ([expected] if expected else [])


def test_story_messages_in_korean(tmp_path):
    write_package(tmp_path, with_row("story", highlight_edges="r-9"))
    assert messages(tmp_path, "ko") == ["story.csv, 2행, 'highlight_edges' 열: 'r-9'은(는) relations.csv에 없는 id입니다."]


# --- the regional ties: what the schema alone cannot say -------------------------------------------------------
SHANDONG = {"id": "shandong", "kind": "region", "country": "CN", "name_ko": "산둥성", "name_en": "Shandong",
            "name_zh": "", "sectors": "", "role": "", "description_ko": "중국의 성", "description_en": "A province",
            "confidence": "seen", "source_ids": "src-a", "locator": "", "admin_level": "provincial"}
SOURCE_B = dict(TINY["sources"][0], id="src-b", url="https://example.org/b")


def tie_package(tmp_path, events=(), disputes=(), places=(), claims=(), sources=(SOURCE_B,)):
    base = dict(TINY["events"][0], kind="sister_region_tie", cn_counterpart_id="shandong", tie_id="tie-gyeonggi-shandong",
                date_start="2009-12-11", sectors="")
    rows = [dict(base, id=f"tie-{i}", **changes) for i, changes in enumerate(events or [{}])]
    return write_package(tmp_path, {
        "entities": [*TINY["entities"], SHANDONG], "events": rows, "sources": [*TINY["sources"], *sources],
        "event_participants": [], "event_outcomes": [], "disputes": list(disputes), "places": list(places),
        "region_claims": list(claims),
    })


def test_a_valid_tie_with_a_dispute_seat_and_claim_passes(tmp_path):
    dispute = {"event_id": "tie-0", "field": "date_start", "note_ko": "보도", "note_en": "A report", "confidence": "seen",
               "locator": "¶1"}
    tie_package(tmp_path, events=[{"date_start": "unknown", "known_by": "2010"}],
                disputes=[dict(dispute, value="2009", source_ids="src-a"), dict(dispute, value="2004", source_ids="src-b")],
                places=[{"entity_id": "shandong", "seat_ko": "지난", "seat_en": "Jinan", "lat": "36.67", "lon": "117.0",
                         "confidence": "seen", "source_ids": "src-a", "locator": "geonameid 1805753"}],
                claims=[{"region_id": "gyeonggi", "as_of": "2018", "count": "8", "scope": "cn_partners_provincial",
                         "text_ko": "8곳", "text_en": "8 provinces", "confidence": "seen", "source_ids": "src-a",
                         "locator": ""}])
    assert messages(tmp_path) == []


@pytest.mark.parametrize(("events", "expected"), [
    ([{"cn_counterpart_id": "ghost"}],
     ["events.csv, row 2, column 'cn_counterpart_id': 'ghost' is not an id in entities.csv."]),
    ([{"cn_counterpart_id": "acme-cloud"}],  # a company is no side of a tie
     ["events.csv, row 2, column 'cn_counterpart_id': 'acme-cloud' is not a Chinese region (entities.csv: kind "
      "region, country CN), so it cannot be a side of a tie."]),
    ([{"kr_region_id": "shandong"}],
     ["events.csv, row 2, column 'kr_region_id': 'shandong' is not a Korean region (entities.csv: kind region, "
      "country KR), so it cannot be a side of a tie."]),
    ([{"tie_id": ""}],
     ["events.csv, row 2, column 'tie_id': a sister or friendship tie needs a tie_id (tie-<region>-<counterpart>)."]),
    ([{}, {"tie_id": "tie-gyeonggi-shandong", "cn_counterpart_id": "gyeonggi", "kind": "agreement_signed"}],
     ["events.csv, row 3, column 'cn_counterpart_id': 'gyeonggi' is not a Chinese region (entities.csv: kind region, "
      "country CN), so it cannot be a side of a tie.",
      "events.csv, row 3, column 'tie_id': tie 'tie-gyeonggi-shandong' joins other sides in row 2; one tie has one "
      "region and one counterpart."]),
    ([{"date_start": "2999-01"}],
     ["events.csv, row 2, column 'date_start': '2999-01' is in the future (today is 2026-12-06)."]),
    ([{"kind": "twinning"}],
     ["events.csv, row 2, column 'kind': 'twinning' is not allowed (expected one of 'agreement_signed', "
      "'sister_region_tie', 'friendship_tie', 'visit', 'summit', 'opening', 'investment', 'trade_fair', "
      "'export_deal', 'other')."]),
    ([{"date_start": "someday"}],
     ["events.csv, row 2, column 'date_start': 'someday' does not match "
      "^(unknown|\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?)$."]),
])
def test_a_broken_tie_is_named_where_it_is(tmp_path, events, expected):
    import datetime as dt

    tie_package(tmp_path, events=events)
    found = [e.message("en") for e in validate_package(tmp_path, today=dt.date(2026, 12, 6))]
    assert found == expected


@pytest.mark.parametrize(("rows", "expected"), [
    ([("2009", "src-a"), ("2004", "src-a")],
     "disputes.csv, row 2: the dispute over date_start of event 'tie-0' has one source only; a dispute needs two "
     "different sources or more."),
    ([("2009", "src-a")],
     "disputes.csv, row 2: the dispute over date_start of event 'tie-0' has one value only; a dispute needs two "
     "different values or more."),
    ([("2009", "src-a"), ("late 2004", "src-b")],
     "disputes.csv, row 3, column 'value': 'late 2004' is not a date YYYY, YYYY-MM or YYYY-MM-DD (the disputed "
     "field is date_start)."),
])
def test_a_dispute_needs_two_values_each_with_a_source_and_two_sources(tmp_path, rows, expected):
    disputes = [{"event_id": "tie-0", "field": "date_start", "value": value, "note_ko": "보도", "note_en": "A report",
                 "confidence": "seen", "source_ids": source, "locator": ""} for value, source in rows]
    tie_package(tmp_path, disputes=disputes)
    assert messages(tmp_path) == [expected]


def test_dispute_messages_are_bilingual(tmp_path):
    disputes = [{"event_id": "tie-0", "field": "kind", "value": value, "note_ko": "보도", "note_en": "A report",
                 "confidence": "seen", "source_ids": "src-a", "locator": ""} for value in ("friendship_tie", "sister_region_tie")]
    tie_package(tmp_path, disputes=disputes)
    (error,) = validate_package(tmp_path)
    assert error.message("ko") == ("disputes.csv, 2행: 행사 'tie-0'의 kind 이견에 출처가 하나뿐입니다. 서로 다른 출처가 "
                                   "둘 이상 있어야 합니다.")


def test_a_seat_and_a_claim_belong_to_regions(tmp_path):
    tie_package(tmp_path,
                places=[{"entity_id": "acme-cloud", "seat_ko": "x", "seat_en": "x", "lat": "37", "lon": "127",
                         "confidence": "seen", "source_ids": "src-a", "locator": ""}],
                claims=[{"region_id": "shandong", "as_of": "2018", "count": "8", "scope": "cn_sister", "text_ko": "8",
                         "text_en": "8", "confidence": "seen", "source_ids": "src-a", "locator": ""}])
    assert messages(tmp_path) == [
        "places.csv, row 2, column 'entity_id': 'acme-cloud' is not a region (entities.csv: kind region).",
        "region_claims.csv, row 2, column 'region_id': 'shandong' is not a Korean region (entities.csv: kind region, "
        "country KR).",
    ]
