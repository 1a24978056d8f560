"""What the kit's components receive: pure payload builders (no streamlit), unit-tested on fixtures."""
