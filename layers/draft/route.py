"""Paths and gaps named in words ("from the Sea of Okhotsk down ...", "passed between").

"from the Sea of Okhotsk down ... to off the Izu Islands", "passed between Okinawa's
main island and Miyako Island":

* **A path**: a place (not a base) written after "from", followed in the same
  sentence by other places, gives a line through a point of each, in text order,
  ``approximate`` (the actual track is not known). "the Pacific side of Hokkaido and
  Honshu" is the coast of each facing the Pacific (``SIDES``), not the island's middle.
* **A gap**: "between A and B" with two places gives the catalogue's (or the regional
  gazetteer's) strait that lies between them (touching both), else the shortest line
  between the two, ``approximate``.
"""

from __future__ import annotations

import itertools
import re

from shapely.geometry import LineString, Point
from shapely.ops import nearest_points

from layers.draft.names import Entry, Match
from layers.draft.roles import sentences

_FROM = re.compile(r"(?<!\w)from\s+(?:the\s+)?$", re.IGNORECASE)
_SIDE = re.compile(
    r"(?<!\w)(?P<side>Pacific|Sea\s+of\s+Japan|Japan\s+Sea|(?:north|south|east|west)(?:ern)?)"
    r"\s+(?:side|coast|shore)s?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_JOINED = re.compile(r"^\s*(?:,|and|,\s*and)\s*(?:the\s+)?$", re.IGNORECASE)
# The direction a side faces (east, north), for the seas around Japan.
SIDES = {
    "pacific": (1.0, -0.5), "sea of japan": (-1.0, 0.5), "japan sea": (-1.0, 0.5),
    "north": (0.0, 1.0), "south": (0.0, -1.0), "east": (1.0, 0.0), "west": (-1.0, 0.0),
}  # fmt: skip
_BETWEEN = re.compile(r"(?<!\w)between\s+(?:the\s+)?$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:and|&)\s+(?:the\s+)?$", re.IGNORECASE)
TOUCH_DEG = 0.1  # a strait "between" two islands comes this close to each (about 10 km)


def point_of(entry: Entry) -> Point:
    """The entry's own point: a regional place's label point, else a point on its shape."""
    info = entry.info
    return info.get("point") or info["geometry"].representative_point()


def path(text: str, places: list[Match]) -> tuple[LineString, list[str]] | None:
    """The line through the places of a "from ... to ..." sentence, and the names in order.

    ``places`` are the non-base place matches in text order. None without such a path.
    """
    for i, first in enumerate(places):
        if not _FROM.search(text[max(0, first.start - 12) : first.start]):
            continue
        end = next(e for s, e in sentences(text) if s <= first.start < e)
        rest = [m for m in places[i + 1 :] if m.start < end and m.entry != first.entry]
        points, names, side, last = [point_of(first.entry)], [first.entry.name], None, first
        written = ""
        for match in rest:
            qualifier = _SIDE.search(text[max(0, match.start - 40) : match.start])
            if qualifier:
                written = " ".join(qualifier.group("side").split())
                side = written.lower().removesuffix("ern")
            elif not _JOINED.match(text[last.end : match.start]):
                side = None  # "the Pacific side of Hokkaido and Honshu": both
            points.append(_waypoint(match.entry, side))
            names.append(f"{match.entry.name} ({written} side)" if side else match.entry.name)
            last = match
        if len(points) >= 2:
            return LineString([(p.x, p.y) for p in points]), names
    return None


def _waypoint(entry: Entry, side: str | None) -> Point:
    """A place's point, or the point of its coast facing ``side`` (a key of ``SIDES``)."""
    centre = point_of(entry)
    shape = entry.info["geometry"]
    if side is None or shape.geom_type == "Point":
        return centre
    dx, dy = SIDES[side]
    far = Point(centre.x + 20 * dx, centre.y + 20 * dy)
    return nearest_points(shape.boundary, far)[0]


def between(text: str, places: list[Match], straits: list[Entry]):
    """(geometry, basis, label) for "between A and B", or None.

    ``straits`` are the gazetteer's strait entries; one touching both A and B is used.
    """
    for a, b in itertools.pairwise(places):
        if not (_BETWEEN.search(text[max(0, a.start - 15) : a.start])
                and _AND.match(text[a.end : b.start])):  # fmt: skip
            continue
        shape_a, shape_b = a.entry.info["geometry"], b.entry.info["geometry"]
        for strait in straits:
            line = strait.info["geometry"]
            if line.distance(shape_a) <= TOUCH_DEG and line.distance(shape_b) <= TOUCH_DEG:
                basis = (
                    f"'between {a.words} and {b.words}' → {strait.name}, which lies between "
                    f"{a.entry.name} and {b.entry.name}; position within it unknown"
                )
                return line, basis, strait.name
        gap = LineString(nearest_points(shape_a, shape_b))
        basis = (
            f"'between {a.words} and {b.words}' → the shortest line between {a.entry.name} "
            f"and {b.entry.name} (their outlines); position along it unknown"
        )
        return gap, basis, f"between {a.entry.name} and {b.entry.name}"
    return None
