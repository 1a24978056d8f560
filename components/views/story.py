"""The /story page as plain data (no streamlit): the steps of data/story.csv, `?step=N` parsed, and each step
turned into the network view it shows.

A step is a view of the network: its sector filter and focus (with depth) decide what is drawn, as on /network;
its highlighted nodes and relations stand out and the rest of the drawing is faded. The ends of a highlighted
relation are highlighted with it, and so are the clause and sector links between two highlighted nodes (those
links are structure, not sourced relations). A step with nothing highlighted fades nothing.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from components.data.dataset import Dataset
from components.i18n import t
from components.views.url_state import DEFAULT_DEPTH, Dropped, ViewState, page_href, to_query

# --- from the network model ---
from components.views.network_model import Network, build_network  # noqa: E402
# ---

STORY_RESOURCE = "story"
RELATION_EDGE_PREFIX = "rel:"  # graph.py's id for the edge of relations.csv row <id>
FIRST_STEP = 1


@dataclass(frozen=True)
class StoryStep:
    """One row of story.csv."""

    number: int
    title_ko: str
    title_en: str
    caption_ko: str
    caption_en: str
    focus: str | None
    depth: int
    sectors: tuple[str, ...]
    highlight_nodes: tuple[str, ...]
    highlight_edges: tuple[str, ...]  # relation ids (relations.csv)
    source_ids: tuple[str, ...]
    locator: str = ""

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en

    def caption(self, lang: str) -> str:
        return self.caption_ko if lang == "ko" else self.caption_en


@dataclass(frozen=True)
class StepView:
    """What the page shows for one step."""

    step: StoryStep
    position: int  # 1-based place in the story (equals step.number in a story numbered 1..N)
    count: int  # steps in the story
    title: str
    caption: str
    network: Network  # filter and focus applied; what is not highlighted is marked faded
    highlighted_nodes: tuple[str, ...]  # node ids, in network order
    highlighted_edges: tuple[str, ...]  # edge ids of the network (relations are rel:<id>), in network order
    previous: int | None  # step number of the previous step, None on the first
    next: int | None  # step number of the next step, None on the last
    network_href: str  # "open this step in the full network": /network with the same focus, depth and filter
    progress: str  # "Step 2 of 9"


def steps_from_frame(frame: pd.DataFrame) -> tuple[StoryStep, ...]:
    """Steps from a story table typed as load_dataset types it (lists as tuples), sorted by step number."""
    steps = [
        StoryStep(
            number=int(row.step),
            title_ko=row.title_ko,
            title_en=row.title_en,
            caption_ko=row.caption_ko,
            caption_en=row.caption_en,
            focus=row.focus or None,
            depth=int(row.depth) if not pd.isna(row.depth) else DEFAULT_DEPTH,
            sectors=tuple(row.sectors),
            highlight_nodes=tuple(row.highlight_nodes),
            highlight_edges=tuple(row.highlight_edges),
            source_ids=tuple(row.source_ids),
            locator=row.locator,
        )
        for row in frame.itertuples(index=False)
    ]
    return tuple(sorted(steps, key=lambda step: step.number))


def _steps_of(data: Dataset) -> tuple[StoryStep, ...]:
    if data.story is None:
        return ()
    return steps_from_frame(data.table(STORY_RESOURCE))


def story_steps(data: Dataset) -> tuple[StoryStep, ...]:
    """The dataset's story (empty when the package has none), computed once per dataset."""
    return data.memo(_steps_of)


def parse_step(values: Sequence[str], steps: Sequence[StoryStep]) -> tuple[int, list[Dropped]]:
    """The step number `?step=` asks for, or the first step. A value that is not the number of a step (text, 0,
    past the end) is dropped and named, as url_state names what it drops; the first valid value wins."""
    numbers = {str(step.number): step.number for step in steps}
    first = steps[0].number if steps else FIRST_STEP
    chosen: int | None = None
    dropped: list[Dropped] = []
    for value in values:
        text = value.strip()
        if text == "":
            continue
        if chosen is None and text in numbers:
            chosen = numbers[text]
        elif text not in numbers or numbers[text] != chosen:
            dropped.append(Dropped("step", value))
    return (chosen if chosen is not None else first), dropped


def network_state(step: StoryStep, lang: str) -> ViewState:
    """The /network view of a step: same language, sector filter, focus and depth."""
    return ViewState(lang=lang, sectors=step.sectors, focus=step.focus, depth=step.depth if step.focus else DEFAULT_DEPTH)


def network_href(step: StoryStep, lang: str, *, base_path: str = "", locale: str | None = None) -> str:
    """Link for "open this step in the full network": '/network?lang=ko&sector=trade&focus=…&depth=2' (lang left
    out when it is the visitor's default, as the app's own links do)."""
    return page_href("network", to_query(network_state(step, lang), page="network", locale=locale), base_path)


def highlight(network: Network, step: StoryStep) -> Network:
    """The network with what the step does not highlight marked faded (nothing faded when it highlights nothing)."""
    wanted_edges = {RELATION_EDGE_PREFIX + rid for rid in step.highlight_edges}
    if not wanted_edges and not step.highlight_nodes:
        return network
    nodes = set(step.highlight_nodes)
    for edge in network.edges:
        if edge.id in wanted_edges:
            nodes.update((edge.source, edge.target))
    edges = {
        edge.id for edge in network.edges
        if edge.id in wanted_edges or (edge.kind != "relation" and edge.source in nodes and edge.target in nodes)
    }
    return replace(
        network,
        nodes=tuple(replace(n, faded=n.id not in nodes) for n in network.nodes),
        edges=tuple(replace(e, faded=e.id not in edges) for e in network.edges),
        fade=True,
    )


def step_network(data: Dataset, step: StoryStep, lang: str) -> Network:
    """The network a step shows: build_network with its filter and focus, then its highlights."""
    base = build_network(data, sectors=step.sectors, focus=step.focus, depth=step.depth, lang=lang)
    return highlight(base, step)


def step_view(
    data: Dataset, steps: Sequence[StoryStep], number: int, lang: str, *, base_path: str = "", locale: str | None = None
) -> StepView:
    """Everything the page shows for step `number` (an unknown number shows the first step)."""
    lang = "ko" if lang == "ko" else "en"
    if not steps:
        raise ValueError("the story has no steps")
    index = next((i for i, s in enumerate(steps) if s.number == number), 0)
    step = steps[index]
    network = step_network(data, step, lang)
    # Sectors in taxonomy order, as /network writes them: one canonical link per view.
    order = list(data.sectors.sort_values("order", kind="stable")["id"])
    canonical = replace(step, sectors=tuple(s for s in order if s in step.sectors))
    return StepView(
        step=step,
        position=index + 1,
        count=len(steps),
        title=step.title(lang),
        caption=step.caption(lang),
        network=network,
        highlighted_nodes=tuple(n.id for n in network.highlighted_nodes),
        highlighted_edges=tuple(e.id for e in network.highlighted_edges),
        previous=steps[index - 1].number if index > 0 else None,
        next=steps[index + 1].number if index + 1 < len(steps) else None,
        network_href=network_href(canonical, lang, base_path=base_path, locale=locale),
        progress=t("story.progress", lang, position=index + 1, count=len(steps)),
    )


def all_step_views(data: Dataset, steps: Sequence[StoryStep], lang: str, **links: str | None) -> tuple[StepView, ...]:
    """Every step in order: the whole story as one document (the print view)."""
    return tuple(step_view(data, steps, step.number, lang, **links) for step in steps)
