"""A throwaway PostgreSQL + PostGIS cluster for the database tests (never a mock).

``pg_cluster`` (session): ``scripts/pgcluster.py`` starts a cluster in a temporary
folder on a free port (as the ``postgres`` user when run as root), creates a database,
runs ``python -m layers db init`` as the superuser (PostGIS, tables, the app role, its
password in a pgpass file) and stops and deletes everything at the end. The tests
connect as the app role, exactly as the app does. Outside CI a machine without the
binaries skips these tests with the reason; in CI (``CI=true``) that is a failure.

``pg_url`` (per test): the app's URL over an emptied database with the shipped
catalogue loaded (``db load geodata/``); ``BRIEFING_MAP_DATABASE_URL`` and
``PGPASSFILE`` point at it for the test and for the processes it starts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts import pgcluster

REPO = Path(__file__).resolve().parent.parent

def shipped_count(layer: str) -> int:
    """How many features the shipped catalogue has in ``layer`` (the tests follow the data)."""
    import json

    return len(json.loads((REPO / "geodata" / f"{layer}.geojson").read_text())["features"])


def shipped_total() -> int:
    """Features in every shipped layer."""
    return sum(shipped_count(layer) for layer in ("bases", "adiz", "areas", "events"))


DATABASE = "briefing_test"
APP_ROLE = "briefing_app"
TABLES = ("versions", "features", "imports", "meta")


def required() -> bool:
    """In CI a missing PostgreSQL is a failure, never a skip."""
    return (
        os.environ.get("CI", "").lower() == "true"
        or os.environ.get("BRIEFING_MAP_REQUIRE_DATABASE") == "1"
    )


@dataclass(frozen=True)
class PgCluster:
    """A running throwaway cluster: the superuser's and the app's URLs, and the pgpass."""

    cluster: pgcluster.Cluster
    admin_url: str
    app_url: str
    pgpass: Path

    def admin(self):
        """A superuser connection (autocommit), for set-up and inspection only."""
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True)

    def fresh_database(self, name: str) -> str:
        """A new database ``name`` (dropped first), initialised, the catalogue loaded; its URL.

        For tests that keep servers on a database of their own while ``pg_url`` resets
        the shared one.
        """
        from psycopg import sql

        with self.admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        admin = self.cluster.admin_url(name)
        done = layers_cmd("db", "init", "--database", admin, "--pgpass", str(self.pgpass))
        assert done.returncode == 0, done.stderr
        url = f"postgresql://{APP_ROLE}@127.0.0.1:{self.cluster.port}/{name}"
        env = {"PGPASSFILE": str(self.pgpass)}
        done = layers_cmd("db", "load", str(REPO / "geodata"), "--database", url, env=env)
        assert done.returncode == 0, done.stderr
        return url

    def reset(self) -> None:
        """Empty every table (rows of all kinds) and set the stamp back to 0."""
        with self.admin() as conn:
            tables = ", ".join(f"briefing.{t}" for t in TABLES)
            conn.execute(f"TRUNCATE {tables} CASCADE")
            conn.execute("UPDATE briefing.stamp SET counter = 0")
            conn.execute(
                "INSERT INTO briefing.meta (key, value) VALUES ('schema_version', '1'::jsonb)"
            )


def layers_cmd(*args: str, env: dict | None = None, timeout: float = 120):
    """``python -m layers ARGS`` in a child process; the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "layers", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def pg_cluster():
    """A started cluster with the app's database initialised; removed at the end."""
    reason = pgcluster.missing_reason()
    if reason:
        if required():
            pytest.fail(f"PostgreSQL is required in CI: {reason}")
        pytest.skip(reason)
    from scripts.appserver import free_port

    top = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    os.chmod(top, 0o711)  # the postgres user (as root) must reach the cluster folder
    cluster = pgcluster.Cluster(top / "cluster", free_port())
    try:
        cluster.init(durable=False)
        cluster.start()
        cluster.create_database(DATABASE)
        pgpass = top / "pgpass"
        admin_url = cluster.admin_url(DATABASE)
        result = layers_cmd("db", "init", "--database", admin_url, "--pgpass", str(pgpass))
        assert result.returncode == 0, result.stderr
        app_url = f"postgresql://{APP_ROLE}@127.0.0.1:{cluster.port}/{DATABASE}"
        yield PgCluster(cluster, admin_url, app_url, pgpass)
    finally:
        cluster.stop()
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster, monkeypatch) -> str:
    """The app's URL over a fresh database holding the shipped catalogue."""
    from layers.catalogue.db.connect import ENV_VAR
    from layers.catalogue.db.load_dump import load_dir
    from layers.catalogue.db.store import PostgisStore
    from layers.catalogue.registry import GEODATA_DIR

    pg_cluster.reset()
    monkeypatch.setenv("PGPASSFILE", str(pg_cluster.pgpass))
    monkeypatch.setenv(ENV_VAR, pg_cluster.app_url)
    store = PostgisStore(pg_cluster.app_url)
    try:
        assert load_dir(store, GEODATA_DIR, author="test set-up").accepted
    finally:
        store.close()
    return pg_cluster.app_url


@pytest.fixture
def pg_store(pg_url):
    """A ``PostgisStore`` on ``pg_url`` (closed after the test)."""
    from layers.catalogue.db.store import PostgisStore

    store = PostgisStore(pg_url)
    yield store
    store.close()


HOSTILE_EDIT = (
    '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> [x](javascript:0)'
)


def hostile_database(pg: PgCluster, corpus: Path) -> dict[str, str]:
    """A fresh database holding the hostile event, imported and then edited with hostile text
    by a hostile author; the environment that points an app at it."""
    from layers.catalogue.db.edits import edit_event
    from layers.catalogue.db.store import PostgisStore

    url = pg.fresh_database("briefing_hostile")
    env = {"BRIEFING_MAP_DATABASE_URL": url, "PGPASSFILE": str(pg.pgpass)}
    old = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(pg.pgpass)
    try:
        store = PostgisStore(url)
        data = (corpus / "hostile_events.geojson").read_bytes()
        author = f"author {HOSTILE_EDIT}"
        assert store.import_events(data, name="hostile_events.geojson", author=author).accepted
        edited = edit_event(store, "hostile-stored-2025-12-10", {"notes": HOSTILE_EDIT},
                            author=author, comment=f"why {HOSTILE_EDIT}")  # fmt: skip
        assert edited.accepted, edited.problems
        store.close()
    finally:
        if old is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = old
    return env
