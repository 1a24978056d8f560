"""Debian Chromium as both the browser tests and the benchmark launch it, and when Streamlit is ready."""
import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries Google's hosts at every start (refused here).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'


# --- Streamlit's own widgets, as a visitor uses them (benchmark and browser tests) ---------------------------
# Each returns the locator of the last click that changes the view, so a caller can time from it.
SIDEBAR = '[data-testid="stSidebar"]'
MAIN = '[data-testid="stMain"]'


def language_option(page, label: str):
    """The language radio's option `label` ("English", "한국어") in the sidebar."""
    return page.locator(f'{SIDEBAR} [data-testid="stRadio"] label').filter(has_text=label).first


def sector_option(page, name: str):
    """Type `name` into the sidebar's sector multiselect (its list narrows as one types; a long list draws only
    the options in view) and return the option named so."""
    box = page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"] input[role="combobox"]').first
    box.click()
    box.fill(name)
    option = page.locator('[role="listbox"] [role="option"]').filter(has_text=name).first
    option.wait_for(timeout=10_000)
    return option


def focus_option(page, text: str):
    """Type `text` into /network's focus select box (it narrows its list as one types) and return the first
    option that starts with it."""
    box = page.locator(f'{MAIN} [data-testid="stSelectbox"] input[role="combobox"]').first
    box.click()
    box.fill(text)
    option = page.locator('[role="listbox"] [role="option"]').filter(has_text=text).first
    option.wait_for(timeout=10_000)
    return option
