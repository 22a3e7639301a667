"""Is the drafted event already known? Events of the same days, aircraft and place.

A catalogue (or imported) event is a likely duplicate of a draft when all three hold:

* its days overlap the draft's, give or take ``DAYS`` (a report of Saturday's flight
  published on Sunday may date it either day);
* it names the draft's main asset, its first aircraft type or ship (a family matches
  its types: "F-35" and "F-35A"); sharing only the fighters that scrambled is not enough;
* its geometry is within ``KM`` of the draft's (not compared when the draft has no
  geometry yet; the warning says so).

The analyst then sees the existing event and can add the article to its sources
instead of saving a second event (``layers.catalogue.add_source``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from shapely.geometry import shape
from shapely.ops import nearest_points

from layers.geo.geodesy import distance_km

DAYS = 1
KM = 300.0


@dataclass(frozen=True)
class Similar:
    """An existing event like the draft, and why it looks like the same one."""

    event_id: str
    name: str
    start: str
    end: str
    origin: str  # "catalogue" or "user"
    import_id: str | None
    common: tuple[str, ...]  # aircraft types and ship names both name
    distance_km: float | None  # None: the draft has no geometry yet
    sources: tuple[dict, ...]

    def describe(self) -> str:
        """One line: the event, its days, what it shares with the draft."""
        days = self.start if self.start == self.end else f"{self.start} to {self.end}"
        where = (
            "place not compared (the draft has no geometry)"
            if self.distance_km is None
            else f"{self.distance_km:,.0f} km from the draft's place"
        )
        shared = ", ".join(self.common)
        return f"{self.event_id} — {self.name} ({days}): also names {shared}; {where}"


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _assets(props: dict) -> dict[str, str]:
    """Aircraft types and ship names, lower-cased → as written."""
    names = [a.get("type") for a in props.get("aircraft") or [] if isinstance(a, dict)]
    names += [s.get("name") for s in props.get("ships") or [] if isinstance(s, dict)]
    return {str(n).strip().lower(): str(n).strip() for n in names if n and str(n).strip()}


def _shared(mine: dict[str, str], theirs: dict[str, str]) -> tuple[str, ...]:
    """Names in both; a family ("f-35") shares with its types ("f-35a")."""
    return tuple(
        mine[a] for a in mine if any(a == b or a.startswith(b) or b.startswith(a) for b in theirs)
    )


def _km(a, b) -> float:
    p, q = nearest_points(a, b)
    return 0.0 if a.intersects(b) else distance_km((p.x, p.y), (q.x, q.y))


def similar_events(feature: dict, events, *, days: int = DAYS, km: float = KM) -> list[Similar]:
    """Events of ``events`` (a catalogue events frame) like the draft; most in common first."""
    props = feature.get("properties") or {}
    start, end = _day(props.get("start")), _day(props.get("end") or props.get("start"))
    mine = _assets(props)
    if start is None or end is None or not mine or events is None or len(events) == 0:
        return []
    main = next(iter(mine.values()))
    geom = shape(feature["geometry"]) if feature.get("geometry") else None
    lo, hi = start - timedelta(days=days), end + timedelta(days=days)
    found = []
    for row in events.to_dict("records"):
        first, last = _day(row.get("start")), _day(row.get("end") or row.get("start"))
        if first is None or last is None or first > hi or last < lo:
            continue
        common = _shared(mine, _assets(row))
        if main not in common or str(row.get("id")) == str(props.get("id")):
            continue
        other = row.get("geometry")
        apart = _km(geom, other) if geom is not None and other is not None else None
        if apart is not None and apart > km:
            continue
        found.append(
            Similar(
                str(row["id"]), str(row.get("name") or ""), str(first), str(last),
                str(row.get("origin") or "catalogue"), _text(row.get("import_id")),
                common, apart, tuple(row.get("sources") or ()),
            )
        )  # fmt: skip
    return sorted(found, key=lambda s: (-len(s.common), s.distance_km or 0.0))


def has_source(similar: Similar, source: dict) -> bool:
    """True when the event already cites this URL."""
    url = (source.get("url") or "").strip()
    return bool(url) and any((s.get("url") or "").strip() == url for s in similar.sources)
