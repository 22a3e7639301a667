"""Whether a view can be exported, and if not, why (in words for the reader)."""

from __future__ import annotations

from layers.view.selection import SelectionError, check_selection

MAX_EXPORT_EVENTS = 5_000  # the export draws every event; a large file is thinned on screen only


def export_problem(frames: dict, events, view) -> str | None:
    """Why ``view`` cannot be exported, or ``None``.

    ``events`` are the events the export draws: the view's, with the timeline's pick
    applied (what the map shows).
    """
    too_many = "events" in view.layers and len(events) > MAX_EXPORT_EVENTS
    if too_many:  # first: the checks below scan every event, a million in large mode
        return (
            f"{len(events):,} events are selected; the export draws each one, up to "
            f"{MAX_EXPORT_EVENTS:,}. Narrow the date window or the filters to export."
        )
    try:
        check_selection(frames, view)
    except SelectionError as exc:
        return f"Nothing to export: {exc}."
    if "events" not in view.layers:
        return None
    if events.empty:
        return "Nothing to export: the timeline selection keeps no event."
    return None
