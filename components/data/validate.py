"""Validate the data package against data/datapackage.json; errors name file, row and column.

Run `python -m components.data.validate [data_dir]`: prints every error and exits 1 when there is one.

The schema uses the Frictionless standard's own forms (`frictionless validate data/datapackage.json` passes,
tests/test_frictionless.py), and this validator reads them: `string` with `format: uri` is an address (here
http(s) only), `string` with the PARTIAL_DATE_PATTERN is a partial date (YYYY, YYYY-MM or YYYY-MM-DD), `date`
/ `year` / `yearmonth` are the standard's. A column marked `"list": true` holds ids separated by the package's
`listSeparator` (for the standard: a string with a pattern). Foreign keys on single-valued columns are the
standard's `foreignKeys`; those the standard cannot check (list columns, network node ids such as `clause:<id>`)
are in the schema's `listForeignKeys`, checked item by item here. Beyond the standard this validator gives
bilingual, located messages, checks that facts cite sources, and reads the package's `lastChanged` date.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA_FILE = "datapackage.json"
# The pattern datapackage.json gives a partial-date column (a string to the standard); see field_kind.
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DATE_RE = re.compile(PARTIAL_DATE_PATTERN)
FULL_DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
YEAR_RE = re.compile(r"^\d{4}$")
YEARMONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
INTEGER_RE = re.compile(r"^-?\d+$")
NUMBER_RE = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)

# One template per error code, in both languages; {file}, {row}, {column} and params fill them.
MESSAGES: dict[str, dict[str, str]] = {
    "schema_missing": {
        "en": "The schema file {file} is missing or is not valid JSON ({detail}).",
        "ko": "스키마 파일 {file}이(가) 없거나 올바른 JSON이 아닙니다 ({detail}).",
    },
    "file_missing": {
        "en": "{file} is missing: expected a CSV file with the columns {expected}.",
        "ko": "{file} 파일이 없습니다: {expected} 열이 있는 CSV 파일이어야 합니다.",
    },
    "empty_file": {
        "en": "{file} is empty: expected a header row with the columns {expected}.",
        "ko": "{file} 파일이 비어 있습니다: {expected} 열의 머리글 행이 있어야 합니다.",
    },
    "bom": {
        "en": "{file} starts with a byte-order mark (BOM): save it as UTF-8 without BOM.",
        "ko": "{file} 파일이 BOM(바이트 순서 표시)으로 시작합니다: BOM 없는 UTF-8로 저장하세요.",
    },
    "encoding": {
        "en": "{file} is not valid UTF-8 (byte {detail}): save it as UTF-8.",
        "ko": "{file} 파일이 올바른 UTF-8이 아닙니다 ({detail}번째 바이트): UTF-8로 저장하세요.",
    },
    "csv_syntax": {
        "en": "{file}, row {row}: the CSV cannot be read ({detail}).",
        "ko": "{file}, {row}행: CSV를 읽을 수 없습니다 ({detail}).",
    },
    "missing_column": {
        "en": "{file}: column '{column}' is missing from the header row.",
        "ko": "{file}: 머리글 행에 '{column}' 열이 없습니다.",
    },
    "unexpected_column": {
        "en": "{file}: column '{column}' is not in the schema (expected only {expected}).",
        "ko": "{file}: '{column}' 열은 스키마에 없습니다 ({expected} 열만 허용).",
    },
    "row_length": {
        "en": "{file}, row {row}: {detail} cells, but the header has {expected}.",
        "ko": "{file}, {row}행: 셀이 {detail}개이지만 머리글은 {expected}개입니다.",
    },
    "required": {
        "en": "{file}, row {row}, column '{column}': a value is required.",
        "ko": "{file}, {row}행, '{column}' 열: 값이 필요합니다.",
    },
    "duplicate": {
        "en": "{file}, row {row}, column '{column}': '{value}' is used twice (first in row {detail}); ids must be unique.",
        "ko": "{file}, {row}행, '{column}' 열: '{value}'이(가) 중복됩니다 (처음 {detail}행); id는 고유해야 합니다.",
    },
    "type": {
        "en": "{file}, row {row}, column '{column}': '{value}' is not {expected}.",
        "ko": "{file}, {row}행, '{column}' 열: '{value}'은(는) {expected} 형식이 아닙니다.",
    },
    "enum": {
        "en": "{file}, row {row}, column '{column}': '{value}' is not allowed (expected one of {expected}).",
        "ko": "{file}, {row}행, '{column}' 열: '{value}'은(는) 허용되지 않습니다 ({expected} 중 하나).",
    },
    "pattern": {
        "en": "{file}, row {row}, column '{column}': '{value}' does not match {expected}.",
        "ko": "{file}, {row}행, '{column}' 열: '{value}'이(가) 형식 {expected}에 맞지 않습니다.",
    },
    "list_format": {
        "en": "{file}, row {row}, column '{column}': '{value}' is not a list of ids separated by '{expected}' (no spaces, no empty items).",
        "ko": "{file}, {row}행, '{column}' 열: '{value}'은(는) '{expected}'로 구분한 id 목록이 아닙니다 (공백이나 빈 항목 없이).",
    },
    "maximum": {
        "en": "{file}, row {row}, column '{column}': {value} is above the maximum {expected}.",
        "ko": "{file}, {row}행, '{column}' 열: {value}은(는) 최댓값 {expected}보다 큽니다.",
    },
    "last_changed": {
        "en": "{file}: lastChanged '{value}' is not a date YYYY-MM-DD.",
        "ko": "{file}: lastChanged '{value}'은(는) YYYY-MM-DD 형식의 날짜가 아닙니다.",
    },
    "minimum": {
        "en": "{file}, row {row}, column '{column}': {value} is below the minimum {expected}.",
        "ko": "{file}, {row}행, '{column}' 열: {value}은(는) 최솟값 {expected}보다 작습니다.",
    },
    "reference": {
        "en": "{file}, row {row}, column '{column}': '{value}' is not an id in {expected}.",
        "ko": "{file}, {row}행, '{column}' 열: '{value}'은(는) {expected}에 없는 id입니다.",
    },
    "reference_required": {
        "en": "{file}, row {row}, column '{column}': an id in {expected} is required when {detail}.",
        "ko": "{file}, {row}행, '{column}' 열: {detail}이면 {expected}의 id가 필요합니다.",
    },
    "future_date": {
        "en": "{file}, row {row}, column '{column}': '{value}' is in the future (today is {expected}).",
        "ko": "{file}, {row}행, '{column}' 열: '{value}'은(는) 미래의 날짜입니다 (오늘은 {expected}).",
    },
    "tie_needed": {
        "en": "{file}, row {row}, column '{column}': a sister or friendship tie needs a tie_id (tie-<region>-<counterpart>).",
        "ko": "{file}, {row}행, '{column}' 열: 자매·우호 관계 행사에는 tie_id(tie-<지역>-<상대>)가 있어야 합니다.",
    },
    "tie_side": {
        "en": "{file}, row {row}, column '{column}': '{value}' is not {expected}, so it cannot be a side of a tie.",
        "ko": "{file}, {row}행, '{column}' 열: '{value}'은(는) {expected}이(가) 아니어서 관계의 한쪽이 될 수 없습니다.",
    },
    "tie_mismatch": {
        "en": "{file}, row {row}, column '{column}': tie '{value}' joins other sides in row {detail}; one tie has one region and one counterpart.",
        "ko": "{file}, {row}행, '{column}' 열: 관계 '{value}'의 양쪽이 {detail}행과 다릅니다. 한 관계는 한 지역과 한 상대를 잇습니다.",
    },
    "dispute_one_value": {
        "en": "{file}, row {row}: the dispute over {column} of event '{value}' has one value only; a dispute needs two different values or more.",
        "ko": "{file}, {row}행: 행사 '{value}'의 {column} 이견에 값이 하나뿐입니다. 서로 다른 값이 둘 이상 있어야 합니다.",
    },
    "dispute_one_source": {
        "en": "{file}, row {row}: the dispute over {column} of event '{value}' has one source only; a dispute needs two different sources or more.",
        "ko": "{file}, {row}행: 행사 '{value}'의 {column} 이견에 출처가 하나뿐입니다. 서로 다른 출처가 둘 이상 있어야 합니다.",
    },
    "dispute_unsourced": {
        "en": "{file}, row {row}: a value in the dispute over {column} of event '{value}' has no source; every value needs its own.",
        "ko": "{file}, {row}행: 행사 '{value}'의 {column} 이견에 출처 없는 값이 있습니다. 값마다 출처가 있어야 합니다.",
    },
    "dispute_value": {
        "en": "{file}, row {row}, column 'value': '{value}' is not {expected} (the disputed field is {column}).",
        "ko": "{file}, {row}행, 'value' 열: '{value}'은(는) {expected} 형식이 아닙니다 (이견이 있는 항목: {column}).",
    },
    "not_a_region": {
        "en": "{file}, row {row}, column '{column}': '{value}' is not {expected}.",
        "ko": "{file}, {row}행, '{column}' 열: '{value}'은(는) {expected}이(가) 아닙니다.",
    },
    "source_needed": {
        "en": "{file}, row {row}, column '{column}': a source is required unless confidence is 'not found'.",
        "ko": "{file}, {row}행, '{column}' 열: 신뢰도가 'not found'가 아니면 출처가 필요합니다.",
    },
}

# What a value of each field kind (see field_kind) must look like, in the messages.
TYPE_NAMES = {
    "integer": {"en": "a whole number", "ko": "정수"},
    "number": {"en": "a number (digits, '.' as decimal point)", "ko": "숫자(소수점은 '.')"},
    "partial_date": {"en": "a date YYYY, YYYY-MM or YYYY-MM-DD", "ko": "날짜(YYYY, YYYY-MM, YYYY-MM-DD)"},
    "date": {"en": "a date YYYY-MM-DD", "ko": "날짜(YYYY-MM-DD)"},
    "year": {"en": "a year YYYY", "ko": "연도(YYYY)"},
    "yearmonth": {"en": "a month YYYY-MM", "ko": "연월(YYYY-MM)"},
    "uri": {"en": "an http:// or https:// address", "ko": "http:// 또는 https:// 주소"},
    "boolean": {"en": "true or false", "ko": "true 또는 false"},
    "korean_region": {"en": "a Korean region (entities.csv: kind region, country KR)",
                      "ko": "한국 지역(entities.csv: kind region, country KR)"},
    "chinese_region": {"en": "a Chinese region (entities.csv: kind region, country CN)",
                       "ko": "중국 지역(entities.csv: kind region, country CN)"},
    "region": {"en": "a region (entities.csv: kind region)", "ko": "지역(entities.csv: kind region)"},
}
KIND_CHECKS = {
    "integer": INTEGER_RE.match,
    "number": NUMBER_RE.match,
    "partial_date": DATE_RE.match,
    "date": FULL_DATE_RE.match,
    "year": YEAR_RE.match,
    "yearmonth": YEARMONTH_RE.match,
    "uri": URL_RE.match,
    "boolean": lambda value: value in ("true", "false"),
}


def field_kind(fdef: dict) -> str:
    """What a column holds, read from its Frictionless field descriptor: 'list' (ids separated by the
    listSeparator), 'uri', 'partial_date', or the standard type ('string', 'integer', 'number', 'boolean',
    'date', 'year', 'yearmonth')."""
    ftype = fdef.get("type", "string")
    if fdef.get("list"):
        return "list"
    if ftype == "string" and fdef.get("format") == "uri":
        return "uri"
    if ftype == "string" and fdef.get("constraints", {}).get("pattern") == PARTIAL_DATE_PATTERN:
        return "partial_date"
    return ftype


@dataclass(frozen=True)
class ValidationError:
    """One problem in the package, with where it is and what was expected."""

    code: str
    file: str
    row: int | None = None
    column: str | None = None
    value: str = ""
    expected: str = ""
    detail: str = ""
    type_name: str | None = field(default=None, compare=False)

    def message(self, lang: str = "en") -> str:
        lang = lang if lang in ("en", "ko") else "en"
        expected = TYPE_NAMES[self.type_name][lang] if self.type_name else self.expected
        shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        return MESSAGES[self.code][lang].format(
            file=self.file, row=self.row, column=self.column, value=shown, expected=expected, detail=self.detail
        )


def _read_text(path: Path, errors: list[ValidationError]) -> str | None:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(ValidationError("bom", path.name))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(ValidationError("encoding", path.name, detail=str(exc.start)))
        return None


def read_rows(path: Path, errors: list[ValidationError]) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """Return (header, [(file line number, cells)]) or None after recording why the file can't be read."""
    text = _read_text(path, errors)
    if text is None:
        return None
    if not text.strip():
        return [], []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader)
        for cells in reader:
            if cells and any(c.strip() for c in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        errors.append(ValidationError("csv_syntax", path.name, row=reader.line_num, detail=str(exc)))
        return None
    return [h.strip() for h in header], rows


def split_list(cell: str, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(separator) if part.strip())


def _check_value(fdef: dict, value: str, file: str, row: int, errors: list[ValidationError], separator: str) -> None:
    name, kind = fdef["name"], field_kind(fdef)
    cons = fdef.get("constraints", {})
    if kind == "list":
        # The pattern is the standard's check of the whole cell; each item's existence is checked by reference.
        if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
            errors.append(ValidationError("list_format", file, row, name, value, separator))
        return
    check = KIND_CHECKS.get(kind)
    if check is not None and not check(value):
        errors.append(ValidationError("type", file, row, name, value, type_name=kind))
        return
    if "enum" in cons and value not in cons["enum"]:
        allowed = ", ".join(repr(v) for v in cons["enum"] if v != "")
        errors.append(ValidationError("enum", file, row, name, value, allowed))
    if "pattern" in cons and kind != "partial_date" and not re.fullmatch(cons["pattern"], value):
        errors.append(ValidationError("pattern", file, row, name, value, cons["pattern"]))
    if "minimum" in cons and kind in ("integer", "number") and float(value) < cons["minimum"]:
        errors.append(ValidationError("minimum", file, row, name, value, str(cons["minimum"])))
    if "maximum" in cons and kind in ("integer", "number") and float(value) > cons["maximum"]:
        errors.append(ValidationError("maximum", file, row, name, value, str(cons["maximum"])))


def _foreign_keys(resource: dict) -> list[tuple[str, dict, dict[str, str]]]:
    """(field name, reference, condition) per key, from the standard's foreignKeys and the schema's own
    listForeignKeys (on ;-separated lists) and conditionalForeignKeys (keys with "when"), which the standard cannot check.
    A reference is {"resource": ..., "fields": "id"}, optionally "prefixed": {prefix: resource}; every reference
    targets an 'id'. A key with "when": {column: value} applies only to rows where that column has that value, and
    is then required."""
    schema = resource["schema"]
    return [
        (fk["fields"], fk["reference"], fk.get("when", {}))
        for keys in ("foreignKeys", "listForeignKeys", "conditionalForeignKeys")
        for fk in schema.get(keys, [])
    ]


def _reference_ids(reference: dict, ids: dict[str, set[str]]) -> tuple[set[str], str] | None:
    """The ids a reference accepts and how a message names them; None when a target file is itself broken."""
    targets = {"": reference["resource"], **reference.get("prefixed", {})}
    if any(target not in ids for target in targets.values()):
        return None
    accepted = {prefix + value for prefix, target in targets.items() for value in ids[target]}
    named = ", ".join(f"{target}.csv" if not prefix else f"{prefix}<{target}.csv id>" for prefix, target in targets.items())
    return accepted, named


def validate_package(data_dir: Path, today: dt.date | None = None) -> list[ValidationError]:
    """Check every file, row and reference of the package; return all errors found (empty when valid).
    `today` (default: the real date) is what a date must not be after."""
    data_dir = Path(data_dir)
    errors: list[ValidationError] = []
    try:
        package = json.loads((data_dir / SCHEMA_FILE).read_text(encoding="utf-8"))
        resources = package["resources"]
    except (OSError, ValueError, KeyError) as exc:
        return [ValidationError("schema_missing", SCHEMA_FILE, detail=type(exc).__name__)]
    separator = package.get("listSeparator", ";")
    last_changed = package.get("lastChanged")
    if last_changed is not None and not (isinstance(last_changed, str) and FULL_DATE_RE.match(last_changed)):
        errors.append(ValidationError("last_changed", SCHEMA_FILE, value=str(last_changed)))

    ids: dict[str, set[str]] = {}
    parsed: dict[str, tuple[dict, list[tuple[int, dict[str, str]]]]] = {}
    for resource in resources:
        path = data_dir / resource["path"]
        fields = resource["schema"]["fields"]
        names = [f["name"] for f in fields]
        if not path.exists():
            errors.append(ValidationError("file_missing", path.name, expected=", ".join(names)))
            continue
        result = read_rows(path, errors)
        if result is None:
            continue
        header, rows = result
        if not header:
            errors.append(ValidationError("empty_file", path.name, expected=", ".join(names)))
            continue
        missing = [n for n in names if n not in header]
        for name in missing:
            errors.append(ValidationError("missing_column", path.name, column=name))
        for name in header:
            if name not in names:
                errors.append(ValidationError("unexpected_column", path.name, column=name, expected=", ".join(names)))
        if missing:
            continue
        records: list[tuple[int, dict[str, str]]] = []
        for line, cells in rows:
            if len(cells) != len(header):
                errors.append(
                    ValidationError("row_length", path.name, line, detail=str(len(cells)), expected=str(len(header)))
                )
                continue
            records.append((line, {h: c.strip() for h, c in zip(header, cells) if h in names}))
        seen_unique: dict[str, dict[str, int]] = {}
        for line, record in records:
            for fdef in fields:
                name = fdef["name"]
                value = record.get(name, "")
                cons = fdef.get("constraints", {})
                if value == "":
                    if cons.get("required"):
                        errors.append(ValidationError("required", path.name, line, name))
                    continue
                _check_value(fdef, value, path.name, line, errors, separator)
                if cons.get("unique"):
                    first = seen_unique.setdefault(name, {})
                    if value in first:
                        errors.append(
                            ValidationError("duplicate", path.name, line, name, value, detail=str(first[value]))
                        )
                    else:
                        first[value] = line
        pk = resource["schema"].get("primaryKey")
        if isinstance(pk, list):
            first_rows: dict[tuple[str, ...], int] = {}
            for line, record in records:
                key = tuple(record.get(k, "") for k in pk)
                if key in first_rows:
                    errors.append(
                        ValidationError(
                            "duplicate", path.name, line, "+".join(pk), " + ".join(key), detail=str(first_rows[key])
                        )
                    )
                else:
                    first_rows[key] = line
        if "id" in names:
            ids[resource["name"]] = {r["id"] for _, r in records if r.get("id")}
        parsed[resource["name"]] = (resource, records)

    for name, (resource, records) in parsed.items():
        refs = _foreign_keys(resource)
        # each reference's accepted ids, built once per table (per row, it was quadratic: minutes at 100x the data)
        accepted_by_ref = [_reference_ids(reference, ids) for _, reference, _ in refs]
        list_fields = {f["name"] for f in resource["schema"]["fields"] if f.get("list")}
        for line, record in records:
            for (column, reference, when), accepted in zip(refs, accepted_by_ref):
                if any(record.get(key, "") != value for key, value in when.items()):
                    continue  # a conditional key for another kind of row
                if accepted is None:
                    continue  # the target file itself is broken; its own error says so
                cell = record.get(column, "")
                values = split_list(cell, separator) if column in list_fields else ((cell,) if cell else ())
                if when and not values:
                    condition = ", ".join(f"{key} = '{value}'" for key, value in when.items())
                    errors.append(
                        ValidationError("reference_required", resource["path"], line, column, "", accepted[1],
                                        condition)
                    )
                for value in values:
                    if value not in accepted[0]:
                        errors.append(ValidationError("reference", resource["path"], line, column, value, accepted[1]))
            if "source_ids" in record and not record["source_ids"] and record.get("confidence") != "not found":
                if not any(e.code == "required" and e.row == line and e.file == resource["path"] for e in errors):
                    errors.append(ValidationError("source_needed", resource["path"], line, "source_ids"))
    errors += _date_checks(parsed, today or dt.date.today())
    errors += _tie_checks(parsed, separator)
    return errors


# --- what the schema cannot say: dates not in the future, ties between a Korean and a Chinese region, disputes --
TIE_KINDS = ("sister_region_tie", "friendship_tie")


def _first_day(text: str) -> dt.date | None:
    parts = text.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _date_checks(parsed: dict, today: dt.date) -> list[ValidationError]:
    """No date of a package (an event's, a claim's, a source's) may start after `today`."""
    errors = []
    for name, (resource, records) in parsed.items():
        date_fields = [f["name"] for f in resource["schema"]["fields"]
                       if field_kind(f) in ("partial_date", "date") or f["name"] == "date_start"]
        for line, record in records:
            for column in date_fields:
                day = _first_day(record.get(column, ""))
                if day is not None and day > today:
                    errors.append(ValidationError("future_date", resource["path"], line, column, record[column],
                                                  today.isoformat()))
    return errors


def _tie_checks(parsed: dict, separator: str) -> list[ValidationError]:
    errors: list[ValidationError] = []
    if "entities" not in parsed:
        return errors
    entities = {r["id"]: r for _, r in parsed["entities"][1]}

    def is_region(entity_id: str, country: str) -> bool:
        entity = entities.get(entity_id)
        return entity is not None and entity.get("kind") == "region" and entity.get("country") == country

    def side_error(line: int, column: str, value: str, wanted: str) -> ValidationError:
        return ValidationError("tie_side", "events.csv", line, column, value, type_name=wanted)

    if "events" in parsed:
        sides: dict[str, tuple[int, str, str]] = {}
        for line, record in parsed["events"][1]:
            tie, kr, cn = record.get("tie_id", ""), record.get("kr_region_id", ""), record.get("cn_counterpart_id", "")
            if record.get("kind") in TIE_KINDS and not tie and "tie_id" in record:
                errors.append(ValidationError("tie_needed", "events.csv", line, "tie_id"))
            if not tie:
                continue
            if kr in entities and not is_region(kr, "KR"):
                errors.append(side_error(line, "kr_region_id", kr, "korean_region"))
            if cn in entities and not is_region(cn, "CN"):
                errors.append(side_error(line, "cn_counterpart_id", cn, "chinese_region"))
            first = sides.setdefault(tie, (line, kr, cn))
            if (first[1], first[2]) != (kr, cn):
                errors.append(ValidationError("tie_mismatch", "events.csv", line, "tie_id", tie, detail=str(first[0])))
    if "places" in parsed:
        for line, record in parsed["places"][1]:
            entity = entities.get(record.get("entity_id", ""))
            if entity is not None and entity.get("kind") != "region":
                errors.append(ValidationError("not_a_region", "places.csv", line, "entity_id", record["entity_id"],
                                              type_name="region"))
    if "region_claims" in parsed:
        for line, record in parsed["region_claims"][1]:
            region = record.get("region_id", "")
            if region in entities and not is_region(region, "KR"):
                errors.append(ValidationError("not_a_region", "region_claims.csv", line, "region_id", region,
                                              type_name="korean_region"))
    if "disputes" in parsed:
        errors += _dispute_checks(parsed, separator)
    return errors


def _dispute_checks(parsed: dict, separator: str) -> list[ValidationError]:
    """Each disputed (event, field) has two different values or more, and two different sources or more; each
    value fits its field (a partial date, an event kind)."""
    errors: list[ValidationError] = []
    resource, records = parsed["disputes"]
    kinds = ()
    if "events" in parsed:
        kind_field = next((f for f in parsed["events"][0]["schema"]["fields"] if f["name"] == "kind"), {})
        kinds = tuple(kind_field.get("constraints", {}).get("enum", ()))
    groups: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for line, record in records:
        groups.setdefault((record.get("event_id", ""), record.get("field", "")), []).append((line, record))
        field_name, value = record.get("field", ""), record.get("value", "")
        if field_name == "date_start" and not DATE_RE.match(value):
            errors.append(ValidationError("dispute_value", "disputes.csv", line, field_name, value,
                                          type_name="partial_date"))
        elif field_name == "kind" and kinds and value not in kinds:
            errors.append(ValidationError("dispute_value", "disputes.csv", line, field_name, value,
                                          expected=", ".join(kinds)))
    for (event_id, field_name), rows in groups.items():
        values = {r["value"] for _, r in rows}
        sources = {s for _, r in rows for s in split_list(r.get("source_ids", ""), separator)}
        problem = None
        if len(values) < 2:
            problem = "dispute_one_value"
        elif any(not r.get("source_ids") for _, r in rows):
            problem = "dispute_unsourced"
        elif len(sources) < 2:
            problem = "dispute_one_source"
        if problem:
            errors.append(ValidationError(problem, "disputes.csv", rows[0][0], field_name, event_id))
    return errors


def main(argv: list[str] | None = None) -> int:
    from components.data.dataset import current_data_dir

    args = sys.argv[1:] if argv is None else argv
    lang = "en"
    if args and args[0] in ("--ko", "--en"):
        lang, args = args[0][2:], args[1:]
    data_dir = Path(args[0]) if args else current_data_dir()
    errors = validate_package(data_dir)
    for error in errors:
        print(error.message(lang), file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"{data_dir}: valid")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
