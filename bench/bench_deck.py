"""Benchmark: a 10-slide briefing deck (overview + 9 exercises), ours vs a browser per slide.

Run: ``.venv/bin/python bench/bench_deck.py [--repeat N]``. Ours is the command line
in-process, ``python -m layers deck --each-exercise --exercise ID…`` over the nine most
recent exercises of the shipped catalogue: one browser draws every slide's map while
the next map page is built. The naive approach draws the same slides launching a
headless Chromium per slide (as a loop of ``render_png``-style one-shot calls would).
The two take turns, so a change in the machine's load hits both alike; each figure is
the median of ``--repeat`` runs (default 3). Target: ≤ 10 s for the 10 slides.
The last deck is written to ``bench/out/`` (git-ignored) for a look.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layers.__main__ import main as layers_main  # noqa: E402
from layers.catalogue.load import load_catalogue  # noqa: E402
from layers.export.deck import deck_parts, render_deck  # noqa: E402
from layers.export.png import BriefingRenderer  # noqa: E402
from layers.view.select import select  # noqa: E402
from layers.view.view import BriefingView  # noqa: E402

TARGET_S = 10.0
EXERCISES = 9
OUT = ROOT / "bench" / "out"


def recent_exercises(frames, count: int = EXERCISES) -> list[str]:
    """The ``count`` exercises of the catalogue whose first event is the most recent."""
    events = frames["events"]
    first = events.groupby("exercise_id")["start_date"].min().sort_values()
    return list(first.index[-count:])


def ours(exercises: list[str]) -> tuple[float, Path]:
    """The command line, in-process: parse, load, select, one browser, write the file."""
    out = OUT / "deck.pptx"
    argv = ["deck", "--out", str(out), "--each-exercise", "--exercise", *exercises]
    start = time.perf_counter()
    code = layers_main(argv)
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"`python -m layers {' '.join(argv)}` exited {code}")
    return seconds, out


def naive(exercises: list[str]) -> float:
    """Same slides, same catalogue load and deck; a fresh browser launched for every map."""

    def browser_per_slide(parts, size):
        for part in parts:
            with BriefingRenderer() as renderer:
                yield renderer.map_png(part, size)

    start = time.perf_counter()
    frames = load_catalogue().frames
    parts = deck_parts(select(frames, BriefingView(exercises=tuple(exercises))), True)
    (OUT / "deck_naive.pptx").write_bytes(render_deck(parts, browser_per_slide))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each approach")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    exercises = recent_exercises(load_catalogue().frames)
    print(f"exercises ({len(exercises)}): {', '.join(exercises)}", flush=True)
    times: dict[str, list[float]] = {"ours": [], "naive": []}
    for run in range(args.repeat):  # taking turns
        seconds, out = ours(exercises)
        times["ours"].append(seconds)
        times["naive"].append(naive(exercises))
        print(f"run {run + 1}: ours {seconds:.2f} s, naive {times['naive'][-1]:.2f} s", flush=True)
    ours_s, naive_s = (statistics.median(times[k]) for k in ("ours", "naive"))
    slides = 1 + len(exercises)
    print()
    print(f"| {slides}-slide deck (median of {args.repeat}) | seconds | per slide | target |")
    print("|---|---|---|---|")
    verdict = "OK" if ours_s <= TARGET_S else "OVER"
    print(f"| ours: one browser, next page built meanwhile | {ours_s:.2f} | "
          f"{ours_s / slides:.2f} | ≤ {TARGET_S:.0f} s {verdict} |")  # fmt: skip
    print(f"| naive: a browser launched per slide | {naive_s:.2f} | {naive_s / slides:.2f} | — |")
    print(f"naive / ours: {naive_s / ours_s:.1f}×; deck written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
