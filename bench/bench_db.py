"""1,000,000 events from PostGIS against the in-memory large mode, side by side (``make bench-db``).

One run, two app processes started as ``make run`` starts them, each driven in headless
Chromium exactly as ``bench_large_app.py`` drives one:

* **in memory**: ``BRIEFING_MAP_EVENTS=bench/out/stress-1000000.parquet`` (today's large
  mode: the file is read, checked and indexed in the app process);
* **PostGIS**: ``BRIEFING_MAP_DATABASE_URL`` on a cluster in ``bench/out/pgbench``
  (kept between runs; the same 1,000,000 events loaded once with ``db load-events``): the
  app queries counts, viewport cells, timeline counts and the first rows.

Measured for each: first paint (page opened on a freshly started server → map drawn and
the script idle), filter change → map repainted (Quick window alternating 2024 / 2023,
median), and the app process's peak memory (``VmHWM``). A measurement, never a test::

    PYTHONPATH=. .venv/bin/python bench/bench_db.py [--n 1000000] [--changes 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from bench.bench_large_app import CHOICES, MARK_JS, OUT, SWAPPED_JS, stress_file
from layers.catalogue.db.remote import RemoteEvents
from layers.catalogue.db.store import PostgisStore
from layers.export.browser import launch
from scripts import pgcluster
from scripts.appserver import free_port, running_app, wait_for_idle, wait_for_map

REPO = Path(__file__).resolve().parent.parent
DATABASE = "briefing_bench"
TARGETS = {"first paint": "≤ 5 s", "filter → repainted": "≤ 1 s", "peak memory": "≤ 400 MB"}


def peak_mb(pid: int) -> float:
    """The process's peak resident memory (``VmHWM``) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def database(path: Path, n: int) -> dict[str, str]:
    """The bench cluster, started, with the stress file loaded once; the app's environment."""
    cluster = pgcluster.Cluster(OUT / "pgbench", int(os.environ.get("BENCH_DB_PORT", 55499)))
    cluster.init()
    cluster.start()
    cluster.create_database(DATABASE)
    pgpass = OUT / "pgbench-pgpass"
    admin = cluster.admin_url(DATABASE)
    layers = [sys.executable, "-m", "layers"]
    subprocess.run([*layers, "db", "init", "--database", admin, "--pgpass", str(pgpass)],
                   cwd=REPO, check=True, capture_output=True)  # fmt: skip
    url = f"postgresql://briefing_app@127.0.0.1:{cluster.port}/{DATABASE}"
    env = {"PGPASSFILE": str(pgpass), "BRIEFING_MAP_DATABASE_URL": url}
    run_env = {**os.environ, **env}
    subprocess.run([*layers, "db", "load", "geodata"], cwd=REPO, env=run_env, check=True)
    with mock.patch.dict(os.environ, {"PGPASSFILE": str(pgpass)}):
        store = PostgisStore(url)
        loaded = sum(c for layer, source, c in store.status()["counts"]
                     if layer == "events" and source == "import")  # fmt: skip
        RemoteEvents(store).summary()  # as `db load-events` leaves it (a reload keeps it)
        store.close()
    if loaded < n:
        started = time.perf_counter()
        print(f"loading {n:,} events into PostGIS (once; kept in {OUT / 'pgbench'})…", flush=True)
        subprocess.run([*layers, "db", "load-events", str(path), "--author", "bench"],
                       cwd=REPO, env=run_env, check=True)  # fmt: skip
        print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)
    return env


def measure(env: dict[str, str], changes: int) -> dict[str, float | list[float]]:
    """First paint, repaint times and peak memory of one app process in ``env``."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("BRIEFING_MAP_EVENTS", "BRIEFING_MAP_DATABASE_URL")}  # fmt: skip
    with mock.patch.dict(os.environ, {**clean, **env}, clear=True):
        app_cm = running_app(port=free_port(), timeout=180)
        app = app_cm.__enter__()
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                start = time.perf_counter()
                page.goto(app.url)
                wait_for_map(page, 300_000)
                wait_for_idle(page, 300_000)
                first = time.perf_counter() - start
                painted = _filter_changes(page, changes)
            finally:
                browser.close()
        return {"first": first, "painted": painted, "peak": peak_mb(app.process.pid)}
    finally:
        app_cm.__exit__(None, None, None)


def _filter_changes(page, changes: int) -> list[float]:
    sidebar = page.get_by_test_id("stSidebar")
    painted = []
    for i in range(changes + 1):  # the first change warms up and is not counted
        page.evaluate(MARK_JS)
        sidebar.get_by_role("combobox", name="Quick window").click()
        option = page.get_by_role("option", name=CHOICES[i % 2], exact=True)
        option.wait_for()
        clicked = time.perf_counter()
        option.click()
        page.wait_for_function(SWAPPED_JS, polling="raf", timeout=120_000)
        swapped = time.perf_counter()
        wait_for_idle(page, 120_000)
        if i:
            painted.append((swapped - clicked) * 1000)
    return painted


def main(argv: list[str] | None = None) -> int:
    """Print the side-by-side table (targets beside it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--changes", type=int, default=10)
    args = parser.parse_args(argv)
    reason = pgcluster.missing_reason()
    if reason:
        print(f"bench-db: cannot run: {reason}")
        return 0
    path = stress_file(args.n)
    env = database(path, args.n)
    results = {
        "in memory (BRIEFING_MAP_EVENTS)": measure(
            {"BRIEFING_MAP_EVENTS": str(path)}, args.changes
        ),
        "PostGIS (BRIEFING_MAP_DATABASE_URL)": measure(env, args.changes),
    }
    print(f"\nN = {args.n:,} synthetic events, {args.changes} filter changes (2024 <-> 2023)")
    print(f"{'':38} {'first paint':>12} {'filter -> repainted (median, min-max)':>40} {'peak':>9}")
    for name, r in results.items():
        p = r["painted"]
        spread = f"{statistics.median(p):.0f} ms ({min(p):.0f}-{max(p):.0f})"
        print(f"{name:38} {r['first']:>10.1f} s {spread:>40} {r['peak']:>6.0f} MB")
    print("targets (PostGIS):", ", ".join(f"{k} {v}" for k, v in TARGETS.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
