"""``python -m layers import FILE | --list | --remove ID``: user events (CSV or GeoJSON).

Checks FILE exactly as the app does and prints one line per problem. By default a file
with any error is rejected whole; ``--keep-valid`` saves the valid events and reports
the rest. ``--dry-run`` checks and saves nothing. Exit 0 saved (or would save), 1
rejected (nothing saved), 2 usage error (missing file, unsupported type, unknown import).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from layers import schema, store
from layers.csv_import import oversize_problem


def add_parser(subparsers) -> None:
    """Register the ``import`` command."""
    p = subparsers.add_parser(
        "import",
        help="import user events from a CSV or GeoJSON file; list or remove imports",
        description=__doc__.split("\n\n", 1)[1],
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("file", nargs="?", type=Path, metavar="FILE", help="a .csv or .geojson file")
    what.add_argument("--list", action="store_true", help="list saved imports")
    what.add_argument("--remove", metavar="IMPORT_ID", help="remove a saved import")
    p.add_argument("--dry-run", action="store_true", help="check only; save nothing")
    keep = p.add_mutually_exclusive_group()
    keep.add_argument(
        "--keep-valid",
        dest="keep_valid",
        action="store_true",
        help="save the valid events even when other rows/features have errors",
    )
    keep.add_argument(
        "--all-or-nothing",
        dest="keep_valid",
        action="store_false",
        help="save nothing if any row/feature has an error (the default)",
    )
    add_data_dir_option(p)
    p.set_defaults(run=run)


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    """``--data-dir DIR``: the user data folder (shared by ``import``, ``brief``, ``export``)."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help=f"user data folder (default: ${store.ENV_VAR}, else userdata/ in the checkout)",
    )


def run(args: argparse.Namespace) -> int:
    """Import, list or remove; return the exit code."""
    if args.list:
        return _list(args.data_dir)
    if args.remove:
        return _remove(args.data_dir, args.remove)
    return _import(args)


def _import(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        return _usage(f"no such file: {path}")
    if path.suffix.lower() not in store.SUFFIXES:
        return _usage(f"cannot import {path.name}: use a {' or '.join(store.SUFFIXES)} file")
    size = path.stat().st_size
    if size > schema.MAX_FILE_BYTES:  # refused before reading it into memory
        print(oversize_problem(path.name, size))
        print("rejected: nothing saved", file=sys.stderr)
        return 1
    try:
        result = store.import_events(
            path.read_bytes(),
            name=path.name,
            data_dir=args.data_dir,
            dry_run=args.dry_run,
            keep_valid_only=args.keep_valid,
        )
    except store.StoreError as exc:
        print(f"import: error: {exc}", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem)
    print(_summary(result, store.resolve_data_dir(args.data_dir)), file=sys.stderr)
    return 0 if result.accepted else 1


def _summary(result: store.ImportResult, folder: Path) -> str:
    rejected = f"; {result.rejected_count} rejected" if result.rejected_count else ""
    if result.accepted and result.dry_run:
        return (
            f"dry run: would save {result.valid_count} event(s) as import "
            f"'{result.import_id}'{rejected}; nothing written"
        )
    if result.accepted:
        return (
            f"saved {result.valid_count} event(s) as import '{result.import_id}' "
            f"in {folder}{rejected}"
        )
    advice = ""
    if result.valid_count and result.errors:
        advice = (
            f"; fix the errors, or use --keep-valid to save the {result.valid_count} valid event(s)"
        )
    return f"rejected: nothing saved ({len(result.errors)} error(s){advice})"


def _list(data_dir: Path | None) -> int:
    found = store.read_user_events(data_dir, validate=False)
    for info in found.imports:
        print(
            f"{info.import_id}\t{info.feature_count} event(s)\t"
            f"saved {info.saved_at}\tfrom {info.original_name}"
        )
    for problem in found.problems:
        print(problem)
    if not found.imports and not found.problems:
        print(f"no imports in {store.resolve_data_dir(data_dir)}", file=sys.stderr)
    return 0


def _remove(data_dir: Path | None, import_id: str) -> int:
    try:
        store.remove_import(data_dir, import_id)
    except store.StoreError as exc:
        return _usage(str(exc))
    print(f"removed import '{import_id}'", file=sys.stderr)
    return 0


def _usage(message: str) -> int:
    print(f"import: error: {message}", file=sys.stderr)
    return 2
