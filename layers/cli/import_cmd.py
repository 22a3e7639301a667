"""``python -m layers import FILE | --list | --remove ID``: user events (CSV or GeoJSON).

Checks FILE exactly as the app does and prints one line per problem. By default a file
with any error is rejected whole; ``--keep-valid`` saves the valid events and reports
the rest. ``--dry-run`` checks and saves nothing. Exit 0 saved (or would save), 1
rejected (nothing saved), 2 usage error (missing file, unsupported type, unknown import).
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from pathlib import Path

from layers.catalogue import importer, schema
from layers.catalogue.csv_import import oversize_problem
from layers.cli.db_common import add_author_option, store_of
from layers.cli.options import add_data_dir_option
from layers.safe_text import terminal


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
    add_author_option(p)  # kept in the history when the store is a database
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import, list or remove; return the exit code."""
    store = store_of(args)  # files, or the database when one is set
    try:
        if args.list:
            return _list(store)
        if args.remove:
            return _remove(store, args.remove, args.author)
        return _import(args, store)
    finally:
        store.close()


def _import(args: argparse.Namespace, store) -> int:
    path: Path = args.file
    if path.suffix.lower() not in importer.SUFFIXES:
        return _usage(f"cannot import {path.name}: use a {' or '.join(importer.SUFFIXES)} file")
    try:
        data = read_regular_file(path, schema.MAX_FILE_BYTES)
    except FileTooLarge as exc:  # refused before reading it into memory
        print(terminal(oversize_problem(path.name, exc.size)))
        print("rejected: nothing saved", file=sys.stderr)
        return 1
    except FileNotFoundError:
        return _usage(f"no such file: {path}")
    except OSError as exc:
        return _usage(f"{path}: {exc.strerror or exc}")
    except ValueError as exc:
        return _usage(f"{path}: {exc}")
    try:
        result = store.import_events(
            data,
            name=path.name,
            author=args.author,
            dry_run=args.dry_run,
            keep_valid_only=args.keep_valid,
        )
    except importer.StoreError as exc:
        print(f"import: error: {terminal(exc)}", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(terminal(problem))
    print(_summary(result, store.where), file=sys.stderr)
    return 0 if result.accepted else 1


class FileTooLarge(ValueError):
    """A file over the size limit (``size`` in bytes), refused unread."""

    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a plain file of at most ``limit`` bytes.

    A symbolic link is refused rather than followed (an import named ``x.csv`` must not
    read whatever it points at), and so are devices, pipes and folders. The file is
    opened without following links and checked on the open handle, so it cannot be
    swapped between the check and the read.
    """
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError("is a symbolic link: give the file itself") from exc
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("is not a regular file (a folder, device or pipe)")
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        return handle.read(limit + 1)


def _summary(result: importer.ImportResult, folder: Path | str) -> str:
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


def _list(store) -> int:
    found = store.user_events(validate=False)
    for info in found.imports:
        # Names come from uploaded files: escaped, so they cannot drive the terminal.
        print(
            f"{terminal(info.import_id)}\t{info.feature_count} event(s)\t"
            f"saved {terminal(info.saved_at)}\tfrom {terminal(info.original_name)}"
        )
    for problem in found.problems:
        print(terminal(problem))
    if not found.imports and not found.problems:
        print(f"no imports in {store.where}", file=sys.stderr)
    return 0


def _remove(store, import_id: str, author: str) -> int:
    try:
        store.remove_import(import_id, author=author)
    except importer.StoreError as exc:
        return _usage(str(exc))
    print(f"removed import '{import_id}'", file=sys.stderr)
    return 0


def _usage(message: str) -> int:
    print(f"import: error: {terminal(message)}", file=sys.stderr)
    return 2
