"""What the commands share: selection options, the view and data they name, failures.

``brief`` and ``export`` draw a view: a ``--view`` recipe with the selection options
applied over it (``view_from_args``), on the catalogue plus the user data of
``--data-dir`` (``load_frames``).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from layers.catalogue.schema import EVENT_KINDS
from layers.catalogue.store import ENV_VAR
from layers.map.tiles import offline_unless_chosen
from layers.safe_text import terminal
from layers.view.recipe import MAX_RECIPE_BYTES, view_from_recipe
from layers.view.selection import check_selection
from layers.view.view import BASEMAPS, DEFAULT_MARKING, BriefingView, ViewError


class UsageError(ValueError):
    """Options that contradict each other (exit code 2, like argparse's own errors)."""


def date_arg(text: str) -> date:
    """Argparse type for ``YYYY-MM-DD`` (a bad value is a usage error, exit 2)."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from exc


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """Options that choose what the map shows; they override a ``--view`` recipe."""
    group = parser.add_argument_group("selection (overrides the recipe)")
    group.add_argument("--view", type=Path, metavar="RECIPE.json", help="view recipe to start from")
    group.add_argument(
        "--exercise", dest="exercises", action="extend", nargs="+", metavar="ID",
        help="exercise id(s) to show (repeatable)",
    )  # fmt: skip
    group.add_argument(
        "--kind", dest="kinds", action="extend", nargs="+", metavar="KIND",
        help=f"event kind(s): {', '.join(EVENT_KINDS)}",
    )  # fmt: skip
    group.add_argument(
        "--participant", dest="participants", action="extend", nargs="+", metavar="ISO3",
        help="participant country code(s), e.g. CHN RUS",
    )  # fmt: skip
    group.add_argument("--start", type=date_arg, metavar="YYYY-MM-DD", help="window start")
    group.add_argument("--end", type=date_arg, metavar="YYYY-MM-DD", help="window end (inclusive)")
    group.add_argument(
        "--basemap", choices=BASEMAPS, default=None,
        help="offline (the default) or online tiles: osm or satellite. Online tiles are "
        "fetched from the internet and reveal the area drawn; a recipe never turns them on",
    )  # fmt: skip
    group.add_argument("--title", help="title of the briefing")
    group.add_argument("--marking", help=f'marking line (default "{DEFAULT_MARKING}")')
    add_data_dir_option(group)


def view_from_args(args: argparse.Namespace) -> BriefingView:
    """The view a command draws: the ``--view`` recipe (if any) with options applied.

    Raises ``ViewError`` for an unreadable or invalid recipe and ``UsageError`` for a
    window that ends before it starts.
    """
    view = BriefingView()
    if args.view is not None:
        try:
            if Path(args.view).stat().st_size > MAX_RECIPE_BYTES:
                raise ViewError(f"view recipe {args.view} is larger than {MAX_RECIPE_BYTES} bytes")
            text = Path(args.view).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ViewError(f"cannot read view recipe {args.view}: {exc}") from exc
        view = view_from_recipe(text)
    view, notice = offline_unless_chosen(view, getattr(args, "basemap", None))
    if notice:
        print(f"note: {notice}", file=sys.stderr)
    changes = {
        name: tuple(getattr(args, name))
        for name in ("exercises", "kinds", "participants")
        if getattr(args, name)
    }
    changes |= {
        name: getattr(args, name)
        for name in ("start", "end", "title", "marking")
        if getattr(args, name) is not None
    }
    view = view.with_changes(**changes)
    if view.start and view.end and view.end < view.start:
        raise UsageError(f"--end {view.end} is before --start {view.start}")
    return view


def load_frames(args: argparse.Namespace) -> dict:
    """The catalogue plus user data (``--data-dir``); raises ``GeoDataError`` if invalid.

    A damaged user import is reported on stderr and left out; the rest still draws.
    """
    from layers.catalogue.load import load_catalogue
    from layers.catalogue.store import load_user_events

    def report(problem) -> None:
        print(f"warning: user data: {terminal(problem)}", file=sys.stderr)

    user = load_user_events(getattr(args, "data_dir", None), on_problem=report)
    return load_catalogue(extra_events=[user]).frames


def selected(args: argparse.Namespace) -> tuple[dict, BriefingView]:
    """``(frames, view)`` a drawing command draws, checked (``view_from_args``, ``load_frames``).

    Raises ``UsageError``, ``ViewError``, ``GeoDataError`` or ``SelectionError`` (the
    view names unknown things or shows nothing).
    """
    view = view_from_args(args)
    frames = load_frames(args)
    check_selection(frames, view)
    return frames, view


def check_out_path(path: Path) -> Path:
    """``path`` if its folder exists and it is not a folder itself; else ``UsageError``."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"--out {path} is a directory; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"--out {path}: folder {path.parent} does not exist")
    return path


def fail(message, code: int) -> int:
    """Print ``error: message`` to stderr and return ``code`` (the exit status)."""
    print(f"error: {terminal(message)}", file=sys.stderr)
    return code


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    """``--data-dir DIR``: the user data folder (shared by ``import``, ``brief``, ``export``)."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help=f"user data folder (default: ${ENV_VAR}, else userdata/ in the checkout)",
    )
