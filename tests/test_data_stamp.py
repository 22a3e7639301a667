"""``store.data_stamp``: the key that tells every session the data changed."""

from __future__ import annotations

import pytest
from store_fixtures import NO_CATALOGUE, TEMPLATE

from layers.catalogue import store
from layers.catalogue.importer import import_events
from layers.catalogue.store import data_stamp


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path))
    return tmp_path


def test_a_saved_import_changes_the_stamp(data_dir):
    before = data_stamp()
    import_events(TEMPLATE.read_bytes(), name="mine.geojson", data_dir=data_dir, **NO_CATALOGUE)
    assert data_stamp() != before


def test_another_sessions_temporary_file_does_not_change_the_stamp(data_dir):
    import_events(TEMPLATE.read_bytes(), name="mine.geojson", data_dir=data_dir, **NO_CATALOGUE)
    before = data_stamp()
    # What layers.atomic writes before its rename: a save in progress, not data yet.
    (data_dir / "imports" / ".other.geojson.0a1b2c3d.tmp").write_text("{")
    assert data_stamp() == before


def test_a_file_gone_between_listing_and_stat_does_not_break_the_run(data_dir):
    import_events(TEMPLATE.read_bytes(), name="mine.geojson", data_dir=data_dir, **NO_CATALOGUE)
    before = data_stamp()
    # Listed by glob, gone by the time it is stat'ed: what a rename away looks like.
    (data_dir / "imports" / "gone.geojson").symlink_to(data_dir / "nowhere")
    assert data_stamp() == before
