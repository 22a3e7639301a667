"""The user's clock for a change in the app: from the click to the frame that shows it.

Shared by ``bench/bench_filter.py``'s modes: ``timed_click`` starts a loop in the page
before the click and returns the time from the click event to the first animation frame
where the map shows the expected number of events afresh, with whether the page drew it
before the server's run (``ui/instant.py``); ``timing_table`` prints median, p90 and min.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

MARK_JS = """() => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    w.briefingMapFeatures.__old = true;
    w.performance.clearMarks("bm-shown-events");
}"""
# Whether the page drew the change itself before the server's run (ui/instant.py).
SHOWN_AT_ONCE_JS = """() => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    return w.performance.getEntriesByName("bm-shown-events").length > 0;
}"""
# The user's clock: it starts when the browser dispatches the click (the event's own
# timestamp, so Playwright's checks before the click, 60-130 ms, are not counted) and
# stops in the animation frame where the map first shows the new events: a loop in the
# page, started before the click, checks every frame. (Waiting for the frame from this
# script would start checking only once Playwright's click call has returned, tens of
# milliseconds late when the page shows the change at once: ui/instant.py.)
CLICK_CLOCK_JS = """n => {
    window.__clickAt = null;
    window.__repaintedAt = null;
    document.addEventListener("click", e => {
        window.__clickAt = performance.timeOrigin + e.timeStamp;
    }, {capture: true, once: true});
    function repainted() {
        const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
        const w = f && f.contentWindow;
        if (!w || w.briefingMapReady !== true || !w.briefingMapFeatures) { return false; }
        if (w.briefingMapFeatures.__old) { return false; }
        return w.document.querySelectorAll('.bm-feature.bm-layer-events').length === n;
    }
    function check() {
        if (window.__clickAt !== null && repainted()) {
            window.__repaintedAt = performance.timeOrigin + performance.now();
            return;
        }
        requestAnimationFrame(check);
    }
    requestAnimationFrame(check);
}"""
REPAINTED_JS = "() => window.__repaintedAt !== null"
ELAPSED_JS = "() => window.__repaintedAt - window.__clickAt"


@dataclass(frozen=True)
class Timing:
    """One change: the user's clock (click → frame), the script's (call → seen), and
    whether the page drew it before the server's run (``ui/instant.py``)."""

    user_ms: float
    script_ms: float
    at_once: bool = False


def timed_click(page, target, expected: int) -> Timing:
    page.evaluate(CLICK_CLOCK_JS, expected)
    start = time.perf_counter()
    target.click()
    page.wait_for_function(REPAINTED_JS, polling="raf")
    script_ms = (time.perf_counter() - start) * 1000
    return Timing(page.evaluate(ELAPSED_JS), script_ms, page.evaluate(SHOWN_AT_ONCE_JS))



def timing_table(title: str, results: dict[str, list[Timing]]) -> dict[str, dict]:
    """Median, p90 and min per mode (the user's clock), and the script's median beside it."""
    rows = {}
    for mode, timings in results.items():
        if not timings:
            continue
        t = sorted(x.user_ms for x in timings)
        rows[mode] = {
            "median_ms": statistics.median(t),
            "p90_ms": t[int(0.9 * (len(t) - 1))],
            "min_ms": t[0],
            "changes": len(t),
            "script_clock_median_ms": statistics.median(x.script_ms for x in timings),
            "at_once": sum(x.at_once for x in timings),
        }
    print(title + " (click → frame; 'call→seen': the clock this script used before 7 Dec)")
    print(
        f"{'mode':<8}{'changes':>8}{'median ms':>11}{'p90 ms':>9}{'min ms':>9}{'call→seen':>11}"
        f"{'at once':>9}"
    )
    for mode, row in rows.items():
        print(
            f"{mode:<8}{row['changes']:>8}{row['median_ms']:>11.0f}"
            f"{row['p90_ms']:>9.0f}{row['min_ms']:>9.0f}{row['script_clock_median_ms']:>11.0f}"
            f"{row['at_once']:>9}"
        )
    return rows
