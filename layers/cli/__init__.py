"""The command line: ``python -m layers validate | brief | deck | export | import | draft | db …``.

``db``, ``edit`` and ``history`` work on a shared database.

The only code that parses arguments: one module per command (``<name>_cmd.py``, each
with ``add_parser(subparsers)`` and ``run(args) -> int``) and the options they share
(``options``; ``db_common`` for the database commands, and ``--database URL``, which
every command takes). The core never imports this package. Exit codes (all commands): 0
success, 1 the input was rejected (problems printed, nothing written), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys

__all__ = ["COMMANDS", "build_parser", "main"]

# Each command module defines ``add_parser(subparsers)`` and ``run(args) -> int``.
COMMANDS = ("validate", "brief", "deck", "export", "import", "draft", "db", "edit", "history")


def _command_module(name: str):
    return importlib.import_module(f"{__name__}.{name}_cmd")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Parser with one sub-command per available command module.

    With ``only``, just that command's module is imported: ``validate`` should not pay
    for folium and Chromium imports that only ``brief`` needs.
    """
    parser = argparse.ArgumentParser(
        prog="python -m layers",
        description="Briefing map of Indo-Pacific air and maritime activity.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in (only,) if only in COMMANDS else COMMANDS:
        try:
            module = _command_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}_cmd":
                raise
            continue  # command not built yet in this checkout
        module.add_parser(sub)
    from layers.cli.db_common import add_database_option

    add_database_option(parser)  # every command takes --database URL (see db_common)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; return its exit code."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    from layers.cli.db_common import database_failures, fail, one_line

    try:
        return int(args.run(args))
    except database_failures() as exc:  # the database cannot be used: one line, exit 2
        return fail(one_line(exc, args), 2)
