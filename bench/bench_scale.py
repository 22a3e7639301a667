"""Scale benchmark: naive folium GeoJSON vs the indexed, aggregated path, side by side.

    make bench-scale                       # N = 1k, 10k, 100k, 1M
    .venv/bin/python bench/bench_scale.py --sizes 1000,10000

For each N a seeded synthetic catalogue is generated (tools/make_stress.py), then for
each approach a child process loads it (load time excluded), runs five filter changes
(one-year windows) and reports the median server time per rerun (filter + build +
serialise), the payload (map HTML bytes of the last, five-year window) and its peak
memory. The last page is then
opened in headless Chromium from a local server and timed from navigation to the
second animation frame after every map script ran ("paint"). A child that does not
finish in --timeout seconds is reported as DNF.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import resource
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO))

# Five filter changes, from the whole decade to one year: what an analyst does first.
WINDOWS = [
    (date(2016, 1, 1), date(2025, 12, 31)),
    (date(2018, 1, 1), date(2022, 12, 31)),
    (date(2020, 1, 1), date(2020, 12, 31)),
    (date(2016, 1, 1), date(2019, 12, 31)),
    (date(2021, 1, 1), date(2025, 12, 31)),
]
VIEWPORT = (1280, 800)
PAINT_SCRIPT = (
    "<script>requestAnimationFrame(function(){requestAnimationFrame(function(){"
    "window.benchPaintMs = performance.now();});});</script>"
)


def _view_bounds(view) -> tuple[float, float, float, float]:
    """(south, west, north, east) seen at the view's centre and zoom in VIEWPORT pixels."""
    import math

    lat, lon = view.center
    deg_per_px = 360.0 / (256.0 * 2.0**view.zoom)
    half_w = VIEWPORT[0] / 2 * deg_per_px
    half_h = VIEWPORT[1] / 2 * deg_per_px * math.cos(math.radians(lat))
    return (lat - half_h, lon - half_w, lat + half_h, lon + half_w)


def _static_map(view):
    """The real map without events: the same basemap and catalogue layers for both."""
    from layers.catalogue.load import load_catalogue
    from layers.map.render import build_map
    from layers.view.select import select

    frames = load_catalogue().frames
    return build_map(select(frames, view.with_changes(layers=("areas", "adiz", "bases"))))


def _naive_rerun(events, view, window):
    import folium

    from layers.view.filters import filter_events

    m = _static_map(view)
    chosen = filter_events(events, start=window[0], end=window[1])
    keep = ["id", "name", "kind", "start", "end", "geometry"]
    folium.GeoJson(chosen[keep].to_json(), name="Events").add_to(m)
    return m.get_root().render()


def _ours_rerun(events, index, view, window):
    from layers.map.large_events import build_scaled_event_layer
    from layers.view.large_selection import select_for_view

    m = _static_map(view)
    selection = select_for_view(
        index, start=window[0], end=window[1], zoom=view.zoom, bounds=_view_bounds(view)
    )
    build_scaled_event_layer(index, events, selection).add_to(m)
    return m.get_root().render()


def child(approach: str, path: Path, html_out: Path) -> None:
    """Run in a subprocess: load (untimed), five reruns (timed), report JSON on stdout."""
    from layers.catalogue.large_file import read_events_table
    from layers.view.large_selection import EventIndex
    from layers.view.view import BriefingView

    events = read_events_table(path)
    view = BriefingView()
    index = EventIndex.from_frame(events) if approach == "ours" else None  # cached per load
    times, html = [], ""
    for window in WINDOWS:
        start = time.perf_counter()
        if approach == "ours":
            html = _ours_rerun(events, index, view, window)
        else:
            html = _naive_rerun(events, view, window)
        times.append(time.perf_counter() - start)
    # folium writes its map script after </body>: time from after it, at the very end.
    html_out.write_text(html.replace("</html>", PAINT_SCRIPT + "</html>"), encoding="utf-8")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = {
        "server_s": statistics.median(times),
        "payload": len(html.encode()),
        "peak_mb": peak_mb,
    }
    print(json.dumps(report))


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves /app/static/* from static/ (as Streamlit does) and /bench/* from bench/out/."""

    def translate_path(self, path):
        path = path.split("?", 1)[0]
        if path.startswith("/app/static/"):
            return str(REPO / "static" / path[len("/app/static/") :])
        return str(OUT / path.rsplit("/", 1)[-1])

    def log_message(self, *args):
        pass


def paint_seconds(browser, url: str, timeout_s: float) -> float | None:
    page = browser.new_page(viewport={"width": VIEWPORT[0], "height": VIEWPORT[1]})
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        # Navigation start → two frames after the last map script ran.
        page.wait_for_function("window.benchPaintMs !== undefined", timeout=timeout_s * 1000)
        return page.evaluate("window.benchPaintMs") / 1000
    except Exception:  # a page that never paints in time is the result, not an error
        return None
    finally:
        page.close()


def _run_child(approach: str, data: Path, html: Path, timeout: float) -> dict | None:
    cmd = [sys.executable, __file__, "--child", approach, "--file", str(data), "--html", str(html)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{approach} child failed:\n{exc.stderr}") from exc
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fmt(value, unit: str, digits: int = 2) -> str:
    return "DNF" if value is None else f"{value:,.{digits}f} {unit}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--child")
    parser.add_argument("--file", type=Path)
    parser.add_argument("--html", type=Path)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.file, args.html)
        return 0

    from layers.export.browser import chromium
    from layers.map.assets import ensure_static_assets
    from tools.make_stress import make_events, write

    ensure_static_assets()
    OUT.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/bench/"
    rows = []
    with chromium() as browser:
        for n in (int(s) for s in args.sizes.split(",")):
            data = OUT / f"stress-{n}.parquet"
            if not data.exists():
                write(make_events(n, seed=7), data)
            result = {}
            for approach in ("naive", "ours"):
                html = OUT / f"page-{approach}-{n}.html"
                report = _run_child(approach, data, html, args.timeout)
                if report is not None:
                    report["paint_s"] = paint_seconds(browser, base + html.name, args.timeout)
                result[approach] = report or {}
                print(f"N={n:>9,} {approach:<5} {json.dumps(report)}", file=sys.stderr)
            rows.append((n, result))
    server.shutdown()
    print(_table(rows))
    return 0


def _table(rows) -> str:
    head = (
        "| N | approach | server per rerun | payload | paint | filter → painted | peak memory |\n"
        "|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for n, result in rows:
        for approach in ("naive", "ours"):
            r = result[approach]
            payload = r.get("payload")
            server, paint = r.get("server_s"), r.get("paint_s")
            total = server + paint if server is not None and paint is not None else None
            lines.append(
                f"| {n:,} | {approach} | {_fmt(server, 's')} | "
                f"{_fmt(payload / 1e6 if payload else None, 'MB')} | "
                f"{_fmt(paint, 's')} | {_fmt(total, 's')} | {_fmt(r.get('peak_mb'), 'MB', 0)} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
