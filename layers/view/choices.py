"""What the sidebar offers for a set of events: exercises, kinds, countries, aircraft, windows.

Pure functions over the events frame. The app computes them once per data version
(``ui.state.filter_choices`` caches them: a scan of every event, a million in large
mode); the URL reader checks a link's values against the same exercise names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from layers.catalogue.schema import COUNTRY_NAMES, EVENT_KINDS
from layers.catalogue.values import distinct_items
from layers.view.filters import aircraft_choices
from layers.view.playback import data_range, exercise_window, quick_windows

QUICK_EXERCISE_PREFIX = "Exercise: "


@dataclass(frozen=True)
class FilterChoices:
    """What the sidebar offers, computed once per data version (a scan of every event)."""

    exercises: dict[str, str]  # id → name
    kinds: tuple[str, ...]
    countries: tuple[str, ...]
    aircraft: tuple[str, ...]
    quick: dict[str, tuple[date | None, date | None]]  # label → window (years, exercises)
    span: tuple[date, date] | None  # first and last day of the data

    @cached_property
    def labels(self) -> dict[str, dict[str, str]]:
        """Each filter's values in list order, with the text its list shows for each."""
        names = self.exercises
        return {
            "exercises": {e: names[e] for e in sorted(names, key=names.get)},
            "kinds": {k: EVENT_KINDS.get(k, k) for k in self.kinds},
            "participants": {c: COUNTRY_NAMES.get(c, c) for c in self.countries},
            "aircraft": {a: a for a in self.aircraft},
        }


def filter_choices(events) -> FilterChoices:
    """Every choice the sidebar offers for ``events``."""
    names = exercise_names(events)
    return FilterChoices(
        exercises=names,
        kinds=tuple(sorted(set(events["kind"].unique()))),  # not a Python object per row
        countries=tuple(sorted(_countries(events))),
        aircraft=tuple(aircraft_choices(events)),
        quick=quick_choices(events, names),
        span=data_range(events),
    )


def _countries(events) -> set[str]:
    return distinct_items(events["participants"]) if "participants" in events else set()


def quick_choices(events, names: dict[str, str]) -> dict[str, tuple[date | None, date | None]]:
    """Quick windows (all dates, last 30 days, years) then each exercise's span."""
    choices = dict(quick_windows(events))
    for ex_id, name in sorted(names.items(), key=lambda item: item[1]):
        span = exercise_window(events, ex_id)
        if span:
            choices[f"{QUICK_EXERCISE_PREFIX}{name}"] = span
    return choices


def exercise_names(events) -> dict[str, str]:
    """Exercise id → name, for every exercise in ``events``."""
    if "exercise_id" not in events or "exercise" not in events:
        return {}
    pairs = events[["exercise_id", "exercise"]].dropna().drop_duplicates("exercise_id")
    return dict(zip(pairs["exercise_id"], pairs["exercise"], strict=True))
