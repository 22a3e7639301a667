"""What the page shows at once for a click equals what the server's run draws.

``layers.view.instant`` predicts, in arrays, the events and numbers of each quick
window and playback step, each filter value's click and *Clear filters*; ``select`` is
the authority. They must agree for every choice the sidebar offers, under any
filters, or the map would show one thing for a moment and another after the run.
"""

from __future__ import annotations

from datetime import date

import pytest

from layers.map.event_payload import event_payload, shown
from layers.view.choices import filter_choices
from layers.view.filters import CRITERIA
from layers.view.instant import filter_lists, option_masks, window_lists
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


# --- filters: a click on a value of Exercises, Event kinds, Participants, Aircraft -------

FILTER_VIEWS = {
    "nothing chosen": BriefingView(),
    "a kind and a year": BriefingView(
        kinds=("joint_patrol",), start=date(2024, 1, 1), end=date(2024, 12, 31)
    ),
    "two participants and an aircraft family": BriefingView(
        participants=("CHN", "RUS"), aircraft=("H-6",)
    ),
}


@pytest.fixture(scope="module")
def masks(catalogue_frames):
    events = catalogue_frames["events"]
    return option_masks(events, _options(events))


def _options(events) -> dict[str, list[str]]:
    choices = filter_choices(events)
    return {
        "exercises": list(choices.exercises),
        "kinds": list(choices.kinds),
        "participants": list(choices.countries),
        "aircraft": list(choices.aircraft),
    }


@pytest.mark.parametrize("name", list(FILTER_VIEWS))
def test_every_filter_value_predicts_what_select_draws(catalogue_frames, payload, masks, name):
    view = FILTER_VIEWS[name]
    lists = filter_lists(select(catalogue_frames, view), masks, payload.index)
    assert set(lists["toggle"]) == set(lists["empty"]) == set(CRITERIA)
    sizes = set()
    for criterion in CRITERIA:
        emptied = select(catalogue_frames, view.with_changes(**{criterion: ()}))
        assert lists["empty"][criterion] == shown(emptied.events, payload.index), criterion
        for value, predicted in lists["toggle"][criterion].items():
            toggled = tuple(sorted(set(getattr(view, criterion)) ^ {value}))
            selection = select(catalogue_frames, view.with_changes(**{criterion: toggled}))
            assert predicted == shown(selection.events, payload.index), (criterion, value)
            sizes.add(len(predicted))
    assert len(sizes) > 3  # the values select different events: the check has teeth
    cleared = select(catalogue_frames, BriefingView())
    assert lists["clear"] == shown(cleared.events, payload.index)


def test_a_chosen_value_the_lists_do_not_offer_predicts_nothing(catalogue_frames, payload, masks):
    view = BriefingView(aircraft=("Sopwith Camel",))
    assert filter_lists(select(catalogue_frames, view), masks, payload.index) == {}
