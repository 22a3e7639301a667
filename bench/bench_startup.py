"""Start-up benchmark: cold start to map painted, and the map's payload, in headless Chromium.

Run with ``make bench`` (or ``PYTHONPATH=. .venv/bin/python bench/bench_startup.py``).
It prints figures; it is not a timed test and never fails on a slow machine.

Cold start is measured from starting the Streamlit process to the renderer's own
"map painted" mark (``bm-painted`` in the map iframe, read on the wall clock), with a
browser already open, as a reader would have it. The moment the script's poll saw
the map (up to 100 ms and a round trip later) is printed beside it. The payload is what the page
downloads for the map: the first run's Streamlit messages (the map's arguments travel
in them) and the static files (Leaflet, basemap), counted as decoded bytes; the runs
after it, which draw the sidebar, timeline and tabs once the map is drawn, are
counted apart.
Requests that leave the machine are aborted, as on a network with no internet.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from layers.export.browser import launch
from scripts.appserver import PAINTED_AT_JS, REPO, running_app, wait_for_idle, wait_for_map

TARGET_PAINT_S = 4.0  # issue 14
TARGET_PAYLOAD_BYTES = 1_500_000
OUT = REPO / "bench" / "out" / "startup.json"


def _kb(n: int) -> str:
    return f"{n / 1000:,.0f} kB"


def _watch(page, sizes: dict) -> None:
    """Add decoded bytes per kind of response (and WebSocket frames) into ``sizes``."""

    def on_response(response):
        path = urlsplit(response.url).path
        kind = "static" if path.startswith("/app/static/") else "page"
        try:
            size = len(response.body())
            wire = response.request.sizes()["responseBodySize"]
        except Exception:  # redirects and aborted requests have no body
            return
        sizes[kind] = sizes.get(kind, 0) + size
        sizes[f"{kind}_wire"] = sizes.get(f"{kind}_wire", 0) + wire
        if kind == "static":
            sizes["files"][path] = size

    def on_socket(ws):
        def frame(payload):
            # The first run's messages carry the map; the runs after it (started once the
            # map is drawn, ui/first_paint.py) the sidebar, timeline and tabs.
            key = "messages_later" if sizes.get("first_run_done") else "messages"
            sizes[key] = sizes.get(key, 0) + len(payload)
            if isinstance(payload, bytes) and not sizes.get("first_run_done"):
                message = ForwardMsg()
                message.ParseFromString(payload)
                sizes["first_run_done"] = message.WhichOneof("type") == "script_finished"

        ws.on("framereceived", frame)

    page.on("response", on_response)
    page.on("websocket", on_socket)
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost")
            else route.abort("internetdisconnected")
        ),
    )


def cold_start(browser, count_bytes: bool = False) -> dict:
    """One run: start the server, open the page, wait for the map; return timings.

    With ``count_bytes`` every response is also read back and counted, which slows
    the page down: that run gives the payload, not a timing.
    """
    sizes: dict = {"files": {}}
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    if count_bytes:
        _watch(page, sizes)
    with running_app() as app:
        health = time.monotonic() - app.started_at
        opened = time.monotonic()
        page.goto(app.url)
        frame = wait_for_map(page)
        seen = time.monotonic()
        # The page's own clock (wall clock, ms), moved onto this script's monotonic clock:
        # the map painted, and the map's iframe started (its document's time origin).
        offset = app.started_at - app.started_wall
        painted = frame.evaluate(PAINTED_AT_JS) / 1000 + offset
        mounted = frame.evaluate("performance.timeOrigin") / 1000 + offset
        features = frame.evaluate("window.briefingMapFeatures")
        if count_bytes:  # and the rest of the page, for its share of the bytes
            wait_for_idle(page)
    context.close()
    return {
        "health_s": round(health, 2),
        "open_to_paint_s": round(painted - opened, 2),
        "open_to_map_iframe_s": round(mounted - opened, 2),
        "cold_start_s": round(painted - app.started_at, 2),
        "cold_start_polled_s": round(seen - app.started_at, 2),
        "features": features,
        "bytes": {k: v for k, v in sizes.items() if k not in ("files", "first_run_done")},
        "static_files": sizes["files"],
    }


def _verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def report(runs: list[dict], payload_run: dict) -> dict:
    """Print the figures and return the summary written to ``bench/out``."""
    cold = [r["cold_start_s"] for r in runs]
    median = statistics.median(cold)
    health = statistics.median(r["health_s"] for r in runs)
    to_paint = statistics.median(r["open_to_paint_s"] for r in runs)
    to_iframe = statistics.median(r["open_to_map_iframe_s"] for r in runs)
    last = payload_run
    messages, static = last["bytes"].get("messages", 0), last["bytes"].get("static", 0)
    payload = messages + static
    timings = ", ".join(f"{c:.2f} s" for c in cold)
    polled = statistics.median(r["cold_start_polled_s"] for r in runs)
    print(
        f"Cold start, process start → map painted ({len(runs)} runs): {timings}; "
        f"median {median:.2f} s (target ≤ {TARGET_PAINT_S:.0f} s: "
        f"{_verdict(median, TARGET_PAINT_S)}); seen by the script's poll {polled:.2f} s"
    )
    print(
        f"  server healthy after {health:.2f} s; page open → map painted {to_paint:.2f} s"
        f" (of which page open → map iframe mounted {to_iframe:.2f} s)"
    )
    print(
        f"Map payload: {_kb(payload)} = the first run's messages (the map's arguments) "
        f"{_kb(messages)} + static files {_kb(static)} (target ≤ {_kb(TARGET_PAYLOAD_BYTES)}: "
        f"{_verdict(payload, TARGET_PAYLOAD_BYTES)})"
    )
    later = last["bytes"].get("messages_later", 0)
    print(f"  then the runs that draw the sidebar, timeline and tabs: {_kb(later)} of messages")
    wire = last["bytes"].get("static_wire", 0)
    print(f"  static files on the wire (compressed when the server does): {_kb(wire)}")
    for path, size in sorted(last["static_files"].items()):
        print(f"  {path}: {_kb(size)}")
    print(f"Features drawn: {last['features']}")
    return {
        "runs": runs,
        "payload_run": payload_run,
        "median_cold_start_s": median,
        "payload_bytes": payload,
    }


def main() -> None:
    """Run the benchmark and write ``bench/out/startup.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts to time (default 3)")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            runs = [cold_start(browser) for _ in range(args.runs)]
            payload_run = cold_start(browser, count_bytes=True)
        finally:
            browser.close()
    summary = report(runs, payload_run)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"Figures written to {Path(OUT).relative_to(REPO)}")


if __name__ == "__main__":
    main()
