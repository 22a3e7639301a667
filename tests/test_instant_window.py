"""What the page shows at once for a date window equals what the server's run draws.

``layers.view.instant.window_lists`` predicts, in arrays, the events and numbers of
each quick window and playback step; ``select`` is the authority. They must agree for
every window the sidebar offers, under any filters, or the map would show one thing
for a moment and another after the run.
"""

from __future__ import annotations

from datetime import date

import pytest

from layers.map.event_payload import event_payload, shown
from layers.view.choices import filter_choices
from layers.view.instant import window_lists
from layers.view.select import select
from layers.view.view import BriefingView, Pick

VIEWS = {
    "every event": BriefingView(),
    "joint patrols": BriefingView(kinds=("joint_patrol",)),
    "China": BriefingView(participants=("CHN",)),
    "B-52H or F-35": BriefingView(aircraft=("B-52H", "F-35")),
    "bilateral and trilateral, US": BriefingView(
        kinds=("bilateral_exercise", "trilateral_exercise"), participants=("USA",)
    ),
}


@pytest.fixture(scope="module")
def payload(catalogue_frames):
    return event_payload(catalogue_frames["events"])


@pytest.mark.parametrize("name", list(VIEWS))
def test_every_quick_window_predicts_what_select_draws(catalogue_frames, payload, name):
    events = catalogue_frames["events"]
    windows = filter_choices(events).quick
    view = VIEWS[name]
    lists = window_lists(select(catalogue_frames, view), windows, payload.index)
    assert set(lists) == set(windows)
    some_differ = False
    for label, (start, end) in windows.items():
        selection = select(catalogue_frames, view.with_changes(start=start, end=end))
        assert lists[label] == shown(selection.events, payload.index), label
        some_differ |= len(selection.events) not in (0, len(events))
    assert some_differ  # the windows do select different events: the check has teeth


def test_exercise_filters_keep_the_order_and_numbers(catalogue_frames, payload):
    events = catalogue_frames["events"]
    exercises = tuple(events["exercise_id"].dropna().unique()[:3])
    view = BriefingView(exercises=exercises)
    windows = {"2024": (date(2024, 1, 1), date(2024, 12, 31)), "all": (None, None)}
    lists = window_lists(select(catalogue_frames, view), windows, payload.index)
    for label, (start, end) in windows.items():
        selection = select(catalogue_frames, view.with_changes(start=start, end=end))
        assert lists[label] == shown(selection.events, payload.index)
        numbers = sorted(n for _, n in lists[label])
        assert numbers == list(range(1, len(numbers) + 1))  # 1…n, as the lists print them


def test_nothing_is_predicted_with_a_timeline_pick_or_hidden_events(catalogue_frames, payload):
    events = catalogue_frames["events"]
    windows = {"all": (None, None)}
    picked = BriefingView(pick=Pick(ids=(str(events["id"].iloc[0]),)))
    assert window_lists(select(catalogue_frames, picked), windows, payload.index) == {}
    hidden = BriefingView(layers=("bases",))
    assert window_lists(select(catalogue_frames, hidden), windows, payload.index) == {}


def test_a_window_after_every_event_predicts_an_empty_map(catalogue_frames, payload):
    later = {"later": (date(2099, 1, 1), None)}
    lists = window_lists(select(catalogue_frames, BriefingView()), later, payload.index)
    assert lists == {"later": []}
