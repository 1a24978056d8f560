"""Pages follow the data package while the app runs (AppTest): a valid change shows without a restart, a bad one
leaves every page on the last good package, and the download is the package that validated."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

from components.data import live
from components.i18n import t
from tests.apptest_helpers import download_file, open_page
from tests.package_fixture import TINY, write_package


def entities(**changes: str) -> list[dict[str, str]]:
    rows = [dict(r) for r in TINY["entities"]]
    rows[1].update(changes)  # the company, Acme Cloud
    return rows


def set_last_changed(directory, date: str) -> None:
    schema_file = directory / "datapackage.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["lastChanged"] = date
    schema_file.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")


def node_labels(at) -> set[str]:
    (graph,) = [el for el in at.get("bidi_component") if el.key == "network_graph"]
    return {node["label"] for node in json.loads(graph.proto.bytes.decode("utf-8"))["nodes"]}


def footer(at, lang: str) -> str:
    return next(c.value for c in at.sidebar.caption if c.value.startswith(t("footer.note", lang)))


@pytest.fixture
def package(tmp_path, monkeypatch):
    directory = write_package(tmp_path / "data")
    set_last_changed(directory, "2026-11-30")
    monkeypatch.setenv("KRCN_DATA_DIR", str(directory))
    monkeypatch.setenv("KRCN_DATA_SETTLE_SECONDS", "0")  # the test writes whole files; nothing to wait for
    return directory


@pytest.mark.parametrize(("lang", "before", "after"), [
    ("en", "Data as of 2026-11-30.", "Data as of 2026-12-01."),
    ("ko", "데이터 기준일: 2026-11-30.", "데이터 기준일: 2026-12-01."),
])
def test_a_valid_change_shows_on_the_page_without_a_restart(package, lang, before, after):
    at = open_page("network", lang=lang, focus="acme-cloud")
    assert not at.exception and not at.error
    assert footer(at, lang).endswith(before)
    name = "에이크미" if lang == "ko" else "Acme Cloud"
    assert name in node_labels(at)
    write_package(package, {"entities": entities(name_en="Acme Cloud II", name_ko="에이크미 II")})
    set_last_changed(package, "2026-12-01")
    assert live.store_for(package).check() == "loaded"  # what a visit a few seconds later starts by itself
    at.run()
    assert not at.exception and not at.error
    assert footer(at, lang).endswith(after)
    assert f"{name} II" in node_labels(at)  # the network's cached drawing is the new package's
    assert name not in node_labels(at)


def test_a_bad_change_leaves_the_page_on_the_last_good_package(package):
    at = open_page("network", lang="en", focus="acme-cloud")
    write_package(package, {"entities": entities(name_en="Broken", sectors="clod")})
    set_last_changed(package, "2026-12-01")
    assert live.store_for(package).check() == "rejected"
    at.run()
    assert not at.exception and not at.error  # no error box: visitors see the data as it was
    assert footer(at, "en").endswith("Data as of 2026-11-30.")
    assert "Acme Cloud" in node_labels(at) and "Broken" not in node_labels(at)
    fresh = open_page("delegation", lang="en")  # a new visitor too
    assert not fresh.exception and not fresh.error


def test_the_download_is_the_package_that_validated_not_the_rejected_files(package):
    good_entities = (package / "entities.csv").read_bytes()
    at = open_page("sources", lang="en")
    write_package(package, {"entities": entities(sectors="clod")})
    assert live.store_for(package).check() == "rejected"
    at, name, body = download_file(at, "package_zip")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.read("entities.csv") == good_entities
        assert json.loads(archive.read("datapackage.json"))["lastChanged"] == "2026-11-30"
