"""A tiny data package built in code (typed exactly as load_dataset types the CSVs) for network tests.

Picture (relations → arrows, clause links ⇢, sector links ··):

    kim-dong-yeon —governor of→ gyeonggi        initech —member of delegation→ tencent-visit
    kim-dong-yeon —signed→ mou-signing          initech —met (inferred)→ tencent
    mou-signing —located in→ shanghai           tencent —based in→ shenzhen
    nhn-cloud —based in→ gyeonggi               tencent-visit —located in→ shenzhen
    clause:field-trade ⇢ mou-signing            clause:agreement-expo ⇢ mou-signing, ⇢ ciie
    clause:proposal-joint-investment ⇢ kim-dong-yeon
    sectors: initech·security, nhn-cloud·cloud, tencent·cloud;ai, ciie·trade,
             field-trade·trade, agreement-expo·trade, proposal·cloud;security
"""
from __future__ import annotations

import json
from pathlib import Path

from components.data.dataset import Dataset, RESOURCE_NAMES, _typed_frame

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "data" / "datapackage.json").read_text(encoding="utf-8"))


def _entity(id, kind, country, ko, en, zh="", sectors="", role="", confidence="seen"):
    return {
        "id": id, "kind": kind, "country": country, "name_ko": ko, "name_en": en, "name_zh": zh,
        "sectors": sectors, "role": role, "description_ko": f"{ko} 설명", "description_en": f"About {en}",
        "confidence": confidence, "source_ids": "src-a", "locator": "¶1",
    }


def _relation(id, frm, rel, to, date="2025-09-25", confidence="seen", sources="src-a", locator="¶2"):
    return {
        "id": id, "from_id": frm, "relation": rel, "to_id": to, "date": date, "note_ko": "", "note_en": "",
        "confidence": confidence, "source_ids": sources, "locator": locator,
    }


def _clause(id, group, number, ko, en, sectors, is_mou, entity_ids=""):
    return {
        "id": id, "group": group, "number": str(number), "title_ko": ko, "title_en": en,
        "text_ko": f"{ko} 내용", "text_en": f"{en} text", "sectors": sectors,
        "is_mou_clause": "true" if is_mou else "false", "entity_ids": entity_ids,
        "source_ids": "src-a", "locator": "¶4",
    }


ROWS = {
    "sources": [
        {"id": "src-a", "publisher": "Pressian", "title": "기사", "date": "2025-09-26",
         "url": "https://www.pressian.com/pages/articles/1", "language": "ko", "kind": "news", "note_ko": "", "note_en": ""},
        {"id": "src-b", "publisher": "Tencent", "title": "Report", "date": "2025",
         "url": "", "language": "en", "kind": "company", "note_ko": "", "note_en": "read through a copy"},
    ],
    "sectors": [
        {"id": "cloud", "name_ko": "클라우드", "name_en": "Cloud", "color": "#0072B2", "order": "1"},
        {"id": "security", "name_ko": "보안", "name_en": "Security", "color": "#E69F00", "order": "2"},
        {"id": "trade", "name_ko": "무역", "name_en": "Trade", "color": "#009E73", "order": "3"},
        {"id": "ai", "name_ko": "인공지능", "name_en": "AI", "color": "#CC79A7", "order": "4"},
    ],
    "entities": [
        _entity("gyeonggi", "region", "KR", "경기도", "Gyeonggi Province"),
        _entity("shanghai", "region", "CN", "상하이", "Shanghai", zh="上海"),
        _entity("shenzhen", "region", "CN", "선전", "Shenzhen", zh="深圳"),
        _entity("kim-dong-yeon", "person", "KR", "김동연", "Kim Dong-yeon", role="signatory"),
        _entity("mou-signing-2025-09-25", "event", "shared", "MOU 체결", "MOU signing"),
        _entity("tencent-visit", "event", "shared", "텐센트 방문", "Tencent visit"),
        _entity("initech", "company", "KR", "이니텍", "Initech", sectors="security", role="delegation"),
        _entity("nhn-cloud", "company", "KR", "NHN클라우드", "NHN Cloud", sectors="cloud", role="delegation"),
        _entity("tencent", "company", "CN", "텐센트", "Tencent", zh="腾讯", sectors="cloud;ai", role="host"),
        _entity("ciie", "event", "CN", "수입박람회", "Import Expo", zh="进博会", sectors="trade", confidence="inferred"),
    ],
    "attributes": [
        {"entity_id": "initech", "attribute": "founded", "value_ko": "1997", "value_en": "1997",
         "confidence": "seen", "source_ids": "src-a", "locator": "p. 3"},
        {"entity_id": "initech", "attribute": "headquarters", "value_ko": "unknown", "value_en": "unknown",
         "confidence": "not found", "source_ids": "", "locator": ""},
    ],
    "relation_types": [
        {"id": "governor_of", "label_ko": "도지사", "label_en": "governor of"},
        {"id": "signed", "label_ko": "서명", "label_en": "signed"},
        {"id": "located_in", "label_ko": "소재", "label_en": "located in"},
        {"id": "based_in", "label_ko": "본사 소재", "label_en": "based in"},
        {"id": "member_of_delegation", "label_ko": "대표단 참여", "label_en": "member of delegation"},
        {"id": "met", "label_ko": "면담", "label_en": "met"},
    ],
    "relations": [
        _relation("r1", "kim-dong-yeon", "governor_of", "gyeonggi", date=""),
        _relation("r2", "kim-dong-yeon", "signed", "mou-signing-2025-09-25"),
        _relation("r3", "mou-signing-2025-09-25", "located_in", "shanghai"),
        _relation("r4", "nhn-cloud", "based_in", "gyeonggi", date=""),
        _relation("r5", "initech", "member_of_delegation", "tencent-visit", sources="src-a;src-b"),
        _relation("r6", "initech", "met", "tencent", confidence="inferred", sources="src-b", locator=""),
        _relation("r7", "tencent", "based_in", "shenzhen", date="", sources="src-b", locator=""),
        _relation("r8", "tencent-visit", "located_in", "shenzhen"),
    ],
    "figures": [
        {"id": "initech-revenue", "group": "context", "entity_id": "initech", "subject_ko": "이니텍",
         "subject_en": "Initech", "subject_zh": "", "metric": "revenue", "value": "120000000000", "unit": "KRW",
         "period": "2024", "rank": "", "rank_scope_ko": "", "rank_scope_en": "", "label_ko": "매출",
         "label_en": "Revenue", "note_ko": "", "note_en": "", "confidence": "seen", "source_ids": "src-a", "locator": "table 1"},
    ],
    "clauses": [
        _clause("field-trade", "field", 1, "경제통상", "Economy and trade", "trade", True),
        _clause("agreement-expo", "agreement", 1, "수입박람회 참가", "Import expo", "trade", True, "ciie"),
        _clause("proposal-joint-investment", "proposal", 1, "공동투자 제안", "Joint investment proposal", "cloud;security", False, "kim-dong-yeon"),
    ],
    "claims": [],
}


def tiny_dataset(**overrides: list[dict]) -> Dataset:
    """The fixture package; `overrides` replaces whole tables (e.g. entities=[...])."""
    rows = {**ROWS, **overrides}
    resources = {r["name"]: r for r in SCHEMA["resources"]}
    frames = {name: _typed_frame(resources[name], rows[name], SCHEMA.get("listSeparator", ";")) for name in RESOURCE_NAMES}
    return Dataset(**frames, schema=SCHEMA)
