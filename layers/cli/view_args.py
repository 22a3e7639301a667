"""The view on the command line: every field of ``BriefingView`` as an option, and back.

The third serialisation of the view (with the link, ``layers.view.url``, and the
recipe, ``layers.view.recipe``): ``view_from_args`` reads the options (over a
``--view`` recipe when given) and ``view_to_args`` writes the options that rebuild a
view exactly, e.g. for the "the same picture from the command line" line of the
app's export tab. Options override the recipe field by field. A recipe never turns
on online tiles; ``--basemap osm|satellite`` does, explicitly.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from layers.catalogue.schema import EVENT_KINDS
from layers.map.tiles import offline_unless_chosen
from layers.view.marks import (
    MarkError,
    measure_from_text,
    measure_to_text,
    ring_from_text,
    ring_to_text,
)
from layers.view.pick import span_from_text, span_to_text
from layers.view.recipe import MAX_RECIPE_BYTES, view_from_recipe
from layers.view.view import BASEMAPS, DEFAULT_MARKING, BriefingView, Pick, ViewError

LIST_OPTIONS = {"exercises": "--exercise", "kinds": "--kind", "participants": "--participant"}
LIST_OPTIONS |= {"aircraft": "--aircraft"}


class UsageError(ValueError):
    """Options that contradict each other (exit code 2, like argparse's own errors)."""


def date_arg(text: str) -> date:
    """Argparse type for ``YYYY-MM-DD`` (a bad value is a usage error, exit 2)."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from exc


def _typed(parse):
    """An argparse type from a parser that raises ``ValueError`` with the reason."""

    def convert(text: str):
        try:
            return parse(text)
        except (ValueError, MarkError) as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc

    return convert


def _center(text: str) -> tuple[float, float]:
    lat, lon = (float(part) for part in text.split(","))
    if not (-90 <= lat <= 90 and -180 <= lon <= 360):
        raise ValueError(f"{text!r} is out of range (LAT,LON)")
    return (lat, lon)


def add_view_arguments(parser: argparse.ArgumentParser) -> None:
    """Options that choose what is drawn; they override a ``--view`` recipe."""
    g = parser.add_argument_group("the view (options override the recipe)")
    g.add_argument("--view", type=Path, metavar="RECIPE.json", help="view recipe to start from")
    g.add_argument("--start", type=date_arg, metavar="YYYY-MM-DD", help="window start")
    g.add_argument("--end", type=date_arg, metavar="YYYY-MM-DD", help="window end (inclusive)")
    helps = {
        "exercises": "exercise id(s) to show (repeatable)",
        "kinds": f"event kind(s): {', '.join(EVENT_KINDS)}",
        "participants": "participant country code(s), e.g. CHN RUS",
        "aircraft": "aircraft type(s) or families, e.g. B-52H F-35",
    }
    for field, option in LIST_OPTIONS.items():
        g.add_argument(
            option, dest=field, action="extend", nargs="+", metavar="VALUE", help=helps[field]
        )
    g.add_argument("--pick", dest="pick_ids", action="extend", nargs="+", metavar="EVENT_ID",
                   help="the timeline pick: event id(s)")  # fmt: skip
    g.add_argument("--pick-span", type=_typed(span_from_text), metavar="START..END",
                   help="the timeline pick: a span of dates, YYYY-MM-DD..YYYY-MM-DD")  # fmt: skip
    g.add_argument("--layers", metavar="KEYS", help="layers to draw, comma-separated, or none")
    g.add_argument("--center", type=_typed(_center), metavar="LAT,LON", help="map centre")
    g.add_argument("--zoom", type=int, choices=range(1, 19), metavar="1-18", help="map zoom")
    g.add_argument("--ring", dest="rings", action="append", type=_typed(ring_from_text),
                   metavar="'LAT,LON;RADIUS;LABEL'",
                   help="a range ring; RADIUS in metres or as '300 nm' / '500 km'")  # fmt: skip
    g.add_argument("--measure", dest="measures", action="append", type=_typed(measure_from_text),
                   metavar="'LAT,LON;LAT,LON;FROM;TO'", help="a measured distance")  # fmt: skip
    g.add_argument(
        "--basemap", choices=BASEMAPS, default=None,
        help="offline (the default) or online tiles: osm or satellite. Online tiles are "
        "fetched from the internet and reveal the area drawn; a recipe never turns them on",
    )  # fmt: skip
    g.add_argument("--title", help="title of the briefing")
    g.add_argument("--marking", help=f'marking line (default "{DEFAULT_MARKING}")')


def view_from_args(args: argparse.Namespace) -> BriefingView:
    """The view a command draws: the ``--view`` recipe (if any) with options applied.

    Raises ``ViewError`` for an unreadable or invalid recipe and ``UsageError`` for a
    window that ends before it starts.
    """
    view = _recipe(args.view) if args.view is not None else BriefingView()
    view, notice = offline_unless_chosen(view, args.basemap)
    if notice:
        print(f"note: {notice}", file=sys.stderr)
    changes = {f: tuple(getattr(args, f)) for f in LIST_OPTIONS if getattr(args, f)}
    changes |= {
        f: getattr(args, f)
        for f in ("start", "end", "center", "zoom", "title", "marking")
        if getattr(args, f) is not None
    }
    if args.layers is not None:
        keys = [k.strip() for k in args.layers.split(",") if k.strip()]
        changes["layers"] = () if keys == ["none"] else tuple(keys)
    if args.pick_ids or args.pick_span:
        changes["pick"] = Pick(window=args.pick_span, ids=tuple(args.pick_ids or ()))
    for field in ("rings", "measures"):
        if getattr(args, field):
            changes[field] = tuple(getattr(args, field))
    view = view.with_changes(**changes)
    if view.start and view.end and view.end < view.start:
        raise UsageError(f"--end {view.end} is before --start {view.start}")
    return view


def _recipe(path: Path) -> BriefingView:
    try:
        if Path(path).stat().st_size > MAX_RECIPE_BYTES:
            raise ViewError(f"view recipe {path} is larger than {MAX_RECIPE_BYTES} bytes")
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ViewError(f"cannot read view recipe {path}: {exc}") from exc
    return view_from_recipe(text)


def view_to_args(view: BriefingView, default: BriefingView | None = None) -> list[str]:
    """The options that rebuild ``view`` (those that differ from ``default``).

    Values are attached with ``=`` so one that starts with "-" (a southern latitude)
    is never read as an option.
    """
    default = default or BriefingView()
    argv: list[str] = []
    for field in ("start", "end"):
        value = getattr(view, field)
        if value is not None and value != getattr(default, field):
            argv.append(f"--{field}={value.isoformat()}")
    for field, option in LIST_OPTIONS.items():
        if getattr(view, field):
            argv += [option, *getattr(view, field)]
    if view.pick.ids:
        argv += ["--pick", *view.pick.ids]
    if view.pick.window is not None:
        argv.append(f"--pick-span={span_to_text(view.pick.window)}")
    if view.layers != default.layers:
        argv.append(f"--layers={','.join(view.layers) or 'none'}")
    if view.center != default.center:
        argv.append(f"--center={view.center[0]!r},{view.center[1]!r}")
    if view.zoom != default.zoom:
        argv.append(f"--zoom={view.zoom}")
    for ring in view.rings:
        argv.append(f"--ring={ring_to_text(ring)}")
    for measure in view.measures:
        argv.append(f"--measure={measure_to_text(measure)}")
    if view.basemap != default.basemap:
        argv.append(f"--basemap={view.basemap}")
    for field in ("title", "marking"):
        if getattr(view, field) != getattr(default, field):
            argv.append(f"--{field}={getattr(view, field)}")
    return argv
