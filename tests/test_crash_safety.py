"""Saving survives kill -9 at any moment, and concurrent sessions lose nothing.

Writers are forked (not spawned) so that each of the many short-lived processes starts
in milliseconds with the modules already imported.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest
from store_fixtures import NO_CATALOGUE, TEMPLATE

from layers.catalogue.importer import import_events
from layers.catalogue.store import list_imports, load_user_events, read_user_events

EVENT = json.loads(TEMPLATE.read_text())["features"][0]
BATCH = 100  # events per import (about 190 kB)
KILLS = 50

fork = multiprocessing.get_context("fork")
pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork (POSIX)"
)


def batch(prefix: str, size: int = BATCH) -> bytes:
    features = []
    for n in range(size):
        feature = copy.deepcopy(EVENT)
        feature["properties"]["id"] = f"{prefix}-{n}"
        feature["properties"]["summary"] = f"{prefix} event {n}. " + "Padding text. " * 40
        features.append(feature)
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def save(data_dir, prefix: str, size: int = BATCH):
    return import_events(
        batch(prefix, size), name=f"{prefix}.geojson", data_dir=data_dir, **NO_CATALOGUE
    )


def replace_forever(data_dir: Path, round_no: int, writing=None) -> None:
    """Writer: save a new import, then remove the ones before it; again and again.

    ``writing`` (an event) is set each time a save starts writing its file.
    """
    from layers.catalogue import importer

    if writing is not None:
        write_atomic = importer.write_atomic

        def signalled(path, payload):
            writing.set()
            write_atomic(path, payload)

        importer.write_atomic = signalled
    for n in range(10_000):
        before = [info.import_id for info in list_imports(data_dir)]
        save(data_dir, f"r{round_no}x{n}")
        for import_id in before:
            importer.remove_import(data_dir, import_id)


def assert_store_whole(data_dir: Path) -> tuple[int, int]:
    """Every import is complete; returns (imports, stray temporary files)."""
    found = read_user_events(data_dir, **NO_CATALOGUE)
    assert found.problems == (), [str(p) for p in found.problems]
    # The old data, the new data, or both, never none. "Both" can pile up: a writer killed
    # after saving but before removing the older imports leaves them all, each whole.
    assert len(found.imports) >= 1
    for info in found.imports:
        ids = [
            f["properties"]["id"]
            for f in found.features
            if f["properties"]["import_id"] == info.import_id
        ]
        prefix = info.original_name.removesuffix(".geojson")
        assert ids == [f"{prefix}-{n}" for n in range(BATCH)], info
    frame = load_user_events(data_dir, **NO_CATALOGUE)
    assert len(frame) == BATCH * len(found.imports)
    strays = list((data_dir / "imports").glob(".*.tmp"))
    return len(found.imports), len(strays)


def test_store_is_whole_after_kill_9_at_random_moments(tmp_path):
    """Half the kills land anywhere in the writer's cycle, half while it writes a file.

    Writing takes about a millisecond of a cycle of tens, so kills at any moment almost
    never interrupt a write: the others are aimed at a random moment of the write, and
    the temporary files they leave show that some did land mid-write.
    """
    rng = random.Random(7)
    assert save(tmp_path, "seed").accepted
    started = time.monotonic()
    mid_write = 0
    for round_no in range(KILLS):
        writing = fork.Event() if round_no % 2 else None
        writer = fork.Process(target=replace_forever, args=(tmp_path, round_no, writing))
        writer.start()
        if writing is None:
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            assert writing.wait(timeout=10), "the writer never started writing"
            time.sleep(rng.uniform(0.0, 0.002))
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        assert writer.exitcode == -signal.SIGKILL
        _, strays = assert_store_whole(tmp_path)
        mid_write += strays > 0
    assert mid_write > 0, "no kill landed while a file was being written"
    assert time.monotonic() - started < 45
    # the next writer recovers: it clears stray temporary files and saves normally
    assert save(tmp_path, "after").accepted
    assert not list((tmp_path / "imports").glob(".*.tmp"))


class _StallingFile:
    """A file whose ``write`` writes only the first half, then waits to be killed."""

    def __init__(self, handle, stalled):
        self.handle, self.stalled = handle, stalled

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def write(self, payload: bytes) -> None:
        self.handle.write(payload[: len(payload) // 2])
        self.handle.flush()
        self.stalled.set()
        time.sleep(60)


def stall_in(moment: str, data_dir: Path, stalled) -> None:
    """Writer that stops at ``moment`` of its save and waits there to be killed."""
    from layers.catalogue import importer

    if moment == "half-written":
        real_fdopen = os.fdopen
        importer.os.fdopen = lambda fd, mode: _StallingFile(real_fdopen(fd, mode), stalled)
    else:  # "before-rename": the temporary file is complete and synced, not yet in place

        def stall(*args):
            stalled.set()
            time.sleep(60)

        importer.os.replace = stall
    save(data_dir, "torn")


@pytest.mark.parametrize("moment", ["half-written", "before-rename"])
def test_kill_at_the_worst_moment_keeps_the_old_data(tmp_path, moment):
    assert save(tmp_path, "seed").accepted
    stalled = fork.Event()
    writer = fork.Process(target=stall_in, args=(moment, tmp_path, stalled))
    writer.start()
    assert stalled.wait(timeout=30)
    os.kill(writer.pid, signal.SIGKILL)
    writer.join()
    [stray] = (tmp_path / "imports").glob(".*.tmp")  # the killed writer's half-done file
    assert stray.stat().st_size > 0
    assert assert_store_whole(tmp_path) == (1, 1)
    assert [i.original_name for i in list_imports(tmp_path)] == ["seed.geojson"]
    assert save(tmp_path, "torn").accepted  # the same save succeeds when retried
    assert not stray.exists()
    assert assert_store_whole(tmp_path) == (2, 0)


def save_after(barrier, data_dir: Path, prefix: str, queue) -> None:
    barrier.wait()
    queue.put((prefix, save(data_dir, prefix, size=50).import_id))


def run_together(data_dir: Path, prefixes: list[str]) -> dict[str, str | None]:
    barrier, queue = fork.Barrier(len(prefixes)), fork.Queue()
    writers = [
        fork.Process(target=save_after, args=(barrier, data_dir, p, queue)) for p in prefixes
    ]
    for writer in writers:
        writer.start()
    results = dict(queue.get(timeout=60) for _ in writers)
    for writer in writers:
        writer.join(timeout=60)
        assert writer.exitcode == 0
    return results


def test_concurrent_saves_keep_every_import(tmp_path):
    for round_no in range(3):
        prefixes = [f"c{round_no}-{n}" for n in range(4)]
        results = run_together(tmp_path, prefixes)
        assert all(results.values()), results
    listed = {info.original_name for info in list_imports(tmp_path)}
    assert listed == {f"c{r}-{n}.geojson" for r in range(3) for n in range(4)}
    assert read_user_events(tmp_path, **NO_CATALOGUE).problems == ()


def test_concurrent_saves_of_one_event_id_let_exactly_one_win(tmp_path):
    # same ids (prefix "same"), different bytes: two different files naming the same events
    barrier, queue = fork.Barrier(2), fork.Queue()

    def save_variant(tag: str) -> None:
        data = json.loads(batch("same", 50))
        data["features"][0]["properties"]["notes"] = tag
        barrier.wait()
        result = import_events(
            json.dumps(data).encode(), name=f"{tag}.geojson", data_dir=tmp_path, **NO_CATALOGUE
        )
        queue.put(result.import_id)

    writers = [fork.Process(target=save_variant, args=(tag,)) for tag in ("first", "second")]
    for writer in writers:
        writer.start()
    saved = [queue.get(timeout=60) for _ in writers]
    for writer in writers:
        writer.join(timeout=60)
    assert sum(1 for s in saved if s) == 1
    found = read_user_events(tmp_path, **NO_CATALOGUE)
    assert len(found.imports) == 1 and len(found.features) == 50 and found.problems == ()
