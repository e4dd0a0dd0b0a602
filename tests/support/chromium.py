"""Shared by the browser tests: Debian's chromium, headless, driven by selenium with the
system chromedriver (selenium-manager is kept offline: it never fetches a browser or a
driver), and named checks that report every failure with its trace."""

import os
import tempfile
import traceback

os.environ["SE_OFFLINE"] = "true"

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

# (name, None or the failure's trace), in the order the checks ran.
results = []


def check(name, fn):
    """Runs `fn`, recording and printing whether it passed."""
    try:
        fn()
        results.append((name, None))
        print(f"ok   {name}")
    except Exception:  # noqa: BLE001 - every failure is reported with its trace
        results.append((name, traceback.format_exc()))
        print(f"FAIL {name}\n{traceback.format_exc()}")


def chromium(downloads=None, window="1600,1100"):
    """A headless chromium with a fresh profile; files it downloads go to `downloads`."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--window-size={window}",
        f"--user-data-dir={tempfile.mkdtemp(prefix='gongwen-chromium-')}",
    ]:
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "safebrowsing.enabled": False,
            },
        )
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    if downloads is not None:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver
