"""Pure builders of what each page shows (URL state, network model, delegation, economy, MOU, sources). No streamlit."""
