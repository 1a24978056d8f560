"""/regions: Korea's 17 provincial-level governments and their Chinese partners side by side — the comparison, the
map of ties (light by default, plotly on request) with its text twin, the region × counterpart matrix, new ties a
year beside the official totals, the regions' own counts, the disputes and the business that came of the ties.
Logic: components/views/regions.py (pure). `?region=` chooses regions; `sector`, `event` and `lang` as everywhere."""
import streamlit as st

from components.views import regions as rg
from components.web.charts import map_chart, plotly_chart
from components.web.frame import (
    View,
    capped_options,
    csv_download,
    fragment_view,
    guarded,
    lazy_expander,
    page_view,
    section_heading,
    url_widget,
)
from components.web.render.chart import summary_alt
from components.web.render.table import Column, columns_from_headers
from components.web.table import data_table

view = page_view("regions")


def section_table(view: View, key: str, frame, heading: str, intro: str, columns: str, level: int = 2) -> None:
    """A table of its own section: heading, a line on what it shows, the table (columns named from `columns`.<col>)."""
    section_heading(heading, intro, level=level)
    data_table(view, key, frame, columns_from_headers({c: view.t(f"{columns}.{c}") for c in frame.columns}),
               caption=heading, cap="first")


st.title(view.t("regions.title"))
st.caption(view.t("regions.intro"))


