"""Large catalogues: the window index, aggregation and the synthetic generator."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from layers.view.filters import in_window
from layers.view.large_selection import EventIndex, aggregate_cells, select_for_view

REPO = Path(__file__).resolve().parent.parent


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_stress", REPO / "tools" / "make_stress.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_stress = _load_generator()


@pytest.fixture(scope="module")
def events():
    frame = make_stress.make_events(20_000, seed=3)
    frame["start_date"] = pd.to_datetime(frame["start"])
    frame["end_date"] = pd.to_datetime(frame["end"])
    return frame


@pytest.fixture(scope="module")
def index(events):
    return EventIndex.from_frame(events)


WINDOWS = [
    (None, None),
    (date(2016, 1, 1), date(2016, 1, 1)),
    (date(2018, 2, 27), date(2018, 3, 2)),
    (date(2020, 1, 1), date(2020, 12, 31)),
    (date(2025, 12, 30), None),
    (None, date(2016, 6, 30)),
    (date(2030, 1, 1), date(2030, 12, 31)),
]


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_index_window_selects_exactly_the_overlapping_events(events, index, start, end):
    expected = set(events.loc[in_window(events, start, end), "id"])
    got = set(events["id"].iloc[index.rows[index.window(start, end)]])
    assert got == expected


def test_index_keeps_multi_day_event_that_began_before_the_window(events, index):
    multi = events[events["end_date"] > events["start_date"]].iloc[0]
    second_day = multi["end_date"].date()
    got = set(events["id"].iloc[index.rows[index.window(second_day, second_day)]])
    assert multi["id"] in got


@pytest.mark.parametrize(("start", "end"), WINDOWS)
@pytest.mark.parametrize("zoom", [2, 5, 9])
def test_aggregates_add_up_to_the_filtered_count(index, start, end, zoom):
    positions = index.window(start, end)
    cells = aggregate_cells(index, positions, zoom)
    assert cells.total == len(positions)
    assert int(cells.by_kind.sum()) == len(positions)
    assert (cells.by_kind.sum(axis=1) == cells.count).all()


def test_cells_contain_the_events_they_count(index):
    positions = index.window(date(2019, 1, 1), date(2019, 3, 31))
    cells = aggregate_cells(index, positions, 6)
    half = cells.cell_deg / 2
    for lon, lat in zip(index.lon[positions][:200], index.lat[positions][:200], strict=True):
        inside = (np.abs(cells.lon - lon) <= half + 1e-9) & (np.abs(cells.lat - lat) <= half + 1e-9)
        assert inside.any()


def test_same_window_same_events_whether_aggregated_or_not(index):
    window = (date(2021, 5, 1), date(2021, 5, 31))
    individual = select_for_view(index, start=window[0], end=window[1], zoom=5, limit=10**9)
    aggregated = select_for_view(index, start=window[0], end=window[1], zoom=5, limit=0)
    assert individual.mode == "individual" and aggregated.mode == "aggregated"
    assert np.array_equal(np.sort(individual.positions), np.sort(aggregated.positions))
    assert aggregated.cells.total == len(individual.positions)


def test_bounds_limit_what_is_drawn_but_not_the_selected_total(index):
    window = dict(start=date(2017, 1, 1), end=date(2017, 12, 31), zoom=7)
    everywhere = select_for_view(index, **window)
    senkaku = select_for_view(index, bounds=(25.0, 122.5, 26.5, 125.0), **window)
    assert senkaku.selected_total == everywhere.selected_total
    assert 0 < len(senkaku.positions) < len(everywhere.positions)
    lat, lon = index.lat[senkaku.positions], index.lon[senkaku.positions]
    assert ((lat >= 25.0) & (lat <= 26.5) & (lon >= 122.5) & (lon <= 125.0)).all()


def test_other_filters_apply_through_the_row_mask(events, index):
    keep = (events["kind"] == "joint_patrol").to_numpy()
    selection = select_for_view(index, start=None, end=None, zoom=4, keep=keep, limit=10**9)
    kinds = set(events["kind"].iloc[index.rows[selection.positions]])
    assert kinds == {"joint_patrol"}
    assert selection.selected_total == int(keep.sum())


def test_generator_is_deterministic_and_marked_synthetic():
    a = make_stress.make_events(500, seed=11)
    b = make_stress.make_events(500, seed=11)
    c = make_stress.make_events(500, seed=12)
    pd.testing.assert_frame_equal(pd.DataFrame(a), pd.DataFrame(b))
    assert not a.geometry.equals(c.geometry)
    assert a["id"].str.startswith("syn-").all()
    assert (a["confidence"] == "unverified").all()
    assert all(s[0]["title"].startswith("Synthetic") for s in a["sources"])


def test_generator_writes_each_format(tmp_path):
    small = make_stress.make_events(50, seed=1)
    for suffix in (".parquet", ".geojson", ".csv"):
        out = tmp_path / f"stress{suffix}"
        make_stress.write(small, out)
        assert out.stat().st_size > 0
        assert not list(tmp_path.glob("*.tmp"))
