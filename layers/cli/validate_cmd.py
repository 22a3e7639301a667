"""``python -m layers validate FILE... [--kind K]``: check GeoJSON files against the schemas.

Prints one line per problem to stdout (warnings prefixed ``warning:``) and a
summary to stderr. Exit 0 when no file has an error, 1 when any has, 2 for a
usage error (a missing file, or a file whose dataset cannot be told).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from layers.catalogue import registry, schema
from layers.catalogue.problems import errors
from layers.catalogue.validate import ids_in_file, kind_from_filename, validate_file
from layers.safe_text import terminal


def add_parser(subparsers) -> None:
    """Register the ``validate`` command."""
    p = subparsers.add_parser(
        "validate",
        help="check GeoJSON files against the dataset schemas",
        description=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path, help="GeoJSON files to check")
    p.add_argument(
        "--kind",
        choices=tuple(schema.SCHEMAS),
        help="dataset of every FILE (default: from each file name, e.g. my-events.geojson)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file; return the exit code."""
    kinds = _kinds(args.files, args.kind)
    if kinds is None:
        return 2
    base_ids = _base_ids(args.files, kinds)
    n_errors = n_warnings = 0
    for path, kind in zip(args.files, kinds, strict=True):
        refs = base_ids if kind == "events" else None
        problems = validate_file(path, kind=kind, base_ids=refs)
        for problem in problems:
            print(terminal(problem))
        n_errors += len(errors(problems))
        n_warnings += len(problems) - len(errors(problems))
    print(_summary(len(args.files), n_errors, n_warnings), file=sys.stderr)
    return 1 if n_errors else 0


def _kinds(files: list[Path], kind: str | None) -> list[str] | None:
    """Dataset of each file, or ``None`` after printing a usage error."""
    kinds = []
    for path in files:
        if not path.is_file():
            print(f"validate: error: no such file: {path}", file=sys.stderr)
            return None
        found = kind or kind_from_filename(path.name)
        if found is None:
            keys = "|".join(schema.SCHEMAS)
            print(
                f"validate: error: cannot tell which dataset {path} is;"
                f" pass --kind {keys} or name it e.g. my-events.geojson",
                file=sys.stderr,
            )
            return None
        kinds.append(found)
    return kinds


def _base_ids(files: list[Path], kinds: list[str]) -> frozenset[str] | None:
    """Base ids for events' references: a bases file given, else the shipped one."""
    if "events" not in kinds:
        return None
    given = [path for path, kind in zip(files, kinds, strict=True) if kind == "bases"]
    if given:
        return frozenset().union(*(ids_in_file(path) for path in given))
    shipped = registry.LAYERS_BY_KEY["bases"].path
    return ids_in_file(shipped) if shipped.is_file() else None


def _summary(n_files: int, n_errors: int, n_warnings: int) -> str:
    text = f"{n_files} file{'s' * (n_files != 1)}, {n_errors} problem{'s' * (n_errors != 1)}"
    if n_warnings:
        text += f", {n_warnings} warning{'s' * (n_warnings != 1)}"
    return text
