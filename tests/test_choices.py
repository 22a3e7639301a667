"""What the sidebar offers for a set of events (``layers.view.choices``)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from layers.view.choices import (
    QUICK_EXERCISE_PREFIX,
    exercise_names,
    filter_choices,
    quick_choices,
)

EVENTS = pd.DataFrame(
    {
        "exercise_id": ["patrol", "patrol", "bomber"],
        "exercise": ["Joint patrol", "Joint patrol", "Bomber flight"],
        "kind": ["joint_patrol", "joint_patrol", "bilateral_exercise"],
        "participants": [["CHN", "RUS"], ["RUS"], None],
        "aircraft": [[{"type": "H-6K"}], [{"type": "Tu-95MS"}], [{"type": "B-52H"}]],
        "start_date": pd.to_datetime(["2025-12-09", "2025-11-29", "2024-11-03"]),
        "end_date": pd.to_datetime(["2025-12-10", "2025-11-30", "2024-11-03"]),
    }
)


def test_choices_list_what_the_events_hold():
    choices = filter_choices(EVENTS)
    assert choices.exercises == {"patrol": "Joint patrol", "bomber": "Bomber flight"}
    assert choices.kinds == ("bilateral_exercise", "joint_patrol")
    assert choices.countries == ("CHN", "RUS")
    assert choices.aircraft == ("B-52", "B-52H", "H-6", "H-6K", "Tu-95", "Tu-95MS")
    assert choices.span == (date(2024, 11, 3), date(2025, 12, 10))


def test_quick_choices_end_with_each_exercise_by_name():
    choices = quick_choices(EVENTS, exercise_names(EVENTS))
    assert list(choices)[:2] == ["All dates", "Last 30 days of the data"]
    assert list(choices)[-2:] == [
        f"{QUICK_EXERCISE_PREFIX}Bomber flight",
        f"{QUICK_EXERCISE_PREFIX}Joint patrol",
    ]
    assert choices[f"{QUICK_EXERCISE_PREFIX}Joint patrol"] == (
        date(2025, 11, 29),
        date(2025, 12, 10),
    )


def test_no_events_offer_nothing_but_all_dates():
    choices = filter_choices(EVENTS.iloc[:0])
    assert choices.exercises == {} and choices.kinds == () and choices.span is None
    assert choices.quick == {"All dates": (None, None)}
    assert exercise_names(EVENTS[["kind"]]) == {}
