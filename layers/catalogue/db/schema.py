"""The database's tables, indexes and the app's role (``python -m layers db init``).

Schema ``briefing`` (owned by whoever runs ``db init``, e.g. the cluster's superuser):

* ``features``: one row per feature of every layer, the GeoJSON feature kept as
  written (``json``, so a dump gives back the same text), plus columns derived from it
  for SQL: ``geom`` (GiST), ``start_day``/``end_day`` (btree), kind, exercise,
  participants and aircraft (types and families) for filters, and a representative
  point (``pt``, GiST; ``px``/``py`` in the map's longitude window) for the viewport
  and its grid. ``removed`` marks
  a removal (rows are never deleted).
* ``versions``: every change of a feature (load, import, draft, edit, remove, restore)
  with author, time, comment, the field-by-field change and the full snapshot.
* ``imports``: one row per imported file; ``meta``: schema and catalogue versions.
* ``stamp``: one row whose counter every write transaction bumps: the cheap "has
  anything changed?" an app server asks once per rerun. Writers lock it first, so
  writes are serialised (ids stay unique across imports; no lost update).

The app's role (``--app-role``) may read and write these tables and nothing else: no
DELETE anywhere (history is append-only), no DDL, no other schema.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from layers.catalogue.db.connect import SCHEMA, DatabaseError

SCHEMA_VERSION = 1
ROLE_PATTERN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

TABLES = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.meta (key text PRIMARY KEY, value jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS {SCHEMA}.stamp (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    counter bigint NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now());
INSERT INTO {SCHEMA}.stamp (one) VALUES (true) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS {SCHEMA}.imports (
    import_id text PRIMARY KEY,
    original_name text NOT NULL,
    action text NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now(),
    saved_by text NOT NULL,
    feature_count integer NOT NULL,
    removed_at timestamptz,
    removed_by text);
CREATE TABLE IF NOT EXISTS {SCHEMA}.features (
    layer text NOT NULL,
    id text NOT NULL,
    origin text NOT NULL CHECK (origin IN ('catalogue', 'import', 'draft')),
    import_id text REFERENCES {SCHEMA}.imports,
    position bigint NOT NULL,
    version integer NOT NULL,
    source text NOT NULL,
    removed boolean NOT NULL DEFAULT false,
    feature json NOT NULL,
    geom geometry(Geometry, 4326) NOT NULL,
    start_day date,
    end_day date,
    kind text,
    exercise_id text,
    exercise text,
    name text,
    participants text[],
    aircraft text[],
    px double precision,
    py double precision,
    pt geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(
        CASE WHEN px >= 180 THEN px - 360 ELSE px END, py), 4326)) STORED,
    PRIMARY KEY (layer, id));
CREATE INDEX IF NOT EXISTS features_geom ON {SCHEMA}.features USING gist (geom);
CREATE INDEX IF NOT EXISTS features_point ON {SCHEMA}.features USING gist (pt);
CREATE INDEX IF NOT EXISTS features_start ON {SCHEMA}.features (start_day);
CREATE INDEX IF NOT EXISTS features_end ON {SCHEMA}.features (end_day);
CREATE INDEX IF NOT EXISTS features_import ON {SCHEMA}.features (import_id);
-- The current events by first day, carrying what counts, the timeline and the map's grid
-- read, so those queries scan the index only; and their spans, so that a window's
-- lower bound on start_day is known (start - longest span), as in the in-memory index.
CREATE INDEX IF NOT EXISTS features_window ON {SCHEMA}.features (start_day)
    INCLUDE (end_day, kind, exercise_id, exercise, participants, aircraft, px, py, pt, id)
    WHERE layer = 'events' AND NOT removed;
CREATE INDEX IF NOT EXISTS features_span ON {SCHEMA}.features ((end_day - start_day))
    WHERE layer = 'events' AND NOT removed;
CREATE TABLE IF NOT EXISTS {SCHEMA}.versions (
    layer text NOT NULL,
    id text NOT NULL,
    version integer NOT NULL,
    action text NOT NULL
        CHECK (action IN ('load', 'import', 'draft', 'edit', 'remove', 'restore')),
    author text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    comment text NOT NULL DEFAULT '',
    changes jsonb NOT NULL,
    snapshot json NOT NULL,
    import_id text,
    PRIMARY KEY (layer, id, version));
"""

