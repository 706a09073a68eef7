"""Take a screenshot of a briefing page after clicking its first citation (for docs/).

    .venv/bin/python scripts/screenshot_report.py out/macron-troops/briefing.html docs/report.png
"""
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

page_path, png = Path(sys.argv[1]).resolve(), sys.argv[2]
width = int(sys.argv[3]) if len(sys.argv) > 3 else 1280
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=shutil.which("chromium"),
                                 args=["--headless", "--no-sandbox", "--disable-gpu",
                                       "--disable-background-networking"])
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(page_path.as_uri())
    page.locator("a.cite[data-cite]").first.click()
    page.wait_for_timeout(2500)  # the smooth scroll to the passage takes a moment
    page.screenshot(path=png)
    browser.close()
