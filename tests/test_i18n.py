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


def test_catalogues_have_the_same_keys():
    from components.i18n import CATALOGUES

    assert set(CATALOGUES["ko"]) == set(CATALOGUES["en"])
    assert len(CATALOGUES["en"]) > 300  # the app's strings are all here, not in code


def test_a_catalogue_is_read_from_its_file(tmp_path):
    from components.i18n import load_catalogues

    (tmp_path / "ko.json").write_text('{"a.b": "가 {n}"}', encoding="utf-8")
    (tmp_path / "en.json").write_text('{"a.b": "A {n}"}', encoding="utf-8")
    assert load_catalogues(tmp_path) == {"ko": {"a.b": "가 {n}"}, "en": {"a.b": "A {n}"}}
