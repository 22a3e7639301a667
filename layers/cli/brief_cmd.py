"""``python -m layers brief``: briefing PNG(s) of a view, drawn in headless Chromium.

Every option is checked before the browser starts; each PNG is written atomically, so
a failure never leaves a partial file. ``--each-exercise`` draws one PNG per exercise
in the selection, framed on that exercise, with one browser for all of them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.catalogue.problems import GeoDataError
from layers.cli.options import UsageError, add_selection_arguments, check_out_path, fail, selected
from layers.export.browser import BrowserNotFound
from layers.export.page_layout import PAGE_SIZES, PageLayout, parse_size
from layers.view.framing import framed_parts
from layers.view.select import SelectionError
from layers.view.view import DEFAULT_TITLE, ViewError


def _size_arg(text: str) -> tuple[int, int]:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_parser(subparsers) -> None:
    """Register ``brief`` and its options."""
    parser = subparsers.add_parser(
        "brief",
        help="draw a briefing PNG (title, legend, scale, marking, sources)",
        description="Draw the selected view as a briefing PNG in headless Chromium.",
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, metavar="BRIEF.png", help="PNG file to write")
    target.add_argument(
        "--out-dir", type=Path, metavar="DIR", help="folder for --each-exercise PNGs"
    )
    parser.add_argument(
        "--each-exercise",
        action="store_true",
        help="one PNG per exercise in the selection, named <exercise-id>.png (needs --out-dir)",
    )
    parser.add_argument(
        "--size",
        type=_size_arg,
        default=PAGE_SIZES["1920x1080"],
        metavar="WxH",
        help="picture size: 1920x1080 (default), 1280x720, a4 (landscape, 150 dpi) or WxH",
    )
    add_selection_arguments(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    """Validate everything, then draw; 0 ok, 1 rejected or failed, 2 usage."""
    try:
        jobs = _plan(args)
    except UsageError as exc:
        return fail(exc, 2)
    except (ViewError, SelectionError, GeoDataError) as exc:
        return fail(exc, 1)
    try:
        _draw(jobs, args.size)
    except (BrowserNotFound, OSError) as exc:
        return fail(exc, 1)
    except Exception as exc:  # ExportError or a browser failure: report it, never a traceback
        return fail(f"{exc.__class__.__name__}: {exc}", 1)
    return 0


def _plan(args) -> list[tuple[Path, object]]:
    """``(out, selection)`` per picture, every input checked; nothing drawn yet."""
    if args.each_exercise != (args.out_dir is not None):
        raise UsageError("--each-exercise and --out-dir go together")
    if args.out_dir is not None and not args.out_dir.is_dir():
        raise UsageError(f"--out-dir {args.out_dir} is not an existing folder")
    out = check_out_path(args.out) if args.out is not None else None
    selection = selected(args)
    if out is not None:
        return [(out, selection)]
    return [
        (args.out_dir / f"{exercise_id}.png", part)
        for exercise_id, part in _exercise_parts(selection, args.size, args.title)
    ]


def _exercise_parts(selection, size, title_given):
    """One selection per exercise in the selection, framed on that exercise's events."""
    _, _, map_w, map_h = PageLayout(*size).map_box
    keep_title = bool(title_given) or selection.view.title != DEFAULT_TITLE
    return framed_parts(selection, (map_w, map_h), keep_title=keep_title).items()


def _draw(jobs, size) -> None:
    from layers.atomic import write_atomic
    from layers.export.png import BriefingRenderer

    with BriefingRenderer() as renderer:
        for out, selection in jobs:
            write_atomic(out, renderer.png(selection, size))
            print(f"wrote {out}")
