"""A drafted article added to an event of the database: a new version, once."""

from __future__ import annotations

import pytest

from layers.catalogue.add_source import add_in_database

pytestmark = pytest.mark.database

EVENT = "2025-11-15-b1b-jasdf-northern-japan"
SOURCE = {"title": "Another report", "publisher": "P", "url": "https://e.x/new"}


def _sources(store) -> list[dict]:
    events = store.load_catalogue().frames["events"]
    (row,) = events.loc[events["id"] == EVENT, "sources"]
    return list(row)


def test_the_article_becomes_a_new_version_of_the_events_sources(pg_store):
    before = _sources(pg_store)
    done = add_in_database(pg_store, EVENT, before, SOURCE, author="analyst")
    assert done.version is not None, done.problems
    after = _sources(pg_store)
    assert [s["url"] for s in after] == [*[s["url"] for s in before], "https://e.x/new"]
    assert add_in_database(pg_store, EVENT, after, SOURCE, author="analyst") is None
