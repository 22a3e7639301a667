"""Page benchmark: page open → map painted, beside Streamlit's floor, warm and cold, in one run.

Run with ``make bench-page`` (or ``PYTHONPATH=. .venv/bin/python bench/bench_page.py``).
It prints figures; it is not a timed test and never fails on a slow machine.

The floor is ``bench/hello_app.py`` (a page with one line of text) served with the
same settings: what any Streamlit page costs on this machine. Both are opened in
headless Chromium with a fresh browser context each time (an empty cache, as a new
reader has it), every request off the machine refused.

* warm: the server already running, page open → drawn (median of ``--warm`` loads,
  after one load that warms the server's caches; the floor's server and ours both
  running, their loads taking turns);
* cold: process start → drawn (median of ``--cold`` starts, the floor's and ours taking
  turns, the browser open before the server starts, as a reader's is);
* before: the app as it was at ``--before REF`` (default: the commit before this page
  work), warm, served from a temporary git worktree in the same run (``''`` skips it).

"Drawn" is exact, not polled: for the map, the renderer's ``bm-painted`` mark (set
with ``window.briefingMapReady``, once the basemap and every layer are on the map);
for the floor, the moment its text is in the page (an animation frame); cold starts read
them on the wall clock against the process start, and print beside them when this
script's polling wait saw the page. The map's load is broken down
from its own marks (``layers/map/elements``) and the WebSocket messages.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from bench.bench_filter import checkout
from layers.export.browser import launch
from scripts.appserver import PAINTED_AT_JS, REPO, running_app, wait_for_map

TARGET_WARM_S = 2.0
TARGET_RATIO = 1.7
TARGET_COLD_S = 4.0
BEFORE = "7d127c7"  # the last commit before the page-load work of issue 14's second pass
HELLO = "bench/hello_app.py"
HELLO_TEXT = "The Streamlit floor"
OUT = REPO / "bench" / "out" / "page.json"
# When the floor's text is first in the page, in ms since the page opened.
HELLO_SEEN_JS = """(text) => {
    if (window.__seen === undefined &&
        [...document.querySelectorAll("p")].some((p) => p.textContent.includes(text))) {
        window.__seen = performance.now();
    }
    return window.__seen;
}"""
MAP_MARKS_JS = """() => {
    const marks = {};
    for (const m of performance.getEntriesByType("mark")) {
        if (m.name.startsWith("bm-") && !(m.name in marks)) { marks[m.name] = m.startTime; }
    }
    return {origin: performance.timeOrigin, marks: marks};
}"""
STEPS = (  # (label, key in the breakdown)
    ("first message from the server", "first_message"),
    ("map element received", "map_message"),
    ("map iframe started", "iframe"),
    ("Leaflet map created", "bm-leaflet"),
    ("events drawn", "bm-drawn-events"),
    ("basemap data fetched and parsed", "bm-basemap-data"),
    ("basemap drawn", "bm-basemap"),
    ("map painted", "bm-painted"),
)


def _offline(page) -> None:
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost")
            else route.abort("internetdisconnected")
        ),
    )


def _open_hello(page, url: str) -> dict:
    page.goto(url)
    handle = page.wait_for_function(HELLO_SEEN_JS, arg=HELLO_TEXT, polling="raf", timeout=60_000)
    return {"drawn_ms": handle.json_value()}


def _open_map(page, url: str) -> dict:
    """Open the app; the breakdown in ms since the page opened (see ``STEPS``)."""
    frames: list[tuple[float, bytes]] = []

    def on_socket(ws):
        ws.on("framereceived", lambda p: frames.append((time.monotonic(), p)))

    page.on("websocket", on_socket)
    opened = time.monotonic()
    page.goto(url)
    frame = wait_for_map(page)
    polled = round((time.monotonic() - opened) * 1000)
    page_origin = page.evaluate("performance.timeOrigin")
    inner = frame.evaluate(MAP_MARKS_JS)
    shift = inner["origin"] - page_origin  # the iframe's clock starts later
    steps = {name: round(shift + ms) for name, ms in inner["marks"].items()}
    steps["iframe"] = round(shift)
    if frames:
        steps["first_message"] = round((frames[0][0] - opened) * 1000)
    for at, payload in frames:
        data = payload if isinstance(payload, bytes) else payload.encode()
        if b"streamlit_folium" in data and b"feature_group" in data:
            steps["map_message"] = round((at - opened) * 1000)
            steps["map_message_kb"] = round(len(data) / 1000)
            break
    # An older checkout has no marks: then the polled time (up to POLL_MS late).
    steps["drawn_ms"] = steps.get("bm-painted", polled)
    return steps


def load_once(browser, url: str, hello: bool) -> dict:
    """One page load in a fresh context (empty cache)."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    _offline(page)
    try:
        return _open_hello(page, url) if hello else _open_map(page, url)
    finally:
        context.close()


def warm_turns(browser, n: int) -> tuple[list[dict], list[dict]]:
    """``n`` timed loads each of the floor and ours, taking turns, both servers running.

    One after the other, the floor moved by 0.1 s between runs (and the ratio with it);
    taking turns, a change in the machine's load hits both alike.
    """
    with running_app(script=HELLO) as floor_app, running_app() as app:
        load_once(browser, floor_app.url, hello=True)  # untimed: warms each server's caches
        load_once(browser, app.url, hello=False)
        hello, ours = [], []
        for _ in range(n):
            hello.append(load_once(browser, floor_app.url, hello=True))
            ours.append(load_once(browser, app.url, hello=False))
        return hello, ours


