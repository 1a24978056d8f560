"""A reference for bench/benchmark.py: only the Streamlit widgets the dashboard's frame cannot do without — a
two-option language radio and a 20-option sector multiselect in the sidebar. Its load time over the empty app's
is the part of every page's ratio that comes with Streamlit's own widgets, before any content."""
import streamlit as st

with st.sidebar:
    st.radio("Language", ["한국어", "English"], horizontal=True)
    st.multiselect("Sector", [f"Sector {n}" for n in range(1, 21)], placeholder="All sectors")
