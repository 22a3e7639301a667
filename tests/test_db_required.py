"""A machine without PostgreSQL: the database tests skip with the reason, except in CI.

Runs one database test in a child pytest with ``BRIEFING_MAP_PG_BINDIR`` pointing at a
folder without ``initdb`` (as on a machine where the packages are missing): outside CI
it is skipped and says why; with ``CI=true`` it fails with the same reason. Needs no
database itself, so it runs everywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ONE_DB_TEST = (
    "tests/test_db_security.py::test_the_setting_works_like_the_option_and_masks_the_password"
)


def _pytest(tmp_path: Path, ci: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_MAP_REQUIRE_DATABASE"}
    env |= {"CI": ci, "BRIEFING_MAP_PG_BINDIR": str(tmp_path / "no-postgres-here")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", ONE_DB_TEST, "-q", "-rs", "-p", "no:randomly",
         "-p", "no:cacheprovider"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_outside_ci_a_missing_postgresql_skips_with_the_reason(tmp_path):
    result = _pytest(tmp_path, ci="")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "PostgreSQL binaries (initdb, pg_ctl) not found" in result.stdout


def test_in_ci_a_missing_postgresql_fails(tmp_path):
    result = _pytest(tmp_path, ci="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "PostgreSQL is required in CI" in result.stdout
    assert "skipped" not in result.stdout
