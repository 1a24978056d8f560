"""The Streamlit side: the shared frame (navigation, sidebar, URL sync) and the small custom kit (table, charts,
network). render/ holds the kit's pure payload builders (no streamlit)."""
