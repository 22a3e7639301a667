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
from scripts.appserver import (
    MAP_IFRAME,
    MAP_POINT_JS,
    REPO,
    running_app,
    wait_for_idle,
    wait_for_map,
)

DEFAULT_OUT = REPO / "docs" / "screenshots" / "app.png"
DEFAULT_QUERY = "?start=2025-12-05&end=2025-12-12"  # the README's question
DEFAULT_CLICK = "39.1,132.2"  # inside the 10 Dec 2025 B-52H flight's area: its details open


def screenshot(
    out: Path,
    width: int = 1600,
    height: int = 1000,
    query: str = DEFAULT_QUERY,
    click: tuple[float, float] | None = None,
) -> Path:
    """Open the app at ``query``, click ``click`` (lat, lon) if given, save the page to ``out``.

    The click opens that feature's details drawer and outlines it on the map.
    """
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
            page.goto(app.url + query)
            frame = wait_for_map(page)
            wait_for_idle(page)
            if click is not None:
                x, y = frame.evaluate(MAP_POINT_JS, list(click))
                box = page.locator(MAP_IFRAME).bounding_box()
                page.mouse.click(box["x"] + x, box["y"] + y)
                page.locator(".st-key-details_drawer h4").wait_for(state="visible")
                wait_for_idle(page)
                page.mouse.move(0, 0)  # no hover tooltip over the picture
                page.wait_for_timeout(500)  # the outline of the clicked area is drawn
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
        finally:
            browser.close()
    return out


def main() -> None:
    """Parse the output path and size, take the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--size", default="1600x1000", help="viewport WIDTHxHEIGHT")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="the page address's ?query")
    parser.add_argument("--click", default=DEFAULT_CLICK, help="LAT,LON to click, or ''")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    click = tuple(float(v) for v in args.click.split(",")) if args.click else None
    print(f"saved {screenshot(args.out, width, height, args.query, click)}")


if __name__ == "__main__":
    main()
