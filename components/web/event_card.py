"""One event as a card (/timeline's opened event, / when the link chooses events other than the first story):
what it was, when and where, who took part, what came of it, how sure we are and its sources."""
from __future__ import annotations

import streamlit as st

from components.views.regions import event_disputes
from components.views.safe_text import escape_markdown
from components.views.timeline import EventView
from components.web.frame import View, small_print


def event_card(view: View, event: EventView, heading: str = "subheader") -> None:
    """The event's text in a bordered container; the caller adds what follows it (a network, links) inside
    `with st.container(...)` of its own or after it."""
    getattr(st, heading)(escape_markdown(event.name))  # data text: shown as typed, never as markdown
    st.markdown(escape_markdown(view.t("timeline.event.when", date=event.date, kind=event.kind, place=event.place)))
    st.markdown(escape_markdown(event.description))
    people = "\n".join(f"- {escape_markdown(name)} ({escape_markdown(role)})" for _, name, role in event.participants)
    st.markdown(f"**{view.t('timeline.event.participants')}**\n\n{people or view.t('unknown')}")
    outcomes = [text for kind, _, text in event.outcomes if kind != "context" and text]
    body = "\n".join(f"- {escape_markdown(text)}" for text in outcomes) or view.t("timeline.event.no_outcomes")
    st.markdown(f"**{view.t('timeline.event.outcomes')}**\n\n{body}")
    disputes = view.every_event.memo(event_disputes, event.id, view.lang)
    if disputes:  # sources disagree: every value with its sources, in words, none silently picked
        lines = "\n".join(f"- {escape_markdown(line)}" for line in disputes)
        st.markdown(f"**{view.t('regions.dispute.heading')}**\n\n{lines}")
    level = view.t(f"confidence.{event.confidence}")
    small_print(view, [view.t("timeline.event.confidence", level=level)], event.source_ids, event.locator)
