"""Filter change → map repainted, in Chromium on the running app: ours vs naive.

* ours: the static map never changes; data layers are swapped as feature groups
  (``st_folium(feature_group_to_add=[...])``).
* naive: ``BRIEFING_MAP_NAIVE_RERUN=1`` makes the app rebuild the whole map each
  rerun (``layers.map.render.build_map``), so every filter change remounts the map.
* before: ours as it was at ``--before REF`` (default: the last commit before the one
  selection stage of issue 11, which filtered the events several times a rerun), served
  from a temporary git worktree, so both are measured on the same machine in one run.
  ``--before ''`` skips it.

Each change alternates the "Quick window" between two years; then ours, naive and before
choose a kind in "Event kinds" and take it away with its tag's ✕ (the floor has no such
list); then ours and naive play back (``--steps`` presses of "Step ▶", a week each, over
a 30-day window from ``PLAYBACK_START``), timing the steps that change which events are
drawn. The clock starts at the click and stops in the first animation frame where the
map iframe (possibly a new one) reports ``briefingMapReady`` with a fresh feature
registry showing the expected number of events, checked by a loop in the page started
before the click. "at once" counts the changes the page drew itself before the server's
run (``ui/instant.py``). The apps run side by side and take turns, one change each, so a
change in the machine's load hits every mode alike. Run::

    PYTHONPATH=. .venv/bin/python bench/bench_filter.py [--changes 20] [--steps 16]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from contextlib import ExitStack
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from bench.frame_clock import MARK_JS, Timing, timed_click, timing_table
from bench.side_by_side import app_page, checkout
from layers.catalogue.load import load_catalogue
from layers.catalogue.schema import EVENT_KINDS
from layers.view.filters import filter_events
from layers.view.playback import advance_window, data_range
from scripts.appserver import wait_for_idle

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "filter.json"
BEFORE_SELECTION = "2a3c834"  # last commit before layers.view.select (issue 11)
TARGET_MS = 150
TARGET_P90_MS = 250
PLAYBACK_START, PLAYBACK_DAYS = date(2024, 6, 1), 30  # 14 of 16 steps change the map
CHOICES = ("2025", "2024")
KIND, KIND_LIST = "joint_patrol", "Event kinds"  # chosen, then removed
def expected_events() -> dict[str, int]:
    """Events each quick choice selects (what the map must end up drawing)."""
    events = load_catalogue().frames["events"]
    return {
        year: len(filter_events(events, start=date(int(year), 1, 1), end=date(int(year), 12, 31)))
        for year in CHOICES
    }


def playback_plan(steps: int) -> tuple[tuple[date, date], list[tuple[int, bool]]]:
    """The first window and, per step, (events drawn, whether the drawn events changed)."""
    events = load_catalogue().frames["events"]
    first, last = data_range(events)
    window = (PLAYBACK_START, PLAYBACK_START + timedelta(days=PLAYBACK_DAYS - 1))
    plan, shown = [], set(filter_events(events, start=window[0], end=window[1])["id"])
    start = window
    for _ in range(steps):
        window = advance_window(window, "week", first, last)
        ids = set(filter_events(events, start=window[0], end=window[1])["id"])
        plan.append((len(ids), ids != shown))
        shown = ids
    return start, plan


def change_once(page, choice: str, expected: int) -> Timing:
    """From choosing ``choice`` in "Quick window" to the map repainted."""
    page.evaluate(MARK_JS)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox", name="Quick window").click()
    option = page.get_by_role("option", name=choice, exact=True)
    option.wait_for()
    timing = timed_click(page, option, expected)
    wait_for_idle(page)
    return timing


def kind_once(page, expected: dict[str, int]) -> list[Timing]:
    """A kind chosen in "Event kinds", then taken away with its tag's ✕: two changes."""
    page.evaluate(MARK_JS)
    page.get_by_test_id("stSidebar").get_by_role("combobox", name=KIND_LIST).click()
    option = page.get_by_role("option", name=EVENT_KINDS[KIND], exact=True)
    option.wait_for()
    chosen = timed_click(page, option, expected["kind"])
    page.keyboard.press("Escape")
    wait_for_idle(page)
    page.evaluate(MARK_JS)
    remove = page.get_by_test_id("stSidebar").get_by_role(
        "button", name=f"Remove {EVENT_KINDS[KIND]}"
    )
    removed = timed_click(page, remove, expected["all"])
    wait_for_idle(page)
    return [chosen, removed]


def _kind_pair(page, mode: str, expected: dict[str, int]) -> list[Timing]:
    """``kind_once``, or nothing (reported, with a screenshot) when the map never showed it."""
    try:
        return kind_once(page, expected)
    except PlaywrightTimeout:
        shot = OUT.parent / f"dnf-kind-{mode}-{time.strftime('%H%M%S')}.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"{mode}: a kind change did not show in 30 s (DNF; {shot.name})", file=sys.stderr)
        page.keyboard.press("Escape")
        wait_for_idle(page)
        return []


