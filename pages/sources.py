"""/sources: where it all comes from — the sources and the facts each supports, the claims ledger, the
method (with what is unknown), the data dictionary generated from the schema, and the data package."""
import streamlit as st

from components.views.regions import thin_regions
from components.views.safe_text import escape_markdown
from components.web.render.table import Column, columns_from_headers
from components.views.sources import (
    VERDICT_COLORS,
    VERDICTS,
    claims_table,
    dictionary_by_resource,
    dictionary_of,
    package_files,
    package_zip,
    sources_table,
    unknown_attributes,
    verdict_counts,
    verdict_label,
)
from components.web.frame import (
    View,
    csv_download,
    download_button,
    fragment_view,
    guarded,
    lazy_expander,
    page_view,
    section_heading,
    serving_package,
    source_caption,
    source_markdown,
    url_widget,
)
from components.web.table import data_table

view = page_view("sources")
data, lang = view.data, view.lang


def download(label_key: str, frame, headers: dict[str, str], file_name: str, key: str) -> None:
    csv_download(view.t(label_key), frame, file_name, key, headers)


def claims_ledger_table(view: View, ledger) -> None:
    """The ledger as one table, downloadable (the cards above show the same claims one by one)."""
    st.caption(view.t("sources.claims.legend"))
    columns = ("claim", "verdict", "note", "entities", "sources", "source_url", "locator", "claim_other")
    headers = {key: view.t(f"sources.col.{'claim_note' if key == 'note' else key}") for key in columns}
    special = {
        "source_url": Column("source_url", headers["source_url"], kind="link", link_text=view.t("sources.link.open")),
        "claim": Column("claim", headers["claim"], width="medium"),
        "note": Column("note", headers["note"], width="large"),
    }
    data_table(view, "claims_table", ledger, columns_from_headers(headers, **special), caption=view.t("sources.claims.heading"))
    csv_download(view.t("sources.download.claims"), ledger, f"claims-{view.lang}.csv", "claims_csv", headers)


st.title(view.t("sources.title"))
st.markdown(view.t("sources.intro"))
SECTIONS = (
    ("sources.list.heading", "sources-list"),
    ("sources.claims.heading", "claims"),
    ("sources.method.heading", "method"),
    ("sources.dict.heading", "data-dictionary"),
    ("sources.zip.heading", "download"),
)
st.markdown(view.t("sources.toc") + " " + " · ".join(f"[{view.t(key)}](#{anchor})" for key, anchor in SECTIONS))
# One slot, filled only with a filter on: the layout below keeps its places, so drawn tables and charts
# update in place instead of being mounted anew when the filter changes.
filter_note = st.empty()
if view.state.sectors:
    filter_note.caption(view.t("sources.filter_note"))

# 1. The sources, with how many facts each supports.
with guarded(view):
    st.header(view.t("sources.list.heading"), anchor="sources-list")
    table = data.memo(sources_table, lang)  # once per language; read-only
    st.caption(view.t("sources.list.count", count=len(table)) + " · " + view.t("sources.list.caption"))
    columns = ("publisher", "facts", "date", "url", "title", "language", "kind", "note")
    headers = {key: view.t(f"sources.col.{key}") for key in columns}
    # a source without a recorded address shows that in its link cell; the note says how it was read
    no_url = view.t("sources.list.no_url")
    special = {
        "publisher": Column("publisher", headers["publisher"], width="medium"),
        "facts": Column("facts", headers["facts"], kind="number", width="small", decimals=0),
        "url": Column("url", headers["url"], kind="link", link_text=view.t("sources.link.open"), width="small", empty=no_url),
        "title": Column("title", headers["title"], width="large"),
        "note": Column("note", headers["note"], width="large"),
    }
    data_table(view, "sources_table", table, columns_from_headers(headers, **special), caption=view.t("sources.list.heading"))
    download("sources.download.sources", table, headers, f"sources-{lang}.csv", "sources_csv")

