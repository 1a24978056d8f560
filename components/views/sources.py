"""Where the data comes from, as tables: sources with the facts they support, the claims ledger, what is
unknown, the data dictionary generated from datapackage.json, and the data package as a zip (no streamlit)."""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from components.views.citations import citations
from components.data.dataset import Dataset
from components.i18n import STRINGS, t
from components.data.validate import SCHEMA_FILE, field_kind

# Tables whose rows are facts citing sources (source_ids); sectors and relation_types cite none.
FACT_TABLES = ("entities", "attributes", "relations", "figures", "clauses", "claims", "events", "event_participants",
               "event_outcomes", "disputes", "region_claims", "places")
VERDICTS = ("consistent", "needs_context", "outdated", "unverified", "incorrect")
# A symbol beside the word, so the verdict never rests on colour alone.
VERDICT_SYMBOLS = {"consistent": "✔", "needs_context": "⚠", "outdated": "↺", "unverified": "?", "incorrect": "✘"}
VERDICT_COLORS = {  # st.badge colour per verdict (used by the page; the words and symbol carry the meaning)
    "consistent": "green",
    "needs_context": "orange",
    "outdated": "violet",
    "unverified": "gray",
    "incorrect": "red",
}

SOURCE_COLUMNS = ("id", "publisher", "title", "date", "language", "kind", "url", "note", "facts")
CLAIM_COLUMNS = ("id", "claim", "claim_other", "verdict", "note", "entities", "sources", "source_url", "locator")
UNKNOWN_COLUMNS = ("entity", "attribute", "value")
DICTIONARY_COLUMNS = ("resource", "column", "type", "list", "required", "allowed", "description", "example")


def facts_per_source(data: Dataset) -> pd.DataFrame:
    """Per source id: how many rows of each fact table cite it, and the total. A row citing a source twice
    counts once. Every source of sources.csv has a row, in file order."""
    ids = list(data.sources["id"])
    counts = {table: dict.fromkeys(ids, 0) for table in FACT_TABLES}
    for table in FACT_TABLES:
        rows = data.table(table)
        if rows is None:  # an optional table a package lacks
            continue
        for cited in rows["source_ids"]:
            for sid in set(cited):
                if sid in counts[table]:
                    counts[table][sid] += 1
    frame = pd.DataFrame({table: [counts[table][sid] for sid in ids] for table in FACT_TABLES}, index=ids)
    frame["total"] = frame.sum(axis=1)
    return frame


def sources_table(data: Dataset, lang: str) -> pd.DataFrame:
    """The sources with the facts each supports, most used first. An empty address says so in `note`."""
    counts = facts_per_source(data)["total"]
    rows = []
    for _, row in data.sources.iterrows():
        note = row[f"note_{lang}"]
        if not row["url"]:
            missing = t("sources.list.no_url", lang)
            note = f"{missing}: {note}" if note else missing
        rows.append(
            {
                "id": row["id"],
                "publisher": row["publisher"],
                "title": row["title"],
                "date": row["date"],
                "language": t(f"sources.language.{row['language']}", lang),
                "kind": t(f"sources.kind.{row['kind']}", lang),
                "url": row["url"] or None,
                "note": note,
                "facts": int(counts[row["id"]]),
            }
        )
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))
    return frame.sort_values(["facts", "publisher"], ascending=[False, True], kind="stable").reset_index(drop=True)


def verdict_label(verdict: str, lang: str) -> str:
    """'⚠ needs context': symbol and words."""
    return f"{VERDICT_SYMBOLS[verdict]} {t(f'sources.verdict.{verdict}', lang)}"


def claims_table(data: Dataset, lang: str, verdicts: Sequence[str] = ()) -> pd.DataFrame:
    """The claims ledger, narrowed to `verdicts` (empty = all): claim in both languages, verdict, note in
    the current language, entities and sources."""
    other = "en" if lang == "ko" else "ko"
    entity_names = dict(zip(data.entities["id"], data.entities[f"name_{lang}"]))
    rows = []
    for _, row in data.claims.iterrows():
        if verdicts and row["verdict"] not in verdicts:
            continue
        cites = citations(data, row["source_ids"], row["locator"])
        rows.append(
            {
                "id": row["id"],
                "claim": row[f"claim_{lang}"],
                "claim_other": row[f"claim_{other}"],
                "verdict": verdict_label(row["verdict"], lang),
                "note": row[f"note_{lang}"],
                "entities": ", ".join(entity_names.get(e, e) for e in row["entity_ids"]),
                "sources": "; ".join(c.label for c in cites),
                "source_url": cites[0].url if cites and cites[0].url else None,
                "locator": row["locator"],
            }
        )
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def verdict_counts(data: Dataset) -> dict[str, int]:
    """Claims per verdict, every verdict listed (zero included), in VERDICTS order."""
    counts = data.claims["verdict"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VERDICTS}


