"""Entry point and router: `streamlit run app.py`. The frame (navigation, sidebar, URL state) lives in
components/web/frame.py so that page scripts can run it too on a cold deep link."""
from components.web.frame import main

main()
