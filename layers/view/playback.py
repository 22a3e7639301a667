"""Play the date window forward, day by day or week by week.

Only the window moves: the map's centre, zoom, layers and filters stay as they are,
so an analyst can watch a sequence (6 Dec radar lock, 9 Dec joint patrol, 10 Dec
B-52H flight) without the map jumping. Windows are inclusive at both ends.
The quick window choices next to the date slider live here too.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from layers.view.view import BriefingView

STEP_DAYS = {"day": 1, "week": 7}


def step_days(step: str | int) -> int:
    """Days in one playback step: ``"day"`` → 1, ``"week"`` → 7, or a positive int."""
    if isinstance(step, str):
        if step not in STEP_DAYS:
            raise ValueError(f"step must be one of {sorted(STEP_DAYS)} or a number of days")
        return STEP_DAYS[step]
    if isinstance(step, bool) or not isinstance(step, int) or step < 1:
        raise ValueError(f"step must be a positive number of days, not {step!r}")
    return step


def playback_steps(
    window_start: date,
    window_end: date,
    *,
    step: str | int = "day",
    span_days: int | None = None,
) -> list[tuple[date, date]]:
    """The successive windows of a playback over [window_start, window_end].

    Parameters
    ----------
    window_start, window_end
        The range to play through (inclusive).
    step
        How far each frame moves: ``"day"``, ``"week"`` or a number of days.
    span_days
        How many days each frame shows (default: one step). A frame is
        ``[s, s + span_days - 1]``, cut at ``window_end``.

    Returns
    -------
    list of (start, end)
        Inclusive windows, first starting at ``window_start``, the last one reaching
        ``window_end``; empty when the range is empty.
    """
    days = step_days(step)
    span = days if span_days is None else int(span_days)
    if span < 1:
        raise ValueError(f"span_days must be at least 1, not {span_days!r}")
    frames = []
    start = window_start
    while start <= window_end:
        end = min(start + timedelta(days=span - 1), window_end)
        frames.append((start, end))
        if end >= window_end:
            break
        start += timedelta(days=days)
    return frames


def next_window(
    view: BriefingView,
    step: str | int,
    data_end: date,
    *,
    data_start: date | None = None,
) -> BriefingView:
    """``view`` with its window moved forward one step, keeping its length.

    An open start (``None``) is read as ``data_start`` and an open end as
    ``data_end``. The window never runs past ``data_end``: the last step lands
    exactly on it, and a view already there is returned unchanged (so
    ``next_window(v, ...) == v`` tells the app playback has finished).
    """
    start = view.start if view.start is not None else data_start
    if start is None:
        raise ValueError("the view has an open start: pass data_start")
    end = view.end if view.end is not None else data_end
    if end >= data_end:
        return view
    length = end - start
    new_end = min(end + timedelta(days=step_days(step)), data_end)
    return view.with_changes(start=new_end - length, end=new_end)


def advance_window(
    window: tuple[date, date], step: str | int, data_start: date, data_end: date
) -> tuple[date, date]:
    """The window one playback step after ``window``, over the data [data_start, data_end].

    From the whole range, playback starts at its first frame (:func:`playback_steps`:
    one step from ``data_start``); any other window moves forward one step keeping its
    length (:func:`next_window`), and a window already at ``data_end`` is returned
    unchanged (playback has finished).
    """
    if tuple(window) == (data_start, data_end):
        return playback_steps(data_start, data_end, step=step)[0]
    view = BriefingView(start=window[0], end=window[1])
    moved = next_window(view, step, data_end, data_start=data_start)
    return (moved.start, moved.end)


def at_end(view: BriefingView, data_end: date) -> bool:
    """True when the window already reaches the last day of the data."""
    return view.end is None or view.end >= data_end


def data_range(events: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day of ``events`` (``start_date`` / ``end_date``), or ``None`` if empty."""
    if events.empty:
        return None
    return events["start_date"].min().date(), events["end_date"].max().date()


def exercise_window(events: pd.DataFrame, exercise_id: str) -> tuple[date, date] | None:
    """The span of one exercise: its first event's first day to its last event's last day."""
    # The two date columns only: taking the exercise's rows would copy every column of
    # them (in a large file, one exercise can be all million events).
    mine = (events["exercise_id"] == exercise_id).to_numpy()
    return data_range(events[["start_date", "end_date"]].loc[mine])


def quick_windows(events: pd.DataFrame) -> dict[str, tuple[date | None, date | None]]:
    """The quick choices next to the date slider, in display order.

    ``"All dates"`` is ``(None, None)`` (the view's "full range", which keeps the URL
    short); then ``"Last 30 days of the data"``; then one entry per calendar year
    present, newest first (1 Jan – 31 Dec, inclusive). Exercise spans come from
    :func:`exercise_window`.
    """
    choices: dict[str, tuple[date | None, date | None]] = {"All dates": (None, None)}
    span = data_range(events)
    if span is None:
        return choices
    first, last = span
    choices["Last 30 days of the data"] = (max(first, last - timedelta(days=29)), last)
    for year in range(last.year, first.year - 1, -1):
        choices[str(year)] = (date(year, 1, 1), date(year, 12, 31))
    return choices
