"""The regional gazetteer as drafter entries: seas, straits, islands, peninsulas, cities.

``layers/data/gazetteer_regional.json`` holds named places of the Indo-Pacific from
Natural Earth (public domain; provenance, counts and what is missing in
``layers/data/GAZETTEER.md``), built by ``tools/build_gazetteer.py``. It ships with the
code and is read from this checkout: nothing is fetched.

The catalogue's own places come first. A regional place that shares a name or alias
with a catalogue place is that place: its other names ("Japanese Sea", "日本海") become
names of the catalogue entry. Every other regional name is added only where no
catalogue name, alias or short name already uses it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape

from layers.draft.names import Entry

REGIONAL_FILE = Path(__file__).resolve().parent.parent / "data" / "gazetteer_regional.json"
SOURCE_NOTE = "regional gazetteer (Natural Earth, public domain)"
# Kinds of regional places as area categories of the drafter's place rules.
CATEGORY = {"island_group": "island", "gulf": "sea", "bay": "sea", "channel": "strait"}


@cache
def load_regional(path: Path = REGIONAL_FILE) -> tuple[dict[str, Any], ...]:
    """The places of the regional gazetteer (a JSON array), read once per process."""
    return tuple(json.loads(Path(path).read_text(encoding="utf-8")))


def regional_entry(place: Mapping[str, Any]) -> Entry:
    """One regional place as a drafter entry (geometry: its outline, else its point)."""
    point = Point(place["lon"], place["lat"])
    kind = place["kind"]
    info = {
        "layer": "regional",
        "category": CATEGORY.get(kind, kind),
        "kind": kind,
        "geometry": shape(place["geometry"]) if place.get("geometry") else point,
        "point": point,
        "country": place.get("country"),
    }
    return Entry("place", f"ne:{place['name']}", place["name"], info)


def _key(term: str) -> str:
    return " ".join(term.lower().split())


def regional_terms(
    places: Iterable[Mapping[str, Any]], catalogue: Iterable[tuple[str, Entry]]
) -> list[tuple[str, Entry]]:
    """(name, entry) pairs of the regional places, for names no catalogue entry uses.

    ``catalogue`` is the catalogue's (name, entry) pairs. A regional place with a name
    of a catalogue place gives its other names to that catalogue entry instead.
    """
    owner: dict[str, Entry] = {}
    for term, entry in catalogue:
        if entry.kind == "place":
            owner.setdefault(_key(term), entry)
    out: list[tuple[str, Entry]] = []
    for place in places:
        names = [place["name"], *place.get("aliases", [])]
        same = next((owner[_key(n)] for n in names if _key(n) in owner), None)
        entry = same or regional_entry(place)
        out.extend((name, entry) for name in names)
    return out
