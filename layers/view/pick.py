"""The timeline's pick: read from the chart, applied to events, said in words.

``st.altair_chart(chart, on_select=...)`` reports the timeline's two selection
parameters: ``span`` (a dragged interval of dates) and ``pick`` (clicked bars, by
event ``id``). :func:`pick_from_chart` parses what Streamlit returns into the view's
:class:`~layers.view.view.Pick`; :func:`apply_pick` keeps the events it picks (ids
AND span). Only ``layers.view.select`` applies it, once, for every output.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from layers.view.filters import in_window
from layers.view.view import Pick

SPAN_PARAM = "span"
PICK_PARAM = "pick"


def pick_from_chart(selection_state: Mapping | None) -> Pick:
    """The view's pick from the value of ``st.altair_chart(..., on_select="rerun")``.

    Accepts the whole event (``{"selection": {"span": ..., "pick": ...}}``) or its
    ``selection`` part. Streamlit 1.67 gives, per parameter, ``{}`` when empty; for
    ``span`` a mapping ``{"start": [t0, t1]}`` (epoch milliseconds, or ISO text, or
    Vega date objects); for ``pick`` a list of ``{"id": ...}`` objects. Anything
    unexpected is treated as "no selection" rather than raising.
    """
    if not isinstance(selection_state, Mapping):
        return Pick()
    selection = selection_state.get("selection", selection_state)
    if not isinstance(selection, Mapping):
        return Pick()
    ids = tuple(dict.fromkeys(_picked_ids(selection.get(PICK_PARAM))))
    return Pick(window=_span_window(selection.get(SPAN_PARAM)), ids=ids)


def _span_window(span) -> tuple[date, date] | None:
    if not isinstance(span, Mapping) or not span:
        return None
    values = next(iter(span.values()))
    if not isinstance(values, list | tuple) or len(values) != 2:
        return None
    low, high = (_to_datetime(v) for v in values)
    if low is None or high is None:
        return None
    low, high = min(low, high), max(low, high)
    # The bar for day D ends at D+1 00:00, so a brush ending exactly at midnight
    # means "through the previous day".
    last = (high - timedelta(microseconds=1)).date() if high > low else high.date()
    return low.date(), max(last, low.date())


def _to_datetime(value) -> datetime | None:
    """A UTC datetime from epoch ms, ISO text or a Vega datetime object."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            if not math.isfinite(value):
                return None
            return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=value)
        if isinstance(value, str):
            stamp = pd.Timestamp(value)
            stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
            return stamp.to_pydatetime()
        if isinstance(value, Mapping) and "year" in value:
            month = int(value.get("month", 1))  # Vega months are 1-based in datetime objects
            return datetime(int(value["year"]), month, int(value.get("date", 1)), tzinfo=UTC)
    except (ValueError, TypeError, OverflowError):
        return None
    return None


def _picked_ids(pick) -> list[str]:
    if isinstance(pick, Mapping):  # a raw Vega value: {"id": [...]} or {"vlPoint": ...}
        pick = [{"id": v} for v in pick.get("id", [])] if "id" in pick else []
    if not isinstance(pick, list | tuple):
        return []
    return [str(item["id"]) for item in pick if isinstance(item, Mapping) and "id" in item]


def apply_pick(events: pd.DataFrame, pick: Pick) -> pd.DataFrame:
    """The events ``pick`` keeps; ``events`` itself when nothing is picked.

    ``events`` has ``id``, ``start_date`` and ``end_date`` (as loaded). Picked ids are
    kept; a span keeps the events overlapping its dates (inclusive); both together
    keep the picked events inside the span.
    """
    if pick.is_empty:
        return events
    mask = pd.Series(True, index=events.index)
    if pick.window is not None:
        mask &= in_window(events, *pick.window)
    if pick.ids:
        mask &= events["id"].astype(str).isin(pick.ids)
    return events.loc[mask]


def describe_pick(pick: Pick) -> str:
    """The pick in words: ``"10 Dec 2025 – 12 Dec 2025 and 2 picked events"``."""
    parts = []
    if pick.window is not None:
        first, last = pick.window
        days = f"{first:%d %b %Y}" if first == last else f"{first:%d %b %Y} – {last:%d %b %Y}"
        parts.append(days)
    if pick.ids:
        count = len(pick.ids)
        parts.append(f"{count} picked event{'s' * (count != 1)}")
    return " and ".join(parts) or "nothing"


def span_to_text(window: tuple[date, date]) -> str:
    """``"2025-12-05..2025-12-12"``: a picked span in the link and on the command line."""
    return f"{window[0].isoformat()}..{window[1].isoformat()}"


def span_from_text(text: str) -> tuple[date, date]:
    """The span ``span_to_text`` wrote; ``ValueError`` with the form to use."""
    first, sep, last = str(text).partition("..")
    try:
        window = (date.fromisoformat(first.strip()), date.fromisoformat(last.strip()))
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a span: write YYYY-MM-DD..YYYY-MM-DD") from exc
    if not sep or window[1] < window[0]:
        raise ValueError(f"'{text}' is not a span: write YYYY-MM-DD..YYYY-MM-DD, end ≥ start")
    return window
