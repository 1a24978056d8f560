"""/economy builders and the conversion they rest on: exact values on a tiny package written in code, plus
spot checks against the real data."""
from __future__ import annotations

import pytest

from components.views import economy as eco
from components.data.dataset import load_dataset
from components.views.formatting import convert, format_amount
from tests.package_fixture import TINY, write_package

SRC = "src-a"


def fig(fid, group, entity_id, subject_en, metric, value, unit, period="2024", rank="", subject_ko=None,
        subject_zh="", confidence="seen", label_en=None, note_en=""):
    return {
        "id": fid, "group": group, "entity_id": entity_id, "subject_ko": subject_ko or subject_en,
        "subject_en": subject_en, "subject_zh": subject_zh, "metric": metric, "value": value, "unit": unit,
        "period": period, "rank": rank, "rank_scope_ko": "도시 중" if rank else "",
        "rank_scope_en": "among cities" if rank else "", "label_ko": (label_en or f"{subject_en} {metric}") + " (ko)",
        "label_en": label_en or f"{subject_en} {metric}", "note_ko": note_en, "note_en": note_en,
        "confidence": confidence, "source_ids": SRC, "locator": "¶1",
    }


REGIONS = [
    *TINY["entities"],
    {**TINY["entities"][0], "id": "shanghai", "country": "CN", "name_ko": "상하이", "name_en": "Shanghai", "name_zh": "上海"},
    {**TINY["entities"][0], "id": "tencent", "kind": "company", "country": "CN", "name_ko": "텐센트",
     "name_en": "Tencent", "name_zh": "腾讯", "role": "host"},
]
FIGURES = [
    fig("shanghai-grdp-usd", "headline", "shanghai", "Shanghai", "gdp", "750200000000", "USD", rank="1",
        subject_zh="上海", subject_ko="상하이", label_en="Shanghai GDP (article)"),
    fig("tencent-market-cap-krw", "headline", "tencent", "Tencent", "market_cap", "1070000000000000", "KRW",
        period="2025-09", confidence="unverified"),
    fig("tencent-market-cap-usd", "headline", "tencent", "Tencent", "market_cap", "763900000000", "USD",
        period="2025-09", confidence="unverified"),
    fig("shanghai-gdp-2024-cny", "context", "shanghai", "Shanghai", "gdp", "6000000000000", "CNY"),
    fig("gyeonggi-grdp-2024-krw", "context", "gyeonggi", "Gyeonggi", "gdp", "651000000000000", "KRW", rank="1"),
    fig("tencent-revenue-fy2024-cny", "context", "tencent", "Tencent", "revenue", "800000000000", "CNY",
        period="FY2024"),
    fig("tencent-revenue-fy2024-usd", "context", "tencent", "Tencent", "revenue", "91900000000", "USD",
        period="FY2024"),
    fig("p-big", "province_gdp", "", "Bigland", "gdp", "80000000000000", "CNY", rank="1"),
    fig("p-mid", "province_gdp", "", "Midland", "gdp", "16000000000000", "CNY", rank="2"),
    fig("p-shanghai", "province_gdp", "shanghai", "Shanghai", "gdp", "6000000000000", "CNY", rank="3",
        subject_zh="上海"),
    fig("c-shanghai", "city_gdp", "shanghai", "Shanghai", "gdp", "6000000000000", "CNY", subject_zh="上海"),
    fig("c-other", "city_gdp", "", "Othertown", "gdp", "4000000000000", "CNY"),
    fig("krw-per-usd-implied", "fx", "", "KRW per USD", "exchange_rate", "1400.7", "KRW_per_USD", period="2025-09"),
    fig("cny-per-usd-implied", "fx", "", "CNY per USD", "exchange_rate", "8", "CNY_per_USD"),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return load_dataset(write_package(tmp_path_factory.mktemp("economy"), {"entities": REGIONS, "figures": FIGURES}))


@pytest.fixture(scope="module")
def no_cny_rate(tmp_path_factory):
    figures = [f for f in FIGURES if f["id"] != "cny-per-usd-implied"]
    return load_dataset(write_package(tmp_path_factory.mktemp("economy-nocny"), {"entities": REGIONS, "figures": figures}))


@pytest.fixture(scope="module")
def real():
    return load_dataset()


# --- conversion (components/formatting.convert) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "target", "cny", "expected"),
    [
        (750.2e9, "USD", "KRW", None, 1_050_805_140_000_000),  # 750.2bn × 1,400.7 exactly
        (1_050_805_140_000_000, "KRW", "USD", None, 750.2e9),
        (80e12, "CNY", "USD", 8, 10e12),
        (80e12, "CNY", "KRW", 8, 14_007_000_000_000_000),
        (10e12, "USD", "CNY", 8, 80e12),
        (5.0, "CNY", "CNY", None, 5.0),
    ],
)
def test_convert_exact(value, unit, target, cny, expected):
    assert convert(value, unit, target, 1400.7, cny) == expected


