"""The `event` filter every page shares: the dataset narrowed to the chosen events (pure, no streamlit).

The package's first story is the 25 Sept 2025 event; `datapackage.json` names its events in `seedEvents`. A link
without `?event=` means those seed events, so it shows exactly what it showed before events existed. Rows tied
to events (participants, the region and counterpart of an event, outcomes that name a clause, figure or relation)
belong to them; every row tied to no event belongs to the seed events' world. So:

- seed events chosen (or none, the default): the seed world plus whatever the chosen events bring;
- other events only: just what those events bring (their participants, regions, outcomes and the relations
  among those entities).
Figures stay as context on every view (the economy page compares sizes); a figure tied only to unchosen events
is left out. Sources are those the kept rows cite (a source nothing cites stays listed, as before).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from components.data.dataset import Dataset


def seed_event_ids(data: Dataset) -> tuple[str, ...]:
    """The events a link without `?event=` means (`seedEvents` in datapackage.json), in data order."""
    if data.events is None:
        return ()
    wanted = set(data.schema.get("seedEvents", ()))
    return tuple(e for e in data.events["id"] if e in wanted)


def story_and_others(data: Dataset, chosen: Sequence[str]) -> tuple[bool, tuple[str, ...]]:
    """Whether the view shows the first story (no event chosen, or a seed event among the chosen ones), and the
    chosen events beyond it in the link's order: how the overview introduces what it shows."""
    seed = set(seed_event_ids(data))
    others = tuple(e for e in dict.fromkeys(chosen) if e not in seed)
    return not chosen or len(others) < len(set(chosen)), others


def event_ids(data: Dataset) -> tuple[str, ...]:
    """Every event id, in data order: what `?event=` accepts."""
    return tuple(data.events["id"]) if data.events is not None else ()


def _outcomes(data: Dataset, events: Iterable[str], kind: str) -> set[str]:
    if data.event_outcomes is None:
        return set()
    out = data.event_outcomes
    return set(out.loc[out["event_id"].isin(set(events)) & (out["kind"] == kind), "ref_id"]) - {""}


def event_entities(data: Dataset, events: Iterable[str]) -> set[str]:
    """Entities the events bring: participants, each event's region and counterpart, ends of their relations."""
    events = set(events)
    if data.events is None or not events:
        return set()
    rows = data.events[data.events["id"].isin(events)]
    ids = set(rows["kr_region_id"]) | set(rows["cn_counterpart_id"])
    if data.event_participants is not None:
        parts = data.event_participants
        ids |= set(parts.loc[parts["event_id"].isin(events), "entity_id"])
    rel_ids = _outcomes(data, events, "relation") | _outcomes(data, events, "context")
    rels = data.relations[data.relations["id"].isin(rel_ids)]
    ids |= set(rels["from_id"]) | set(rels["to_id"])
    return ids - {""}


def _entities_by_event(data: Dataset) -> dict[str, set[str]]:
    """event id -> the entities it brings (`event_entities` of each event), in one pass over each table."""
    brings: dict[str, set[str]] = {}
    for event, kr, cn in zip(data.events["id"], data.events["kr_region_id"], data.events["cn_counterpart_id"]):
        brings.setdefault(event, set()).update({kr, cn})
    if data.event_participants is not None:
        for event, entity in zip(data.event_participants["event_id"], data.event_participants["entity_id"]):
            brings.setdefault(event, set()).add(entity)
    if data.event_outcomes is not None:
        ends = dict(zip(data.relations["id"], zip(data.relations["from_id"], data.relations["to_id"])))
        out = data.event_outcomes
        for event, kind, ref in zip(out["event_id"], out["kind"], out["ref_id"]):
            if kind in ("relation", "context") and ref in ends:
                brings.setdefault(event, set()).update(ends[ref])
    return {event: ids - {""} for event, ids in brings.items()}


def _scoped_ids(all_ids: Iterable[str], tied_to: dict[str, set[str]], chosen: set[str], seed_chosen: bool) -> set[str]:
    """Ids kept: tied to a chosen event, or tied to none but a seed event (the seed world) while seed is chosen."""
    kept = set()
    for item in all_ids:
        events = tied_to.get(item, set())
        if events & chosen or (seed_chosen and not events):
            kept.add(item)
    return kept


