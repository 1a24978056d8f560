"""/economy: how big are the players? The article's headline numbers, then the context beside them, in US$ or ₩
(`?unit=krw`) converted only at rates the data states. The sector filter does not apply here."""
import streamlit as st

from components.views import economy as eco
from components.web.render.chart import summary_alt
from components.views.formatting import format_figure
from components.views.safe_text import escape_markdown
from components.web.render.table import Column, columns_of
from components.web.charts import plotly_chart
from components.web.frame import (
    View,
    claim_card,
    csv_download,
    fragment_view,
    guarded,
    lazy_expander,
    page_view,
    section_heading,
    small_print,
    source_markdown,
    url_widget,
)
from components.web.table import data_table

view = page_view("economy")


def numbers(view: View, section: str, name: str, title: str, label: str | None = None) -> None:
    """The chart's numbers below it (what a screen reader or a spreadsheet needs), downloadable as shown."""
    data, lang = view.data, view.lang
    with lazy_expander(label or view.t("economy.table.numbers"), key=f"numbers_{name}") as is_open:
        if not is_open:
            return
        frame = data.memo(eco.section_table, section, view.state.unit, lang)
        link, number = view.t("economy.col.link"), view.t("economy.col.value_number")
        special = {link: Column(link, link, kind="link"), number: Column(number, number, kind="number")}
        data_table(view, f"table_{name}", frame, columns_of(frame, special), caption=title)
        csv_download(view.t("economy.download"), frame, f"economy-{name}-{view.state.unit}-{lang}.csv", key=f"dl_{name}")


def section_rows(view: View, section: str):
    data, lang = view.data, view.lang
    return data.memo(eco.section_rows, section, view.state.unit, lang)


def chart(view: View, section: str, title: str, notes: tuple[str, ...] = (), extra_sources: tuple[str, ...] = ()) -> None:
    """The bars, then in one small-print element: which bars are conversions (and at what rate), the notes,
    and the sources (one element rather than three: less to redraw on every change)."""
    lang = view.lang
    rows = section_rows(view, section)
    alt = summary_alt(title, zip(rows["name"], rows["text"]))
    plotly_chart(view, f"chart_{section}", alt, eco.section_figure, section, view.state.unit, lang)
    lines = []
    items = eco.converted_items(rows, lang)
    if items and len(rows) <= 3:
        lines.append(view.t("economy.converted_caption", items=escape_markdown(items)))
    lines += notes
    small_print(view, lines, list(dict.fromkeys([*eco.source_ids_of(rows), *extra_sources])))


st.title(view.t("economy.title"))
st.markdown(view.t("economy.intro"))
# Always one element here, filled only with a filter on: the page's layout (and so its drawn charts) stays the
# same when the filter changes, since nothing on this page depends on it.
filter_note = st.empty()
if view.state.sectors:
    filter_note.caption(view.t("economy.filter.ignored"))


