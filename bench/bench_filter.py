"""Filter change → map repainted, in Chromium on the running app: ours vs naive.

* ours: the static map never changes; data layers are swapped as feature groups
  (``st_folium(feature_group_to_add=[...])``).
* naive: ``BRIEFING_MAP_NAIVE_RERUN=1`` makes the app rebuild the whole map each
  rerun (``layers.map.render.build_map``), so every filter change remounts the map.

Each change alternates the "Quick window" between two years. The clock starts at the
click on the option and stops when the map iframe (possibly a new one) reports
``briefingMapReady`` with a fresh feature registry showing the expected number of
events, checked every animation frame. Run::

    PYTHONPATH=. .venv/bin/python bench/bench_filter.py [--changes 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from layers.catalogue.load import load_catalogue
from layers.export.browser import launch
from layers.view.filters import filter_events
from scripts.appserver import running_app, wait_for_idle, wait_for_map

OUT = Path(__file__).resolve().parent / "out" / "filter.json"
TARGET_MS = 300
CHOICES = ("2025", "2024")
MARK_JS = """() => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    w.briefingMapFeatures.__old = true;
}"""
REPAINTED_JS = """n => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow;
    if (!w || w.briefingMapReady !== true || !w.briefingMapFeatures) { return false; }
    if (w.briefingMapFeatures.__old) { return false; }
    return w.document.querySelectorAll('.bm-feature.bm-layer-events').length === n;
}"""


def expected_events() -> dict[str, int]:
    """Events each quick choice selects (what the map must end up drawing)."""
    events = load_catalogue().frames["events"]
    return {
        year: len(filter_events(events, start=date(int(year), 1, 1), end=date(int(year), 12, 31)))
        for year in CHOICES
    }


def measure(mode: str, changes: int, expected: dict[str, int]) -> list[float]:
    """Milliseconds from option click to repainted map, for ``changes`` filter changes."""
    os.environ.pop("BRIEFING_MAP_NAIVE_RERUN", None)
    if mode == "naive":
        os.environ["BRIEFING_MAP_NAIVE_RERUN"] = "1"
    timings = []
    with running_app() as app, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(app.url)
            wait_for_map(page)
            wait_for_idle(page)
            for i in range(changes + 1):  # the first change warms up and is not counted
                choice = CHOICES[i % 2]
                page.evaluate(MARK_JS)
                sidebar = page.get_by_test_id("stSidebar")
                sidebar.get_by_role("combobox", name="Quick window").click()
                option = page.get_by_role("option", name=choice, exact=True)
                option.wait_for()
                start = time.perf_counter()
                option.click()
                page.wait_for_function(REPAINTED_JS, arg=expected[choice], polling="raf")
                elapsed = (time.perf_counter() - start) * 1000
                wait_for_idle(page)
                if i:
                    timings.append(elapsed)
        finally:
            browser.close()
    os.environ.pop("BRIEFING_MAP_NAIVE_RERUN", None)
    return timings


def main(argv: list[str] | None = None) -> int:
    """Measure both modes, print a table, save ``bench/out/filter.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args(argv)
    expected = expected_events()
    results = {mode: measure(mode, args.changes, expected) for mode in ("ours", "naive")}
    rows = {
        mode: {
            "median_ms": statistics.median(t),
            "p90_ms": sorted(t)[int(0.9 * (len(t) - 1))],
            "min_ms": min(t),
            "changes": len(t),
        }
        for mode, t in results.items()
    }
    ratio = rows["naive"]["median_ms"] / rows["ours"]["median_ms"]
    print(f"{'mode':<8}{'changes':>8}{'median ms':>11}{'p90 ms':>9}{'min ms':>9}")
    for mode, row in rows.items():
        print(
            f"{mode:<8}{row['changes']:>8}{row['median_ms']:>11.0f}"
            f"{row['p90_ms']:>9.0f}{row['min_ms']:>9.0f}"
        )
    verdict = "meets" if rows["ours"]["median_ms"] <= TARGET_MS else "MISSES"
    print(f"naive / ours (median): {ratio:.2f}x; ours {verdict} the {TARGET_MS} ms target")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"rows": rows, "ratio": ratio, "timings": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
