"""``make db``: a local PostgreSQL + PostGIS database for the app, in ``.db/`` (git-ignored).

Creates and starts a cluster in ``.db/cluster`` (``scripts/pgcluster.py``: as the
``postgres`` user when run as root, listening on 127.0.0.1 only), creates the
``briefing_map`` database, runs ``python -m layers db init`` as the cluster's superuser
(PostGIS, tables, indexes, the ``briefing_app`` role; its password goes to
``.db/pgpass``, mode 600, never printed), loads ``geodata/`` as the app's role, and
prints the URL to use, without the password. Idempotent: run it again to start a
stopped cluster; the data stays. ``--stop`` stops the cluster.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pgcluster

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / ".db"
DATABASE = "briefing_map"
ROLE = "briefing_app"
DEFAULT_PORT = 55432


def local_url(port: int = DEFAULT_PORT) -> str:
    """The app's URL of the local database (no password: it is in ``.db/pgpass``)."""
    return f"postgresql://{ROLE}@127.0.0.1:{port}/{DATABASE}"


def _layers(*args: str, env: dict | None = None) -> None:
    command = [sys.executable, "-m", "layers", *args]
    done = subprocess.run(command, cwd=REPO, env={**os.environ, **(env or {})}, check=False)
    if done.returncode != 0:
        raise SystemExit(f"local_db: python -m layers {args[0]} {args[1]} failed")


def main(argv: list[str] | None = None) -> int:
    """Set up (or start) the local database and print its URL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("DB_PORT", DEFAULT_PORT)))
    parser.add_argument("--stop", action="store_true", help="stop the local cluster")
    args = parser.parse_args(argv)
    cluster = pgcluster.Cluster(FOLDER / "cluster", args.port)
    if args.stop:
        cluster.stop()
        print("local database stopped")
        return 0
    reason = pgcluster.missing_reason()
    if reason:
        print(f"local_db: {reason}", file=sys.stderr)
        return 1
    try:
        cluster.init()
        cluster.start()
        cluster.create_database(DATABASE)
    except pgcluster.ClusterError as exc:
        print(f"local_db: {exc}", file=sys.stderr)
        return 1
    pgpass = FOLDER / "pgpass"
    _layers("db", "init", "--database", cluster.admin_url(DATABASE), "--pgpass", str(pgpass))
    app = {"PGPASSFILE": str(pgpass), "BRIEFING_MAP_DATABASE_URL": local_url(args.port)}
    _layers("db", "load", str(REPO / "geodata"), "--author", "make db", env=app)
    print()
    print(f"The local database is ready: {local_url(args.port)}")
    print("Use it (the password is in .db/pgpass, read automatically; it is never printed):")
    print(f"  export BRIEFING_MAP_DATABASE_URL={local_url(args.port)}")
    print("  make run      # the app on the database; python -m layers db status")
    return 0


if __name__ == "__main__":
    sys.exit(main())
