"""What the database commands share: ``--database``, ``--author``, and failing in one line.

``--database URL`` is accepted by every command (``add_database_option``, added by
``layers.cli.build_parser``); without it ``BRIEFING_MAP_DATABASE_URL`` is used, and
without either the commands work on files, as always. A database that cannot be used
(wrong URL, refused login, unreachable, no PostGIS) is one line on stderr and exit 2,
with no traceback and never the password.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from layers.catalogue.stores import default_author, open_store
from layers.safe_text import terminal


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """``--database URL`` on ``parser`` and on each of its sub-commands' parsers."""
    if "--database" not in parser._option_string_actions:
        parser.add_argument(
            "--database", metavar="URL", default=argparse.SUPPRESS,
            help="PostgreSQL URL of a shared catalogue (default: $BRIEFING_MAP_DATABASE_URL; "
            "without either, files). Keep passwords out of it: use a pgpass file",
        )  # fmt: skip
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                add_database_option(child)


def add_author_option(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """``--author NAME``: who made the change (default: the operating system's user)."""
    parser.add_argument(
        "--author", required=required, default=None if required else default_author(),
        help="who makes this change, kept in the history" + ("" if required else
        " (default: your login name)"),
    )  # fmt: skip


def fail(message, code: int) -> int:
    """Print ``error: message`` to stderr (escaped for the terminal); return ``code``."""
    print(f"error: {terminal(message)}", file=sys.stderr)
    return code


def store_of(args: argparse.Namespace):
    """The store the command works on (``--database``, the setting, else files)."""
    return open_store(getattr(args, "database", None), getattr(args, "data_dir", None))


def database_or_fail(args: argparse.Namespace):
    """The ``PostgisStore``, or exit code 2 when no database is configured."""
    store = store_of(args)
    if store.kind != "database":
        return fail("no database: set BRIEFING_MAP_DATABASE_URL or give --database URL", 2)
    return store


def database_failures() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "the database cannot be used" (no psycopg import forced)."""
    from layers.catalogue.db.connect import DatabaseError

    psycopg = sys.modules.get("psycopg")
    return (DatabaseError, psycopg.Error) if psycopg else (DatabaseError,)


def one_line(exc: BaseException, args: argparse.Namespace) -> str:
    """The one line a database failure is reported as (never the password)."""
    from layers.catalogue.db.connect import DatabaseError, database_url, explain

    if isinstance(exc, DatabaseError):
        return str(exc)
    return str(explain(exc, database_url(getattr(args, "database", None)) or ""))


def guarded(store, action: Callable[[], int]) -> int:
    """Run ``action``; a database that cannot be used is one line and exit 2."""
    from layers.catalogue.db.connect import DatabaseError, explain
    from layers.catalogue.db.edits import Refused
    from layers.catalogue.db.versions import StaleVersion
    from layers.catalogue.importer import StoreError

    try:
        import psycopg
    except ImportError:  # only reached with a database URL: say what to install
        return fail("a database URL is set but psycopg is not installed (make venv)", 2)
    try:
        return action()
    except DatabaseError as exc:
        return fail(exc, 2)
    except psycopg.Error as exc:
        return fail(explain(exc, getattr(store, "url", "")), 2)
    except (StaleVersion, Refused) as exc:
        print(f"refused: {terminal(exc)}", file=sys.stderr)
        return 1
    except StoreError as exc:  # no such event, import or version
        return fail(exc, 2)
    finally:
        store.close()
