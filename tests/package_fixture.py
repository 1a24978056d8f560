"""A tiny valid data package written in code (same schema as data/), for validator and hostile-input tests."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "data" / "datapackage.json"

TINY: dict[str, list[dict[str, str]]] = {
    "sources": [
        {"id": "src-a", "publisher": "Pressian", "title": "Article", "date": "2025-09-26",
         "url": "https://example.org/a", "language": "ko", "kind": "news", "note_ko": "", "note_en": ""},
    ],
    "sectors": [
        {"id": "ai", "name_ko": "인공지능", "name_en": "AI", "color": "#0072B2", "order": "1"},
        {"id": "cloud", "name_ko": "클라우드", "name_en": "Cloud", "color": "#E69F00", "order": "2"},
    ],
    "entities": [
        {"id": "gyeonggi", "kind": "region", "country": "KR", "name_ko": "경기도", "name_en": "Gyeonggi", "name_zh": "",
         "sectors": "", "role": "", "description_ko": "한국의 도", "description_en": "A Korean province",
         "confidence": "seen", "source_ids": "src-a", "locator": "¶1"},
        {"id": "acme-cloud", "kind": "company", "country": "KR", "name_ko": "에이크미", "name_en": "Acme Cloud",
         "name_zh": "", "sectors": "cloud;ai", "role": "delegation", "description_ko": "클라우드 기업",
         "description_en": "A cloud firm", "confidence": "seen", "source_ids": "src-a", "locator": "¶9"},
    ],
    "attributes": [
        {"entity_id": "acme-cloud", "attribute": "founded", "value_ko": "unknown", "value_en": "unknown",
         "confidence": "not found", "source_ids": "", "locator": ""},
    ],
    "relation_types": [{"id": "located_in", "label_ko": "소재", "label_en": "located in"}],
    "relations": [
        {"id": "r-1", "from_id": "acme-cloud", "relation": "located_in", "to_id": "gyeonggi", "date": "2025",
         "note_ko": "", "note_en": "", "confidence": "seen", "source_ids": "src-a", "locator": "¶9"},
    ],
    "figures": [
        {"id": "fig-1", "group": "headline", "entity_id": "gyeonggi", "subject_ko": "경기도", "subject_en": "Gyeonggi",
         "subject_zh": "", "metric": "gdp", "value": "651000000000000", "unit": "KRW", "period": "2024", "rank": "1",
         "rank_scope_ko": "한국 17개 시도 중", "rank_scope_en": "among Korea's 17 regions", "label_ko": "경기도 GRDP",
         "label_en": "Gyeonggi GRDP", "note_ko": "", "note_en": "", "confidence": "seen", "source_ids": "src-a",
         "locator": ""},
    ],
    "clauses": [
        {"id": "field-1", "group": "field", "number": "1", "title_ko": "경제", "title_en": "Economy", "text_ko": "경제 교류",
         "text_en": "Economic exchange", "sectors": "ai", "is_mou_clause": "true", "entity_ids": "",
         "source_ids": "src-a", "locator": "¶4"},
    ],
    "claims": [
        {"id": "claim-1", "claim_ko": "1위", "claim_en": "No. 1", "verdict": "needs_context", "note_ko": "도시 중 1위",
         "note_en": "First among cities", "entity_ids": "gyeonggi", "source_ids": "src-a", "locator": "¶1"},
    ],
    "events": [
        {"id": "ev-1", "kind": "agreement_signed", "date_start": "2025-09-25", "date_end": "", "name_ko": "MOU 체결",
         "name_en": "MOU signing", "name_zh": "", "place_ko": "상하이", "place_en": "Shanghai", "kr_region_id": "gyeonggi",
         "cn_counterpart_id": "acme-cloud", "sectors": "ai", "description_ko": "양해각서 서명",
         "description_en": "Memorandum signed", "confidence": "seen", "source_ids": "src-a", "locator": "¶2"},
    ],
    "event_participants": [
        {"event_id": "ev-1", "entity_id": "gyeonggi", "role": "signatory", "confidence": "seen", "source_ids": "src-a",
         "locator": "¶2"},
    ],
    "event_outcomes": [
        {"event_id": "ev-1", "kind": "clause", "ref_id": "field-1", "text_ko": "경제 교류", "text_en": "Economic exchange",
         "confidence": "seen", "source_ids": "src-a", "locator": "¶4"},
        {"event_id": "ev-1", "kind": "text", "ref_id": "", "text_ko": "후속 회의", "text_en": "A follow-up meeting",
         "confidence": "seen", "source_ids": "src-a", "locator": ""},
    ],
    "story": [
        {"step": "1", "title_ko": "여정", "title_en": "The trip", "caption_ko": "에이크미가 경기도에 있다.",
         "caption_en": "Acme Cloud is in Gyeonggi.", "focus": "", "depth": "1", "sectors": "",
         "highlight_nodes": "", "highlight_edges": "", "source_ids": "src-a", "locator": "¶1"},
        # Only src-a is cited by default, so tests that replace other tables keep a valid story; the story tests in
        # test_validate.py set focus, sectors and highlights themselves.
    ],
    "places": [],
    "disputes": [],
    "region_claims": [],
}


def field_names(resource: str) -> list[str]:
    package = json.loads(SCHEMA.read_text(encoding="utf-8"))
    spec = next(r for r in package["resources"] if r["name"] == resource)
    return [f["name"] for f in spec["schema"]["fields"]]


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(name, "") for name in header])


def write_package(directory: Path, tables: dict[str, list[dict[str, str]]] | None = None) -> Path:
    """Write the schema and tables (TINY by default, overridden per table) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(SCHEMA, directory / "datapackage.json")
    merged = {**TINY, **(tables or {})}
    for name, rows in merged.items():
        write_csv(directory / f"{name}.csv", field_names(name), rows)
    return directory


def copy_real_package(directory: Path) -> Path:
    """A copy of the real data/ to edit in a test."""
    shutil.copytree(ROOT / "data", directory, dirs_exist_ok=True)
    return directory
