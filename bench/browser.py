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


def open_sector_list(page):
    """Open the sidebar's sector multiselect; the list's options are then `sector_option`."""
    page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"] input[role="combobox"]').first.click()
    page.wait_for_selector('[role="listbox"] [role="option"]', timeout=10_000)


def sector_option(page, name: str):
    """An option of the open sector list (`open_sector_list` first)."""
    return page.locator('[role="listbox"] [role="option"]').filter(has_text=name).first


def focus_option(page, text: str):
    """Type `text` into /network's focus select box (it narrows its list as one types) and return the first
    option that starts with it."""
    box = page.locator(f'{MAIN} [data-testid="stSelectbox"] input[role="combobox"]').first
    box.click()
    box.fill(text)
    option = page.locator('[role="listbox"] [role="option"]').filter(has_text=text).first
    option.wait_for(timeout=10_000)
    return option
