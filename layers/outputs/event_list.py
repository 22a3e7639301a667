"""The numbered list of a selection's events, keyed to the map's callouts and to sources.

Every output that lists events (the briefing slide, the deck, the details panel, the
table, the timeline) takes its lines from here, so the number beside an event in a
list is the number of its callout on the map (``Selection.numbers``: by start date).
Sources get footnote markers ``[1]``, ``[2]``… in order of first use by the list, then
the sources of the other drawn layers; each line names the markers of its sources.

Plain text only: escape before rendering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from layers.catalogue.schema import EVENT_KINDS
from layers.catalogue.values import as_list, is_blank
from layers.view.select import Selection, source_key, sources_of


@dataclass(frozen=True)
class EventLine:
    """One numbered event as a list shows it."""

    number: int
    event_id: str
    dates: str  # "10 Dec 2025", "5–9 Dec 2025", "30 Nov – 2 Dec 2025"
    name: str
    kind: str  # the kind's label: "Bilateral exercise"
    force: str  # "2 × B-52H, 3 × F-35A", else ships, else ""
    participants: str  # "USA, JPN": ISO codes, short enough for a slide line
    sources: tuple[int, ...]  # footnote markers (see ``footnotes``)
    approximate: bool


@dataclass(frozen=True)
class EventList:
    """The numbered lines and the footnotes their markers point to."""

    lines: tuple[EventLine, ...]
    footnotes: tuple[tuple[int, dict], ...]  # (marker, source) in marker order
    unnumbered: int  # selected events beyond ``NUMBERED_LIMIT`` (counted, not listed)


def span_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """A date span as briefs write it: ``5–9 Dec 2025``, ``30 Nov – 2 Dec 2025``."""
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def _count(value) -> str:
    if is_blank(value):
        return ""
    number = float(value)
    return f"{int(number) if number.is_integer() else number} × "


def force_text(row: Mapping) -> str:
    """Aircraft as ``2 × B-52H, F-15J`` (no count where none is published); else ships."""
    aircraft = [
        f"{_count(item.get('count'))}{item.get('type', '?')}"
        for item in as_list(row.get("aircraft"))
    ]
    if aircraft:
        return ", ".join(aircraft)
    ships = []
    for ship in as_list(row.get("ships")):
        named = not is_blank(ship.get("name"))
        label = f"{ship['name']} ({ship.get('type', '?')})" if named else str(ship.get("type", "?"))
        ships.append(label if named else f"{_count(ship.get('count'))}{label}")
    return ", ".join(ships)


def event_list(
    selection: Selection, shown: Mapping[str, pd.DataFrame] | None = None
) -> EventList:
    """The selection's numbered events in number order, with their footnoted sources.

    ``shown`` (e.g. ``Selection.within(bounds)``: what a picture shows) limits the
    lines and the layers' sources to those frames; numbers stay the selection's, so
    they match the map's callouts.
    """
    numbers = selection.numbers
    frames = selection.frames if shown is None else shown
    events = frames.get("events", selection.events.iloc[:0])
    rows = [r for r in events.to_dict("records") if str(r["id"]) in numbers]
    rows.sort(key=lambda r: numbers[str(r["id"])])
    markers: dict[tuple, int] = {}
    footnotes: list[tuple[int, dict]] = []

    def marker(source: Mapping) -> int:
        key = source_key(source)
        if key not in markers:
            markers[key] = len(markers) + 1
            footnotes.append((markers[key], dict(source)))
        return markers[key]

    lines = []
    for row in rows:
        refs = tuple(dict.fromkeys(marker(s) for s in as_list(row.get("sources"))))
        lines.append(
            EventLine(
                number=numbers[str(row["id"])],
                event_id=str(row["id"]),
                dates=span_text(pd.Timestamp(row["start_date"]), pd.Timestamp(row["end_date"])),
                name=str(row["name"]),
                kind=EVENT_KINDS.get(str(row["kind"]), str(row["kind"])),
                force=force_text(row),
                participants=", ".join(str(c) for c in as_list(row.get("participants"))),
                sources=refs,
                approximate=bool(row.get("approximate")),
            )
        )
    others = {k: f for k, f in frames.items() if k != "events"}
    for source in sources_of(others):
        marker(source)
    unnumbered = 0 if numbers or not len(events) else len(events)
    return EventList(tuple(lines), tuple(footnotes), unnumbered)


def markers_text(markers) -> str:
    """Footnote markers as short as they go: ``[3, 4, 6, 7, 8]`` → ``3–4, 6–8``."""
    runs: list[list[int]] = []
    for marker in sorted(set(markers)):
        if runs and marker == runs[-1][1] + 1:
            runs[-1][1] = marker
        else:
            runs.append([marker, marker])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def line_text(line: EventLine) -> str:
    """One line in words: ``3  10 Dec 2025 · Bomber flight · 2 × B-52H · USA, JPN [4, 5]``."""
    parts = [line.dates, line.name]
    parts += [p for p in (line.force, line.participants) if p]
    refs = f" [{markers_text(line.sources)}]" if line.sources else ""
    return f"{line.number}. " + " · ".join(parts) + refs
