"""Numbers for people: money in 억/조 (Korean) or bn/tn (English), rates and conversions (no streamlit)."""
from __future__ import annotations

import math

CURRENCY = {
    "USD": {"en": ("US$", ""), "ko": ("", " 달러")},
    "KRW": {"en": ("₩", ""), "ko": ("", " 원")},
    "CNY": {"en": ("CN¥", ""), "ko": ("", " 위안")},
    "count": {"en": ("", ""), "ko": ("", "")},
}


def _trim(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scaled_en(value: float) -> str:
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            x = value / size
            return _trim(x, 1 if abs(x) >= 100 else 2) + suffix
    return _trim(value, 2)


def _scaled_ko(value: float) -> str:
    """1,070조 / 5조 3,927억 / 7,502억 / 13억 8,500만."""
    units = ((1e12, "조"), (1e8, "억"), (1e4, "만"))
    sign = "-" if value < 0 else ""
    rest = abs(value)
    for i, (size, name) in enumerate(units):
        if rest >= size:
            major = math.floor(rest / size)
            if i + 1 < len(units):
                next_size, next_name = units[i + 1]
                minor = round((rest - major * size) / next_size)
                if minor * next_size >= size:  # rounding carried over
                    major, minor = major + 1, 0
                if minor:
                    return f"{sign}{major:,}{name} {minor:,}{next_name}"
            return f"{sign}{major:,}{name}"
    return sign + _trim(rest, 2)


def format_amount(value: float | None, unit: str, lang: str, significant: int | None = None) -> str:
    """`format_amount(750.2e9, 'USD', 'en')` → 'US$750.2bn'; in Korean '7,502억 달러'. None/NaN → ''.

    `significant` rounds first (for conversions, whose last digits only reflect the rate):
    `format_amount(1_050_805_140_000_000, 'KRW', 'ko', significant=4)` → '1,051조 원'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if significant:
        value = float(f"{value:.{significant}g}")
    lang = "ko" if lang == "ko" else "en"
    prefix, suffix = CURRENCY.get(unit, {"en": ("", ""), "ko": ("", "")})[lang]
    body = _scaled_ko(value) if lang == "ko" else _scaled_en(value)
    return f"{prefix}{body}{suffix}"


def format_rate(value: float, unit: str, lang: str) -> str:
    """Exchange rates: KRW_per_USD 1400.7 → '₩1,400.7 per US$' / '1달러당 1,400.7원'."""
    number = _trim(value, 4)
    if unit == "KRW_per_USD":
        return f"1달러당 {number}원" if lang == "ko" else f"₩{number} per US$"
    if unit == "CNY_per_USD":
        return f"1달러당 {number}위안" if lang == "ko" else f"CN¥{number} per US$"
    return number


def format_figure(value: float, unit: str, lang: str) -> str:
    """Any figure of figures.csv, by its unit."""
    if unit in ("KRW_per_USD", "CNY_per_USD"):
        return format_rate(value, unit, lang)
    if unit == "ratio":
        return f"{_trim(value, 2)}배" if lang == "ko" else f"{_trim(value, 2)}×"
    return format_amount(value, unit, lang)


def convert(value: float, unit: str, target: str, krw_per_usd: float, cny_per_usd: float | None = None) -> float:
    """USD ↔ KRW at a given rate. CNY converts only through a stated `cny_per_usd` (via US$); without one
    CNY stays CNY and asking for it raises ValueError: a rate is never guessed."""
    if unit == target:
        return value
    if unit == "USD" and target == "KRW":
        return value * krw_per_usd
    if unit == "KRW" and target == "USD":
        return value / krw_per_usd
    if cny_per_usd and unit == "CNY" and target in ("USD", "KRW"):
        return convert(value / cny_per_usd, "USD", target, krw_per_usd)
    if cny_per_usd and target == "CNY" and unit in ("USD", "KRW"):
        return convert(value, unit, "USD", krw_per_usd) * cny_per_usd
    raise ValueError(f"cannot convert {unit} to {target}")


def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    """1234567.5 -> '1,234,567.5' (grouped as both Korean and English write numbers); whole numbers without
    decimals unless `decimals` asks for them."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