def test_convert_never_guesses_a_cny_rate():
    with pytest.raises(ValueError):
        convert(1.0, "CNY", "USD", 1400.7)
    with pytest.raises(ValueError):
        convert(1.0, "KRW", "CNY", 1400.7, None)


# --- tiny package ------------------------------------------------------------------------------------------


def test_rates_come_from_the_data(tiny, no_cny_rate):
    assert eco.rates(tiny) == eco.Rates(1400.7, 8.0)
    assert eco.rates(no_cny_rate) == eco.Rates(1400.7, None)


def test_rates_need_the_krw_rate(tmp_path):
    figures = [f for f in FIGURES if f["id"] != "krw-per-usd-implied"]
    data = load_dataset(write_package(tmp_path, {"entities": REGIONS, "figures": figures}))
    with pytest.raises(KeyError):
        eco.rates(data)


def test_headline_in_krw_converts_shanghai_and_keeps_tencent_as_given(tiny):
    shown = eco.headline(tiny, "KRW", eco.rates(tiny))
    assert shown["shanghai"] == eco.Shown("shanghai-grdp-usd", 1_050_805_140_000_000, "KRW", 750.2e9, "USD",
                                          ("krw-per-usd-implied",))
    assert shown["tencent"] == eco.Shown("tencent-market-cap-krw", 1070e12, "KRW", 1070e12, "KRW")
    assert format_amount(shown["shanghai"].value, "KRW", "ko") == "1,050조 8,051억 원"
    assert format_amount(shown["shanghai"].value, "KRW", "en") == "₩1,050.8tn"


def test_converted_values_show_four_significant_digits(tiny):
    r = eco.rates(tiny)
    shanghai = eco.headline(tiny, "KRW", r)["shanghai"]
    assert eco.shown_text(shanghai, "ko") == "1,051조 원"
    assert eco.shown_text(shanghai, "en", approx_mark=True) == "≈ ₩1,051tn"
    given = eco.headline(tiny, "KRW", r)["tencent"]
    assert eco.shown_text(given, "en", approx_mark=True) == "₩1,070tn"  # as given: in full, no ≈
    assert format_amount(1_050_805_140_000_000, "KRW", "ko", significant=4) == "1,051조 원"
    assert format_amount(464_767_616_191.9, "USD", "en", significant=4) == "US$464.8bn"
    assert format_amount(2_759_967_691_527_546, "KRW", "ko", significant=4) == "2,760조 원"


def test_headline_in_usd_is_as_the_article_gives_it(tiny):
    shown = eco.headline(tiny, "USD", eco.rates(tiny))
    assert shown["shanghai"] == eco.Shown("shanghai-grdp-usd", 750.2e9, "USD", 750.2e9, "USD")
    assert shown["tencent"] == eco.Shown("tencent-market-cap-usd", 763.9e9, "USD", 763.9e9, "USD")


def test_cny_stays_cny_without_a_stated_rate(no_cny_rate):
    row = eco.figure(no_cny_rate, "p-big")
    assert eco.in_unit(row, "USD", eco.rates(no_cny_rate)) == eco.Shown("p-big", 80e12, "CNY", 80e12, "CNY")


def test_bars_share_one_unit_when_cny_cannot_be_converted(no_cny_rate):
    r = eco.rates(no_cny_rate)
    shown = eco.chosen(no_cny_rate, [("tencent-market-cap-usd",), ("p-big",)], "USD", r)
    assert [s.figure_id for s in shown] == ["tencent-market-cap-usd"]
    ranking = eco.ranking(no_cny_rate, "province_gdp", "USD", r, "en")
    assert set(ranking["unit"]) == {"CNY"} and not ranking["converted"].any()  # the ranking stays in yuan


