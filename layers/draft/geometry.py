"""Where a drafted event happened: from the places named in the text to one geometry.

The choice, in order (the analyst sees every place found and can change it):

1. a move from a home base to a staging base ("deployed from Dyess ... to Misawa",
   "arrived at Andersen from Barksdale"): the great circle between them
   (``layers.geo.geodesy``), ``approximate``, since the real track is not known;
2. a path ("from the Sea of Okhotsk ... off the Izu Islands") or a gap ("between
   Okinawa's main island and Miyako Island"): ``layers.draft.route``;
3. an island, strait, maritime zone, median line, sea, peninsula or ocean (the
   catalogue's own places first, then the regional gazetteer's): its geometry,
   ``approximate`` (the event was somewhere in or at it);
4. a base other than the home base: its point, ``derived`` (the catalogue's sourced
   position of the base), or ``approximate`` when the aircraft were "operating from"
   it (the flight was near it, not at it); a home base alone gives no geometry (where
   the aircraft came from is not where the event was);
5. an ADIZ: its outline, ``approximate``; then a city: its point, ``approximate``.

A base's role comes from the words just before it: "from", "out of", "based at", "at"
("the 7th Bomb Wing at Dyess")... make it the home base; "to", "arrived at", "landed
at", "deployed to" ... the staging base it moved to; "operating from", "operating out
of" the staging base it flew from (no move: no route); "Misawa-based" is a home base.
A base named among the responders ("scrambled fighters from Chitose",
``layers.draft.roles``) has no role and is never the place.
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
from layers.draft.names import Entry, Match
from layers.draft.roles import inside
from layers.draft.route import between, path
from layers.geo.geodesy import great_circle_line

_NOT_PREP = r"(?!(?:from|to|at|in|into|out|and|via)\b)"
_ROLE_BEFORE = re.compile(
    r"(?<!\w)(?P<prep>(?:operating|operated|flying|flew)\s+(?:from|out\s+of)"
    r"|(?:forward[-\s])?(?:re)?deployed\s+(?:to|at|in)|deployed\s+from"
    r"|from|out\s+of|based\s+(?:at|in)|home(?:d)?\s+at|assigned\s+to|stationed\s+at"
    r"|departed|departing|left|to|arrived\s+at|landed\s+at|at|into|in|via)"
    rf"\s+(?:{_NOT_PREP}[\w'’.-]+\s+){{0,3}}$",
    re.IGNORECASE,
)
_HOME_PREPS = ("from", "out of", "based", "home", "assigned", "stationed", "depart", "left", "at")
_OPERATING = ("operating", "operated", "flying", "flew")
# Where the activity was, most specific first (catalogue places before regional ones).
_AREA_ORDER = (
    "island", "cape", "strait", "territorial_sea", "contiguous_zone", "median_line", "sea",
    "peninsula", "ocean",
)  # fmt: skip


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
    return base_role_words(text, match)[0]


def base_role_words(text: str, match: Match) -> tuple[str | None, str]:
    """(role, the words that give it): "home", "staging" or None, e.g. "operating from"."""
    if re.match(r"[-‐‑]based\b", text[match.end :]):
        return "home", "-based"
    m = _ROLE_BEFORE.search(text[max(0, match.start - 60) : match.start])
    if not m:
        return None, ""
    prep = " ".join(m.group("prep").lower().split())
    if prep.startswith(_OPERATING):
        return "staging", prep
    if prep == "deployed from":
        return "home", prep
    return ("home" if prep.startswith(_HOME_PREPS) else "staging"), prep


def place_label(match: Match) -> str:
    """What kind of place an entry is, in words ("base", "ADIZ", "Sea", "Island"...)."""
    info = match.entry.info
    if info["layer"] == "areas":
        return AREA_CATEGORIES.get(info["category"], str(info["category"]))
    if info["layer"] == "regional":
        return f"{info['kind'].replace('_', ' ')}, regional gazetteer"
    return "base" if info["layer"] == "bases" else "ADIZ"


def _geojson(geom) -> dict:
    return json.loads(shapely.to_geojson(geom))


def place_geometry(
    text: str,
    matches: list[Match],
    *,
    responders: list[tuple[int, int]] = (),
    straits: list[Entry] = (),
) -> Placement:
    """Geometry, precision and basis from the place matches (see the module docstring).

    ``responders`` are the spans naming responding forces (their bases are left out);
    ``straits`` the gazetteer's straits, for "between A and B".
    """
    places, seen = [], set()
    for match in (m for m in matches if m.entry.kind == "place"):
        if match.entry in seen:
            continue
        if match.entry.info["layer"] == "bases" and inside(responders, match.start, match.end):
            continue  # the responders' base is never the place
        seen.add(match.entry)
        why = f"'{match.words}' → {match.entry.name} ({place_label(match)})"
        places.append((match, Evidence(match.entry.key, match.start, match.end, match.words, why)))
    bases = [p for p in places if p[0].entry.info["layer"] == "bases"]
    home, staging, operating = _base_roles(text, bases)
    evidence = [ev for _, ev in places]
    if home and staging and not operating:
        return _route(places, home, staging)
    named = _named_shape(text, [m for m, _ in places if m.entry.info["layer"] != "bases"],
                         straits)  # fmt: skip
    if named is not None:
        geom, basis, label = named
        return Placement(_geojson(geom), "approximate", basis, evidence, label,
                         _ev(home), _ev(staging))  # fmt: skip
    # a home base alone says where the aircraft came from, not where the event was
    candidates = [m for m, _ in places if not (home and m.entry == home[0].entry)]
    chosen = _pick_place(candidates, staging[0] if staging else None)
    if chosen is None:
        return Placement(None, None, None, evidence, None, _ev(home), _ev(staging))
    geom, precision, basis, name = _chosen_geometry(chosen, matches)
    if operating and staging and chosen.entry == staging[0].entry:
        precision = "approximate"
        basis = (
            f"'{operating} {chosen.words}': the aircraft flew from {name}, so the position "
            f"of {name} stands for the area of the flight, which the text does not give"
        )
    return Placement(_geojson(geom), precision, basis, evidence, name, _ev(home), _ev(staging))


def _named_shape(text: str, places: list[Match], straits: list[Entry]):
    """(geometry, basis, label) of a path or a gap named in the text, else None."""
    gap = between(text, places, list(straits))
    if gap is not None:
        return gap
    found = path(text, places)
    if found is None:
        return None
    line, names = found
    basis = (
        "path named in the text: " + " → ".join(names) + "; straight segments through a "
        "point of each place, so the actual track is not known"
    )
    return line, basis, f"from {names[0]} to {names[-1]}"


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
    what = "point" if info["geometry"].geom_type == "Point" else "outline"
    source = " (regional gazetteer, Natural Earth)" if info["layer"] == "regional" else ""
    basis = f"'{chosen.words}' in the text → the {what} of {name}{source}"
    basis += "; position within it unknown"
    return info["geometry"], "approximate", basis, name


def _ev(pair):
    return pair[1] if pair else None


def _base_roles(text: str, bases: list) -> tuple:
    """Home base, staging base and how the staging base was named.

    The first home base and the first other staging base, as (match, evidence) pairs,
    and the words when the staging base is one the aircraft were "operating from".
    """
    roles = [(*base_role_words(text, m), m, ev) for m, ev in bases]
    home = next(((m, ev) for role, _, m, ev in roles if role == "home"), None)
    staging = next(
        (
            (words, m, ev)
            for role, words, m, ev in roles
            if role == "staging" and (home is None or m.entry != home[0].entry)
        ),
        None,
    )
    operating = staging[0] if staging and staging[0].startswith(_OPERATING) else ""
    staging_pair = (staging[1], staging[2]) if staging else None
    return _tagged(home, "home"), _tagged(staging_pair, "staging"), operating


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
    """The place of the event among the candidates.

    The most specific area (the catalogue's, then the regional gazetteer's), else the
    staging base, else a base, else an ADIZ, else a city.
    """
    for layer in ("areas", "regional"):
        for category in _AREA_ORDER:
            for match in matches:
                info = match.entry.info
                if info["layer"] == layer and info["category"] == category:
                    return match
    if staging is not None:
        return staging
    for layer in ("bases", "adiz", "regional"):
        for match in matches:
            if match.entry.info["layer"] == layer:
                return match
    return None
