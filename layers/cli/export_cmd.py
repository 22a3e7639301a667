"""``python -m layers export``: one self-contained interactive HTML file of a view."""

from __future__ import annotations

from layers.catalogue.problems import GeoDataError
from layers.cli.options import UsageError, add_selection_arguments, check_out_path, fail, selected
from layers.view.select import SelectionError
from layers.view.view import ViewError


def add_parser(subparsers) -> None:
    """Register ``export`` and its options."""
    parser = subparsers.add_parser(
        "export",
        help="write the map as one self-contained HTML file (opens with no internet)",
        description="Write the selected view as one self-contained interactive HTML file.",
    )
    parser.add_argument("--out", required=True, metavar="MAP.html", help="file to write")
    add_selection_arguments(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    """Validate everything, then write the HTML atomically; 0 ok, 1 rejected, 2 usage."""
    from layers.atomic import write_atomic
    from layers.export.html_file import render_html

    try:
        out = check_out_path(args.out)
        write_atomic(out, render_html(selected(args)).encode("utf-8"))
    except UsageError as exc:
        return fail(exc, 2)
    except (ViewError, SelectionError, GeoDataError, OSError) as exc:
        return fail(exc, 1)
    print(f"wrote {out}")
    return 0
