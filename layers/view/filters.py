"""Pure event filters: a frame in, a new frame out; an empty result keeps the schema.

Windows are inclusive at both ends and select every event whose
[start_date, end_date] overlaps them (see ``layers.catalogue.schema`` for the date policy).
Filters combine with AND; an empty selection for one filter means "no filter".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import pandas as pd

from layers.catalogue.values import as_list, distinct_items

_VARIANT = re.compile(r"^(?P<family>.+?-?\d+)(?P<variant>[A-Z]{0,2})$")


def aircraft_family(type_name: str) -> str:
    """The family of an aircraft type: ``F-35A`` → ``F-35``, ``Tu-95MS`` → ``Tu-95``.

    Types without a numbered designation (e.g. ``Liaoning``) are their own family.
    """
    match = _VARIANT.match(type_name.strip())
    return match.group("family") if match else type_name.strip()


def aircraft_matches(type_name: str, wanted: str) -> bool:
    """True when ``type_name`` is ``wanted`` or a variant of the family ``wanted``."""
    type_name, wanted = type_name.strip(), wanted.strip()
    return type_name == wanted or aircraft_family(type_name) == wanted


def in_window(events: pd.DataFrame, start: date | None, end: date | None) -> pd.Series:
    """Boolean mask of events overlapping the inclusive window [start, end]."""
    mask = pd.Series(True, index=events.index)
    if start is not None:
        mask &= events["end_date"] >= pd.Timestamp(start)
    if end is not None:
        mask &= events["start_date"] <= pd.Timestamp(end)
    return mask


def _any_in(values: pd.Series, wanted: set[str]) -> pd.Series:
    # ``as_list``, not ``items or ()``: a Parquet cell is an array, which has no truth value
    return values.map(lambda items: bool(wanted.intersection(as_list(items))))


def _any_aircraft(values: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    def hit(items) -> bool:
        return any(aircraft_matches(a["type"], w) for a in as_list(items) for w in wanted)

    return values.map(hit)


CRITERIA = ("exercises", "kinds", "participants", "aircraft")  # the view's filter fields


def criterion_mask(events: pd.DataFrame, criterion: str, wanted: tuple[str, ...]) -> pd.Series:
    """Rows matching any of ``wanted`` for one criterion of ``CRITERIA`` (see ``filter_events``).

    Within a criterion the values combine with OR, so a row matching several values
    matches their union: ``layers.view.instant`` builds a choice's mask from one mask per
    value.
    """
    if criterion == "exercises":
        return events["exercise_id"].isin(set(wanted))
    if criterion == "kinds":
        return events["kind"].isin(set(wanted))
    if criterion == "participants":
        return _any_in(events["participants"], set(wanted))
    if criterion == "aircraft":
        return _any_aircraft(events["aircraft"], wanted)
    raise ValueError(f"unknown criterion {criterion!r}; expected one of {', '.join(CRITERIA)}")


def filter_events(
    events: pd.DataFrame,
    *,
    start: date | None = None,
    end: date | None = None,
    exercises: Iterable[str] = (),
    kinds: Iterable[str] = (),
    participants: Iterable[str] = (),
    aircraft: Iterable[str] = (),
) -> pd.DataFrame:
    """Events matching every given criterion (a new frame; ``events`` is untouched).

    Parameters
    ----------
    events
        Frame as loaded by ``layers.catalogue.load`` (``start_date``, ``end_date``,
        ``exercise_id``, ``kind``, ``participants``, ``aircraft`` columns).
    start, end
        Inclusive window; ``None`` leaves that side open.
    exercises
        Exercise ids (``exercise_id``) to keep.
    kinds
        Event kinds (keys of ``layers.catalogue.schema.EVENT_KINDS``).
    participants
        ISO alpha-3 country codes; an event matches when any participant is listed.
    aircraft
        Types or families (``F-35`` matches ``F-35A`` and ``F-35B``).
    """
    mask = in_window(events, start, end)
    criteria = {"exercises": exercises, "kinds": kinds, "participants": participants,
                "aircraft": aircraft}  # fmt: skip
    for criterion, wanted in criteria.items():
        wanted = tuple(wanted)
        if wanted:
            mask &= criterion_mask(events, criterion, wanted)
    if mask.all():  # nothing filtered out: a new frame sharing the columns, not a copy
        return events.copy(deep=False)  # (pandas copies on write: ``events`` stays as it is)
    return events.loc[mask]  # a new frame already: selecting rows copies them


def filter_view(events: pd.DataFrame, view) -> pd.DataFrame:
    """Apply a ``BriefingView``'s window and filters to ``events``."""
    return filter_events(
        events,
        start=view.start,
        end=view.end,
        exercises=view.exercises,
        kinds=view.kinds,
        participants=view.participants,
        aircraft=view.aircraft,
    )


def aircraft_choices(events: pd.DataFrame) -> list[str]:
    """Every type and family present, sorted: what an aircraft filter can offer."""
    types = distinct_items(events["aircraft"], "type")
    return sorted(types | {aircraft_family(t) for t in types})
