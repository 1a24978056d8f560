"""The naive peer: the dashboard as most Streamlit developers would write it from the same brief and data/.

A yardstick for bench/benchmark.py, not a strawman: stock Streamlit widgets (st.navigation, a sidebar
multiselect bound to the URL, st.dataframe, st.metric), plotly bar charts and a Sankey, and the pyvis
network embedded with components.html, reading the same CSVs with pandas. Same paths as the app.
English only. `KRCN_DATA_DIR` points it at another package (the scale benchmark), as it does the app.
"""
import os
from pathlib import Path

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st
import streamlit.components.v1 as components
from pyvis.network import Network

DATA = Path(os.environ.get("KRCN_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")
TABLES = ("entities", "relations", "relation_types", "attributes", "clauses", "figures", "sectors", "sources",
          "claims")

st.set_page_config(page_title="Korea–China Business Linkage", layout="wide")


@st.cache_data
def load() -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False) for name in TABLES}


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def in_sectors(frame: pd.DataFrame, chosen: list[str]) -> pd.DataFrame:
    """Rows tagged with any chosen sector (all rows when none is chosen)."""
    if not chosen:
        return frame
    return frame[frame["sectors"].map(lambda cell: bool(set(split(cell)) & set(chosen)))]


data = load()
# Sector ids as options, shown as they are: a format_func would put the label in the URL instead of the id.
chosen = st.sidebar.multiselect("Sectors", data["sectors"]["id"].tolist(), key="sector", bind="query-params")


def overview() -> None:
    st.title("Korea–China Business Linkage")
    st.write("On 25 September 2025 Gyeonggi governor Kim Dong-yeon signed a friendship and cooperation MOU with "
             "Shanghai mayor Gong Zheng and took six Gyeonggi AI/cloud companies to Tencent Cloud in Shanghai.")
    headline = data["figures"][data["figures"]["group"] == "headline"]
    for column, (_, row) in zip(st.columns(len(headline)), headline.iterrows()):
        column.metric(row["label_en"], f"{float(row['value']):,.0f} {row['unit']}", help=row["note_en"])
    entities = in_sectors(data["entities"], chosen)
    a, b, c = st.columns(3)
    a.metric("Entities", len(entities))
    b.metric("Relations", len(data["relations"]))
    c.metric("Sources", len(data["sources"]))
    for page in PAGES[1:]:
        st.page_link(page)


@st.cache_data
def network_html(sectors: tuple[str, ...]) -> str:
    entities, relations = data["entities"], data["relations"]
    kept = set(in_sectors(entities, list(sectors))["id"])
    if sectors:  # a sector keeps its entities and their direct relations
        relations = relations[relations["from_id"].isin(kept) | relations["to_id"].isin(kept)]
        kept |= set(relations["from_id"]) | set(relations["to_id"])
    net = Network(height="600px", width="100%", directed=True, cdn_resources="in_line")
    colours = {"KR": "#0072B2", "CN": "#D55E00"}
    for _, row in entities[entities["id"].isin(kept)].iterrows():
        net.add_node(row["id"], label=row["name_en"], title=row["description_en"],
                     color=colours.get(row["country"], "#999999"))
    for _, row in relations.iterrows():
        if row["from_id"] in kept and row["to_id"] in kept:
            net.add_edge(row["from_id"], row["to_id"], title=row["relation"])
    # pyvis's default template also links Bootstrap from a public CDN in every mode; offline that request
    # fails and the network still draws, because in_line puts vis-network itself into the HTML.
    return net.generate_html()


def network() -> None:
    st.title("Network")
    components.html(network_html(tuple(chosen)), height=620)
    labels = data["relation_types"].set_index("id")["label_en"]
    names = data["entities"].set_index("id")["name_en"]
    relations = data["relations"].assign(
        source=lambda f: f["from_id"].map(names), relation=lambda f: f["relation"].map(labels),
        target=lambda f: f["to_id"].map(names))
    st.dataframe(relations[["source", "relation", "target", "date", "note_en"]], hide_index=True)


def delegation() -> None:
    st.title("Delegation")
    companies = in_sectors(data["entities"], chosen)
    companies = companies[companies["role"].isin(["delegation", "host"])]
    st.dataframe(companies[["name_en", "country", "sectors", "role", "description_en"]], hide_index=True)
    per_sector = companies.assign(sector=companies["sectors"].map(split)).explode("sector")
    st.plotly_chart(px.bar(per_sector.groupby("sector").size().reset_index(name="companies"),
                           x="sector", y="companies", title="Companies per sector"))
    attributes = data["attributes"][data["attributes"]["entity_id"].isin(companies["id"])]
    st.dataframe(attributes[["entity_id", "attribute", "value_en", "confidence"]], hide_index=True)


def economy() -> None:
    st.title("Economy")
    figures = data["figures"].assign(value=lambda f: pd.to_numeric(f["value"]))
    headline = figures[figures["group"] == "headline"]
    for column, (_, row) in zip(st.columns(len(headline)), headline.iterrows()):
        column.metric(row["label_en"], f"{row['value']:,.0f} {row['unit']}")
    for group, title in (("province_gdp", "GDP of China's provinces, 2024 (CNY)"),
                         ("city_gdp", "GDP of China's largest cities, 2024 (CNY)")):
        rows = figures[figures["group"] == group]
        st.plotly_chart(px.bar(rows, x="subject_en", y="value", title=title))
    st.dataframe(figures[figures["group"] == "context"][["subject_en", "metric", "value", "unit", "period",
                                                         "note_en"]], hide_index=True)


def mou() -> None:
    st.title("MOU")
    clauses = in_sectors(data["clauses"], chosen)
    links = clauses.assign(sector=clauses["sectors"].map(split)).explode("sector").dropna(subset=["sector"])
    labels = clauses["title_en"].tolist() + sorted(set(links["sector"]))
    index = {label: i for i, label in enumerate(labels)}
    st.plotly_chart(go.Figure(go.Sankey(
        node={"label": labels},
        link={"source": links["title_en"].map(index), "target": links["sector"].map(index),
              "value": [1] * len(links)})).update_layout(title="MOU clauses and their sectors", height=600))
    st.dataframe(clauses[["group", "number", "title_en", "text_en", "sectors"]], hide_index=True)


def sources() -> None:
    st.title("Sources")
    st.dataframe(data["sources"][["publisher", "title", "date", "url", "kind", "note_en"]], hide_index=True,
                 column_config={"url": st.column_config.LinkColumn("url")})
    st.subheader("Claims")
    st.dataframe(data["claims"][["claim_en", "verdict", "note_en"]], hide_index=True)
    st.download_button("Download sources (CSV)", data["sources"].to_csv(index=False), "sources.csv")


PAGES = [
    st.Page(overview, title="Overview", default=True),
    st.Page(network, title="Network", url_path="network"),
    st.Page(delegation, title="Delegation", url_path="delegation"),
    st.Page(economy, title="Economy", url_path="economy"),
    st.Page(mou, title="MOU", url_path="mou"),
    st.Page(sources, title="Sources", url_path="sources"),
]
st.navigation(PAGES).run()
