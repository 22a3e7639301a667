"""``python -m layers history EVENT_ID``: every version of an event, oldest first.

Each version: its number, when (UTC), what happened (load, import, draft, edit,
remove, restore), who, why (the comment), and what changed, field by field (old →
new). Make an old version current again with ``python -m layers edit EVENT_ID
--restore-version N --author NAME --comment TEXT``. Needs a database (``--database``
or ``BRIEFING_MAP_DATABASE_URL``). Exit codes: 0 printed, 2 no such event or database.
"""

from __future__ import annotations

import argparse

from layers.cli.db_common import database_or_fail, guarded
from layers.safe_text import terminal


def add_parser(subparsers) -> None:
    """Register ``history``."""
    p = subparsers.add_parser(
        "history", help="every version of an event: who, when, what changed, why",
        description=__doc__.split("\n\n", 1)[1],
    )  # fmt: skip
    p.add_argument("event_id", metavar="EVENT_ID")
    p.add_argument("--layer", default="events", help="the feature's layer (default: events)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the history; 0 printed, 2 no such event or no database."""
    store = database_or_fail(args)
    if isinstance(store, int):
        return store
    return guarded(store, lambda: _print(store, args))


def _print(store, args) -> int:
    from layers.catalogue.db.versions import history
    from layers.catalogue.importer import StoreError
    from layers.outputs.history import history_lines

    with store.connection() as conn:
        found = history(conn, args.layer, args.event_id)
    if not found:
        raise StoreError(f"there is no {args.layer} feature '{args.event_id}' in the database")
    for line in history_lines(args.event_id, found):
        print(terminal(line))
    return 0