def test_best_prefers_the_unit_then_one_rate_then_cny(tiny):
    r = eco.rates(tiny)
    usd = eco.chosen(tiny, [("tencent-revenue-fy2024-cny", "tencent-revenue-fy2024-usd")], "USD", r)[0]
    assert usd == eco.Shown("tencent-revenue-fy2024-usd", 91.9e9, "USD", 91.9e9, "USD")
    krw = eco.chosen(tiny, [("tencent-revenue-fy2024-cny", "tencent-revenue-fy2024-usd")], "KRW", r)[0]
    assert krw == eco.Shown("tencent-revenue-fy2024-usd", 128_724_330_000_000, "KRW", 91.9e9, "USD",
                            ("krw-per-usd-implied",))
    only_cny = eco.chosen(tiny, [("p-big",)], "KRW", r)[0]
    assert only_cny.via == ("cny-per-usd-implied", "krw-per-usd-implied")
    assert only_cny.value == 14_007_000_000_000_000
    assert eco.chosen(tiny, [("no-such-id",)], "USD", r) == []


def test_conversion_notes_name_the_rate(tiny):
    r = eco.rates(tiny)
    shown = eco.in_unit(eco.figure(tiny, "p-big"), "KRW", r)
    assert eco.conversion_note(shown, tiny, "en") == "≈ converted from CN¥80tn at CN¥8 per US$ and then ₩1,400.7 per US$"
    assert eco.conversion_note(shown, tiny, "ko") == "≈ 환산값 (출처 값 80조 위안, 환율 1달러당 8위안 → 1달러당 1,400.7원)"
    given = eco.in_unit(eco.figure(tiny, "gyeonggi-grdp-2024-krw"), "KRW", r)
    assert eco.conversion_note(given, tiny, "en") == "as the source gives it"


def test_ranking_highlights_shanghai_and_keeps_the_rank(tiny):
    rows = eco.ranking(tiny, "province_gdp", "USD", eco.rates(tiny), "en")
    assert rows[["id", "name", "value", "unit", "highlight", "position"]].values.tolist() == [
        ["p-big", "Bigland", 10e12, "USD", False, 1],
        ["p-mid", "Midland", 2e12, "USD", False, 2],
        ["p-shanghai", "Shanghai (上海)", 750e9, "USD", True, 3],
    ]
    assert eco.highlighted_position(rows) == 3
    cities = eco.ranking(tiny, "city_gdp", "USD", eco.rates(tiny), "en")
    assert cities["position"].tolist() == [1, 2]  # no rank in the data: the order by value
    assert eco.highlighted_position(cities) == 1


def test_bar_figure_highlights_shanghai_by_colour_pattern_and_text(tiny):
    rows = eco.ranking(tiny, "province_gdp", "USD", eco.rates(tiny), "en")
    bar = eco.bar_figure(rows, "en").data[0]
    assert list(bar.y) == ["Bigland", "Midland", "▶ Shanghai (上海)"]
    assert list(bar.x) == [10e12, 2e12, 750e9]
    assert list(bar.marker.color) == ["#0072B2", "#0072B2", "#D55E00"]
    assert list(bar.marker.pattern.shape) == ["", "", "/"]
    assert list(bar.text) == ["≈ US$10tn", "≈ US$2tn", "≈ US$750bn"]
    assert list(bar.customdata[2]) == ["US$750bn", "2024", "CN¥6tn", "≈ converted from CN¥6tn at CN¥8 per US$"]


def test_comparison_converts_both_bars_at_one_rate(tiny):
    r = eco.rates(tiny)
    usd = eco.chosen(tiny, eco.SHANGHAI_VS_GYEONGGI, "USD", r)
    krw = eco.chosen(tiny, eco.SHANGHAI_VS_GYEONGGI, "KRW", r)
    assert [s.figure_id for s in usd] == ["shanghai-grdp-usd", "gyeonggi-grdp-2024-krw"]
    assert usd[1].value == 651e12 / 1400.7
    assert krw[0].value == 1_050_805_140_000_000 and krw[1].value == 651e12
    assert eco.ratio(usd) == pytest.approx(eco.ratio(krw), rel=1e-12)