def measure_kinds(repos: dict[str, Path], changes: int) -> dict[str, list[Timing]]:
    """Kind changes per mode (apps with the sidebar only), taking turns."""
    events = load_catalogue().frames["events"]
    expected = {"kind": len(filter_events(events, kinds=(KIND,))), "all": len(events)}
    timings: dict[str, list[Timing]] = {mode: [] for mode in repos}
    with sync_playwright() as playwright, ExitStack() as stack:
        pages = {
            mode: stack.enter_context(app_page(playwright, mode, repo))
            for mode, repo in repos.items()
        }
        for i in range(changes // 2 + 1):  # the first pair warms up and is not counted
            for mode, page in pages.items():
                pair = _kind_pair(page, mode, expected)
                if i:
                    timings[mode].extend(pair)
    return timings


def step_once(page, expected: int, changes: bool) -> Timing | None:
    """From a "Step ▶" click to the map repainted (None: nothing to redraw)."""
    page.evaluate(MARK_JS)
    button = page.get_by_test_id("stSidebar").get_by_role("button", name="Step ▶")
    if not changes:  # the same events: the map has nothing to redraw
        button.click()
        wait_for_idle(page)
        return None
    timing = timed_click(page, button, expected)
    wait_for_idle(page)
    return timing


def measure_playback(repos: dict[str, Path], steps: int) -> dict[str, list[float]]:
    """Playback step timings per mode, taking turns step by step."""
    window, plan = playback_plan(steps)
    query = f"?start={window[0]}&end={window[1]}"
    timings: dict[str, list[Timing]] = {mode: [] for mode in repos}
    with sync_playwright() as playwright, ExitStack() as stack:
        pages = {
            mode: stack.enter_context(app_page(playwright, mode, repo, query))
            for mode, repo in repos.items()
        }
        for page in pages.values():
            page.get_by_test_id("stSidebar").get_by_text("Week", exact=True).click()
            wait_for_idle(page)
        for expected, changes in plan:
            for mode, page in pages.items():
                elapsed = step_once(page, expected, changes)
                if elapsed is not None:
                    timings[mode].append(elapsed)
    return timings


def measure(repos: dict[str, Path], changes: int, expected: dict[str, int]) -> dict:
    """Timings per mode; the apps run side by side and take turns, change by change.

    Taking turns spreads any change in the machine's load over every mode alike,
    so the comparison holds even when the absolute figures drift.
    """
    timings: dict[str, list[Timing]] = {mode: [] for mode in repos}
    with sync_playwright() as playwright, ExitStack() as stack:
        pages = {
            mode: stack.enter_context(app_page(playwright, mode, repo))
            for mode, repo in repos.items()
        }
        for i in range(changes + 1):  # the first change warms up and is not counted
            choice = CHOICES[i % 2]
            for mode, page in pages.items():
                elapsed = change_once(page, choice, expected[choice])
                if i:
                    timings[mode].append(elapsed)
    return timings


def main(argv: list[str] | None = None) -> int:
    """Measure both modes, print a table, save ``bench/out/filter.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--steps", type=int, default=16, help="playback steps (0 to skip)")
    parser.add_argument("--before", default=BEFORE_SELECTION, metavar="REF",
                        help="git ref to measure side by side ('' to skip)")  # fmt: skip
    parser.add_argument("--only-ours", action="store_true",
                        help="ours alone (a quick look; no comparison is printed)")  # fmt: skip
    args = parser.parse_args(argv)
    expected = expected_events()
    with ExitStack() as stack:
        repos = {"ours": REPO} if args.only_ours else {"ours": REPO, "naive": REPO, "floor": REPO}
        if args.before and not args.only_ours:
            repos["before"] = stack.enter_context(checkout(args.before))
        results = measure(repos, args.changes, expected)
    modes = {mode: REPO for mode in ("ours", "naive") if mode in repos}
    steps = measure_playback(modes, args.steps) if args.steps else {}
    sidebar_apps = {mode: repo for mode, repo in repos.items() if mode != "floor"}
    with ExitStack() as stack:
        if "before" in sidebar_apps:
            sidebar_apps["before"] = stack.enter_context(checkout(args.before))
        kinds = measure_kinds(sidebar_apps, args.changes) if args.changes else {}
    summary = {"filter": timing_table("Filter change (Quick window)", results)}
    if kinds:
        title = "Filter change (Event kinds: a kind chosen, then removed)"
        summary["kind"] = timing_table(title, kinds)
    if steps:
        summary["playback"] = timing_table("Playback step (a week)", steps)
    ours = summary["filter"]["ours"]
    if args.only_ours:
        print(f"ours: median {ours['median_ms']:.0f} ms, p90 {ours['p90_ms']:.0f} ms")
        return 0
    naive = summary["filter"]["naive"]
    print(f"naive / ours (filter, median): {naive['median_ms'] / ours['median_ms']:.2f}x")
    floor = summary["filter"]["floor"]
    print(
        f"ours / floor (filter, median): {ours['median_ms'] / floor['median_ms']:.2f}x "
        f"(floor: {floor['median_ms']:.0f} ms, one select box and one st_folium map)"
    )
    for name, rows in summary.items():
        row = rows["ours"]
        ok = row["median_ms"] <= TARGET_MS and row["p90_ms"] <= TARGET_P90_MS
        print(
            f"ours, {name}: median {row['median_ms']:.0f} ms, p90 {row['p90_ms']:.0f} ms "
            f"(targets ≤ {TARGET_MS} / ≤ {TARGET_P90_MS} ms: {'met' if ok else 'MISSED'})"
        )
    if "before" in summary["filter"]:
        change = ours["median_ms"] / summary["filter"]["before"]["median_ms"]
        print(f"ours / before {args.before} (filter, median): {change:.2f}x")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    timings = {
        name: {mode: [asdict(t) for t in ts] for mode, ts in runs.items()}
        for name, runs in (("filter", results), ("playback", steps), ("kind", kinds))
    }
    OUT.write_text(json.dumps({"summary": summary, "timings": timings}, indent=2))
    return 0




if __name__ == "__main__":
    raise SystemExit(main())
