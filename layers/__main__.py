"""Command line: ``python -m layers validate | brief | export | import | draft``.

Exit codes (all commands): 0 success, 1 the input was rejected (problems printed,
nothing written), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Each command module defines ``add_parser(subparsers)`` and ``run(args) -> int``.
COMMANDS = ("validate", "brief", "export", "import", "draft")


def _command_module(name: str):
    return importlib.import_module(f"layers.commands.{name}_cmd")


def build_parser() -> argparse.ArgumentParser:
    """Parser with one sub-command per available command module."""
    parser = argparse.ArgumentParser(
        prog="python -m layers",
        description="Briefing map of Indo-Pacific air and maritime activity.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        try:
            module = _command_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != f"layers.commands.{name}_cmd":
                raise
            continue  # command not built yet in this checkout
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