def test_table_rows_exact(tiny):
    r = eco.rates(tiny)
    rows = eco.figure_rows(tiny, eco.chosen(tiny, eco.SHANGHAI_VS_GYEONGGI, "KRW", r), "en",
                           highlight="shanghai", label_key="subject")
    table = eco.table(rows, "en")
    assert list(table.columns) == [
        "Subject", "Figure", "Period", "Value", "Value (number)", "Unit", "As the source gives it", "Conversion",
        "Confidence", "Source", "Link",
    ]
    assert table.values.tolist() == [
        ["▶ Shanghai (上海)", "Shanghai GDP (article)", "2024", "₩1,051tn", 1_050_805_140_000_000, "₩", "US$750.2bn",
         "≈ converted from US$750.2bn at ₩1,400.7 per US$", "seen in source", "Pressian, 2025-09-26 ¶1",
         "https://example.org/a"],
        ["Gyeonggi", "Gyeonggi gdp", "2024", "₩651tn", 651_000_000_000_000, "₩", "₩651tn", "as the source gives it",
         "seen in source", "Pressian, 2025-09-26 ¶1", "https://example.org/a"],
    ]
    ranked = eco.table(eco.ranking(tiny, "city_gdp", "KRW", r, "ko"), "ko", with_rank=True)
    assert ranked.columns[0] == "순위" and ranked.iloc[:, 0].tolist() == [1, 2]


def test_plot_text_is_escaped(tiny, tmp_path):
    hostile = [dict(f) for f in FIGURES]
    hostile[8] = {**hostile[8], "subject_en": "<img src=x onerror=alert(1)>"}
    data = load_dataset(write_package(tmp_path, {"entities": REGIONS, "figures": hostile}))
    bar = eco.bar_figure(eco.ranking(data, "province_gdp", "USD", eco.rates(data), "en"), "en").data[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in bar.y
    assert not any("<img" in y for y in bar.y)


# --- real data -----------------------------------------------------------------------------------------------


def test_real_rates_are_the_article_implied_ones(real):
    assert eco.rates(real) == eco.Rates(1400.7, 7.188)


def test_real_headline_in_krw(real):
    shown = eco.headline(real, "KRW", eco.rates(real))
    assert shown["shanghai"].value == 1_050_805_140_000_000
    assert shown["tencent"] == eco.Shown("tencent-market-cap-krw", 1070e12, "KRW", 1070e12, "KRW")


def test_real_shanghai_reads_the_same_wherever_it_is_converted(real):
    """The headline converts US$750.2bn, the rankings CN¥5.39tn: shown to 4 digits they agree."""
    r = eco.rates(real)
    headline = eco.shown_text(eco.headline(real, "KRW", r)["shanghai"], "ko")
    cities = eco.ranking(real, "city_gdp", "KRW", r, "ko")
    provinces = eco.ranking(real, "province_gdp", "KRW", r, "ko")
    assert headline == cities.iloc[0]["text"] == provinces[provinces["highlight"]].iloc[0]["text"] == "1,051조 원"


def test_real_shanghai_is_ninth_among_provinces_and_first_among_cities(real):
    r = eco.rates(real)
    provinces = eco.ranking(real, "province_gdp", "USD", r, "en")
    assert eco.highlighted_position(provinces) == 9
    assert provinces["subject"].tolist()[:3] == ["Guangdong", "Jiangsu", "Shandong"]
    assert provinces["highlight"].sum() == 1
    cities = eco.ranking(real, "city_gdp", "USD", r, "en")
    assert eco.highlighted_position(cities) == 1
    assert cities.iloc[0]["subject"] == "Shanghai (上海)"


def test_real_tencent_scale(real):
    r = eco.rates(real)
    usd = eco.chosen(real, eco.TENCENT_SCALE, "USD", r)
    assert [(s.figure_id, s.value, s.converted) for s in usd] == [
        ("tencent-market-cap-usd", 763.9e9, False),
        ("tencent-revenue-fy2024-usd", 91.9e9, False),
        ("tencent-operating-profit-fy2024-cny", 237.8e9 / 7.188, True),
    ]
    krw = eco.chosen(real, eco.TENCENT_SCALE, "KRW", r)
    assert [s.value for s in krw[:2]] == [1070e12, 128_724_330_000_000]
