"""i18n: every UI string exists in both languages with the same placeholders; lookups fail loudly on typos."""
import pytest

from components.i18n import LANGS, STRINGS, placeholders, t


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_in_both_languages_with_same_placeholders(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGS), key
    assert all(entry[lang].strip() for lang in LANGS), key
    assert placeholders(entry["ko"]) == placeholders(entry["en"]), key


@pytest.mark.parametrize(
    ("key", "lang", "params", "expected"),
    [
        ("page.network", "ko", {}, "연결망"),
        ("page.network", "en", {}, "Network"),
        ("page.network", "fr", {}, "Network"),  # unknown language falls back to English
        ("error.data.more", "en", {"count": 3}, "3 more problem(s) not shown."),
        ("error.data.more", "ko", {"count": 3}, "그 밖에 3건의 문제가 더 있습니다."),
    ],
)
def test_lookup(key, lang, params, expected):
    assert t(key, lang, **params) == expected


def test_missing_key_raises():
    with pytest.raises(KeyError):
        t("no.such.key", "en")
