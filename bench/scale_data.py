"""Synthetic data packages N times the real one, built from data/ and its schema, for the scale benchmark.

`make_scaled(src, dst, factor)` copies the package to `dst` and adds `factor - 1` clones of every row of the
tables that grow with the story (entities, relations, attributes, clauses, figures, and the events with their
participants, outcomes and disputes, the map's seats and the regions' own counts). Clone k suffixes ids with `-xk`, maps every reference inside the clone to the
clone's own rows (so relations and events stay inside their copy and reach the rest only through the shared
sectors and sources), and marks names with `#k` so labels stay distinct. Sources, sectors, relation types,
claims and the story are shared as they are (the story keeps pointing at the original rows); `seedEvents`
gains each clone's seed events, so a link without `?event=` shows the first story N times, as before events.
Which fields are ids and which are references is read from datapackage.json (primaryKey, foreignKeys,
listForeignKeys, conditionalForeignKeys), not hard-coded, so the generator follows the schema.

    python bench/scale_data.py 10 /tmp/krcn-10x   # then: python -m components.data.validate /tmp/krcn-10x
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROWING = ("entities", "relations", "attributes", "clauses", "figures", "events", "event_participants", "event_outcomes",
           "places", "disputes", "region_claims")
NAME_FIELDS = ("name_en", "name_ko", "subject_en", "subject_ko", "title_en", "title_ko", "label_en", "label_ko")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _growing_references(schema: dict) -> list[tuple[str, dict[str, str]]]:
    """(column, condition) of every reference into a growing table: those are remapped inside each clone. A
    conditional key applies only to rows matching its `when` (an outcome's ref_id names a clause, a figure or a
    relation by its kind); a prefixed list key (the story's `clause:` ids) points at shared rows: left alone."""
    keys = [*schema.get("foreignKeys", []), *schema.get("listForeignKeys", []), *schema.get("conditionalForeignKeys", [])]
    out = []
    for fk in keys:
        if fk["reference"]["resource"] in GROWING and not fk["reference"].get("prefixed"):
            entry = (fk["fields"], dict(fk.get("when", {})))
            if entry not in out:
                out.append(entry)
    return out


def make_scaled(src: Path, dst: Path, factor: int) -> dict[str, int]:
    """Write a package `factor` times the size of `src` to `dst`; returns the row count of each table."""
    if factor < 1:
        raise ValueError("factor must be >= 1")
    src, dst = Path(src), Path(dst)
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    package = json.loads((src / "datapackage.json").read_text(encoding="utf-8"))
    separator = package.get("listSeparator", ";")
    resources = {r["name"]: r for r in package["resources"]}
    counts: dict[str, int] = {}
    for name, resource in resources.items():
        path = dst / resource["path"]
        header, rows = _read(path)
        if name not in GROWING or factor == 1:
            counts[name] = len(rows)
            continue
        schema = resource["schema"]
        own_id = "id" if schema.get("primaryKey") == "id" else None
        remap = _growing_references(schema)
        lists = {f["name"] for f in schema["fields"] if f.get("list")}
        out = list(rows)
        for k in range(2, factor + 1):
            suffix = f"-x{k}"
            for row in rows:
                clone = dict(row)
                if own_id:
                    clone[own_id] = row[own_id] + suffix
                for column, when in remap:
                    cell = row.get(column, "")
                    if not cell or any(row.get(k) != v for k, v in when.items()):
                        continue
                    if column in lists:
                        parts = [p.strip() for p in cell.split(separator) if p.strip()]
                        clone[column] = separator.join(p + suffix for p in parts)
                    else:
                        clone[column] = cell.strip() + suffix
                if clone.get("tie_id"):  # a relationship's id is not a reference, but one tie stays in one clone
                    clone["tie_id"] += suffix
                for column in NAME_FIELDS:
                    if clone.get(column):
                        clone[column] = f"{clone[column]} #{k}"
                out.append(clone)
        _write(path, header, out)
        counts[name] = len(out)
    if package.get("seedEvents") and factor > 1:
        seeds = package["seedEvents"]
        package["seedEvents"] = seeds + [f"{e}-x{k}" for k in range(2, factor + 1) for e in seeds]
        (dst / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return counts


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python bench/scale_data.py FACTOR OUT_DIR", file=sys.stderr)
        return 2
    counts = make_scaled(ROOT / "data", Path(argv[1]), int(argv[0]))
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
