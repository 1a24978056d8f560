"""/timeline: the Korea–China linkage over time — the events on a date axis (a light SVG; plotly on request), the
same events as a table, and one event opened below with its participants, outcome, sources and network.
Logic: components/views/timeline.py (pure). Every link-worthy choice is in the URL (region, counterpart, open,
and the event and sector filters every page shares)."""
import streamlit as st

from components.views import timeline as tl
from components.views.network_model import build_network
from components.web.charts import plotly_chart
from components.web.event_card import event_card
from components.web.frame import (
    View,
    capped_options,
    csv_download,
    fragment_view,
    guarded,
    lazy_expander,
    page_view,
    small_print,
    url_widget,
)
from components.web.render.chart import summary_alt
from components.web.network import network_chart
from components.web.render.table import Column, columns_from_headers
from components.web.table import MAX_TABLE_ROWS, data_table

view = page_view("timeline")

st.title(view.t("timeline.title"))
st.caption(view.t("timeline.intro"))


@st.fragment
def timeline_body(page: View) -> None:
    """Everything under the title. This page's own controls (region, counterpart, the event opened, a point picked
    on the chart) change this part only, so they rerun it alone: the sidebar and the title are not redrawn
    (docs/performance.md, issue 27); the sidebar's controls rerun everything as before."""
    view = fragment_view(page)
    data, lang, state = view.all_data, view.lang, view.state  # the timeline shows every event, not only the seed's
    filters = {"sectors": state.sectors, "regions": state.regions, "counterparts": state.counterparts,
               "events": state.events}

    # 1. Filters of this page (the sidebar's sector and the link's event filter apply too).
    with guarded(view):
        regions, counterparts = dict(tl.region_options(data, lang)), dict(tl.counterpart_options(data, lang))
        left, right = st.columns(2)
        left.multiselect(view.t("timeline.filter.region"), capped_options(regions, state.regions), format_func=regions.__getitem__,
                         placeholder=view.t("timeline.filter.all"), **url_widget(view, "region"))
        right.multiselect(view.t("timeline.filter.counterpart"), capped_options(counterparts, state.counterparts),
                          format_func=counterparts.__getitem__, placeholder=view.t("timeline.filter.all"),
                          **url_widget(view, "counterpart"))

    rows = tl.timeline_rows(data, lang, **filters)
    total = len(data.events) if data.events is not None else 0

    # 2. The chart: light by default (an SVG drawn here, no chart library); plotly on request.
    with guarded(view):
        st.caption(view.t("timeline.count", shown=len(rows), total=total))
        if tl.chart_is_capped(data, **filters):
            st.caption(view.t("timeline.chart.capped", shown=tl.MAX_CHART_EVENTS, total=len(rows)))
        undated = tl.undated_count(data, **filters)
        if undated:
            st.caption(view.t("timeline.chart.undated", count=undated))
        if rows.empty:
            st.info(view.t("timeline.empty"))
        else:
            interactive = st.toggle(view.t("timeline.interactive"), key="timeline_interactive")
            if interactive:
                figure = tl.timeline_figure(data, lang, **filters)
                picked = st.plotly_chart(
                    figure, key="timeline_plotly", on_select="rerun", selection_mode="points",
                    config={"displaylogo": False, "toImageButtonOptions": {"filename": "krcn-timeline"}},
                )
                points = (picked or {}).get("selection", {}).get("points", []) if isinstance(picked, dict) else []
                if points and points[0].get("customdata") and points[0]["customdata"] != state.open:
                    view.navigate(scope="fragment", open=points[0]["customdata"])
            else:
                st.html(tl.timeline_html(data, lang, **filters))
            legend = tl.legend_html(data, lang, **filters)
            if legend:  # no dated event under the filter: nothing to explain (st.html refuses an empty body)
                st.html(legend)
            st.caption(view.t("timeline.legend"))

    # 3. The chart's text twin: every event with date, place, participants, outcome and sources.
    with guarded(view):
        if not rows.empty:
            st.header(view.t("timeline.table.heading"))
            st.caption(view.t("timeline.table.caption"))
            headers = {col: view.t(f"timeline.col.{col}") for col in rows.columns}
            number = Column("number", headers["number"], kind="number")
            data_table(view, "timeline_table", rows, columns_from_headers(headers, number=number),
                       caption=view.t("timeline.table.heading"), cap="last")
            csv_download(view.t("timeline.download"), rows, f"krcn-timeline-{lang}.csv", "timeline_csv", headers)

    # 4. Context series beside the events: official yearly figures, each with its sources (and its numbers below).
    with guarded(view):
        st.header(view.t("timeline.series.heading"))
        st.caption(view.t("timeline.series.intro"))
        for column, (group, metric) in zip(st.columns(len(tl.SERIES)), tl.SERIES):
            with column:
                title = view.t(f"timeline.series.{group}.{metric}")
                series = tl.series_rows(data, group, metric, lang)
                if series.empty:
                    continue
                st.subheader(title)
                plotly_chart(view, f"series_{group}", summary_alt(title, zip(series["year"], series["text"])),
                             tl.series_figure, group, metric, lang)
                sources = list(dict.fromkeys(s for ids in series["source_ids"] for s in ids.split("; ") if s))
                small_print(view, [], sources)
                with lazy_expander(view.t("timeline.series.numbers"), key=f"series_{group}") as is_open:
                    if is_open:
                        headers = {c: view.t(f"timeline.series.col.{c}") for c in series.columns}
                        data_table(view, f"series_table_{group}", series, columns_from_headers(headers), caption=title)

    # 5. One event opened: what it was, who took part, what came of it, its sources and its network.
    with guarded(view):
        ids = list(rows["id"].tail(MAX_TABLE_ROWS)) if not rows.empty else []  # the events the table lists
        if state.open and state.open not in ids:
            ids = [state.open, *ids]
        names = dict(zip(data.events["id"], data.events[f"name_{lang}"])) if total else {}
        st.selectbox(view.t("timeline.open.label"), [None, *ids], help=view.t("timeline.open.help"),
                     placeholder=view.t("timeline.open.none"),
                     format_func=lambda e: view.t("timeline.open.none") if e is None else names.get(e, e),
                     **url_widget(view, "open"))
        event = tl.event_view(data, state.open, lang) if state.open else None
        if event is not None:
            with st.container(border=True):
                event_card(view, event)
                from components.views.event_scope import scope_dataset

                scoped = data.memo(scope_dataset, (event.id,))
                network = build_network(scoped, lang=lang)
                network_chart(network, scoped)
                view.page_link("network", label=view.t("timeline.event.network"), events=(event.id,))


timeline_body(view)
