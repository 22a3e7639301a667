"""Where a drafted event happened: from the places named in the text to one geometry.

The choice, in order (the analyst sees every place found and can change it):

1. a home base and a staging base both named ("from Dyess ... to Misawa"): the
   great circle between them (``layers.geo.geodesy``), ``approximate``, since the real
   track is not known;
2. an island, strait, maritime zone, median line or sea: the catalogue's own geometry,
   ``approximate`` (the event was somewhere in or at it);
3. a base other than the home base: its point, ``derived`` (the catalogue's sourced
   position of the base); a home base alone gives no geometry (where the aircraft
   came from is not where the event was);
4. an ADIZ: its outline, ``approximate``.

A base's role comes from the words just before it: "from", "out of", "based at"...
make it the home base; "to", "at", "arrived at"... the staging base; "Misawa-based"
is a home base.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

import shapely
from shapely.geometry import Point
from shapely.ops import unary_union

from layers.catalogue.schema import AREA_CATEGORIES
from layers.draft.extract import Evidence
from layers.draft.names import Match
from layers.geo.geodesy import great_circle_line

_NOT_PREP = r"(?!(?:from|to|at|in|into|out|and|via)\b)"
_ROLE_BEFORE = re.compile(
    r"(?<!\w)(?P<prep>from|out\s+of|based\s+(?:at|in)|home(?:d)?\s+at|assigned\s+to|stationed\s+at"
    r"|departed|departing|left|to|at|into|in|arrived\s+at|landed\s+at|via)"
    rf"\s+(?:{_NOT_PREP}[\w'’.-]+\s+){{0,3}}$",
    re.IGNORECASE,
)
_HOME_PREPS = ("from", "out of", "based", "home", "assigned", "stationed", "depart", "left")
# Where the activity was, most specific first.
_AREA_ORDER = ("island", "strait", "territorial_sea", "contiguous_zone", "median_line", "sea")


@dataclass(frozen=True)
class Placement:
    """The chosen geometry and everything the draft says about it."""

    geometry: dict | None
    precision: str | None
    basis: str | None
    places: list[Evidence]
    label: str | None  # the chosen place in words, for the summary
    home_base: Evidence | None
    staging_base: Evidence | None


def base_role(text: str, match: Match) -> str | None:
    """The role of a base ("home", "staging" or None) from the words around its name."""
    if re.match(r"[-‐‑]based\b", text[match.end :]):
        return "home"
    m = _ROLE_BEFORE.search(text[max(0, match.start - 60) : match.start])
    if not m:
        return None
    prep = " ".join(m.group("prep").lower().split())
    return "home" if prep.startswith(_HOME_PREPS) else "staging"


def place_label(match: Match) -> str:
    """What kind of place an entry is, in words ("base", "ADIZ", "Sea", "Island"...)."""
    info = match.entry.info
    if info["layer"] == "areas":
        return AREA_CATEGORIES.get(info["category"], str(info["category"]))
    return "base" if info["layer"] == "bases" else "ADIZ"


def _geojson(geom) -> dict:
    return json.loads(shapely.to_geojson(geom))


def place_geometry(text: str, matches: list[Match]) -> Placement:
    """Geometry, precision and basis from the place matches (see the module docstring)."""
    places, seen = [], set()
    for match in (m for m in matches if m.entry.kind == "place"):
        if match.entry in seen:
            continue
        seen.add(match.entry)
        why = f"'{match.words}' → {match.entry.name} ({place_label(match)})"
        places.append((match, Evidence(match.entry.key, match.start, match.end, match.words, why)))
    home, staging = _base_roles(text, [p for p in places if p[0].entry.info["layer"] == "bases"])
    if home and staging:
        return _route(places, home, staging)
    # a home base alone says where the aircraft came from, not where the event was
    candidates = [m for m, _ in places if not (home and m.entry == home[0].entry)]
    chosen = _pick_place(candidates, staging[0] if staging else None)
    evidence = [ev for _, ev in places]
    if chosen is None:
        return Placement(None, None, None, evidence, None, _ev(home), _ev(staging))
    geom, precision, basis, name = _chosen_geometry(chosen, matches)
    placed = Placement(_geojson(geom), precision, basis, evidence, name, _ev(home), _ev(staging))
    return placed


def _chosen_geometry(chosen: Match, matches: list[Match]):
    """Geometry, precision, basis and label of the chosen place.

    A name shared by several places of one kind ("Senkaku" for five islands) gives
    the convex hull around them all, not one of them picked at random.
    """
    info, name = chosen.entry.info, chosen.entry.name
    group = [
        m.entry
        for m in matches
        if (m.start, m.end) == (chosen.start, chosen.end)
        and m.entry.kind == "place"
        and (m.entry.info["layer"], m.entry.info["category"]) == (info["layer"], info["category"])
    ]
    group = list(dict.fromkeys(group))
    if len(group) > 1:
        hull = unary_union([e.info["geometry"] for e in group]).convex_hull
        if hull.geom_type in ("Polygon", "LineString"):  # two points: the line between
            names = ", ".join(e.name for e in group)
            basis = (
                f"'{chosen.words}' names {len(group)} catalogue places ({names}) → the area "
                "around them (convex hull); position within it unknown"
            )
            return hull, "approximate", basis, chosen.words
    if info["layer"] == "bases":
        basis = f"'{chosen.words}' in the text → the catalogue position of {name}"
        return info["geometry"], "derived", basis, name
    basis = f"'{chosen.words}' in the text → the outline of {name}; position within it unknown"
    return info["geometry"], "approximate", basis, name


def _ev(pair):
    return pair[1] if pair else None


def _base_roles(text: str, bases: list) -> tuple:
    """The first home base and the first other staging base, as (match, evidence) pairs."""
    roles = [(base_role(text, m), m, ev) for m, ev in bases]
    home = next(((m, ev) for role, m, ev in roles if role == "home"), None)
    staging = next(
        (
            (m, ev)
            for role, m, ev in roles
            if role == "staging" and (home is None or m.entry != home[0].entry)
        ),
        None,
    )
    return _tagged(home, "home"), _tagged(staging, "staging")


def _tagged(pair: tuple | None, role: str) -> tuple | None:
    """The pair with its role added to the reasoning."""
    if pair is None:
        return None
    match, ev = pair
    return match, replace(ev, reasoning=f"{ev.reasoning}; {role} base")


def _route(places: list, home: tuple, staging: tuple) -> Placement:
    """Great-circle route from the home base to the staging base."""
    a, b = home[0].entry, staging[0].entry
    start, end = a.info["geometry"], b.info["geometry"]
    if not isinstance(start, Point) or not isinstance(end, Point):
        start, end = start.representative_point(), end.representative_point()
    line = great_circle_line((start.x, start.y), (end.x, end.y))
    basis = (
        f"route drawn as a great circle from {a.name} (home base, '{home[0].words}') "
        f"to {b.name} (staging base, '{staging[0].words}'); the actual track is not known"
    )
    evidence = [ev for _, ev in places]
    label = f"from {a.name} to {b.name}"
    return Placement(_geojson(line), "approximate", basis, evidence, label, home[1], staging[1])


def _pick_place(matches: list[Match], staging: Match | None) -> Match | None:
    """The most specific area, else the staging base, else a base, else an ADIZ."""
    for category in _AREA_ORDER:
        for match in matches:
            if match.entry.info["layer"] == "areas" and match.entry.info["category"] == category:
                return match
    if staging is not None:
        return staging
    for layer in ("bases", "adiz"):
        for match in matches:
            if match.entry.info["layer"] == layer:
                return match
    return None