def scope_dataset(data: Dataset, chosen: Sequence[str] = ()) -> Dataset:
    """The dataset as the chosen events see it (`chosen` empty: the seed events). A package with no events or no
    seed events declared is returned as it is."""
    seed = set(seed_event_ids(data))
    if not seed:
        return data
    chosen_set = set(chosen) or seed
    seed_chosen = bool(chosen_set & seed)
    others = set(event_ids(data)) - seed

    # entities: tied to an event when it brings them and no seed event does (those are the seed world's)
    seed_world = event_entities(data, seed)
    brings = _entities_by_event(data)
    entity_events: dict[str, set[str]] = {}
    for event in others:
        for entity in brings.get(event, set()) - seed_world:
            entity_events.setdefault(entity, set()).add(event)
    for event in chosen_set:
        for entity in brings.get(event, set()):
            entity_events.setdefault(entity, set()).add(event)
    entities = _scoped_ids(data.entities["id"], entity_events, chosen_set, seed_chosen)

    def tied(*kinds: str) -> dict[str, set[str]]:
        """ref id -> the events whose outcomes of these kinds name it (one pass: at 100x the data, a scan per event
        took minutes)."""
        table: dict[str, set[str]] = {}
        if data.event_outcomes is not None:
            out = data.event_outcomes
            for event, kind, ref in zip(out["event_id"], out["kind"], out["ref_id"]):
                if kind in kinds and ref:
                    table.setdefault(ref, set()).add(event)
        return table

    # a relation an event produced (or gives as background) is that event's; the others are the seed world's
    relation_ids = _scoped_ids(data.relations["id"], tied("relation", "context"), chosen_set, seed_chosen)
    relations = data.relations[
        data.relations["id"].isin(relation_ids)
        & data.relations["from_id"].isin(entities) & data.relations["to_id"].isin(entities)
    ]

    clause_events, figure_events = tied("clause"), tied("figure")
    clause_ids = _scoped_ids(data.clauses["id"], clause_events, chosen_set, seed_chosen)
    # figures are context everywhere: untied ones always stay
    figure_ids = _scoped_ids(data.figures["id"], figure_events, chosen_set, True)
    clauses = data.clauses[data.clauses["id"].isin(clause_ids)]
    figures = data.figures[data.figures["id"].isin(figure_ids)]
    attributes = data.attributes[data.attributes["entity_id"].isin(entities)]
    events = data.events[data.events["id"].isin(chosen_set)]
    entities_frame = data.entities[data.entities["id"].isin(entities)]
    rows_cited = set().union(*(_cited(f) for f in (entities_frame, relations, clauses, figures, attributes, events)))
    # a claim is the view's when every entity it is about is in view and it checks a source the view's rows cite
    claims = data.claims[[
        set(ids) <= entities and bool(set(sources) & rows_cited)
        for ids, sources in zip(data.claims["entity_ids"], data.claims["source_ids"])
    ]]
    participants = (
        data.event_participants[data.event_participants["event_id"].isin(chosen_set)]
        if data.event_participants is not None else None
    )
    outcomes = data.event_outcomes[data.event_outcomes["event_id"].isin(chosen_set)] if data.event_outcomes is not None else None
    disputes = data.disputes[data.disputes["event_id"].isin(chosen_set)] if data.disputes is not None else None
    # the map's seats and the regions' own counts: of the regions in view
    places = data.places[data.places["entity_id"].isin(entities)] if data.places is not None else None
    region_claims = (data.region_claims[data.region_claims["region_id"].isin(entities)]
                     if data.region_claims is not None else None)

    cited = rows_cited | _cited(claims) | set().union(*(_cited(f) for f in (disputes, places, region_claims)))
    cited_anywhere = set().union(*(_cited(frame) for frame in _cited_tables(data)))
    sources = data.sources[[s in cited or s not in cited_anywhere for s in data.sources["id"]]]
    return replace(
        data, entities=entities_frame.reset_index(drop=True), relations=relations.reset_index(drop=True),
        clauses=clauses.reset_index(drop=True), figures=figures.reset_index(drop=True),
        attributes=attributes.reset_index(drop=True), claims=claims.reset_index(drop=True),
        events=events.reset_index(drop=True), sources=sources.reset_index(drop=True),
        event_participants=participants.reset_index(drop=True) if participants is not None else None,
        event_outcomes=outcomes.reset_index(drop=True) if outcomes is not None else None,
        disputes=disputes.reset_index(drop=True) if disputes is not None else None,
        places=places.reset_index(drop=True) if places is not None else None,
        region_claims=region_claims.reset_index(drop=True) if region_claims is not None else None,
    )


def events_touching(data: Dataset, entity_id: str) -> tuple[str, ...]:
    """The events an entity takes part in (as an event's region or counterpart, or a participant), in data order:
    what `/network?focus=<region>` shows of a region beyond the first story."""
    if data.events is None:
        return ()
    rows = data.events
    ids = set(rows.loc[(rows["kr_region_id"] == entity_id) | (rows["cn_counterpart_id"] == entity_id), "id"])
    if data.event_participants is not None:
        parts = data.event_participants
        ids |= set(parts.loc[parts["entity_id"] == entity_id, "event_id"])
    return tuple(e for e in rows["id"] if e in ids)


def _cited_tables(data: Dataset):
    tables = [data.entities, data.relations, data.clauses, data.figures, data.attributes, data.claims]
    optional = (data.events, data.event_participants, data.event_outcomes, data.story, data.disputes, data.places,
                data.region_claims)
    return [*tables, *(t for t in optional if t is not None)]


def _cited(frame) -> set[str]:
    if frame is None or "source_ids" not in frame:
        return set()
    return {source for ids in frame["source_ids"] for source in ids}
