"""Database security: one clear line (exit 2) for every failure, never the password; the
app's role reads and writes its own tables and nothing else; SQL takes bound values."""

from __future__ import annotations

import ast
from pathlib import Path

import psycopg
import pytest
from db_fixtures import DATABASE, layers_cmd, shipped_total

pytestmark = pytest.mark.database

SECRET = "s3cr3t-Pa55word-do-not-print"
REPO = Path(__file__).resolve().parent.parent
COMMANDS = (
    ("db", "status"),
    ("import", "docs/templates/events_template.csv"),
    ("export", "--out", "/tmp/never-written.html"),
    ("edit", "x", "--set", "name=y", "--author", "a", "--comment", "c"),
    ("history", "x"),
)
MORE_COMMANDS = (  # every other command, for one of the cases (each is a process start)
    ("db", "load", "geodata"),
    ("db", "dump", "--out", "/tmp/never-written-dump"),
    ("db", "load-events", "docs/templates/events_template.csv"),
    ("import", "--list"),
    ("brief", "--out", "/tmp/never-written.png"),
    ("deck", "--out", "/tmp/never-written.pptx"),
)


def _bad_urls(pg_cluster) -> dict[str, tuple[str, str]]:
    port = pg_cluster.cluster.port
    with pg_cluster.admin() as conn:  # a database with neither PostGIS nor our tables
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'plain'").fetchone():
            conn.execute("CREATE DATABASE plain")
    return {
        "wrong scheme": (f"mysql://app:{SECRET}@127.0.0.1:{port}/x", "must start with postgresql"),
        "bad port": (f"postgresql://app:{SECRET}@127.0.0.1:notaport/x", "cannot be read"),
        "refused credentials": (
            f"postgresql://briefing_app:{SECRET}@127.0.0.1:{port}/{DATABASE}",
            "refused the credentials",
        ),
        "unreachable": (f"postgresql://app:{SECRET}@127.0.0.1:1/{DATABASE}", "cannot be reached"),
        "no such database": (
            f"postgresql://postgres:{SECRET}@/nope?host={pg_cluster.cluster.data}&port={port}",
            "does not exist",
        ),
        "no PostGIS": (
            f"postgresql://postgres:{SECRET}@/plain?host={pg_cluster.cluster.data}&port={port}",
            "has no PostGIS extension",
        ),
    }


@pytest.mark.parametrize(
    "case",
    ["wrong scheme", "bad port", "refused credentials", "unreachable", "no such database",
     "no PostGIS"],
)  # fmt: skip
def test_a_database_that_cannot_be_used_is_one_line_exit_2_without_the_password(pg_cluster, case):
    url, expected = _bad_urls(pg_cluster)[case]
    for command in COMMANDS + (MORE_COMMANDS if case == "refused credentials" else ()):
        result = layers_cmd(*command, "--database", url, env={"PGPASSFILE": "/nonexistent"})
        output = result.stdout + result.stderr
        assert result.returncode == 2, (command, output)
        assert SECRET not in output, (command, output)
        assert "Traceback" not in output
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), (command, output)
        assert expected in lines[0], (command, lines[0])
        if case not in ("bad port", "no PostGIS"):  # the URL is named, its password masked
            assert "***" in lines[0]
    assert not Path("/tmp/never-written.html").exists()


def test_the_setting_works_like_the_option_and_masks_the_password(pg_cluster):
    url, _ = _bad_urls(pg_cluster)["refused credentials"]
    result = layers_cmd("db", "status", env={"BRIEFING_MAP_DATABASE_URL": url})
    assert result.returncode == 2
    assert SECRET not in result.stderr and "briefing_app:***@127.0.0.1" in result.stderr


def _as_app(pg_cluster):
    return psycopg.connect(pg_cluster.app_url, autocommit=True, passfile=str(pg_cluster.pgpass))


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE briefing.extra (x int)",
        "CREATE TABLE public.extra (x int)",
        "DELETE FROM briefing.versions",
        "DELETE FROM briefing.features",
        "DROP TABLE briefing.features",
        "ALTER TABLE briefing.features ADD COLUMN x int",
        "TRUNCATE briefing.versions",
        "SELECT * FROM secret.notes",
        "SELECT rolpassword FROM pg_authid",
        "CREATE SCHEMA mine",
        "CREATE ROLE other",
        "CREATE DATABASE other",
    ],
)
def test_the_app_role_can_do_nothing_but_use_its_tables(pg_url, pg_cluster, statement):
    with pg_cluster.admin() as admin:
        admin.execute("CREATE SCHEMA IF NOT EXISTS secret")
        admin.execute("CREATE TABLE IF NOT EXISTS secret.notes (x text)")
    with _as_app(pg_cluster) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)


def test_the_app_role_reads_and_writes_its_own_tables(pg_url, pg_cluster):
    with _as_app(pg_cluster) as conn:
        assert conn.execute("SELECT count(*) FROM briefing.features").fetchone()[0] == (
            shipped_total()
        )
        conn.execute("UPDATE briefing.stamp SET counter = counter + 1")
        role = conn.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        assert role == (False, False, False)


CONSTANTS = {"SCHEMA", "LIVE"}  # module constants made of literals and the schema's name


def _holes(node) -> set[str]:
    """What an f-string passed to ``execute`` interpolates (names; "?" for anything else)."""
    found = set()
    for part in ast.walk(node):
        if isinstance(part, ast.FormattedValue):
            value = part.value
            found.add(value.id if isinstance(value, ast.Name) else "?")
    return found


def test_no_sql_is_built_from_values():
    """Queries take values as bound parameters: f-strings only ever name the schema."""
    checked = 0
    for path in sorted((REPO / "layers" / "catalogue" / "db").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "execute":
                checked += 1
                holes = _holes(call.args[0])
                assert holes <= CONSTANTS, (path.name, ast.unparse(call.args[0]))
                assert not (
                    isinstance(call.args[0], ast.BinOp) and isinstance(call.args[0].op, ast.Mod)
                ), path.name
    assert checked > 30


def test_db_init_never_prints_the_new_role_s_password(pg_url, pg_cluster, tmp_path):
    """The password goes to the pgpass file only: not to the terminal, not to the server's log."""
    pgpass = tmp_path / "pgpass"
    result = layers_cmd("db", "init", "--database", pg_cluster.admin_url, "--pgpass", str(pgpass),
                        "--app-role", "briefing_other")  # fmt: skip
    assert result.returncode == 0, result.stderr
    password = pgpass.read_text().strip().split(":")[-1]
    assert len(password) >= 24
    assert password not in result.stdout + result.stderr
    assert "briefing_other" in result.stdout
    assert password not in (pg_cluster.cluster.data / "server.log").read_text(errors="replace")
    with psycopg.connect(pg_cluster.app_url.replace("briefing_app", "briefing_other"),
                         passfile=str(pgpass)) as conn:  # fmt: skip
        assert conn.execute("SELECT count(*) FROM briefing.features").fetchone()[0] > 0
