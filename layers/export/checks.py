"""Whether a selection can be exported, and if not, why (in words for the reader)."""

from __future__ import annotations

from layers.view.select import Selection, SelectionError, check_selection

MAX_EXPORT_EVENTS = 5_000  # the export draws every event; a large file is thinned on screen only


def export_problem(selection: Selection) -> str | None:
    """Why ``selection`` cannot be exported, or ``None``."""
    view, events = selection.view, selection.events
    if "events" in view.layers and len(events) > MAX_EXPORT_EVENTS:
        return (
            f"{len(events):,} events are selected; the export draws each one, up to "
            f"{MAX_EXPORT_EVENTS:,}. Narrow the date window or the filters to export."
        )
    try:
        check_selection(selection)
    except SelectionError as exc:
        if "events" in view.layers and events.empty and not selection.view_events.empty:
            return "Nothing to export: the timeline selection keeps no event."
        return f"Nothing to export: {exc}."
    return None
