"""Eight processes at once on one database, and processes killed mid-transaction.

Every import is stored exactly once, two saves on one version never both land (the
second is refused naming the first), every change has its version; a ``kill -9`` in
the middle of a transaction leaves the old state or the new one, never part of one.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

pytestmark = pytest.mark.database

REPO = Path(__file__).resolve().parent.parent
EVENT = "2024-07-03-dod-japan-aircraft-plan-kadena"
WORKERS = 8

WORKER = """
import json, sys, time
from pathlib import Path
from layers.catalogue.db import edits
from layers.catalogue.db.store import PostgisStore
from layers.catalogue.db.versions import StaleVersion

url, n, folder, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
store = PostgisStore(url)
store.stamp()  # connected
(folder / f"ready-{n}").touch()
while not go.exists():
    time.sleep(0.01)
out = {}
own = store.import_events((folder / f"own-{n}.geojson").read_bytes(), name=f"own-{n}.geojson",
                          author=f"worker {n}")
out["own"] = own.import_id
shared = store.import_events((folder / "shared.geojson").read_bytes(), name="shared.geojson",
                             author=f"worker {n}")
out["shared"] = shared.import_id
try:
    done = edits.edit_event(store, EVENT, {"summary": f"summary by worker {n}"},
                            author=f"worker {n}", comment="race", expected=1)
    out["contested"] = done.version
except StaleVersion as exc:
    out["refused"] = str(exc)
mine = edits.edit_event(store, f"w{n}-event-0", {"name": f"renamed by {n}"},
                        author=f"worker {n}", comment="own")
out["own_edit"] = mine.version
print(json.dumps(out))
""".replace("EVENT", repr(EVENT))


def _event(fid: str, lon: float) -> dict:
    template = json.loads((REPO / "docs/templates/events_template.geojson").read_text())
    feature = template["features"][0]
    feature["properties"]["id"] = fid
    feature["geometry"] = {"type": "Point", "coordinates": [lon, 35.0]}
    return feature


def _write(path: Path, features: list[dict]) -> None:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))


def test_eight_processes_importing_and_editing_at_once(pg_url, pg_store, tmp_path):
    for n in range(WORKERS):
        _write(
            tmp_path / f"own-{n}.geojson", [_event(f"w{n}-event-{k}", 130 + k) for k in range(3)]
        )
    _write(tmp_path / "shared.geojson", [_event("shared-event", 133.5)])
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, pg_url, str(n), str(tmp_path), str(go)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < WORKERS:  # all connected, waiting at the line
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs)
        time.sleep(0.05)
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert len({r["own"] for r in results}) == WORKERS  # each own import stored once
    assert sum(r["shared"] is not None for r in results) == 1  # the shared file exactly once
    winners = [r for r in results if "contested" in r]
    losers = [r for r in results if "refused" in r]
    assert len(winners) == 1 and len(losers) == WORKERS - 1
    winner = results.index(winners[0])
    for loser in losers:
        assert f"version 2 by worker {winner}" in loser["refused"]
        assert "edit of summary" in loser["refused"]
    assert all(r["own_edit"] == 2 for r in results)

    with psycopg.connect(pg_url, autocommit=True) as conn:
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM briefing.features WHERE layer = 'events' AND origin = 'import'"
        ).fetchall()]  # fmt: skip
        assert sorted(ids) == sorted(
            [f"w{n}-event-{k}" for n in range(WORKERS) for k in range(3)] + ["shared-event"]
        )
        history = conn.execute(
            "SELECT id, array_agg(action ORDER BY version), max(version), count(*) "
            "FROM briefing.versions WHERE layer = 'events' GROUP BY id"
        ).fetchall()
        by_id = {fid: (actions, top, n) for fid, actions, top, n in history}
        assert by_id[EVENT] == (["load", "edit"], 2, 2)
        for n in range(WORKERS):
            assert by_id[f"w{n}-event-0"] == (["import", "edit"], 2, 2)
            assert by_id[f"w{n}-event-1"] == (["import"], 1, 1)
        current = dict(conn.execute(
            "SELECT id, version FROM briefing.features WHERE layer = 'events'"
        ).fetchall())  # fmt: skip
        assert all(current[fid] == top for fid, (_, top, _) in by_id.items())  # none missing
        stamp = conn.execute("SELECT counter FROM briefing.stamp").fetchone()[0]
        # 1 load + 8 own imports + 1 shared + 1 contested edit + 8 own edits; refusals: nothing
        assert stamp == 1 + WORKERS + 1 + 1 + WORKERS


def _state(url: str) -> tuple:
    with psycopg.connect(url, autocommit=True) as conn:
        return tuple(
            conn.execute(query).fetchone()[0]
            for query in (
                "SELECT count(*) FROM briefing.features",
                "SELECT count(*) FROM briefing.versions",
                "SELECT count(*) FROM briefing.imports",
                "SELECT counter FROM briefing.stamp",
                "SELECT count(*) FROM briefing.features WHERE version > 1",
            )
        )


def _kill_when(url: str, proc: subprocess.Popen, sql_prefix: str, timeout: float = 120) -> None:
    """``kill -9`` the process once its transaction runs a statement starting with the prefix."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(url, autocommit=True) as watch:
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            rows = watch.execute(
                "SELECT query FROM pg_stat_activity WHERE application_name = 'briefing-map' "
                "AND xact_start IS NOT NULL AND pid <> pg_backend_pid()"
            ).fetchall()
            if any(q.lstrip().startswith(sql_prefix) for (q,) in rows):
                time.sleep(0.3)  # well inside the transaction
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return
            time.sleep(0.05)  # polling the server's activity view
    pytest.fail("the transaction never started")


