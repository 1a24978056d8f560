"""Shared links of /timeline and /story in a real browser: a link opens the same view cold (the first visit after
the server starts) and warm; the story moves with the arrow keys; a network download arrives as a file."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import networkx as nx

from components.data.dataset import load_dataset
from components.views.story import story_steps
from tests.browser.conftest import (
    new_page,
    screenshot,
    sent_once_it_holds,
    start_server,
    unexpected_console_errors,
    wait_ready,
)

DATA = load_dataset()
TIMELINE = "/timeline?event=tencent-cloud-visit-2025&event=gyeonggi-chongqing-friendship-2025&sector=cloud&lang=ko"


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def view_of(page) -> tuple:
    main = page.locator('[data-testid="stMain"]')
    return (main.inner_text(), query(page), page.locator('[data-testid="stSidebar"] .krcn-copy-text').first.input_value())


def test_a_shared_timeline_link_opens_the_same_view_cold_and_warm(browser):
    server = start_server()
    try:
        views = []
        for _ in range(2):  # the first is the cold visit (the page script run directly); the second goes through app.py
            context, page, watch = new_page(browser, locale="en-US")
            try:
                page.goto(server.url(TIMELINE))
                wait_ready(page)
                page.wait_for_timeout(1000)
                wait_ready(page)
                assert page.locator('[data-testid="stException"]').count() == 0
                assert unexpected_console_errors(watch) == []
                assert page.locator('[data-testid="stMain"] [role="img"] .krcn-event').count() == 1  # cloud keeps the visit only
                views.append(view_of(page))
                screenshot(page, "timeline-shared-ko")
            finally:
                context.close()
        cold, warm = views
        assert cold == warm
        assert cold[1] == {"event": ["gyeonggi-chongqing-friendship-2025", "tencent-cloud-visit-2025"],
                           "sector": ["cloud"], "lang": ["ko"]} or set(cold[1]) == {"event", "sector", "lang"}
        assert DATA.events.set_index("id").loc["tencent-cloud-visit-2025", "name_ko"] in cold[0]
    finally:
        server.stop()


def test_a_shared_story_link_opens_its_step_and_the_arrow_keys_move(browser, app_server):
    steps = story_steps(DATA)
    context, page, watch = new_page(browser, locale="en-US")
    try:
        page.goto(app_server.url("/story?step=3&lang=ko"))
        wait_ready(page)
        heading = page.locator('[data-testid="stMain"] h2').first
        assert heading.inner_text().strip() == steps[2].title_ko
        assert page.locator('[data-testid="stMain"] .krcn-net').count() == 1
        screenshot(page, "story-step3-ko")
        page.locator('[data-testid="stMain"] h1').first.click()  # focus the page, not a widget
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => location.search.includes('step=4')", timeout=15_000)
        wait_ready(page)
        assert page.locator('[data-testid="stMain"] h2').first.inner_text().strip() == steps[3].title_ko
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def test_a_network_download_arrives_as_a_graphml_file(browser, app_server, tmp_path):
    context, page, watch = new_page(browser, locale="en-US")
    try:
        page.goto(app_server.url("/network?lang=en&sector=cloud"))
        wait_ready(page)
        button = page.locator('[data-testid="stDownloadButton"] button', has_text="GraphML").first
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=30_000) as info:
            button.click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        graph = nx.read_graphml(path)
        assert path.suffix == ".graphml" and "tencent-cloud" in graph.nodes
    finally:
        context.close()


def test_the_story_prints_as_one_document(browser, app_server):
    steps = story_steps(DATA)
    context, page, watch = new_page(browser, locale="en-US")
    try:
        page.goto(app_server.url("/story?step=2&lang=en"))
        wait_ready(page)
        whole = page.locator(".st-key-story_print")
        assert not whole.is_visible()  # on screen: one step at a time
        page.emulate_media(media="print")
        assert whole.is_visible() and not page.locator(".st-key-story_step").is_visible()
        text = whole.inner_text()
        assert all(step.title_en in text for step in steps)
    finally:
        context.close()


def test_a_network_far_below_the_screen_loads_its_library_only_when_scrolled_near(browser, app_server):
    # an event opened on /timeline: its network lies under the chart and the table, screens below the top
    context, page, watch = new_page(browser, locale="en-US")
    try:
        page.goto(app_server.url("/timeline?open=gyeonggi-chongqing-friendship-2025&lang=en"))
        wait_ready(page)
        net = page.locator(".krcn-net").first
        assert net.get_attribute("data-state") == "waiting"
        assert page.evaluate("() => document.querySelector('.krcn-net').getBoundingClientRect().top > innerHeight * 1.5")
        assert not [u for u in watch.requests if "vis-network" in u]  # nothing downloaded for it yet
        net.scroll_into_view_if_needed()
        page.wait_for_selector('.krcn-net[data-state="drawn"] canvas', timeout=15_000)
        assert [u for u in watch.requests if "vis-network" in u]
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def test_a_story_step_change_redraws_the_step_alone_and_the_share_link_follows(browser, app_server):
    """"Next step" reruns the step on screen (an st.fragment), not the sidebar or the printable story: the server
    sends neither, yet the URL and the sidebar's share link say the new step."""
    steps = story_steps(DATA)
    sidebar_only = "Every fact has a source.".encode()  # the sidebar's footer
    printed_only = f"{steps[-1].number}\\. ".encode()  # the printable story's last heading: "9\. …"
    context, page, watch = new_page(browser, locale="en-US")
    try:
        frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: frames.append(
            p if isinstance(p, bytes) else p.encode())))
        page.goto(app_server.url("/story?step=2&lang=en"))
        wait_ready(page)
        frames.clear()
        page.get_by_role("button", name="Next step").click()
        page.wait_for_url("**step=3**", timeout=15_000)
        sent = sent_once_it_holds(page, frames, steps[2].title_en.encode())
        page.locator("h2", has_text=steps[2].title_en).first.wait_for()
        assert sidebar_only not in sent and printed_only not in sent
        share = page.locator('[data-testid="stSidebar"] .krcn-copy-text').first
        page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"] .krcn-copy-text')"
                               ".value.includes('step=3')", timeout=10_000)
        assert parse_qs(urlparse(share.input_value()).query)["step"] == ["3"]
        assert unexpected_console_errors(watch) == []
    finally:
        context.close()


