"""The numbered event list: the numbers of the map's callouts, keyed to footnoted sources."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from layers.outputs.event_list import (
    event_list,
    force_text,
    line_text,
    markers_text,
    span_text,
)
from layers.view.select import select
from layers.view.view import BriefingView

DEC_2025 = BriefingView(start=date(2025, 12, 1), end=date(2025, 12, 12))


@pytest.fixture(scope="module")
def december(catalogue_frames):
    return event_list(select(catalogue_frames, DEC_2025))


def test_lines_are_numbered_by_start_date_as_the_selection_numbers_them(
    catalogue_frames, december
):
    selection = select(catalogue_frames, DEC_2025)
    assert [line.number for line in december.lines] == list(range(1, len(december.lines) + 1))
    assert {line.event_id: line.number for line in december.lines} == selection.numbers
    starts = [
        selection.events.set_index("id").loc[line.event_id, "start_date"] for line in december.lines
    ]
    assert starts == sorted(starts)


def test_the_b52_flight_of_10_december_reads_as_a_briefer_writes_it(december):
    line = next(ln for ln in december.lines if ln.event_id.startswith("2025-12-10"))
    assert line.dates == "10 Dec 2025"
    assert line.force == "2 × B-52H, 3 × F-35A, 3 × F-15J"
    assert line.participants == "USA, JPN"
    assert line_text(line).startswith(f"{line.number}. 10 Dec 2025 · ")


def test_every_marker_points_to_one_footnote_and_every_event_source_is_marked(
    catalogue_frames, december
):
    markers = [m for m, _ in december.footnotes]
    assert markers == list(range(1, len(markers) + 1))
    by_marker = dict(december.footnotes)
    events = select(catalogue_frames, DEC_2025).events.set_index("id")
    for line in december.lines:
        titles = {by_marker[m]["title"] for m in line.sources}
        assert titles == {s["title"] for s in events.loc[line.event_id, "sources"]}
    first_use = [m for line in december.lines for m in line.sources]
    assert sorted(set(first_use)) == list(range(1, max(first_use) + 1))  # events' first


def test_sources_shared_by_two_events_get_one_marker(december):
    used = [m for line in december.lines for m in line.sources]
    assert len(used) > len(set(used))  # the Liaoning reports serve several days


def test_no_events_no_lines_but_the_layers_sources_stay(catalogue_frames):
    empty = event_list(select(catalogue_frames, BriefingView(start=date(1990, 1, 1),
                                                             end=date(1990, 1, 2))))  # fmt: skip
    assert empty.lines == () and empty.footnotes and empty.unnumbered == 0


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        ("2025-12-10", "2025-12-10", "10 Dec 2025"),
        ("2025-12-05", "2025-12-09", "5–9 Dec 2025"),
        ("2025-11-30", "2025-12-02", "30 Nov – 2 Dec 2025"),
        ("2025-12-30", "2026-01-02", "30 Dec 2025 – 2 Jan 2026"),
    ],
)
def test_date_spans(first, last, text):
    assert span_text(pd.Timestamp(first), pd.Timestamp(last)) == text


def test_force_lists_aircraft_else_ships_without_inventing_counts():
    assert force_text({"aircraft": [{"type": "F-15J"}, {"type": "B-1B", "count": 4}]}) == (
        "F-15J, 4 × B-1B"
    )
    ships = [{"name": "Liaoning", "type": "aircraft carrier"}, {"type": "destroyer", "count": 2}]
    assert force_text({"aircraft": [], "ships": ships}) == (
        "Liaoning (aircraft carrier), 2 × destroyer"
    )
    assert force_text({}) == ""


def test_markers_collapse_into_runs():
    assert markers_text([6, 3, 4, 7, 8, 3]) == "3–4, 6–8"
    assert markers_text([5]) == "5" and markers_text([]) == ""


def test_a_picture_lists_only_what_it_shows_with_the_selection_numbers(catalogue_frames):
    selection = select(catalogue_frames, DEC_2025)
    b52 = next(i for i in selection.numbers if i.startswith("2025-12-10"))
    shown = {"events": selection.events[selection.events["id"] == b52]}
    (line,) = event_list(selection, shown).lines
    assert line.number == selection.numbers[b52] and line.number > 1
    assert line.sources == tuple(range(1, len(line.sources) + 1))  # markers start at 1