def _wait_rolled_back(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as watch:
        for _ in range(200):
            busy = watch.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'briefing-map' "
                "AND pid <> pg_backend_pid()"
            ).fetchone()[0]
            if not busy:
                return
            time.sleep(0.05)


def test_kill_9_of_a_bulk_load_mid_copy_leaves_the_old_state(pg_url, tmp_path):
    from tools.make_stress import make_events, write

    path = tmp_path / "big.parquet"
    write(make_events(60_000, seed=11), path)
    before = _state(pg_url)
    proc = subprocess.Popen(
        [sys.executable, "-m", "layers", "db", "load-events", str(path)], cwd=REPO,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    _kill_when(pg_url, proc, "COPY")
    _wait_rolled_back(pg_url)
    assert _state(pg_url) == before
    done = subprocess.run(
        [sys.executable, "-m", "layers", "db", "load-events", str(path)], cwd=REPO,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr  # and then the whole file, once
    after = _state(pg_url)
    assert after[0] == before[0] + 60_000 and after[2] == before[2] + 1


SLOW_EDIT = """
import sys, time
from layers.catalogue.db import edits, versions
from layers.catalogue.db.store import PostgisStore

real = versions.put
def slow_put(conn, **kw):
    version = real(conn, **kw)  # the row and its version are written, not yet committed
    conn.execute("SELECT 'briefing-test: holding the transaction'")
    time.sleep(60)
    return version
versions.put = slow_put
edits.edit_event(PostgisStore(sys.argv[1]), sys.argv[2], {"name": "half-done"},
                 author="killed", comment="never committed")
"""


def test_kill_9_of_an_edit_holding_its_transaction_leaves_the_old_state(pg_url, pg_store):
    before = _state(pg_url)
    proc = subprocess.Popen([sys.executable, "-c", SLOW_EDIT, pg_url, EVENT], cwd=REPO)
    _kill_when(pg_url, proc, "SELECT 'briefing-test")
    _wait_rolled_back(pg_url)
    assert _state(pg_url) == before
    assert "half-done" not in json.dumps(
        pg_store.load_catalogue().frames["events"]["name"].tolist()
    )
    # the lock died with the process: the next writer is not blocked
    done = subprocess.run(
        [sys.executable, "-m", "layers", "edit", EVENT, "--set", "name=after", "--author", "a",
         "--comment", "c"], cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