def test_opening_an_event_redraws_the_timeline_body_alone_and_the_share_link_follows(browser, app_server):
    """/timeline's own controls (here: the event opened) rerun everything under the title (an st.fragment), not the
    sidebar: the server does not send it again, yet the URL, the event's card and the share link follow."""
    sidebar_only = "Every fact has a source.".encode()  # the sidebar's footer
    event_id = "gyeonggi-liaoning-sister-1993"
    name = DATA.events.set_index("id").loc[event_id, "name_en"]
    context, page, watch = new_page(browser, locale="en-US")
    try:
        frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: frames.append(
            p if isinstance(p, bytes) else p.encode())))
        page.goto(app_server.url("/timeline?lang=en&region=gyeonggi"))
        wait_ready(page)
        frames.clear()
        select = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').last
        select.click()
        select.locator("input").fill(name[:20])
        page.get_by_role("option", name=name).first.click()
        page.wait_for_url(f"**open={event_id}**", timeout=15_000)
        sent = sent_once_it_holds(page, frames, name.encode())
        assert sidebar_only not in sent
        page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"] .krcn-copy-text')"
                               f".value.includes('open={event_id}')", timeout=10_000)
        assert query(page)["region"] == ["gyeonggi"]  # the page's filter kept
        assert unexpected_console_errors(watch) == [] and watch.foreign_requests(app_server.origin) == []
    finally:
        context.close()
