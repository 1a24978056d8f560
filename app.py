"""Entry point and router: `streamlit run app.py`.

Streamlit runs this file twice over: it imports it to find `app`, the server (compression, headers, the
pre-rendered first screen: components/host/), and it runs it as the app's script (`__main__`) on every visit,
where the frame (navigation, sidebar, URL state: components/web/frame.py) draws the page."""
import streamlit as st

if __name__ == "__main__":
    from components.web.frame import main

    main()
else:
    from components.host.server import (
        build_the_theme_once,
        middleware,
        routes,
        send_small_messages_at_once,
        share_the_interpreter,
        wake_the_loop_once_for_a_runs_messages,
        wake_the_loop_only_across_threads,
    )

    share_the_interpreter()
    send_small_messages_at_once()
    wake_the_loop_only_across_threads()
    build_the_theme_once()
    wake_the_loop_once_for_a_runs_messages()
    app = st.App(__file__, middleware=middleware(), routes=routes())
