"""The baseline: an empty Streamlit app, served by the same Streamlit with the same config as the dashboard."""
