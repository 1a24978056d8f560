"""components.views.event_scope: what every page shows for `?event=` (and for no event: the seed world as before)."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from components.data.dataset import load_dataset
from components.views.event_scope import event_entities, scope_dataset, seed_event_ids, story_and_others
from tests.package_fixture import write_package


def entity(id_, country="CN", sources=("src-a",)):
    return {"id": id_, "kind": "region", "country": country, "name_ko": id_, "name_en": id_, "name_zh": "",
            "sectors": (), "role": "", "description_ko": "", "description_en": "", "confidence": "seen",
            "source_ids": sources, "locator": ""}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    base = load_dataset(write_package(tmp_path_factory.mktemp("pkg")))
    sources = pd.concat([base.sources, pd.DataFrame([{**base.sources.iloc[0].to_dict(), "id": "src-b"}])], ignore_index=True)
    entities = pd.concat([base.entities, pd.DataFrame([entity("shanghai"), entity("chongqing", sources=("src-b",))])],
                         ignore_index=True)
    relations = pd.concat([base.relations, pd.DataFrame([
        {**base.relations.iloc[0].to_dict(), "id": "r-cq", "from_id": "gyeonggi", "to_id": "chongqing", "source_ids": ("src-b",)},
    ])], ignore_index=True)
    events = pd.DataFrame([
        {"id": "seed", "kr_region_id": "gyeonggi", "cn_counterpart_id": "shanghai", "source_ids": ("src-a",)},
        {"id": "cq", "kr_region_id": "gyeonggi", "cn_counterpart_id": "chongqing", "source_ids": ("src-b",)},
    ])
    participants = pd.DataFrame([{"event_id": "seed", "entity_id": "acme-cloud", "role": "visitor"}])
    outcomes = pd.DataFrame([{"event_id": "cq", "kind": "relation", "ref_id": "r-cq"}])
    return replace(base, sources=sources, entities=entities, relations=relations, events=events,
                   event_participants=participants, event_outcomes=outcomes, schema={**base.schema, "seedEvents": ["seed"]})


def ids(frame):
    return list(frame["id"])


def test_seed_events_come_from_the_package(data):
    assert seed_event_ids(data) == ("seed",)
    assert event_entities(data, ["cq"]) == {"gyeonggi", "chongqing"}


def test_the_overview_tells_the_first_story_from_other_events(data):
    assert story_and_others(data, ()) == (True, ())  # no event: the first story
    assert story_and_others(data, ("seed",)) == (True, ())
    assert story_and_others(data, ("seed", "cq")) == (True, ("cq",))  # the story, and one more event
    assert story_and_others(data, ("cq",)) == (False, ("cq",))  # other events only
    assert story_and_others(data, ("cq", "cq")) == (False, ("cq",))


def test_no_event_means_the_seed_world_as_before(data):
    scoped = scope_dataset(data)
    assert ids(scoped.entities) == ["gyeonggi", "acme-cloud", "shanghai"]  # chongqing only comes with its event
    assert ids(scoped.relations) == ["r-1"] and ids(scoped.events) == ["seed"]
    assert ids(scoped.sources) == ["src-a"]  # src-b is cited only by the Chongqing rows
    assert ids(scoped.clauses) == ids(data.clauses) and ids(scoped.figures) == ids(data.figures)
    assert ids(scope_dataset(data, ["seed"]).entities) == ids(scoped.entities)


def test_another_event_alone_shows_what_it_brings(data):
    scoped = scope_dataset(data, ["cq"])
    assert ids(scoped.entities) == ["gyeonggi", "chongqing"]
    assert ids(scoped.relations) == ["r-cq"] and ids(scoped.events) == ["cq"]
    assert ids(scoped.clauses) == [] and ids(scoped.claims) == ["claim-1"]  # the claim is about Gyeonggi
    assert ids(scoped.sources) == ["src-a", "src-b"]


def test_both_events(data):
    scoped = scope_dataset(data, ["seed", "cq"])
    assert ids(scoped.entities) == ["gyeonggi", "acme-cloud", "shanghai", "chongqing"]
    assert ids(scoped.relations) == ["r-1", "r-cq"]


def test_a_package_without_seed_events_is_unchanged(tmp_path):
    plain = load_dataset(write_package(tmp_path))
    assert scope_dataset(plain) is plain and scope_dataset(plain, ["x"]) is plain


def test_the_real_package_without_event_shows_the_first_story_as_before():
    """Links shared before events existed keep their view: the same entities, relations and clauses."""
    data = load_dataset()
    scoped = scope_dataset(data)
    assert set(seed_event_ids(data)) == {"gyeonggi-shanghai-mou-2025", "tencent-cloud-visit-2025"}
    assert (len(scoped.entities), len(scoped.relations), len(scoped.clauses)) == (26, 37, 18)
    assert "chongqing" not in set(scoped.entities["id"]) and "chongqing" in set(data.entities["id"])
    chongqing = scope_dataset(data, ["gyeonggi-chongqing-friendship-2025"])
    assert {"gyeonggi", "chongqing", "hu-henghua"} <= set(chongqing.entities["id"])
    assert "initech" not in set(chongqing.entities["id"])
