"""AppTest of /economy inside the frame: both languages, US$ and ₩ (`?unit=krw`), the switch writing the URL."""
from __future__ import annotations

import pytest

from components.i18n import t
from tests.apptest_helpers import (
    all_text, bar_charts, captions, download_buttons, headings, metrics, open_page, query, tables,
)

# 750.2bn × 1,400.7 = 1,050,805,140,000,000 won
SHANGHAI_KRW = 1_050_805_140_000_000


def charts(at) -> list[list[dict]]:
    """The bars of each chart on the page, top to bottom."""
    return [chart["bars"] for chart in bar_charts(at)]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("unit", [None, "krw"])
def test_page_runs_with_every_section(lang, unit):
    params = {"lang": lang, **({"unit": unit} if unit else {})}
    at = open_page("economy", expand=True, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == []
    assert at.title[0].value == t("economy.title", lang)
    assert headings(at) == [
        t("economy.headline.heading", lang),
        t("economy.regions.heading", lang),
        t("economy.ranking.heading", lang),
        t("economy.tencent.heading", lang),
    ]
    assert at.button_group(key="unit").value == (unit or "usd")
    assert at.button_group(key="unit").options == [t("economy.unit.usd", lang), t("economy.unit.krw", lang)]
    assert len(charts(at)) == 4
    assert len(tables(at)) == 4  # a table under every chart
    assert len(download_buttons(at)) == 4


@pytest.mark.parametrize(
    ("lang", "unit", "shanghai", "tencent"),
    [
        ("en", "usd", "US$750.2bn", "US$763.9bn"),
        ("en", "krw", "≈ ₩1,051tn", "₩1,070tn"),  # a conversion is marked and shown to 4 digits
        ("ko", "usd", "7,502억 달러", "7,639억 달러"),
        ("ko", "krw", "≈ 1,051조 원", "1,070조 원"),
    ],
)
def test_headline_figures_in_each_unit_and_language(lang, unit, shanghai, tencent):
    at = open_page("economy", expand=True, lang=lang, unit=unit)
    assert list(metrics(at).values()) == [shanghai, tencent]
    text = all_text(at)
    rate = "₩1,400.7 per US$" if lang == "en" else "1달러당 1,400.7원"
    assert rate in text  # the rate every conversion uses, stated on the page
    if unit == "krw":  # Shanghai's figure is a conversion and says so; Tencent's is as the article gives it
        assert t("economy.as_given", lang) in text
        assert ("converted from US$750.2bn" if lang == "en" else "출처 값 7,502억 달러") in text.replace("\\", "")


def test_krw_tables_hold_the_converted_numbers():
    at = open_page("economy", expand=True, lang="en", unit="krw")
    regions = tables(at)[0]
    assert regions["Value (number)"].tolist() == [SHANGHAI_KRW, 651_000_000_000_000]
    assert regions["Value"].tolist() == ["₩1,051tn", "₩651tn"]
    assert regions["Subject"].tolist() == ["▶ Shanghai (上海)", "Gyeonggi (京畿道)"]
    assert regions["Conversion"].tolist() == ["≈ converted from US$750.2bn at ₩1,400.7 per US$", "as the source gives it"]
    tencent = tables(at)[3]
    assert tencent["Value (number)"].tolist()[:2] == [1_070_000_000_000_000, 128_724_330_000_000]


def test_ranking_shows_shanghai_ninth_among_provinces_first_among_cities():
    at = open_page("economy", expand=True, lang="en")
    _, provinces, cities, _ = charts(at)
    assert len(provinces) == 12
    assert provinces[8]["label"] == "▶ Shanghai (上海)"
    assert provinces[8]["color"] == "#D55E00" and provinces[8]["hatched"]  # colour, hatching and mark
    assert [bar["color"] for bar in provinces].count("#D55E00") == 1
    assert cities[0]["label"] == "▶ Shanghai (上海)"
    text = all_text(at)
    assert "**#1 among Chinese cities**" in text and "**#9 among the 31 provincial-level units**" in text
    ranked = tables(at)[1]
    assert ranked["Rank"].tolist() == list(range(1, 13))
    assert ranked.loc[ranked["Rank"] == 9, "As the source gives it"].item() == "CN¥5.39tn"
    assert ranked.loc[ranked["Rank"] == 9, "Value"].item() == "US$750.2bn"
    assert "Link" in ranked.columns


def test_charts_show_units_in_hover_and_labels():
    at = open_page("economy", expand=True, lang="ko", unit="krw")
    regions, _, _, tencent = charts(at)
    assert [bar["text"] for bar in regions] == ["≈ 1,051조 원", "651조 원"]
    assert regions[0]["hover"] == "▶ 상하이 (上海)\n1,051조 원 (2024)\n출처 값: 7,502억 달러\n≈ 환산값 (출처 값 7,502억 달러, 환율 1달러당 1,400.7원)"
    assert [bar["label"] for bar in tencent] == ["시가총액 (2025-09)", "매출 (FY2024)", "영업이익 (FY2024)"]


def test_unit_switch_writes_the_url_and_changes_the_numbers():
    at = open_page("economy", expand=True, lang="en")
    assert "unit" not in at.query_params  # the default stays out of the URL
    at.button_group(key="unit").set_value("krw").run()
    assert query(at) == {"unit": ["krw"]}  # the id, not the label
    assert list(metrics(at).values()) == ["≈ ₩1,051tn", "₩1,070tn"]
    at.button_group(key="unit").set_value("usd").run()
    assert "unit" not in at.query_params
    assert list(metrics(at).values()) == ["US$750.2bn", "US$763.9bn"]


def test_sector_filter_does_not_change_the_economy_page():
    plain = open_page("economy", expand=True, lang="en")
    filtered = open_page("economy", expand=True, lang="en", sector="security")
    assert metrics(filtered) == metrics(plain)
    assert charts(filtered) == charts(plain)
    assert t("economy.filter.ignored", "en") in captions(filtered)
