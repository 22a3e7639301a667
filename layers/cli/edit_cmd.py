"""``python -m layers edit EVENT_ID --set FIELD=VALUE … --author NAME --comment TEXT``.

Changes an event in the database as a new version (see ``python -m layers history``).
Values are written as in the CSV import: lists ``a|b``, aircraft
``type:count:operator|…``, sources through ``source_title``/``source_url``/… (``|``
between sources), ``geometry=WKT``; an empty value removes an optional field. The
edited event is checked as an import is and the problems printed the same way.
``--expect-version N`` refuses the edit if anyone saved the event after version N,
naming who and what. ``--remove`` removes the event (a version too);
``--restore-version N`` makes version N the current one again (also after a removal).
Exit codes: 0 saved, 1 refused (nothing written), 2 usage, no such event, or no database.
"""

from __future__ import annotations

import argparse
import sys

from layers.cli.db_common import add_author_option, database_or_fail, fail, guarded
from layers.safe_text import terminal


def add_parser(subparsers) -> None:
    """Register ``edit``."""
    p = subparsers.add_parser(
        "edit", help="change, remove or restore an event in the database (a new version)",
        description=__doc__.split("\n\n", 1)[1],
    )  # fmt: skip
    p.add_argument("event_id", metavar="EVENT_ID")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--set", dest="changes", action="append", metavar="FIELD=VALUE",
                      help="a field's new value (repeatable)")  # fmt: skip
    what.add_argument("--remove", action="store_true", help="remove the event")
    what.add_argument("--restore-version", type=int, metavar="N",
                      help="make version N of the event current again")  # fmt: skip
    add_author_option(p, required=True)
    p.add_argument("--comment", required=True, help="why: kept in the history")
    p.add_argument("--expect-version", type=int, metavar="N",
                   help="refuse if the event is no longer at version N")  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Edit, remove or restore; 0 saved, 1 refused, 2 usage or no database."""
    from layers.catalogue.db.edits import parse_assignments

    changes = {}
    if args.changes:
        try:
            changes = parse_assignments(args.changes)
        except ValueError as exc:
            return fail(f"--set {exc}", 2)
    if not args.author.strip() or not args.comment.strip():
        return fail("--author and --comment must not be empty", 2)
    store = database_or_fail(args)
    if isinstance(store, int):
        return store
    return guarded(store, lambda: _run(store, args, changes))


def _run(store, args, changes: dict) -> int:
    from layers.catalogue.db import edits

    who = {"author": args.author.strip(), "comment": args.comment.strip()}
    if args.remove:
        version = edits.remove_event(store, args.event_id, expected=args.expect_version, **who)
        print(f"removed event {terminal(args.event_id)}: version {version}")
        return 0
    if args.restore_version is not None:
        result = edits.restore_version(
            store, args.event_id, args.restore_version, expected=args.expect_version, **who
        )
    else:
        result = edits.edit_event(
            store, args.event_id, changes, expected=args.expect_version,
            dry_run=args.dry_run, **who,
        )  # fmt: skip
    for problem in result.problems:
        print(terminal(problem))
    if not result.accepted:
        errors = sum(p.severity == "error" for p in result.problems)
        print(f"refused: nothing written ({errors} problem(s))", file=sys.stderr)
        return 1
    fields = ", ".join(c["field"] for c in result.changes) or "all fields"
    if args.dry_run:
        print(f"dry run: would save event {terminal(args.event_id)} (changes {terminal(fields)})")
    elif args.restore_version is not None:
        print(f"restored version {args.restore_version} of event {terminal(args.event_id)} "
              f"as version {result.version}")  # fmt: skip
    else:
        print(f"saved event {terminal(args.event_id)} as version {result.version} "
              f"(changed {terminal(fields)})")  # fmt: skip
    return 0
