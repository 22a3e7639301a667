"""What the commands share: the view and data they draw, the output path, failures.

``brief`` and ``export`` draw a view: a ``--view`` recipe with the view's options
applied over it (``layers.cli.view_args``), selected once from the catalogue plus the
user data of ``--data-dir`` (``selected``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from layers.catalogue.store import ENV_VAR
from layers.cli.view_args import UsageError, add_view_arguments, date_arg, view_from_args
from layers.safe_text import terminal
from layers.view.select import Selection, check_selection, select
from layers.view.view import BriefingView

__all__ = [
    "UsageError",
    "add_selection_arguments",
    "check_out_path",
    "date_arg",
    "fail",
    "load_frames",
    "selected",
    "view_from_args",
]


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """The view's options (``layers.cli.view_args``) and ``--data-dir``."""
    add_view_arguments(parser)
    add_data_dir_option(parser)


def load_frames(args: argparse.Namespace, view: BriefingView | None = None) -> dict:
    """The catalogue plus user data (``--data-dir``, or the database); ``GeoDataError`` if invalid.

    A damaged user import is reported on stderr and left out; the rest still draws.
    With a large database catalogue only the events ``view`` selects are read.
    """
    from layers.cli.db_common import store_of

    def report(problem) -> None:
        print(f"warning: user data: {terminal(problem)}", file=sys.stderr)

    store = store_of(args)
    try:
        return store.load_catalogue(on_problem=report, view=view).frames
    finally:
        store.close()


def selected(args: argparse.Namespace) -> Selection:
    """The selection a drawing command draws: its view, applied once, and checked.

    Raises ``UsageError``, ``ViewError``, ``GeoDataError`` or ``SelectionError`` (the
    view names unknown things or shows nothing).
    """
    view = view_from_args(args)
    selection = select(load_frames(args, view), view)  # a large database: the view's events
    check_selection(selection)
    return selection


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
