"""The data package: loading (dataset), checking (validate) and exporting (export) the CSVs in data/. No streamlit."""
