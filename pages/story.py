"""/story: the 25 Sept 2025 event told in steps. Each step is a view of the network (filter, focus, highlights,
the rest faded) with a caption in our own words and its sources; `?step=N` is in the URL. Steps are data
(data/story.csv); logic: components/views/story.py (pure)."""
import streamlit as st

from components.views.safe_text import escape_markdown
from components.views.story import all_step_views, step_view, story_steps
from components.web.frame import View, fragment_view, guarded, page_view, small_print, source_markdown
from components.web.network import network_chart

view = page_view("story")
data, lang = view.data, view.lang
steps = story_steps(data)

st.title(view.t("story.title"))
if not steps:
    st.info(view.t("story.empty"))
    st.stop()
st.caption(view.t("story.intro", count=len(steps)))


@st.fragment
def story_step(page: View) -> None:
    """The step on screen. Its buttons (and the arrow keys) change only this, so they rerun it alone: the sidebar,
    the title and the printable story below are not redrawn (docs/performance.md, issue 27)."""
    view = fragment_view(page)
    shown = step_view(view.data, steps, view.state.step or steps[0].number, view.lang)
    step_box = st.container(key="story_step")  # the screen's view; in print, the whole story below replaces it

    # 1. Where we are, and the way on (buttons, and the ← → keys).
    with guarded(view), step_box:
        back, where, on = st.columns([1, 2, 1], vertical_alignment="center")
        if shown.previous is not None:
            back.button(view.t("story.previous"), key="story_previous", shortcut="Left",
                        on_click=view.write, kwargs={"step": shown.previous})
        where.markdown(f"**{escape_markdown(shown.progress)}**")
        if shown.next is not None:
            on.button(view.t("story.next"), key="story_next", shortcut="Right", type="primary",
                      on_click=view.write, kwargs={"step": shown.next})
        st.progress(shown.position / shown.count)
        st.caption(view.t("story.keyboard"))

    # 2. The step: its title and caption, the network as it stands at this step, its sources.
    with guarded(view), step_box:
        st.header(escape_markdown(shown.title))
        st.markdown(escape_markdown(shown.caption))
        network_chart(shown.network, view.data, key="story_network")
        small_print(view, [], shown.step.source_ids, shown.step.locator)
        step = shown.step
        view.page_link("network", label=view.t("story.open_network"), sectors=step.sectors,
                       focus=step.focus or None, depth=step.depth if step.focus else 1)


story_step(view)

# 3. The whole story as one document: what prints (static/krcn/page.css shows it in print, hides it on screen).
# One element for the whole document, not three a step: hidden on screen, it was 27 elements to redraw on every
# filter or language change.
with guarded(view), st.container(key="story_print"):
    st.header(view.t("story.print"))
    st.markdown("\n\n".join(
        f"### {each.position}\\. {escape_markdown(each.title)}\n\n{escape_markdown(each.caption)}\n\n"
        f":small[{source_markdown(view, each.step.source_ids, each.step.locator)}]"
        for each in data.memo(all_step_views, steps, lang)  # computed once per language, shared by sessions
    ))
