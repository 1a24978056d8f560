"""A copy of the real data package with hostile and awkward text in names, descriptions, clauses and sources."""
from __future__ import annotations

import csv
from pathlib import Path

from tests.package_fixture import copy_real_package

# Each payload sets window.__pwned or opens a dialog if it ever runs as HTML/JS.
SCRIPT = "<script>window.__pwned='script';alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned='img';alert(1)\">"
SVG = "\"><svg onload=\"window.__pwned='svg';alert(2)\">"
MARKDOWN = "**bold** [click](javascript:alert(3)) $x^2$ :red[red] <b>b</b> ![i](x)"
AWKWARD = "Hancom & \"Co\" 's 🚀 עברית العربية 腾讯 " + "very-long-name-" * 12
FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")"
HOSTILE_EVENT = "gyeonggi-chongqing-friendship-2025"  # shown as a card on / (?event=) and /timeline (?open=)

HOSTILE_ROWS: dict[str, dict[str, dict[str, str]]] = {
    "entities": {
        "initech": {"name_en": IMG, "name_ko": SCRIPT, "description_en": SVG + " " + MARKDOWN,
                    "description_ko": MARKDOWN},
        "hancom": {"name_en": AWKWARD, "name_ko": AWKWARD, "description_en": FORMULA, "name_zh": SVG},
        "aiworks": {"name_en": "+cmd|' /C calc'!A0", "description_en": "@SUM(1+1)"},
        # a Chinese partner of several ties: the /regions matrix, tables, map labels and hovers
        "sichuan": {"name_en": SVG + " Sichuan", "name_ko": IMG + " 쓰촨"},
    },
    "clauses": {"agreement-1": {"title_en": SCRIPT, "text_en": IMG + " " + MARKDOWN, "text_ko": SVG}},
    "sectors": {"security": {"name_en": "<b>Security</b> " + IMG, "name_ko": SVG}},
    "sources": {"pressian-2025-09-26": {"publisher": "Pressian " + SCRIPT, "title": FORMULA}},
    "claims": {"claim-shanghai-first-in-china": {"note_en": MARKDOWN + " " + IMG}},
    "relation_types": {"member_of_delegation": {"label_en": IMG}},
    "events": {HOSTILE_EVENT: {"name_en": MARKDOWN + " " + IMG, "name_ko": SCRIPT, "description_en": SVG,
                               "place_en": IMG}},
}


def write_hostile_package(directory: Path) -> Path:
    copy_real_package(directory)
    for table, edits in HOSTILE_ROWS.items():
        path = directory / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = list(rows[0].keys())
        key = "id"
        found = set()
        for row in rows:
            if row[key] in edits:
                row.update(edits[row[key]])
                found.add(row[key])
        missing = set(edits) - found
        if missing:
            raise KeyError(f"{table}.csv has no rows {sorted(missing)}: update the hostile fixture")
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
    return directory