# What the app's role may do, table by table: never DELETE, never DDL.
GRANTS = {
    "features": "SELECT, INSERT, UPDATE",
    "versions": "SELECT, INSERT",
    "imports": "SELECT, INSERT, UPDATE",
    "stamp": "SELECT, UPDATE",
    "meta": "SELECT, INSERT, UPDATE",
}


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores: the password never leaves this process."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def create_postgis(conn) -> str:
    """``CREATE EXTENSION postgis`` when missing; its version, or a one-line ``DatabaseError``."""
    import psycopg

    try:
        with conn.transaction():
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    except (psycopg.errors.FeatureNotSupported, psycopg.errors.UndefinedFile) as exc:
        raise DatabaseError("PostGIS is not installed on the database server: "
                            "apt-get install postgresql-15-postgis-3 there") from exc  # fmt: skip
    except psycopg.errors.InsufficientPrivilege as exc:
        raise DatabaseError(
            "this user may not create the PostGIS extension: run db init as the database owner"
        ) from exc
    query = "SELECT extversion FROM pg_extension WHERE extname = 'postgis'"
    return conn.execute(query).fetchone()[0]


def create_tables(conn) -> None:
    """Every table and index (idempotent), and the schema version in ``meta``."""
    from psycopg.types.json import Jsonb

    with conn.transaction():
        conn.execute(TABLES)
        conn.execute(
            f"INSERT INTO {SCHEMA}.meta (key, value) VALUES ('schema_version', %s) "
            "ON CONFLICT (key) DO NOTHING",
            (Jsonb(SCHEMA_VERSION),),
        )


def create_app_role(conn, role: str, password: str | None) -> bool:
    """The app's login role with its table rights only; True when it was created.

    With ``password`` (a new role, or to change it) the role's password is set from
    its SCRAM verifier, passed as a bound parameter and quoted by the server.
    """
    from psycopg import sql

    if not ROLE_PATTERN.match(role):
        raise DatabaseError(f"{role!r} is not a role name (lower-case letters, digits, '_')")
    ident = sql.Identifier(role)
    with conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if not exists:
            conn.execute(
                sql.SQL(
                    "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                ).format(ident)
            )
        if password is not None:
            # DDL takes no parameters: the values go in as settings of this transaction
            # (bound), and the server quotes them (%I, %L).
            conn.execute(
                "SELECT set_config('briefing.role', %s, true), "
                "set_config('briefing.verifier', %s, true)",
                (role, scram_verifier(password)),
            )
            conn.execute(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', "
                "current_setting('briefing.role'), current_setting('briefing.verifier')); END $$"
            )
        database = conn.execute("SELECT current_database()").fetchone()[0]
        conn.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), ident)
        )
        conn.execute(
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(SCHEMA), ident)
        )
        for table, rights in GRANTS.items():
            conn.execute(
                sql.SQL("GRANT {} ON {}.{} TO {}").format(
                    sql.SQL(rights), sql.Identifier(SCHEMA), sql.Identifier(table), ident
                )
            )
        conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA public FROM {}").format(ident))
    return not exists


def check_ready(conn) -> None:
    """Raise a one-line ``DatabaseError`` unless PostGIS and the tables are there."""
    row = conn.execute(
        "SELECT (SELECT extversion FROM pg_extension WHERE extname = 'postgis'), "
        "to_regclass(%s) IS NOT NULL",
        (f"{SCHEMA}.features",),
    ).fetchone()
    database = conn.execute("SELECT current_database()").fetchone()[0]
    if row[0] is None:
        raise DatabaseError(
            f"the database {database!r} has no PostGIS extension: run python -m layers db init "
            "as its owner (with the PostGIS package installed on the server)"
        )
    if not row[1]:
        raise DatabaseError(
            f"the database {database!r} has no briefing-map tables yet: "
            "run python -m layers db init"
        )
