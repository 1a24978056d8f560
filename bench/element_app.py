"""One Streamlit element alone on a page, chosen by `?el=` (bench/element_costs.py): what each element the
dashboard uses (or once replaced) costs a first visit beyond an empty page. `?el=` with nothing draws nothing."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import streamlit.components.v1 as components

FRAME = pd.DataFrame({"company": ["NHN Cloud", "Hancom", "Initech"], "sector": ["cloud", "software", "ai"]})


def bars() -> go.Figure:
    return go.Figure(go.Bar(x=[7502, 4648], y=["Shanghai", "Gyeonggi"], orientation="h"))


ELEMENTS = {
    "radio": lambda: st.radio("Language", ["한국어", "English"], horizontal=True),
    "multiselect": lambda: st.multiselect("Sectors", ["cloud", "ai", "software"]),
    "selectbox": lambda: st.selectbox("Focus", ["Tencent Cloud", "Initech"]),
    "segmented_control": lambda: st.segmented_control("Depth", [1, 2], default=1),
    "pills": lambda: st.pills("Verdict", ["correct", "incorrect"]),
    "toggle": lambda: st.toggle("Fade"),
    "page_link": lambda: st.page_link(st.Page(other, title="Other", url_path="other"), label="Other"),
    "metric": lambda: st.metric("Shanghai GDP", "US$750.2bn"),
    "download_button": lambda: st.download_button("CSV", data="a,b\n1,2\n", file_name="x.csv"),
    "code": lambda: st.code("http://127.0.0.1/economy?lang=en", language=None, wrap_lines=True),
    "text_input": lambda: st.text_input("Link", "http://127.0.0.1/economy?lang=en"),
    "component_v2": lambda: st.components.v2.component(
        "probe", html="<div>probe</div>", js="export default function () {}", isolate_styles=False)(key="probe"),
    "html": lambda: st.html("<div role='img' aria-label='chart'><span>bar</span></div>"),
    "markdown_table": lambda: st.markdown("| a | b |\n|---|---|\n| 1 | 2 |"),
    "dataframe": lambda: st.dataframe(FRAME),
    "plotly_chart": lambda: st.plotly_chart(bars()),
    "components_html": lambda: components.html("<div>pyvis</div>", height=100),
}


def other() -> None:
    pass


def main() -> None:
    draw = ELEMENTS.get(st.query_params.get("el", ""))
    if draw is not None:
        draw()


st.navigation([st.Page(main, title="Main", default=True), st.Page(other, title="Other", url_path="other")],
              position="hidden").run()