# 2. The claims ledger: each claim, its verdict in words (not colour alone), the context and the sources.
@st.fragment
def claims_ledger(page: View) -> None:
    """The ledger. Its verdict filter changes this section only, so it reruns it alone: the sidebar and the other
    sections are not redrawn (docs/performance.md, issue 27); the sidebar's controls rerun everything as before."""
    view = fragment_view(page)
    data, lang = view.data, view.lang
    with guarded(view):
        st.header(view.t("sources.claims.heading"), anchor="claims")
        st.markdown(view.t("sources.claims.intro"))
        counts = verdict_counts(data)
        st.pills(
            view.t("sources.claims.filter"), VERDICTS, selection_mode="multi", help=view.t("sources.claims.filter_help"),
            format_func=lambda v: view.t("sources.claims.pill", label=verdict_label(v, lang), count=counts[v]),
            **url_widget(view, "verdict"),
        )
        ledger = data.memo(claims_table, lang, view.state.verdicts)
        st.caption(view.t("sources.claims.count", shown=len(ledger), total=len(data.claims)))
        if ledger.empty:
            st.info(view.t("sources.claims.none"))
        claims = data.claims.set_index("id")
        cards = []
        for row in ledger.itertuples():
            claim = claims.loc[row.id]
            lines = [
                f":{VERDICT_COLORS[claim['verdict']]}-badge[{escape_markdown(row.verdict)}]",
                f"**“{escape_markdown(row.claim)}”**",
                f":small[{escape_markdown(row.claim_other)}]",  # the other language, small (full contrast)
                escape_markdown(row.note),
            ]
            if row.entities:
                lines.append(f"{view.t('sources.claims.concerns')}: {escape_markdown(row.entities)}")
            lines.append(f":small[{source_markdown(view, claim['source_ids'], claim['locator'])}]")
            cards.append("\n\n".join(lines))
        # Every card (badge, claim, its other-language wording, context, sources) in one markdown element, ruled
        # apart: Streamlit redraws every element of a full rerun several times, ~1.5-3 ms each on a desktop, so a
        # language or sector change draws 2 elements here instead of 2 a claim (docs/performance.md, issue 27).
        if cards:
            with st.container(border=True, key="claim_cards"):
                st.markdown("\n\n---\n\n".join(cards))
        with lazy_expander(view.t("sources.claims.table"), key="claims_table_open") as is_open:
            if is_open:
                claims_ledger_table(view, ledger)


claims_ledger(view)

# 3. Method: how the data was built, what is unknown, how to add data.
with guarded(view):
    st.header(view.t("sources.method.heading"), anchor="method")
    st.markdown(view.t("sources.method.body"))
    source_caption(view, ["pressian-2025-09-26"])
    section_heading(view.t("sources.ties.heading"), view.t("sources.ties.body"), level=3, intro_as_text=True)
    thin = view.every_event.memo(thin_regions, lang)
    if thin:
        st.markdown(view.t("sources.ties.thin") + "\n" + "\n".join(f"- {escape_markdown(line)}" for line in thin))
    view.page_link("regions")
    unknown = data.memo(unknown_attributes, lang)
    section_heading(view.t("sources.unknown.heading"), view.t("sources.unknown.none") if unknown.empty
                    else view.t("sources.unknown.caption", count=len(unknown)), level=3)
    if not unknown.empty:
        headers = {key: view.t(f"sources.col.{key}") for key in ("entity", "attribute", "value")}
        special = {"value": Column("value", headers["value"], width="large")}
        caption = view.t("sources.unknown.heading")
        data_table(view, "unknown_table", unknown, columns_from_headers(headers, **special), caption=caption)
        download("sources.download.unknown", unknown, headers, f"unknown-{lang}.csv", "unknown_csv")
    section_heading(view.t("sources.add.heading"), view.t("sources.add.body"), level=3, intro_as_text=True)

# 4. The data dictionary, generated from data/datapackage.json.
with guarded(view):
    st.header(view.t("sources.dict.heading"), anchor="data-dictionary")
    st.caption(view.t("sources.dict.caption"))
    dictionary = data.memo(dictionary_of)  # once per dataset, like the rows of each resource below
    columns = ("column", "type", "list", "required", "allowed", "description", "example")
    headers = {key: view.t(f"sources.col.{key}") for key in ("resource",) + columns}
    dict_columns = columns_from_headers(
        {key: headers[key] for key in columns},
        description=Column("description", headers["description"], width="large"),
        list=Column("list", headers["list"], kind="bool", width="small"),
        required=Column("required", headers["required"], kind="bool", width="small"),
    )
    for resource in data.schema["resources"]:
        rows = data.memo(dictionary_by_resource)[resource["path"]]
        label = view.t("sources.dict.resource", file=resource["path"], count=len(rows))
        with lazy_expander(label, key=f"schema_{resource['name']}") as is_open:
            if is_open:
                st.caption(escape_markdown(resource.get("description", "")))
                data_table(view, f"dict_{resource['name']}", rows, dict_columns, caption=label)
    download("sources.download.dictionary", dictionary, headers, "data-dictionary.csv", "dictionary_csv")

# 5. The whole data package as one zip, built in memory.
with guarded(view):
    st.header(view.t("sources.zip.heading"), anchor="download")
    files = package_files(data.schema)
    st.caption(view.t("sources.zip.caption", count=len(files) - 1))
    served = serving_package()  # the files that validated, not data/ as it is now (a rejected change stays out)
    download_button(
        view.t("sources.zip.button"),
        lambda: package_zip(served.directory),  # built when clicked
        "kr-cn-linkage-data.zip",
        "application/zip",
        "package_zip",
        primary=True,
    )
