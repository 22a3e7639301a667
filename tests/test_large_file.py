"""A large event file as the app reads it (``BRIEFING_MAP_EVENTS``): compact columns that
read back as the same events, every list item shown, and bad rows named.

The memory and time this saves are measured by ``make bench-large``, not here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from layers.catalogue.large_file import read_events_table
from layers.catalogue.problems import GeoDataError
from layers.catalogue.values import as_list
from layers.outputs.details import feature_details
from layers.outputs.table import events_table
from layers.view.choices import filter_choices
from layers.view.filters import filter_events

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("make_stress", REPO / "tools" / "make_stress.py")
make_stress = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_stress)

TWO_SOURCES = [
    {"title": "First report", "publisher": "Joint Staff", "url": "https://example.org/1"},
    {"title": "Second report", "publisher": "MND", "url": "https://example.org/2"},
]


def _events(n: int = 200) -> gpd.GeoDataFrame:
    """Synthetic events; the first lists two of everything, the second none at all."""
    events = make_stress.make_events(n, seed=5)
    events.at[0, "participants"] = ["CHN", "RUS"]
    events.at[0, "aircraft"] = [
        {"type": "H-6K", "count": 2, "operator": "PLAAF"},
        {"type": "Tu-95MS", "count": 2, "operator": "Russian Aerospace Forces"},
    ]
    events.at[0, "sources"] = [dict(s, published=None, retrieved=None) for s in TWO_SOURCES]
    events.at[1, "participants"] = None
    events.at[1, "aircraft"] = []
    return events


@pytest.fixture
def parquet(tmp_path) -> Path:
    path = tmp_path / "events.parquet"
    make_stress.write(_events(), path)
    return path


def test_every_item_of_a_list_field_shows_in_the_table_and_the_details(parquet):
    events = read_events_table(parquet)
    row = events_table(events).loc["syn-0000000"]
    assert row["Participants"] == "China, Russia"
    assert "H-6K" in row["Aircraft"] and "Tu-95MS" in row["Aircraft"]
    assert "First report" in row["Sources"] and "Second report" in row["Sources"]
    details = feature_details(events.iloc[0], "events")
    facts = dict(details["rows"])
    assert facts["Participants"] == "China, Russia"
    assert "H-6K" in facts["Aircraft"] and "Tu-95MS" in facts["Aircraft"]
    assert [s["title"] for s in details["sources"]] == ["First report", "Second report"]


def test_a_missing_list_reads_as_an_empty_one(parquet):
    events = read_events_table(parquet)
    assert list(events["participants"].iloc[1]) == []
    assert events_table(events).loc["syn-0000001", "Participants"] == ""


def test_the_compact_read_holds_the_same_values_as_geopandas(parquet):
    """Text, dates and lists: each cell equal to the plain ``geopandas.read_parquet`` one."""
    ours, plain = read_events_table(parquet), gpd.read_parquet(parquet)
    for column in plain.columns.drop("geometry"):
        if column in ("participants", "aircraft", "sources"):
            assert [as_list(v) for v in ours[column]] == [as_list(v) for v in plain[column]]
        else:
            assert ours[column].astype(str).tolist() == plain[column].astype(str).tolist()
    assert ours.geometry.geom_equals(plain.geometry).all()
    assert ours.crs == plain.crs
    # a text column with few values sorts by its text, as the file's own text does
    by_kind = ours.sort_values(["kind", "id"])["id"].tolist()
    assert by_kind == plain.sort_values(["kind", "id"])["id"].tolist()


def test_sidebar_choices_and_filters_are_those_of_the_events(parquet):
    events = read_events_table(parquet)
    choices = filter_choices(events)
    assert choices.countries == tuple(sorted(make_stress._PARTICIPANTS))
    assert {"H-6K", "H-6", "Tu-95MS", "Tu-95"} <= set(choices.aircraft)
    assert "CHN" not in choices.aircraft
    russian = filter_events(events, participants=["RUS"])
    assert "syn-0000000" in set(russian["id"])  # listed second of two
    assert all("RUS" in as_list(p) for p in russian["participants"])
    tu95 = filter_events(events, aircraft=["Tu-95"])
    assert "syn-0000000" in set(tu95["id"])


def test_a_file_without_list_columns_gets_empty_lists(tmp_path):
    path = tmp_path / "bare.parquet"
    _events(20).drop(columns=["participants", "aircraft", "sources"]).to_parquet(path)
    events = read_events_table(path)
    assert all(list(v) == [] for v in events["aircraft"])
    assert filter_choices(events).countries == ()
    assert events_table(events)["Aircraft"].eq("").all()


def test_bad_rows_are_named_by_file_row_and_field(tmp_path):
    events = _events(50)
    events.at[3, "id"] = events.at[2, "id"]
    events.at[7, "kind"] = "parade"
    events.at[9, "start"] = "someday"
    path = tmp_path / "bad.parquet"
    make_stress.write(events, path)
    with pytest.raises(GeoDataError) as caught:
        read_events_table(path)
    found = {(p.file, p.index, p.field, p.message) for p in caught.value.problems}
    assert (str(path), 3, "id", "duplicate id") in found
    assert (str(path), 7, "kind", "unknown kind") in found
    assert (str(path), 9, "start", "not a date") in found


def test_repeated_text_is_stored_once_and_ids_are_not(parquet):
    """What keeps a million events small: a categorical only where values repeat."""
    events = read_events_table(parquet)
    assert isinstance(events["kind"].dtype, pd.CategoricalDtype)
    assert not isinstance(events["id"].dtype, pd.CategoricalDtype)
    assert isinstance(events["aircraft"].dtype, pd.ArrowDtype)
