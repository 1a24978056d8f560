"""The web server around Streamlit (ASGI, Starlette): what the host sends before and beside the app's script."""
