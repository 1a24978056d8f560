"""Show data text literally: escaping for Streamlit markdown, HTML and CSV cells (no streamlit import)."""
from __future__ import annotations

import html
import re

# Characters that start markdown, HTML, LaTeX or Streamlit directives (:color[...] and icon shortcodes).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")
CSV_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def escape_markdown(text: object) -> str:
    """Backslash-escape every markdown-active character so the text renders as typed."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", " ").replace("\n", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def escape_html(text: object) -> str:
    """HTML-escape text for our own HTML (quotes included, for attribute values)."""
    return html.escape("" if text is None else str(text), quote=True)


def escape_plotly(text: object) -> str:
    """Data text for plotly.js labels and hovers, shown literally: plotly reads a few HTML tags (<b>, <a href>…),
    so < > & are escaped; quotes stay as they are (plotly decodes &lt; &gt; &amp; but would show &quot; as typed)."""
    return html.escape("" if text is None else str(text), quote=False)


def csv_cell(value: object) -> object:
    """Neutralise spreadsheet formulas (CSV injection): a cell starting with = + - @ gets a leading quote."""
    if isinstance(value, str) and value.startswith(CSV_DANGEROUS_START):
        return "'" + value
    return value
