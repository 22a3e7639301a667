"""Benchmark: briefing PNG of the default view at 1920×1080, cold and warm.

Run: ``.venv/bin/python bench/bench_export.py [--repeat N]``. Prints wall-clock
figures and the limits from issue 5 (warm ≤ 3 s, cold ≤ 8 s), then tries folium's
own ``Map._to_png`` on the same map for a side-by-side ratio. ``_to_png`` needs
selenium and a webdriver (here Chromium's ``chromedriver``); when it cannot run, the
reason is printed, never a number.
The last PNG is written to ``bench/out/`` (git-ignored) for a look.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layers.catalogue.load import load_catalogue  # noqa: E402
from layers.export.browser import CHROMIUM_ARGS, find_chromium  # noqa: E402
from layers.export.png import BriefingRenderer  # noqa: E402
from layers.map.render import build_map  # noqa: E402
from layers.view.select import select  # noqa: E402
from layers.view.view import BriefingView  # noqa: E402

SIZE = (1920, 1080)
WARM_LIMIT_S, COLD_LIMIT_S = 3.0, 8.0
OUT = ROOT / "bench" / "out"


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def cold_and_warm(frames, view, repeat: int) -> tuple[float, list[float], bytes]:
    """Cold: browser launch + first PNG. Warm: each later PNG with the browser reused."""
    selection = select(frames, view)
    start = time.perf_counter()
    with BriefingRenderer() as renderer:
        png = renderer.png(selection, SIZE)
        cold = time.perf_counter() - start
        warm = []
        for _ in range(repeat):
            seconds, png = timed(renderer.png, selection, SIZE)
            warm.append(seconds)
    return cold, warm, png


def cli_seconds() -> float:
    """A whole `python -m layers brief` run: interpreter, imports, load, browser, PNG."""
    OUT.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "layers", "brief", "--out", str(OUT / "cli.png")]
    seconds, result = timed(subprocess.run, command)
    if result.returncode != 0:
        raise SystemExit(f"`{' '.join(command)}` failed with exit code {result.returncode}")
    return seconds


def _chromium_driver():
    """A headless Chromium for selenium (the same browser the exporter uses), or ``None``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromedriver = shutil.which("chromedriver")
    if chromedriver is None:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = find_chromium() or ""
    for arg in ("--headless=new", *CHROMIUM_ARGS):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(chromedriver), options=options)


def folium_to_png(frames, view) -> str:
    """folium's ``Map._to_png`` on the same map (same size), or why it could not run.

    ``_to_png`` drives a selenium browser (headless Firefox unless given one): here the
    same Chromium through ``chromedriver`` (Debian: ``apt-get install chromium-driver``).
    Its fixed 3 s delay is folium's own: it has no ready signal to wait for.
    """
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "could not run: selenium is not installed (pip install selenium)"
    if not shutil.which("chromedriver") and not shutil.which("geckodriver"):
        return "could not run: neither chromedriver nor geckodriver is installed"
    folium_map = build_map(select(frames, view), mode="inline", controls=False)
    try:
        driver = _chromium_driver()  # None: folium starts Firefox itself
        try:
            seconds, _ = timed(folium_map._to_png, driver=driver, size=SIZE)
        finally:
            if driver is not None:
                driver.quit()
    except Exception as exc:  # report whatever selenium says, do not guess a number
        return f"could not run: {exc.__class__.__name__}: {str(exc).splitlines()[0]}"
    return f"{seconds:.2f} s (fixed 3 s delay inside; browser start not counted)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="warm PNGs to time")
    args = parser.parse_args()
    seconds_load, catalogue = timed(load_catalogue)
    frames, view = catalogue.frames, BriefingView()
    cold, warm, png = cold_and_warm(frames, view, args.repeat)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "default_1920x1080.png").write_bytes(png)
    median = statistics.median(warm)
    print(f"catalogue load:             {seconds_load:.2f} s")
    print(f"cold (launch + first PNG):  {cold:.2f} s   limit {COLD_LIMIT_S:.0f} s   "
          f"{'OK' if cold <= COLD_LIMIT_S else 'OVER'}")  # fmt: skip
    print(f"warm (browser reused):      median {median:.2f} s, min {min(warm):.2f}, "
          f"max {max(warm):.2f} over {len(warm)}   limit {WARM_LIMIT_S:.0f} s   "
          f"{'OK' if median <= WARM_LIMIT_S else 'OVER'}")  # fmt: skip
    print(f"CLI `python -m layers brief` end to end: {cli_seconds():.2f} s")
    folium_result = folium_to_png(frames, view)
    print(f"folium Map._to_png on the same map: {folium_result}")
    if folium_result[0].isdigit():
        print(f"ratio folium / warm exporter: {float(folium_result.split()[0]) / median:.1f}×")
    print(f"PNG written to {OUT / 'default_1920x1080.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
