"""The data package is valid under the Frictionless standard, checked by the standard's own tool (frictionless-py,
a test dependency only): data/datapackage.json passes, and a broken copy is reported with the standard's errors."""
import json
import shutil

import frictionless  # requirements-test.txt: not skipped when missing, so CI cannot pass without the check

from tests.package_fixture import ROOT


def errors_of(descriptor):
    report = frictionless.validate(str(descriptor))
    return sorted((task.name, error.type, getattr(error, "field_name", "") or "") for task in report.tasks
                  for error in task.errors) + [("package", e.type, "") for e in report.errors]


def test_data_package_is_valid_under_the_standard():
    report = frictionless.validate(str(ROOT / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(frictionless.Package(str(ROOT / "data" / "datapackage.json")).resources)


def test_a_broken_copy_is_invalid(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    replace(copy / "sources.csv", "https://www.pressian.com/pages/articles/2025092614191146073,ko", "not an address,ko")
    replace(copy / "relations.csv", "r-gyeonggi-mou-shanghai,gyeonggi,", "r-gyeonggi-mou-shanghai,nowhere,")
    replace(copy / "relations.csv", ",2025-09-25,우호", ",2025-13-45,우호")
    replace(copy / "entities.csv", ",pressian-2025-09-26;statistics", ",pressian-2025-09-26;;statistics")
    assert errors_of(copy / "datapackage.json") == [
        ("entities", "constraint-error", "source_ids"),
        ("relations", "constraint-error", "date"),
        ("relations", "foreign-key", ""),
        ("sources", "type-error", "url"),
    ]


def test_a_non_standard_type_is_a_metadata_error(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    path = copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["resources"][0]["schema"]["fields"][4]["type"] = "url"  # sources.url as it was before the standard's forms
    path.write_text(json.dumps(package), encoding="utf-8")
    assert not frictionless.validate(str(path)).valid


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