@st.fragment
def economy_body(page: View) -> None:
    """Everything under the title. The unit switch changes this part only, so it reruns it alone: the sidebar and
    the title are not redrawn (docs/performance.md, issue 27); the sidebar's controls rerun everything as before."""
    view = fragment_view(page)
    data, lang = view.data, view.lang

    # 0. The unit switch and the rates every conversion on the page uses, each with its source.
    rates = eco.rates(data)
    with guarded(view):
        st.segmented_control(view.t("economy.unit.label"), list(eco.UNITS), required=True,
                             format_func=lambda unit: view.t(f"economy.unit.{unit}"), **url_widget(view, "unit"))
        with st.container(border=True):
            for rate_id, key in ((eco.KRW_RATE_ID, "economy.rate.krw"), (eco.CNY_RATE_ID, "economy.rate.cny")):
                rate = eco.figure(data, rate_id)
                if rate is None:
                    continue
                # one element a rate: what it is, how it was derived, its sources
                st.markdown(
                    view.t(key, rate=format_figure(rate["value"], rate["unit"], lang))
                    + f"\n\n:small[{escape_markdown(rate[f'note_{lang}'])}]"
                    + f"\n\n:small[{source_markdown(view, rate['source_ids'], rate['locator'])}]"
                )
    target = eco.UNITS[view.state.unit]

    # 1. The two numbers as the article gives them.
    with guarded(view):
        st.header(view.t("economy.headline.heading"))
        cols = st.columns(2)
        for col, (key, shown) in zip(cols, eco.headline(data, target, rates).items()):
            fig = eco.figure(data, shown.figure_id)
            with col, st.container(border=True):
                st.metric(view.t(f"economy.headline.label.{key}"), eco.shown_text(shown, lang, approx_mark=True))
                parts = [f":small[{escape_markdown(eco.conversion_note(shown, data, lang))}]"]
                if eco.rank_of(fig) is not None:
                    scope = escape_markdown(fig[f"rank_scope_{lang}"])
                    parts.append(view.t("economy.headline.rank", rank=eco.rank_of(fig), scope=scope))
                parts.append(view.t(f"economy.headline.note.{key}"))
                level = view.t(f"confidence.{fig['confidence']}")
                parts.append(f":small[{view.t('economy.confidence', level=level)}]")
                parts.append(f":small[{source_markdown(view, fig['source_ids'], fig['locator'])}]")
                st.markdown("\n\n".join(parts))  # one element for the card's text (fewer to redraw per change)

    # 2. Shanghai beside Gyeonggi (2024), both bars at the page's one ₩ rate.
    with guarded(view):
        st.header(view.t("economy.regions.heading"))
        pair = data.memo(eco.chosen, eco.SHANGHAI_VS_GYEONGGI, target, rates)
        times = eco.ratio(pair)
        ratio_fig = eco.figure(data, eco.RATIO_SHANGHAI_GYEONGGI)
        notes = ()
        if times is not None:
            text = view.t("economy.regions.ratio", times=f"{times:.2f}")
            if ratio_fig is not None:  # the data's own ratio, on 2024 average rates, with its method
                text += " " + view.t("economy.regions.ratio_2024", ratio=format_figure(ratio_fig["value"], "ratio", lang))
                text += " " + escape_markdown(ratio_fig[f"note_{lang}"])
            notes = (text,)
        chart(view, "regions", view.t("economy.regions.heading"), notes, tuple(ratio_fig["source_ids"]) if ratio_fig is not None else ())
        numbers(view, "regions", "shanghai-gyeonggi", view.t("economy.regions.heading"))

    # 3. Shanghai among China's provincial-level economies and among its cities: the "No. 1" holds for cities only.
    with guarded(view):
        provinces, cities = section_rows(view, "province_gdp"), section_rows(view, "city_gdp")
        p_rank, c_rank = eco.highlighted_position(provinces), eco.highlighted_position(cities)
        finding = view.t(
            "economy.ranking.finding",
            province_rank=p_rank if p_rank is not None else view.t("unknown"),
            city_rank=c_rank if c_rank is not None else view.t("unknown"),
        )
        section_heading(view.t("economy.ranking.heading"), finding, intro_as_text=True)
        claim = data.claims[data.claims["id"] == "claim-shanghai-first-in-china"]
        if not claim.empty:
            claim_card(view, claim.iloc[0], view.t("economy.claim.heading"), view.t("economy.claim.link"))
        left, right = st.columns([3, 2])
        with left:
            st.subheader(view.t("economy.ranking.provinces"))
            chart(view, "province_gdp", view.t("economy.ranking.provinces"), (view.t("economy.ranking.provinces_note"),))
        with right:
            st.subheader(view.t("economy.ranking.cities"))
            chart(view, "city_gdp", view.t("economy.ranking.cities"))
        # Both charts' numbers below the pair, at the page's width: in its chart's column the cities' twelve-column
        # table had two columns in view.
        for section, name, heading in (("province_gdp", "provinces", "economy.ranking.provinces"), ("city_gdp", "cities", "economy.ranking.cities")):
            title = view.t(heading)
            numbers(view, section, name, title, label=view.t("economy.table.numbers_of", title=title))

    # 4. Tencent: what the shares were worth beside a year's revenue and profit.
    with guarded(view):
        st.header(view.t("economy.tencent.heading"))
        chart(view, "tencent", view.t("economy.tencent.heading"), (view.t("economy.tencent.note"),))
        numbers(view, "tencent", "tencent", view.t("economy.tencent.heading"))


economy_body(view)