def warm_loads(browser, n: int, hello: bool, repo=REPO) -> list[dict]:
    """``n`` timed loads against one running server, after one untimed load."""
    script = HELLO if hello else "app.py"
    with running_app(repo=repo, script=script) as app:
        load_once(browser, app.url, hello)
        return [load_once(browser, app.url, hello) for _ in range(n)]


def cold_start(browser, hello: bool) -> tuple[float, float]:
    """Seconds from starting the server process to the page drawn: exact, and as polled.

    Exact: the page's own clock (the map's ``bm-painted`` mark; the floor's text seen in
    an animation frame) on the wall clock. Polled: when this script's wait returned, up
    to ``POLL_MS`` and a round trip later. The browser, and the reader's tab, are open
    before the server starts, as a reader's are.
    """
    script = HELLO if hello else "app.py"
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    _offline(page)
    try:
        with running_app(script=script) as app:
            page.goto(app.url)
            if hello:
                seen = page.wait_for_function(
                    HELLO_SEEN_JS, arg=HELLO_TEXT, polling="raf", timeout=60_000
                ).json_value()
                drawn = (page.evaluate("performance.timeOrigin") + seen) / 1000
            else:
                drawn = wait_for_map(page).evaluate(PAINTED_AT_JS) / 1000
            polled = time.monotonic() - app.started_at
            return drawn - app.started_wall, polled
    finally:
        context.close()


def _median(values) -> float:
    return statistics.median(values)


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(
    hello: list[dict], ours: list[dict], cold_hello: list, cold_ours: list, before: list[dict]
) -> dict:
    """Print the figures; return the summary written to ``bench/out/page.json``."""
    floor = _median(r["drawn_ms"] for r in hello) / 1000
    warm = _median(r["drawn_ms"] for r in ours) / 1000
    ratio = warm / floor
    pairs = _median(r["drawn_ms"] / h["drawn_ms"] for h, r in zip(hello, ours, strict=True))
    print(f"Warm server, page open → drawn (median of {len(ours)}, fresh browser cache):")
    floor_ms = [round(r["drawn_ms"]) for r in hello]
    print(f"  Streamlit hello-world floor: {floor:.2f} s  {floor_ms} ms")
    print(f"  briefing map:               {warm:.2f} s  {[r['drawn_ms'] for r in ours]} ms")
    print(
        f"  ratio {ratio:.2f}× the floor (targets ≤ {TARGET_WARM_S:.1f} s: "
        f"{_verdict(warm <= TARGET_WARM_S)}; ≤ {TARGET_RATIO}× the floor: "
        f"{_verdict(ratio <= TARGET_RATIO)}); load by load, taking turns: median {pairs:.2f}×"
    )
    if before:
        then = _median(r["drawn_ms"] for r in before) / 1000
        print(
            f"  before ({BEFORE}):          {then:.2f} s  {[r['drawn_ms'] for r in before]} ms"
            f" ({then / floor:.2f}× the floor; ours is {then / warm:.2f}× faster)"
        )
    print("  where the map's load goes (median ms since the page opened):")
    breakdown = {}
    for label, key in STEPS:
        values = [r[key] for r in ours if key in r]
        if values:
            breakdown[key] = _median(values)
            print(f"    {label:<32} {breakdown[key]:>6.0f} ms")
    kb = [r["map_message_kb"] for r in ours if "map_message_kb" in r]
    if kb:
        print(f"    (the map element's message: {kb[0]:,} kB)")
    cold_floor, cold = _median(c for c, _ in cold_hello), _median(c for c, _ in cold_ours)
    polled = _median(p for _, p in cold_ours)
    print(f"Cold start, process start → drawn (median of {len(cold_ours)}):")
    print(f"  floor {cold_floor:.2f} s {[round(c, 2) for c, _ in cold_hello]}")
    print(
        f"  briefing map {cold:.2f} s {[round(c, 2) for c, _ in cold_ours]} "
        f"(target ≤ {TARGET_COLD_S:.0f} s: {_verdict(cold <= TARGET_COLD_S)}); "
        f"seen by this script's polling wait {polled:.2f} s"
    )
    return {
        "warm_floor_s": floor, "warm_s": warm, "ratio": ratio, "ratio_by_turn": pairs,
        "breakdown_ms": breakdown,
        "cold_floor_s": cold_floor, "cold_s": cold, "cold_polled_s": polled,
        "runs": {"hello": hello, "ours": ours, "cold_hello": cold_hello, "cold_ours": cold_ours,
                 "before": before},
    }  # fmt: skip


def main() -> None:
    """Run the benchmark and write ``bench/out/page.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=7, help="warm loads to time (default 7)")
    parser.add_argument("--cold", type=int, default=3, help="cold starts to time (default 3)")
    parser.add_argument("--before", default=BEFORE, metavar="REF",
                        help="git ref to measure warm beside ours ('' to skip)")  # fmt: skip
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            hello, ours = warm_turns(browser, args.warm)
            cold_hello, cold_ours = [], []
            for _ in range(args.cold):  # taking turns: a change in the machine's load hits both
                cold_hello.append(cold_start(browser, hello=True))
                cold_ours.append(cold_start(browser, hello=False))
            before = []
            if args.before:
                with checkout(args.before) as tree:
                    before = warm_loads(browser, args.warm, hello=False, repo=tree)
        finally:
            browser.close()
    summary = report(hello, ours, cold_hello, cold_ours, before)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"Figures written to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
