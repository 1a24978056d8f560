"""A link's query parameters read against the dataset: the one parse the page (the frame) and the server's
pre-rendered first screen both use, so they agree on what a link shows and on what it drops."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from components.data.dataset import Dataset
from components.views.event_scope import event_ids, events_touching, scope_dataset
from components.views.network_model import focusable_ids
from components.views.sources import VERDICTS
from components.views.story import story_steps
from components.views.timeline import counterpart_options, region_options
from components.views.url_state import Dropped, ViewState, parse_query


def focus_ids(data: Dataset) -> frozenset[str]:
    """Ids `?focus=` accepts: every node of the network (entities, clauses, sectors)."""
    return frozenset(focusable_ids(data))


def link_vocabulary(data: Dataset) -> dict[str, tuple]:
    """What each parameter accepts, in canonical order: the ids the data holds (once per dataset, not every run:
    sorting the sectors and listing the events was most of a parse)."""
    return {
        "sector_ids": tuple(data.sectors.sort_values("order")["id"]),
        "event_ids": event_ids(data),
        "region_ids": tuple(i for i, _ in region_options(data, "en")),
        "counterpart_ids": tuple(i for i, _ in counterpart_options(data, "en")),
        "step_numbers": tuple(step.number for step in story_steps(data)),
    }


def parse_link(raw: Mapping[str, Sequence[str]], page: str, data: Dataset,
               locale: str | None) -> tuple[ViewState, list[Dropped]]:
    """The URL's query parameters as one ViewState (unknown values dropped and listed)."""
    return parse_query(raw, page=page, focus_ids=data.memo(focus_ids), verdict_ids=VERDICTS, locale=locale,
                       **data.memo(link_vocabulary))


def scoped_data(data: Dataset, page: str, state: ViewState) -> tuple[Dataset, tuple[str, ...]]:
    """What the view sees: the chosen events (or the first story's), and on /network a focus beyond them widens
    the view to that node's own events (returned second; empty when not widened)."""
    scoped = data.memo(scope_dataset, state.events)
    if page == "network" and state.focus and not state.events and state.focus not in scoped.memo(focus_ids):
        widened = data.memo(events_touching, state.focus)
        if widened:
            return data.memo(scope_dataset, widened), widened
    return scoped, ()
