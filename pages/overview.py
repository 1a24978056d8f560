"""Overview (/): the first story in brief (the event, headline figures with their sources) or, when the link
chooses other events, those events; then cards to every page."""
import pandas as pd
import streamlit as st

from components.views.event_scope import story_and_others
from components.views.formatting import format_amount
from components.views.safe_text import escape_markdown
from components.views.timeline import event_view
from components.web.event_card import event_card
from components.web.frame import guarded, page_view, section_heading, small_print, source_caption, source_markdown

# A link may choose hundreds of events (the sidebar offers 500): the overview introduces this many, /timeline all.
MAX_EVENT_CARDS = 20

view = page_view("overview")
data, lang = view.data, view.lang
story, others = story_and_others(view.every_event, view.state.events)
entities = data.entities.set_index("id")
figures = data.figures.set_index("id")


def name(entity_id: str) -> str:
    row = entities.loc[entity_id]
    zh = f" ({row['name_zh']})" if row["name_zh"] else ""
    return escape_markdown(row[f"name_{lang}"] + zh)


def event_cards(event_ids, heading: str) -> None:
    """A card for each event (the first MAX_EVENT_CARDS), with links to its network and to it on /timeline;
    `heading`: the level of each card's title under the page's headings ("header" or "subheader")."""
    if len(event_ids) > MAX_EVENT_CARDS:
        st.caption(view.t("overview.events.capped", shown=MAX_EVENT_CARDS, total=len(event_ids)))
    for event_id in event_ids[:MAX_EVENT_CARDS]:
        event = event_view(view.every_event, event_id, lang)
        if event is None:
            continue
        with st.container(border=True):
            event_card(view, event, heading)
            view.page_link("network", label=view.t("timeline.event.network"), events=(event_id,))
            view.page_link("timeline", label=view.t("overview.event.timeline"), open=event_id)


if story:
    st.title(view.t("overview.title"))
    # The first screen also opens the reference map: every Korean region's ties with China, not only this story.
    view.page_link("regions", label=view.t("overview.regions.link"))

    # 1. The event in brief: the two events of 2025-09-25, each with its date, place and source.
    with guarded(view):
        st.header(view.t("overview.brief.heading"))
        for event_id in ("mou-signing-2025-09-25", "tencent-cloud-visit-2025-09-25"):
            if event_id not in entities.index:
                continue
            row = entities.loc[event_id]
            rels = data.relations[(data.relations["to_id"] == event_id) | (data.relations["from_id"] == event_id)]
            people = [r for r in rels.itertuples() if r.to_id == event_id and r.relation != "located_in"]
            dates = sorted({r.date for r in rels.itertuples() if r.date})
            places = [name(r.to_id) for r in rels.itertuples() if r.from_id == event_id and r.relation == "located_in"]
            heads = [view.t(f"overview.brief.{key}") for key in ("who", "when", "where")]
            cells = [
                ", ".join(name(p.from_id) for p in people) or view.t("unknown"),
                escape_markdown(", ".join(dates) or view.t("unknown")),
                ", ".join(places) or view.t("unknown"),
            ]
            with st.container(border=True):
                # one markdown element a card (title, who/when/where, what, source): fewer elements to draw
                st.markdown(
                    f"**{name(event_id)}**\n\n"
                    f"| {' | '.join(heads)} |\n|---|---|---|\n| {' | '.join(cells)} |\n\n"
                    f"**{view.t('overview.brief.what')}**: {escape_markdown(row[f'description_{lang}'])}\n\n"
                    f":small[{source_markdown(view, row['source_ids'], row['locator'])}]"
                )

    # 2. Headline figures, as the article gives them, each with its source.
    with guarded(view):
        st.header(view.t("overview.figures.heading"))
        cols = st.columns([3, 3, 3, 2], gap="medium")  # the companies column holds names such as "메가존클라우드" whole at 1024 px
        headline = [("shanghai-grdp-usd", None), ("tencent-market-cap-krw", "tencent-market-cap-usd")]
        for col, (fid, alt_id) in zip(cols, headline):
            if fid not in figures.index:
                continue
            fig = figures.loc[fid]
            rank = ""
            if not pd.isna(fig["rank"]):
                rank = view.t("overview.metric.rank", rank=int(fig["rank"]), scope=fig[f"rank_scope_{lang}"])
            with col:
                notes = [escape_markdown(rank)] if rank else []
                if alt_id and alt_id in figures.index:
                    alt = figures.loc[alt_id]
                    notes.append(escape_markdown(view.t("overview.metric.equals", value=format_amount(alt["value"], alt["unit"], lang))))
                st.metric(fig[f"label_{lang}"], format_amount(fig["value"], fig["unit"], lang))
                if fig[f"note_{lang}"]:
                    notes.append(escape_markdown(fig[f"note_{lang}"]))
                if fig["confidence"] != "seen":
                    notes.append(view.t(f"overview.confidence.{fig['confidence']}"))
                small_print(view, notes, fig["source_ids"], fig["locator"])
        delegation = data.entities[data.entities["role"] == "delegation"]
        fields = data.clauses[data.clauses["group"] == "field"]
        agreements = data.clauses[data.clauses["group"] == "agreement"]
        with cols[2]:
            st.metric(view.t("overview.metric.companies"), len(delegation))
            if len(delegation):  # events other than the first story may have no delegation
                names = escape_markdown(", ".join(delegation[f"name_{lang}"]))
                small_print(view, [names], delegation.iloc[0]["source_ids"][:1], delegation.iloc[0]["locator"])
        with cols[3]:
            st.metric(view.t("overview.metric.fields"), len(fields))
            st.metric(view.t("overview.metric.agreements"), len(agreements))
            if len(agreements):
                source_caption(view, agreements.iloc[0]["source_ids"][:1], agreements.iloc[0]["locator"])

    if others:  # the link adds events to the first story
        with guarded(view):
            st.header(view.t("overview.events.more"))
            event_cards(others, "subheader")
else:  # only other events: introduce them, not the first story's figures
    st.title(view.t("overview.events.title"))
    st.caption(view.t("overview.events.intro"))
    view.page_link("overview", label=view.t("overview.events.first_story"), key="first_story", events=())
    with guarded(view):
        event_cards(others, "header")

# 3. Cards leading to each page, carrying language and filter.
section_heading(view.t("overview.pages.heading"), view.t("overview.filtered"))
pages = ("network", "regions", "delegation", "economy", "mou", "sources")
for row in (pages[:3], pages[3:]):  # two rows of three: six cards in one row break Korean words at 1024 px
    for col, page in zip(st.columns(len(row)), row):
        with col, st.container(border=True):
            view.page_link(page)
            st.markdown(f":small[{view.t(f'overview.card.{page}')}]")
