"""Number formatting for each language and unit conversion, with exact outputs."""
import math

import pytest

from components.views.formatting import convert, format_amount, format_figure, format_rate


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (750.2e9, "USD", "en", "US$750.2bn"),
        (750.2e9, "USD", "ko", "7,502억 달러"),
        (1070e12, "KRW", "en", "₩1,070tn"),
        (1070e12, "KRW", "ko", "1,070조 원"),
        (763.9e9, "USD", "ko", "7,639억 달러"),
        (5392671e6, "CNY", "ko", "5조 3,927억 위안"),
        (5392671e6, "CNY", "en", "CN¥5.39tn"),
        (91.9e9, "USD", "en", "US$91.9bn"),
        (651e12, "KRW", "ko", "651조 원"),
        (1.385e9, "count", "ko", "13억 8,500만"),
        (1.385e9, "count", "en", "1.39bn"),
        (1_999_999_999_999.0, "KRW", "ko", "2조 원"),  # rounding carries into the next unit
        (None, "USD", "en", ""),
        (math.nan, "USD", "en", ""),
    ],
)
def test_format_amount(value, unit, lang, expected):
    assert format_amount(value, unit, lang) == expected


def test_format_rate_and_figure():
    assert format_rate(1400.7, "KRW_per_USD", "en") == "₩1,400.7 per US$"
    assert format_rate(1400.7, "KRW_per_USD", "ko") == "1달러당 1,400.7원"
    assert format_figure(7.188, "CNY_per_USD", "en") == "CN¥7.188 per US$"
    assert format_figure(1.57, "ratio", "ko") == "1.57배"
    assert format_figure(750.2e9, "USD", "en") == "US$750.2bn"


def test_convert_at_the_article_rate():
    assert convert(763.9e9, "USD", "KRW", 1400.7) == pytest.approx(1070e12, rel=1e-4)
    assert convert(1070e12, "KRW", "USD", 1400.7) == pytest.approx(763.9e9, rel=1e-4)
    assert convert(5.0, "CNY", "CNY", 1400.7) == 5.0
    with pytest.raises(ValueError):
        convert(1.0, "CNY", "USD", 1400.7)
