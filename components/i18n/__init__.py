"""Every UI string of the app, looked up with `t(key, lang, **params)`.

The strings live in one catalogue file per language beside this module (`ko.json`, `en.json`: key -> text with
`{placeholders}`), so a translator edits no Python; keys are grouped by prefix (`frame`, `network.`, `mou.` …).
Data text (names, descriptions, clause texts) comes from the dataset's *_ko / *_en columns, not from here.
"""
from __future__ import annotations

import json
import string
from pathlib import Path

LANGS = ("ko", "en")
CATALOGUE_DIR = Path(__file__).resolve().parent


def load_catalogues(folder: Path = CATALOGUE_DIR) -> dict[str, dict[str, str]]:
    """{lang: {key: text}} from `<lang>.json` in `folder`."""
    return {lang: json.loads((folder / f"{lang}.json").read_text(encoding="utf-8")) for lang in LANGS}


CATALOGUES = load_catalogues()
# Every key with its text in each language (a key missing from one catalogue is caught by tests/test_i18n.py).
STRINGS: dict[str, dict[str, str]] = {
    key: {lang: CATALOGUES[lang][key] for lang in LANGS if key in CATALOGUES[lang]}
    for key in dict.fromkeys([*CATALOGUES["en"], *CATALOGUES["ko"]])
}


def t(key: str, lang: str, **params: object) -> str:
    """The string for `key` in `lang` (English if `lang` is unknown), with {params} filled in.

    A missing key raises KeyError: a typo must fail tests, not show a raw key to a visitor.
    """
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