@st.fragment
def regions_body(page: View) -> None:
    """Everything under the title. The region filter changes this part only, so it reruns it alone: the sidebar and
    the title are not redrawn (docs/performance.md, issue 27); the sidebar's controls rerun everything as before."""
    view = fragment_view(page)
    data, lang, state = view.every_event, view.lang, view.state  # every event: no `event` means all of them here
    choices = dict(data.memo(rg.region_choices, lang))
    chosen = tuple(r for r in state.regions if r in choices)
    filters = (chosen, state.sectors, state.events)

    with guarded(view):
        st.multiselect(view.t("regions.filter.region"), capped_options(choices, chosen), format_func=choices.__getitem__,
                       placeholder=view.t("regions.filter.all"), help=view.t("regions.filter.help"),
                       **url_widget(view, "region"))
        ties = data.memo(rg.chosen_ties, *filters)
        st.markdown(view.t(
            "regions.summary", ties=len(ties), regions=len({x.region for x in ties}), of=len(chosen or choices),
            provincial=sum(x.level == "provincial" for x in ties), counterparts=len({x.counterpart for x in ties}),
            disputed=sum(x.disputed for x in ties),
        ))
        for region in chosen[:4]:  # a chosen region's ties as a network (a region beyond the first story widens it)
            view.page_link("network", label=view.t("regions.network", name=choices[region]), focus=region)

    # 1. The regions side by side.
    with guarded(view):
        section_heading(view.t("regions.compare.heading"), view.t("regions.compare.caption"))
        rows = data.memo(rg.region_rows, lang, *filters)
        headers = {c: view.t(f"regions.col.{c}") for c in rows.columns}
        numbers = {c: Column(c, headers[c], kind="number") for c in ("ties", "provincial", "city", "sister", "friendship", "business")}
        wide = {c: Column(c, headers[c], width="large") for c in ("partners", "claimed")}
        data_table(view, "regions_compare", rows, columns_from_headers(headers, **numbers, **wide),
                   caption=view.t("regions.compare.heading"), cap="first")
        csv_download(view.t("regions.download"), rows, f"krcn-regions-{lang}.csv", "regions_compare_csv", headers)

    # 2. The map, and its text twin: every tie.
    with guarded(view):
        st.header(view.t("regions.map.heading"))
        drawn, unmapped = data.memo(rg.mapped_ties, *filters)
        alt = view.t("regions.map.alt", ties=len(drawn))
        map_chart(view, "regions_map", alt, lambda: data.memo(rg.map_html, lang, *filters),
                  lambda: data.memo(rg.map_figure, lang, *filters))
        st.html(rg.map_legend_html(lang))
        st.caption(view.t("regions.map.caption"))
        if unmapped:
            st.caption(view.t("regions.map.unmapped", count=len(unmapped), limit=rg.MAX_MAP_TIES))
        # The map's text twin: every tie, opened on demand (the matrix below says the same in a grid; 36 KB a first
        # visit need not carry). The CSV has it without opening.
        tie_table = data.memo(rg.tie_rows, lang, *filters)
        if not tie_table.empty:
            tie_headers = {c: view.t(f"regions.tcol.{c}") for c in tie_table.columns}
            with lazy_expander(view.t("regions.ties.heading"), key="regions_ties") as is_open:
                if is_open:
                    data_table(view, "regions_ties", tie_table, columns_from_headers(
                                   tie_headers, events=Column("events", tie_headers["events"], width="large")),
                               caption=view.t("regions.ties.heading"), cap="first")
            csv_download(view.t("regions.download"), tie_table, f"krcn-ties-{lang}.csv", "regions_ties_csv", tie_headers)

    # 3. Who is tied to whom: the matrix, each cell linking to its events on /timeline.
    with guarded(view):
        section_heading(view.t("regions.matrix.heading"), view.t("regions.matrix.intro"))
        if data.memo(rg.matrix_is_capped, *filters):
            st.caption(view.t("regions.matrix.capped", columns=rg.MAX_MATRIX_COLUMNS, rows=rg.MAX_MATRIX_ROWS))
        grid = data.memo(rg.matrix_html, lang, f"timeline?lang={lang}&", *filters)
        if grid:
            st.html(grid)
        else:
            st.info(view.t("regions.empty"))

    # 4. New ties a year, beside the official totals.
    with guarded(view):
        section_heading(view.t("regions.years.heading"), view.t("regions.years.intro"))
        years = data.memo(rg.year_rows, lang, *filters)
        if years.empty:
            st.info(view.t("regions.empty"))
        else:
            title = view.t("regions.years.chart")
            st.subheader(title)
            plotly_chart(view, "regions_years", summary_alt(title, zip(years["year"], years["new"])), rg.year_figure,
                         lang, *filters, data=data)
            undated = data.memo(rg.undated_count, *filters)
            if undated:
                st.caption(view.t("regions.years.undated", count=undated))
            with lazy_expander(view.t("regions.years.numbers"), key="regions_years") as is_open:
                if is_open:
                    year_headers = {c: view.t(f"regions.ycol.{c}") for c in years.columns}
                    data_table(view, "regions_years_table", years, columns_from_headers(
                        year_headers, new=Column("new", year_headers["new"], kind="number"),
                        became_sister=Column("became_sister", year_headers["became_sister"], kind="number")), caption=title)
        official = data.memo(rg.official_rows, lang)
        if not official.empty:
            section_table(view, "regions_official", official, view.t("regions.official.heading"),
                          view.t("regions.official.intro"), "regions.ocol", level=3)

    # 5. What the regions say they have, beside what the sources name.
    with guarded(view):
        claims = data.memo(rg.claim_rows, lang, chosen)
        if not claims.empty:
            section_table(view, "regions_claims", claims, view.t("regions.claims.heading"), view.t("regions.claims.intro"),
                          "regions.ccol")

    # 6. Where the sources disagree: every value with its own sources, none silently picked.
    with guarded(view):
        disputes = data.memo(rg.dispute_rows, lang, chosen, state.events)
        if not disputes.empty:
            section_table(view, "regions_disputes", disputes, view.t("regions.disputes.heading"),
                          view.t("regions.disputes.intro"), "regions.dcol")

    # 7. The business that came of the ties: offices, investments, fairs, export deals.
    with guarded(view):
        section_heading(view.t("regions.business.heading"), view.t("regions.business.intro"))
        business = data.memo(rg.business_rows, lang, state.sectors, chosen, state.events)
        if business.empty:
            st.info(view.t("regions.business.none"))
        else:
            business_headers = {c: view.t(f"timeline.col.{c}") for c in business.columns}
            data_table(view, "regions_business", business, columns_from_headers(business_headers),
                       caption=view.t("regions.business.heading"), cap="last")


regions_body(view)
