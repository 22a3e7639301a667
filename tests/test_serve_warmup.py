"""``make run``'s warm-up (``scripts/serve.py``): the first visitor finds the data loaded."""

from __future__ import annotations

import pytest

from scripts import serve
from tools.make_stress import make_events, write
from ui import state


@pytest.fixture
def large_file(tmp_path, monkeypatch):
    path = tmp_path / "events.parquet"
    write(make_events(500, seed=3), path)
    monkeypatch.setenv(state.LARGE_ENV_VAR, str(path))
    state._load_large.clear()
    yield path
    state._load_large.clear()


def test_warm_up_reads_and_indexes_the_large_file_once_for_every_session(
    large_file, monkeypatch
):
    reads = []
    real = state.read_events_table
    monkeypatch.setattr(state, "read_events_table", lambda p: reads.append(p) or real(p))
    serve.warm_up()
    assert reads == [str(large_file)]
    events, index = state._load_large(str(large_file), large_file.stat().st_mtime_ns)
    assert reads == [str(large_file)]  # a session's run: no second read
    assert len(events) == 500 and len(index.rows) == 500



def test_warm_up_prepares_the_catalogue_layers_once_for_every_session(monkeypatch):
    monkeypatch.delenv(state.LARGE_ENV_VAR, raising=False)
    state.invalidate_data()
    built = []
    real = state.event_payload
    monkeypatch.setattr(state, "event_payload", lambda events: built.append(1) or real(events))
    serve.warm_up()
    assert built == [1]
    payload, masks = state.events_payload(), state.filter_masks()  # a session's run
    assert built == [1]  # found ready: not built again
    assert len(payload.index) > 50
    assert set(masks) == {"exercises", "kinds", "participants", "aircraft"}


def test_warm_up_leaves_the_loaded_libraries_and_catalogue_out_of_later_collections(
    monkeypatch,
):
    """Streamlit collects garbage after every run, holding Python's lock while the run's
    messages wait: what the warm-up loaded is frozen, so each collection is short."""
    import gc

    from ui import gc_freeze

    monkeypatch.delenv(state.LARGE_ENV_VAR, raising=False)
    monkeypatch.setattr(gc_freeze, "_frozen", False)
    gc.unfreeze()
    try:
        serve.warm_up()
        frozen = gc.get_freeze_count()
        assert frozen > 50_000  # the libraries and the catalogue's frames
        serve.warm_up()  # a second warm-up (or the app's first run) freezes nothing more
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
