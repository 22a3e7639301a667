from datetime import date

import pandas as pd
import pytest

from layers.view.playback import (
    advance_window,
    at_end,
    data_range,
    exercise_window,
    next_window,
    playback_steps,
    quick_windows,
    step_days,
)
from layers.view.view import BriefingView

D = date


def test_day_steps_show_each_day_in_turn():
    assert playback_steps(D(2025, 12, 6), D(2025, 12, 10), step="day") == [
        (D(2025, 12, 6), D(2025, 12, 6)),
        (D(2025, 12, 7), D(2025, 12, 7)),
        (D(2025, 12, 8), D(2025, 12, 8)),
        (D(2025, 12, 9), D(2025, 12, 9)),
        (D(2025, 12, 10), D(2025, 12, 10)),
    ]


def test_week_steps_cover_the_range_and_the_last_is_cut_at_its_end():
    frames = playback_steps(D(2025, 12, 1), D(2025, 12, 20), step="week")
    assert frames == [
        (D(2025, 12, 1), D(2025, 12, 7)),
        (D(2025, 12, 8), D(2025, 12, 14)),
        (D(2025, 12, 15), D(2025, 12, 20)),
    ]


def test_a_sliding_window_can_be_wider_than_the_step():
    frames = playback_steps(D(2025, 12, 6), D(2025, 12, 10), step="day", span_days=3)
    assert frames[0] == (D(2025, 12, 6), D(2025, 12, 8))
    assert frames[-1] == (D(2025, 12, 8), D(2025, 12, 10))
    assert len(frames) == 3


def test_playback_passes_through_the_december_sequence():
    frames = playback_steps(D(2025, 12, 5), D(2025, 12, 12), step="day")
    days = [start for start, _ in frames]
    for key_day in (D(2025, 12, 6), D(2025, 12, 9), D(2025, 12, 10)):
        assert key_day in days


def test_empty_range_plays_nothing():
    assert playback_steps(D(2025, 12, 10), D(2025, 12, 9)) == []


@pytest.mark.parametrize("bad", ["fortnight", 0, -1, 1.5, True])
def test_bad_step_is_refused(bad):
    with pytest.raises(ValueError, match="step"):
        step_days(bad)


def test_span_must_be_at_least_a_day():
    with pytest.raises(ValueError, match="span_days"):
        playback_steps(D(2025, 12, 1), D(2025, 12, 2), span_days=0)


VIEW = BriefingView(
    start=D(2025, 12, 5),
    end=D(2025, 12, 7),
    exercises=("x",),
    kinds=("joint_patrol",),
    center=(30.5, 128.25),
    zoom=7,
)


def test_next_window_moves_the_window_and_keeps_position_zoom_and_filters():
    moved = next_window(VIEW, "day", D(2025, 12, 31))
    assert (moved.start, moved.end) == (D(2025, 12, 6), D(2025, 12, 8))
    assert moved.with_changes(start=VIEW.start, end=VIEW.end) == VIEW


def test_next_window_by_week():
    moved = next_window(VIEW, "week", D(2025, 12, 31))
    assert (moved.start, moved.end) == (D(2025, 12, 12), D(2025, 12, 14))


def test_last_step_lands_on_the_end_of_the_data_keeping_the_length():
    moved = next_window(VIEW, "week", D(2025, 12, 10))
    assert (moved.start, moved.end) == (D(2025, 12, 8), D(2025, 12, 10))


def test_playback_stops_at_the_end_of_the_data():
    at_last = VIEW.with_changes(start=D(2025, 12, 8), end=D(2025, 12, 10))
    assert next_window(at_last, "day", D(2025, 12, 10)) == at_last
    assert at_end(at_last, D(2025, 12, 10))
    assert not at_end(VIEW, D(2025, 12, 10))


def test_open_window_start_uses_the_first_day_of_the_data():
    view = BriefingView(start=None, end=D(2025, 12, 3))
    moved = next_window(view, "day", D(2025, 12, 31), data_start=D(2025, 12, 1))
    assert (moved.start, moved.end) == (D(2025, 12, 2), D(2025, 12, 4))


def test_open_window_start_without_data_start_is_an_error():
    with pytest.raises(ValueError, match="data_start"):
        next_window(BriefingView(end=D(2025, 12, 3)), "day", D(2025, 12, 31))


def test_full_range_view_is_already_at_the_end():
    view = BriefingView()
    assert next_window(view, "day", D(2025, 12, 31), data_start=D(2025, 1, 1)) == view


def test_stepping_from_the_whole_range_starts_with_the_first_step():
    first, last = D(2025, 12, 1), D(2025, 12, 31)
    assert advance_window((first, last), "day", first, last) == (first, first)
    assert advance_window((first, last), "week", first, last) == (first, D(2025, 12, 7))
    assert (
        advance_window((first, last), "week", first, last)
        == playback_steps(first, last, step="week")[0]
    )


def test_stepping_a_window_moves_it_and_stops_at_the_end_of_the_data():
    first, last = D(2025, 12, 1), D(2025, 12, 31)
    assert advance_window((D(2025, 12, 6), D(2025, 12, 8)), "day", first, last) == (
        D(2025, 12, 7),
        D(2025, 12, 9),
    )
    at_end = (D(2025, 12, 29), last)
    assert advance_window(at_end, "week", first, last) == at_end  # finished: unchanged


def test_a_one_day_range_plays_its_one_day():
    day = D(2025, 12, 6)
    assert advance_window((day, day), "week", day, day) == (day, day)


def _events(*spans):
    return pd.DataFrame(
        {
            "exercise_id": [ex for ex, _, _ in spans],
            "start_date": [pd.Timestamp(a) for _, a, _ in spans],
            "end_date": [pd.Timestamp(b) for _, _, b in spans],
        }
    )


EVENTS = _events(
    ("bomber", "2024-11-03", "2024-11-03"),
    ("patrol", "2025-12-09", "2025-12-10"),
    ("patrol", "2025-11-29", "2025-11-30"),
    ("ccg", "2025-12-30", "2026-01-02"),
)


def test_quick_windows_offer_all_last_30_days_and_each_year():
    choices = quick_windows(EVENTS)
    assert list(choices) == ["All dates", "Last 30 days of the data", "2026", "2025", "2024"]
    assert choices["All dates"] == (None, None)
    assert choices["Last 30 days of the data"] == (D(2025, 12, 4), D(2026, 1, 2))
    assert choices["2025"] == (D(2025, 1, 1), D(2025, 12, 31))


def test_last_30_days_never_start_before_the_data():
    choices = quick_windows(_events(("x", "2025-12-20", "2025-12-25")))
    assert choices["Last 30 days of the data"] == (D(2025, 12, 20), D(2025, 12, 25))


def test_exercise_window_spans_all_its_events():
    assert exercise_window(EVENTS, "patrol") == (D(2025, 11, 29), D(2025, 12, 10))
    assert exercise_window(EVENTS, "unknown") is None


def test_no_events_offer_only_all_dates():
    assert data_range(EVENTS.iloc[:0]) is None
    assert quick_windows(EVENTS.iloc[:0]) == {"All dates": (None, None)}
