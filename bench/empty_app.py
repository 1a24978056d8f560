"""The baseline: an empty Streamlit app, served by the same Streamlit with the same config as the dashboard.

It has empty pages at the dashboard's paths (no content, no sidebar), so that a deep link such as /economy costs
the baseline what it costs any multipage Streamlit app: the frontend first asks /economy/_stcore/health, gets
404 and only then connects at the root (about 100 ms on the benchmark machine). The page at "/" is the plain
empty app.

With `?use=1` (time to read and time to use, bench/read_use.py) a page draws the least a visitor can read and use:
a title, a lead and one control, a radio in the sidebar like the dashboard's language switch. Without it the pages
stay empty, so the other measures' baseline is unchanged."""
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import PAGES  # noqa: E402


def empty() -> None:
    if st.query_params.get("use") == "1":
        st.title("Empty app")
        st.caption("A title, a lead and one control: the least a visitor can read and use.")
        st.sidebar.radio("Language", ["English", "한국어"], horizontal=True)


st.navigation(
    [st.Page(empty, title=page_id, url_path=path.strip("/") or None, default=path == "/") for page_id, path in PAGES.items()],
    position="hidden",
).run()
