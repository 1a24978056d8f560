"""/mou: what Gyeonggi and Shanghai agreed — the MOU grouped as it is written, the governor's proposal apart,
how items reach sectors and the delegation companies, and every item in both languages."""
import streamlit as st

from components.views.mou import (
    GROUPS,
    MAX_SANKEY_ITEMS,
    clause_label,
    clause_sector_links,
    clause_table,
    clauses_reaching_companies,
    mapping_table,
    ordered_clauses,
    sankey_item_count,
    sankey_spec,
    sector_names,
)
from components.views.safe_text import escape_markdown
from components.web.render.table import Column, columns_from_headers
from components.web.charts import sankey_chart
from components.web.frame import (
    csv_download,
    first_listed,
    guarded,
    lazy_expander,
    page_view,
    section_heading,
    source_caption,
    source_markdown,
)
from components.web.table import data_table

view = page_view("mou")
data, lang, sectors = view.data, view.lang, view.state.sectors
shown = ordered_clauses(data.clauses, sectors)
names = sector_names(data, lang)
GRID = {"mechanism": 2, "agreement": 2, "proposal": 1}


def sources_md(row) -> str:
    """The item's sources as markdown links, without the 'Source:' prefix (for a table cell)."""
    return source_markdown(view, row["source_ids"], row["locator"]).split(": ", 1)[1]


def sector_badges(row) -> str:
    return " ".join(f":blue-badge[{escape_markdown(names.get(s, s))}]" for s in row["sectors"])


def field_table(rows) -> None:
    """The fields of exchange are short: one compact table, one line each, with sectors and source."""
    head = [view.t(f"mou.col.{k}") for k in ("label", "text", "sectors", "source")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for _, row in rows.iterrows():
        cells = [f"**{escape_markdown(clause_label(row, lang))}**", escape_markdown(row[f"text_{lang}"]), sector_badges(row), sources_md(row)]
        lines.append("| " + " | ".join(cells) + " |")
    st.markdown("\n".join(lines))


def clause_card(row) -> None:
    """One MOU item: its title and text in the current language, its sectors, its source."""
    with st.container(border=True):
        st.markdown(  # one element a card: fewer to redraw on every change
            f"**{escape_markdown(clause_label(row, lang))}**\n\n{escape_markdown(row[f'text_{lang}'])}\n\n"
            f"{view.t('mou.clause.sectors')}: {sector_badges(row)}\n\n"
            f":small[{source_markdown(view, row['source_ids'], row['locator'])}]"
        )


st.title(view.t("mou.title"))
st.markdown(view.t("mou.intro"))
# One slot, filled only with a filter on: the layout below keeps its places, so drawn tables and charts
# update in place instead of being mounted anew when the filter changes.
filter_note = st.empty()
if sectors:
    chosen = ", ".join(escape_markdown(names.get(s, s)) for s in sectors)
    filter_note.info(
        view.t("sector.active", names=chosen) + "  \n" + view.t("mou.filter.count", shown=len(shown), total=len(data.clauses)),
    )

# 1. The MOU as it is written: fields of exchange, mechanisms, agreements ①–④, then the proposal.
with guarded(view):
    st.header(view.t("mou.clauses.heading"))
    if shown.empty:
        st.warning(view.t("mou.none"))
    empty_groups = []
    for group in GROUPS:
        total = int((data.clauses["group"] == group).sum())
        rows = shown[shown["group"] == group]
        name = view.t(f"mou.group.{group}")
        if rows.empty:
            if total:
                empty_groups.append(view.t("mou.group.count", name=name, count=total))
            continue
        heading = (
            view.t("mou.group.count_filtered", name=name, shown=len(rows), total=total)
            if sectors
            else view.t("mou.group.count", name=name, count=total)
        )
        if group == "proposal":
            st.subheader(heading)
            st.warning(view.t("mou.group.help.proposal"))
        else:
            section_heading(heading, view.t(f"mou.group.help.{group}"), level=3)
        rows = first_listed(view, rows, "list.where.item_table")
        if group == "field":
            field_table(rows)
            continue
        per_row = GRID[group]
        for start in range(0, len(rows), per_row):
            cols = st.columns(per_row)
            for col, (_, row) in zip(cols, rows.iloc[start : start + per_row].iterrows()):
                with col:
                    clause_card(row)
    if empty_groups and not shown.empty:
        st.caption(view.t("mou.group.empty", groups=", ".join(empty_groups)))

# 2. Items → sectors → delegation companies (the company link is inferred from shared sectors).
with guarded(view):
    section_heading(view.t("mou.map.heading"), view.t("mou.map.intro"))
    links = data.memo(mapping_table, lang, tuple(sectors))  # read-only: shared by sessions
    if links.empty:
        st.warning(view.t("mou.none"))
    else:
        items = data.memo(sankey_item_count, tuple(sectors))
        if items > MAX_SANKEY_ITEMS:
            st.info(view.t("mou.map.too_big", count=items, limit=MAX_SANKEY_ITEMS))
        else:
            sankey_chart(view, "mou_sankey", view.t("mou.map.alt"), sankey_spec, lang, tuple(sectors))
        reaching = data.memo(clauses_reaching_companies, tuple(sectors))
        st.markdown(view.t("mou.map.reach", reached=len(reaching), total=len(shown)))
        st.info(view.t("mou.map.inferred"))
        # The chart's sources: the items shown, and the delegation companies it reaches (their sectors).
        reached = {c for ids in data.memo(clause_sector_links, tuple(sectors)) for c in ids[2]}
        companies = data.entities[data.entities["id"].isin(reached)]
        cited = list(dict.fromkeys([s for ids in shown["source_ids"] for s in ids] + [s for ids in companies["source_ids"] for s in ids]))
        source_caption(view, cited)
        with lazy_expander(view.t("mou.map.table"), key="mou_map_open") as is_open:
            if is_open:
                headers = {key: view.t(f"mou.col.{key}") for key in ("clause", "group", "sector", "companies")}
                data_table(view, "mou_map_table", links, columns_from_headers(headers), caption=view.t("mou.map.heading"))
                csv_download(view.t("mou.download.map"), links, f"mou-clause-sector-company-{lang}.csv", "mou_map_csv", headers)
        view.page_link("delegation", view.t("mou.map.delegation_link"), key="delegation_link")

# 3. Every item in Korean and English, filtered by sector, downloadable.
with guarded(view):
    section_heading(view.t("mou.table.heading"), view.t("mou.table.caption"))
    table = data.memo(clause_table, lang, tuple(sectors))
    columns = ("group", "label", "text_ko", "text_en", "sectors", "kind", "source", "source_url")
    headers = {key: view.t(f"mou.col.{key}") for key in columns}
    special = {
        "text_ko": Column("text_ko", headers["text_ko"], width="large"),
        "text_en": Column("text_en", headers["text_en"], width="large"),
        "source_url": Column("source_url", headers["source_url"], kind="link", link_text=view.t("mou.link.open")),
    }
    data_table(view, "mou_table", table, columns_from_headers(headers, **special), caption=view.t("mou.table.heading"),
               cap="first")
    csv_download(view.t("mou.download.table"), table, f"mou-items-{lang}.csv", "mou_table_csv", headers)
