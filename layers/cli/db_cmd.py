"""``python -m layers db init | load DIR | load-events FILE | status | dump --out DIR``.

The database named by ``--database URL`` or ``BRIEFING_MAP_DATABASE_URL``:

* ``init``: the PostGIS extension, the tables and indexes, and the app's role
  (``--app-role``, default ``briefing_app``) that may read and write those tables and
  nothing else. Run it as the database's owner. A new role gets a random password,
  written to ``--pgpass FILE`` (pgpass format, mode 600), never printed; the app's URL
  is printed without it (libpq reads the file through ``PGPASSFILE``).
* ``load DIR``: the catalogue files (idempotent: records the catalogue's version).
* ``load-events FILE``: a large event file (GeoParquet/CSV/GeoJSON) as one import.
* ``status``: what is stored, by layer and source; ``dump --out DIR``: back to files.

Exit codes: 0 done, 1 refused (reasons printed, nothing written), 2 usage or the
database cannot be used (one line, never the password).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from layers.cli.db_common import add_author_option, database_or_fail, fail, guarded
from layers.safe_text import terminal

ACTIONS = ("init", "load", "load-events", "status", "dump")


def add_parser(subparsers) -> None:
    """Register ``db`` and its actions."""
    p = subparsers.add_parser(
        "db", help="the PostgreSQL + PostGIS store: init, load, load-events, status, dump",
        description=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    init = sub.add_parser("init", help="extension, tables, indexes and the app's role")
    init.add_argument("--app-role", default="briefing_app", help="role the app connects as")
    init.add_argument("--pgpass", type=Path, metavar="FILE",
                      help="write the new role's password here (pgpass format)")  # fmt: skip
    init.add_argument("--app-host", default="127.0.0.1", help="host in the printed app URL")
    load = sub.add_parser("load", help="load the catalogue files of DIR (idempotent)")
    load.add_argument("folder", type=Path, metavar="DIR")
    add_author_option(load)
    large = sub.add_parser("load-events", help="a large event file as one import")
    large.add_argument("file", type=Path, metavar="FILE")
    add_author_option(large)
    sub.add_parser("status", help="what is stored, by layer and source")
    dump = sub.add_parser("dump", help="write the catalogue and imports as GeoJSON files")
    dump.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run one action; 0 done, 1 refused, 2 usage or no database."""
    store = database_or_fail(args)
    if isinstance(store, int):
        return store
    action = {"init": _init, "load": _load, "load-events": _load_events,
              "status": _status, "dump": _dump}[args.action]  # fmt: skip
    return guarded(store, lambda: action(store, args))


def _init(store, args) -> int:
    from layers.catalogue.db import schema

    with store.db.connection() as conn:
        version = schema.create_postgis(conn)
        schema.create_tables(conn)
        database, port = conn.info.dbname, conn.info.port
        # a role's password holds for the whole server: one pgpass line for any database
        key = [str(v) for v in (args.app_host, port, "*", args.app_role)]
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (args.app_role,))
        keep = exists.fetchone() is not None and _has_entry(args.pgpass, key)
        # a new password when the file given has none for this role (never printed)
        password = secrets.token_urlsafe(24) if args.pgpass and not keep else None
        created = schema.create_app_role(conn, args.app_role, password)
    if password is not None:
        _write_pgpass(args.pgpass, key, password)
    print(f"PostGIS {version}; tables and indexes ready in {terminal(database)}")
    state = "created" if created else "updated"
    print(f"app role {args.app_role} {state}: reads and writes the briefing tables only")
    where = f" (password in {args.pgpass})" if args.pgpass else ""
    print(f"app URL: postgresql://{args.app_role}@{args.app_host}:{port}/{database}{where}")
    return 0


def _has_entry(path: Path | None, key: list[str]) -> bool:
    try:
        return path is not None and any(
            line.split(":")[:4] == key for line in path.read_text().splitlines()
        )
    except OSError:
        return False


def _write_pgpass(path: Path, key: list[str], password: str) -> None:
    """Replace this role's line in a pgpass file (created with mode 600)."""

    def esc(value) -> str:
        return str(value).replace("\\", "\\\\").replace(":", "\\:")

    keep = []
    if path.exists():
        for line in path.read_text().splitlines():  # the role's old password goes
            parts = line.split(":")
            if not (parts[:2] == key[:2] and parts[3:4] == key[3:]):
                keep.append(line)
    keep.append(":".join(esc(v) for v in (*key, password)))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(keep) + "\n")
    os.chmod(path, 0o600)


def _load(store, args) -> int:
    from layers.catalogue.db.load_dump import load_dir

    if not args.folder.is_dir():
        return fail(f"{args.folder} is not a folder", 2)
    result = load_dir(store, args.folder, author=args.author)
    for problem in result.problems:
        print(terminal(problem))
    if not result.accepted:
        print(f"refused: nothing written ({len(result.problems)} problem(s))", file=sys.stderr)
        return 1
    if result.already:
        print(f"catalogue version {result.version} is already loaded: nothing to do")
        return 0
    print(
        f"loaded catalogue version {result.version}: {result.added} added, {result.updated} "
        f"updated, {result.removed} removed, {result.unchanged} unchanged"
    )
    return 0


def _load_events(store, args) -> int:
    from layers.catalogue.db.large import load_events_file
    from layers.catalogue.problems import GeoDataError

    if not args.file.is_file():
        return fail(f"no such file: {args.file}", 2)
    store.stamp()  # the database first: reading a large file takes a while
    try:
        result = load_events_file(store, args.file, author=args.author)
    except GeoDataError as exc:
        for problem in exc.problems:
            print(terminal(problem))
        print("refused: nothing written", file=sys.stderr)
        return 1
    except (ValueError, KeyError, TypeError, OSError) as exc:  # a file the reader cannot use
        print(f"refused: {terminal(args.file.name)} cannot be read as an event table "
              f"({type(exc).__name__}: {terminal(str(exc)[:200])}); nothing written",
              file=sys.stderr)  # fmt: skip
        return 1
    print(f"loaded {result.count:,} events as import '{terminal(result.import_id)}' "
          f"in {result.seconds:.1f} s")  # fmt: skip
    from layers.catalogue.db.remote import RemoteEvents

    RemoteEvents(store).summary()  # the sidebar's choices, ready for the first app process
    return 0


def _status(store, args) -> int:
    status = store.status()
    catalogue = status["meta"].get("catalogue") or {}
    counter, changed = status["stamp"]
    print(f"database {store.where}")
    print(f"catalogue version {catalogue.get('version', 'not loaded')}; "
          f"{status['imports']} import(s); {status['versions']:,} version(s); "
          f"stamp {counter} (last change {changed:%Y-%m-%d %H:%M:%S %Z})")  # fmt: skip
    print(f"{'layer':<8} {'source':<10} {'features':>10}")
    for layer, source, count in status["counts"]:
        print(f"{layer:<8} {source:<10} {count:>10,}")
    return 0


def _dump(store, args) -> int:
    from layers.catalogue.db.load_dump import dump_dir

    if args.out.exists() and not args.out.is_dir():
        return fail(f"--out {args.out} is not a folder", 2)
    written = dump_dir(store, args.out)
    for name, count in written.items():
        print(f"wrote {args.out / name} ({count} feature(s))")
    return 0
