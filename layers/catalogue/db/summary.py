"""What the sidebar offers for a large database catalogue, once per data version.

``summary`` reads exercises (with their spans), kinds, countries, aircraft, the data's
span and the count in one pass over the window index; ``stored_summary`` keeps the
answer in ``meta`` beside the stamp it describes, so a new app process, another
server or the next rerun read it instead of scanning a million events again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from layers.catalogue.db.connect import SCHEMA
from layers.catalogue.db.query import LIVE


@dataclass(frozen=True)
class Summary:
    """What the sidebar offers for the whole catalogue, read once per data version."""

    exercises: dict[str, tuple[str, date, date]]  # id -> (name, first day, last day)
    kinds: tuple[str, ...]
    countries: tuple[str, ...]
    aircraft: tuple[str, ...]
    span: tuple[date, date] | None
    count: int


def summary(conn) -> Summary:
    """Exercises with their spans, kinds, countries, aircraft, the data's span, the count.

    One pass over the window index (it holds every column read here): the groups of
    (exercise, kind, participants, aircraft) are few even for a million events.
    """
    groups = conn.execute(
        f"SELECT exercise_id, exercise, kind, participants, aircraft, min(start_day), "
        f"max(end_day), count(*) {LIVE} GROUP BY 1, 2, 3, 4, 5"
    ).fetchall()
    exercises: dict[str, tuple[str, date, date]] = {}
    kinds, countries, aircraft = set(), set(), set()
    first = last = None
    for ex_id, name, kind, people, craft, start, end, _ in groups:
        kinds.add(kind)
        countries.update(people or ())
        aircraft.update(craft or ())
        first = start if first is None or (start and start < first) else first
        last = end if last is None or (end and end > last) else last
        if ex_id is not None:
            seen = exercises.get(ex_id)
            if seen is None:
                exercises[ex_id] = (name, start, end)
            else:
                exercises[ex_id] = (seen[0] or name, min(seen[1], start), max(seen[2], end))
    return Summary(
        exercises=exercises,
        kinds=tuple(sorted(k for k in kinds if k)),
        countries=tuple(sorted(c for c in countries if c)),
        aircraft=tuple(sorted(a for a in aircraft if a)),
        span=(first, last) if first is not None else None,
        count=sum(g[7] for g in groups),
    )


def stored_summary(conn) -> Summary:
    """``summary`` of the current data version, computed once per version by any process.

    Kept in ``meta`` with the stamp it describes: a new app process (or another server)
    reads it instead of scanning a million events again; the first reader after a
    change computes it. Writing it is not a change of the data (the stamp stays).
    """
    from psycopg.types.json import Jsonb

    counter = conn.execute(f"SELECT counter FROM {SCHEMA}.stamp").fetchone()[0]
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'summary'").fetchone()
    if row is not None and row[0].get("stamp") == counter:
        return _summary_of(row[0])
    found = summary(conn)
    conn.execute(
        f"INSERT INTO {SCHEMA}.meta (key, value) VALUES ('summary', %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        (Jsonb(_summary_json(found, counter)),),
    )
    return found


def _summary_json(found: Summary, counter: int) -> dict:
    def day(value):
        return value.isoformat() if value else None

    return {
        "stamp": counter,
        "exercises": {e: [n, day(s), day(t)] for e, (n, s, t) in found.exercises.items()},
        "kinds": list(found.kinds),
        "countries": list(found.countries),
        "aircraft": list(found.aircraft),
        "span": [day(d) for d in found.span] if found.span else None,
        "count": found.count,
    }


def _summary_of(value: dict) -> Summary:
    def day(text):
        return date.fromisoformat(text) if text else None

    span = value.get("span")
    return Summary(
        exercises={e: (n, day(s), day(t)) for e, (n, s, t) in value["exercises"].items()},
        kinds=tuple(value["kinds"]),
        countries=tuple(value["countries"]),
        aircraft=tuple(value["aircraft"]),
        span=(day(span[0]), day(span[1])) if span else None,
        count=int(value["count"]),
    )
