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
import os
import resource
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


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the browser, its driver).

    Wall-clock time on a machine other jobs load grows with their load; the CPU time
    the deck costs does not, so the table prints both.
    """
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))  # fmt: skip
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measured(function, *args) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of ``function(*args)``."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    function(*args)
    return time.perf_counter() - wall, cpu_seconds() - cpu


def ours(exercises: list[str]) -> Path:
    """The command line, in-process: parse, load, select, one browser, write the file."""
    out = OUT / "deck.pptx"
    argv = ["deck", "--out", str(out), "--each-exercise", "--exercise", *exercises]
    code = layers_main(argv)
    if code != 0:
        raise SystemExit(f"`python -m layers {' '.join(argv)}` exited {code}")
    return out


def naive(exercises: list[str]) -> None:
    """Same slides, same catalogue load and deck; a fresh browser launched for every map."""

    def browser_per_slide(parts, size):
        for part in parts:
            with BriefingRenderer() as renderer:
                yield renderer.map_png(part, size)

    frames = load_catalogue().frames
    parts = deck_parts(select(frames, BriefingView(exercises=tuple(exercises))), True)
    (OUT / "deck_naive.pptx").write_bytes(render_deck(parts, browser_per_slide))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each approach")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    exercises = recent_exercises(load_catalogue().frames)
    print(f"exercises ({len(exercises)}): {', '.join(exercises)}", flush=True)
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "naive": []}
    for run in range(args.repeat):  # taking turns
        runs["ours"].append(measured(ours, exercises))
        runs["naive"].append(measured(naive, exercises))
        (wall, cpu), (naive_wall, naive_cpu) = runs["ours"][-1], runs["naive"][-1]
        print(f"run {run + 1}: ours {wall:.2f} s ({cpu:.1f} s CPU), "
              f"naive {naive_wall:.2f} s ({naive_cpu:.1f} s CPU)", flush=True)  # fmt: skip
    (ours_s, ours_cpu), (naive_s, naive_cpu) = (
        (statistics.median(w for w, _ in runs[k]), statistics.median(c for _, c in runs[k]))
        for k in ("ours", "naive")
    )
    slides = 1 + len(exercises)
    print(f"\nload average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"| {slides}-slide deck (median of {args.repeat}) | wall s | CPU s | per slide | target |"
    )
    print("|---|---|---|---|---|")
    verdict = "OK" if ours_s <= TARGET_S else "OVER"
    print(f"| ours: one browser, next page built meanwhile | {ours_s:.2f} | {ours_cpu:.1f} | "
          f"{ours_s / slides:.2f} | ≤ {TARGET_S:.0f} s {verdict} |")  # fmt: skip
    print(f"| naive: a browser launched per slide | {naive_s:.2f} | {naive_cpu:.1f} | "
          f"{naive_s / slides:.2f} | — |")  # fmt: skip
    print(f"naive / ours: {naive_s / ours_s:.1f}× wall, {naive_cpu / ours_cpu:.1f}× CPU; "
          f"decks in {OUT}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
