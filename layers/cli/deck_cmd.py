"""``python -m layers deck``: a 16:9 PowerPoint briefing deck of a view.

The overview slide of the view, and with ``--each-exercise`` one more slide per
exercise in it, framed on that exercise (``layers.export.deck``). Every option is
checked before the browser starts; one browser draws every slide's map; the file is
written atomically, so a failure never leaves a partial deck.
"""

from __future__ import annotations

from pathlib import Path

from layers.catalogue.problems import GeoDataError
from layers.cli.options import UsageError, add_selection_arguments, check_out_path, fail, selected
from layers.export.browser import BrowserNotFound
from layers.export.checks import export_problem
from layers.view.select import SelectionError
from layers.view.view import ViewError


def add_parser(subparsers) -> None:
    """Register ``deck`` and its options."""
    parser = subparsers.add_parser(
        "deck",
        help="write a PowerPoint briefing deck (16:9: map, numbered events, sources in the notes)",
        description="Write the selected view as a 16:9 PowerPoint deck: an overview slide and, "
        "with --each-exercise, one slide per exercise. Maps are drawn in headless Chromium.",
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="BRIEFING.pptx", help=".pptx file to write"
    )
    parser.add_argument(
        "--each-exercise",
        action="store_true",
        help="one more slide per exercise in the selection, framed on that exercise",
    )
    add_selection_arguments(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    """Validate everything, then draw and write the deck; 0 ok, 1 rejected or failed, 2 usage."""
    from layers.export.deck import deck_parts

    try:
        out = _out_path(args.out)
        selection = selected(args)
        problem = export_problem(selection)
        if problem:
            raise SelectionError(problem)
        parts = deck_parts(selection, args.each_exercise)
    except UsageError as exc:
        return fail(exc, 2)
    except (ViewError, SelectionError, GeoDataError) as exc:
        return fail(exc, 1)
    try:
        _write(out, parts)
    except (BrowserNotFound, OSError) as exc:
        return fail(exc, 1)
    except Exception as exc:  # ExportError or a browser failure: report it, never a traceback
        return fail(f"{exc.__class__.__name__}: {exc}", 1)
    print(f"wrote {out} ({len(parts)} slide{'s' * (len(parts) != 1)})")
    return 0


def _out_path(path: Path) -> Path:
    if Path(path).suffix.lower() != ".pptx":
        raise UsageError(f"--out {path}: a deck is a .pptx file (give a name ending in .pptx)")
    return check_out_path(path)


def _write(out: Path, parts) -> None:
    """Draw every slide's map with one browser, build the deck, write it atomically."""
    from layers.atomic import write_atomic
    from layers.export.deck import render_deck
    from layers.export.png import BriefingRenderer

    online = parts[0].view.basemap != "offline"  # tiles chosen with --basemap: only their hosts
    with BriefingRenderer(online=online) as renderer:
        deck = render_deck(parts, renderer.map_pngs)
    write_atomic(out, deck)
