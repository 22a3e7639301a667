"""Screenshot the running app as a reader sees it: ``docs/screenshots/app.png``.

Run with ``make screenshot``. Starts the app on a free port, opens it in headless
Chromium with the internet cut off, waits for the map's own "painted" signal and
for Streamlit to be idle, then saves the page.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from layers.export.browser import launch
from scripts.appserver import REPO, running_app, wait_for_idle, wait_for_map

DEFAULT_OUT = REPO / "docs" / "screenshots" / "app.png"


def screenshot(out: Path, width: int = 1400, height: int = 900) -> Path:
    """Start the app, wait until the map is drawn, save a PNG of the page to ``out``."""
    with running_app() as app, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(app.url)
                    else route.abort("internetdisconnected")
                ),
            )
            page.goto(app.url)
            wait_for_map(page)
            wait_for_idle(page)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
        finally:
            browser.close()
    return out


def main() -> None:
    """Parse the output path and size, take the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--size", default="1400x900", help="viewport WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    print(f"saved {screenshot(args.out, width, height)}")


if __name__ == "__main__":
    main()