def unknown_attributes(data: Dataset, lang: str) -> pd.DataFrame:
    """Every attribute row with confidence 'not found': whose fact, which fact, the value kept as it is."""
    entity_names = dict(zip(data.entities["id"], data.entities[f"name_{lang}"]))
    rows = [
        {
            "entity": entity_names.get(row["entity_id"], row["entity_id"]),
            "attribute": t(f"sources.attribute.{row['attribute']}", lang),
            "value": t("unknown", lang) if row[f"value_{lang}"] == "unknown" else row[f"value_{lang}"],
        }
        for _, row in data.attributes.iterrows()
        if row["confidence"] == "not found"
    ]
    return pd.DataFrame(rows, columns=list(UNKNOWN_COLUMNS))


# Kinds whose name already says what a value looks like: their pattern is not repeated under "allowed".
SELF_DESCRIBED_KINDS = ("list", "partial_date")


def data_dictionary(schema: dict, lang: str = "en") -> pd.DataFrame:
    """Every column of every resource of datapackage.json: type (in words, e.g. "address (URI)", "partial date"),
    list, required, allowed values, description, example. `allowed` holds the enum values, else the pattern (not
    for lists and partial dates, whose type says it), plus the minimum ('≥ 1') and maximum ('≤ 3')."""
    separator = schema.get("listSeparator", ";")
    rows = []
    for resource in schema["resources"]:
        for field in resource["schema"]["fields"]:
            cons = field.get("constraints", {})
            kind = field_kind(field)
            allowed = [", ".join(v for v in cons.get("enum", []) if v != "")]
            if not allowed[0] and "pattern" in cons and kind not in SELF_DESCRIBED_KINDS:
                allowed = [cons["pattern"]]
            if "minimum" in cons:
                allowed.append(f"≥ {cons['minimum']}")
            if "maximum" in cons:
                allowed.append(f"≤ {cons['maximum']}")
            type_key = f"sources.type.{kind}"
            rows.append(
                {
                    "resource": resource["path"],
                    "column": field["name"],
                    "type": t(type_key, lang, separator=separator) if type_key in STRINGS else kind,
                    "list": bool(field.get("list", False)),
                    "required": bool(cons.get("required", False)),
                    "allowed": "; ".join(a for a in allowed if a),
                    "description": field.get("description", ""),
                    "example": field.get("example", ""),
                }
            )
    return pd.DataFrame(rows, columns=list(DICTIONARY_COLUMNS))


def package_files(schema: dict) -> list[str]:
    """The files of the data package: datapackage.json and every resource's CSV."""
    return [SCHEMA_FILE] + [resource["path"] for resource in schema["resources"]]


def package_zip(data_dir: Path | str) -> bytes:
    """The whole data package as a zip built in memory: datapackage.json plus every resource's CSV, as on disk."""
    data_dir = Path(data_dir)
    schema = json.loads((data_dir / SCHEMA_FILE).read_text(encoding="utf-8"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in package_files(schema):
            archive.writestr(name, (data_dir / name).read_bytes())
    return buffer.getvalue()


def dictionary_of(data: Dataset) -> pd.DataFrame:
    """`data_dictionary` of the dataset's own datapackage.json (memoise it: `data.memo(dictionary_of)`)."""
    return data_dictionary(data.schema)


def dictionary_by_resource(data: Dataset) -> dict[str, pd.DataFrame]:
    """Resource path -> its rows of `dictionary_of` (memoise it: `data.memo(dictionary_by_resource)`)."""
    dictionary = data.memo(dictionary_of)
    return {resource["path"]: dictionary[dictionary["resource"] == resource["path"]]
            for resource in data.schema["resources"]}
