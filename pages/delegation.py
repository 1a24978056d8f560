"""/delegation: who went to Tencent Cloud with the governor, and what do they do? The table, the delegation by
sector and by location (not all six are in Pangyo), then each company's profile with a source for every fact.
The sector filter applies to all of it."""
import streamlit as st

from components.web.render.chart import summary_alt
from components.views.delegation import (
    companies,
    company_table,
    display_name,
    location_chart,
    location_counts,
    location_table,
    multi_sector,
    pangyo_claim,
    profile,
    sector_chart,
    sector_counts,
    sector_names,
    sector_table,
    shown,
    source_ids_of,
)
from components.views.safe_text import escape_markdown
from components.web.render.table import columns_of
from components.web.charts import plotly_chart
from components.web.frame import (
    claim_card,
    csv_download,
    first_listed,
    guarded,
    lazy_expander,
    page_view,
    section_heading,
    small_print,
    source_caption,
    source_markdown,
)
from components.web.table import data_table

view = page_view("delegation")
data, lang, sectors = view.data, view.lang, view.state.sectors
VISIT_EVENT = "tencent-cloud-visit-2025-09-25"


def download(frame, name: str) -> None:
    """The table as shown, as CSV (formulas neutralised), named by page, table and language."""
    csv_download(view.t("delegation.download"), frame, f"delegation-{name}-{lang}.csv", key=f"dl_{name}")


def chart_numbers(frame, name: str, title: str) -> None:
    with lazy_expander(view.t("delegation.table.numbers"), key=f"numbers_{name}") as is_open:
        if is_open:
            data_table(view, f"table_{name}", frame, columns_of(frame), caption=title)
            download(frame, name)


def source_cell(source_ids, locator: str) -> str:
    """A fact's sources as markdown for a table cell (the column header already says 'Source')."""
    if not source_ids:
        return view.t("delegation.no_source")
    return source_markdown(view, source_ids, locator).removeprefix(f"{view.t('source.label')}: ")


st.title(view.t("delegation.title"))
with guarded(view):
    st.markdown(view.t("delegation.intro"))
    event = data.entities[data.entities["id"] == VISIT_EVENT]
    if not event.empty:
        ev = event.iloc[0]
        small_print(view, [escape_markdown(ev[f"description_{lang}"])], ev["source_ids"], ev["locator"])

# Derived once per view (language, filter) and shared between sessions: read-only below.
firms = data.memo(companies, sectors)
delegation = data.memo(companies, sectors, ("delegation",))
# One slot, filled only with a filter on: the layout below keeps its places, so drawn tables and charts
# update in place instead of being mounted anew when the filter changes.
filter_note = st.empty()
if sectors:
    chosen = ", ".join(escape_markdown(n) for n in sector_names(data, sectors, lang))
    filter_note.info(view.t("sector.active", names=chosen) + "  \n" + view.t("delegation.filter.count", shown=len(firms), total=len(data.memo(companies, ()))))
if firms.empty:
    st.warning(view.t("delegation.none"))

# 1. Who went: one row a company, the hosts marked; unknown facts say so, inferred ones are marked.
with guarded(view):
    section_heading(view.t("delegation.table.heading"), view.t("delegation.table.legend"))
    table = data.memo(company_table, lang, sectors)
    if not table.empty:
        # every row in view up to 20 rows; past that the table scrolls inside, its header and names in view
        data_table(view, "company_table", table, columns_of(table), caption=view.t("delegation.table.heading"))
        download(table, "companies")

# 2. The delegation by sector: a company in two sectors counts in both. Full width, so each bar can name its
# companies at a readable size.
with guarded(view):
    counts = data.memo(sector_counts, lang, sectors)
    if not counts.empty:
        st.header(view.t("delegation.sectors.heading"))
        alt = summary_alt(view.t("delegation.sectors.heading"), zip(counts["sector"], counts["count"]))
        plotly_chart(view, "chart_sectors", alt, sector_chart, lang, sectors)
        doubles = data.memo(multi_sector, lang, sectors)
        if doubles:
            note = view.t(
                "delegation.sectors.double_count",
                names=escape_markdown(", ".join(doubles)),
                firms=len(delegation),
                total=int(counts["count"].sum()),
            )
        else:
            note = view.t("delegation.sectors.single")
        small_print(view, [note], source_ids_of(delegation["source_ids"]))
        chart_numbers(sector_table(counts, lang), "sectors", view.t("delegation.sectors.heading"))

# 3. Where they are: the sources place only two of the six in Pangyo, though all six were called Pangyo firms.
with guarded(view):
    places = data.memo(location_counts, lang, sectors)
    if not places.empty:
        st.header(view.t("delegation.location.heading"))
        alt = summary_alt(view.t("delegation.location.heading"), zip(places["location"], places["count"]))
        plotly_chart(view, "chart_locations", alt, location_chart, lang, sectors)
        small_print(view, [view.t("delegation.location.help")], source_ids_of(places["source_ids"]))
        chart_numbers(location_table(places, lang), "locations", view.t("delegation.location.heading"))
    claim = pangyo_claim(data)
    if claim is not None and not places.empty:
        claim_card(view, claim, view.t("delegation.claim.heading"), view.t("delegation.claim.link"))

# 4. Profiles: every fact with its source, and the way into the network focused on the company.
with guarded(view):
    if not firms.empty:
        section_heading(view.t("delegation.profiles.heading"), view.t("delegation.profiles.help"))
    for _, ent in first_listed(view, firms, "list.where.company_table").iterrows():
        role = view.t(f"delegation.role.{ent['role']}")
        with lazy_expander(f"{escape_markdown(display_name(ent, lang))} · {role}", key=f"profile_{ent['id']}") as is_open:
            if not is_open:
                continue
            other = "name_en" if lang == "ko" else "name_ko"
            st.markdown(f"**{escape_markdown(ent[f'name_{lang}'])}** ({escape_markdown(ent[other])})")
            st.markdown(escape_markdown(ent[f"description_{lang}"]))
            source_caption(view, ent["source_ids"], ent["locator"])
            head = [view.t("delegation.profile.fact"), view.t("delegation.profile.value"), view.t("source.label")]
            lines = [f"| {' | '.join(head)} |", "|---|---|---|"]
            names = sector_names(data, ent["sectors"], lang)
            sectors_text = escape_markdown(", ".join(names) or view.t("unknown"))
            lines.append(f"| {view.t('delegation.col.sectors')} | {sectors_text} | {source_cell(ent['source_ids'], ent['locator'])} |")
            for f in data.memo(profile, ent["id"], lang):
                # A 'not found' row may say what was found instead (e.g. only called a Pangyo-cluster firm).
                text = f.detail if not f.known and f.detail else shown(f, lang)
                label = view.t(f"delegation.attr.{f.attribute}")
                lines.append(f"| {label} | {escape_markdown(text)} | {source_cell(f.source_ids, f.locator)} |")
            st.markdown("\n".join(lines))
            view.page_link(
                "network",
                label=view.t("delegation.network_link", name=ent[f"name_{lang}"]),
                key=f"network_link_{ent['id']}",
                focus=ent["id"],
            )
