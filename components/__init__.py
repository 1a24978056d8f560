"""Pure logic of the dashboard: data, graph, figures, URL state and i18n (no streamlit here, except ui_* modules)."""
