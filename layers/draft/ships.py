"""Ships by name: carriers and other named warships, as assets of their navy.

Names come from data: ``layers/draft/data/ships.json`` (the carriers with their other
names) and the ships the catalogue's events already name (``ships`` of
``geodata/events.geojson``), each with its type and operator. Many ship names are
also places ("Liaoning", "Shandong", "Chengdu"), so a name counts as a ship only with
a ship word near it ("the carrier Liaoning", "Liaoning carrier group", "destroyer
Nanchang").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from layers.draft.extract import Evidence
from layers.draft.names import Entry, Match

SHIPS_FILE = Path(__file__).resolve().parent / "data" / "ships.json"
_SHIP_WORDS = re.compile(
    r"(?<!\w)(?:(?:aircraft\s+)?carriers?|destroyers?|frigates?|corvettes?|cruisers?|warships?"
    r"|vessels?|ships?|(?:strike|task|carrier)\s+groups?|flotilla|CNS|JS|RFS|PLAN|navy|Navy"
    r"|sailed|sailing|flight\s+deck|hull)(?!\w)",
    re.IGNORECASE,
)
_NOT_SHIP_AFTER = re.compile(r"\s+(?:province|peninsula|city|university)\b", re.IGNORECASE)


def load_ships(path: Path = SHIPS_FILE) -> list[dict[str, Any]]:
    """The ships table: ``name``, ``type``, ``operator``, ``aliases``."""
    return list(json.loads(Path(path).read_text(encoding="utf-8"))["ships"])


def catalogue_ships(events) -> list[dict[str, Any]]:
    """Named ships of the catalogue's events; the most specific (longest) type of each."""
    best: dict[str, dict[str, Any]] = {}
    if events is None or "ships" not in getattr(events, "columns", ()):
        return []
    for ships in events["ships"]:
        for ship in ships if isinstance(ships, list) else []:
            name = str(ship.get("name") or "").strip()
            if not name:
                continue
            seen = best.get(name)
            if seen is None or len(str(ship.get("type") or "")) > len(seen["type"]):
                row = {"name": name, "type": str(ship.get("type") or ""), "aliases": []}
                best[name] = row | {"operator": str(ship.get("operator") or "")}
    return list(best.values())


def ship_terms(tables: Iterable[Iterable[Mapping[str, Any]]], terms: list) -> None:
    """(name, entry) pairs of every ship; a name in an earlier table wins."""
    seen: set[str] = set()
    for table in tables:
        for row in table:
            if row["name"] in seen:
                continue
            seen.add(row["name"])
            info = {"type": row.get("type", ""), "operator": row.get("operator", "")}
            entry = Entry("ship", row["name"], row["name"], info)
            terms.extend((name, entry) for name in [row["name"], *row.get("aliases", [])])


def is_ship_mention(text: str, match: Match) -> bool:
    """A ship word within a few words of the name, and not "Shandong province"."""
    if _NOT_SHIP_AFTER.match(text[match.end :]):
        return False
    before = text[max(0, match.start - 50) : match.start]
    after = text[match.end : match.end + 40]
    return bool(_SHIP_WORDS.search(before) or _SHIP_WORDS.search(after))


def ship_evidence(text: str, matches: list[Match]) -> list[Evidence]:
    """One item per ship named: ``{name, type, count: 1, operator}``."""
    found: dict[str, Evidence] = {}
    for match in (m for m in matches if m.entry.kind == "ship"):
        if match.entry.key in found or not is_ship_mention(text, match):
            continue
        info = match.entry.info
        value = {"name": match.entry.key, "type": info["type"], "count": 1}
        value["operator"] = info["operator"]
        what = f"the {info['type'] or 'ship'} {match.entry.key} ({info['operator']})"
        why = f"'{match.words}' → {what}"
        found[match.entry.key] = Evidence(value, match.start, match.end, match.words, why)
    return list(found.values())


def ship_countries(ships: list[Evidence], table: Mapping[str, Any]) -> list[Evidence]:
    """The state of each ship's operator (a service of the participants table, or its name)."""
    country_of = {}
    for row in table.get("services", []):
        for name in [row["service"], *row.get("names", [])]:
            country_of[name.lower()] = row["country"]
    out = []
    for ev in ships:
        country = country_of.get(ev.value["operator"].lower())
        if country:
            why = f"{ev.value['name']} is operated by {ev.value['operator']} → {country}"
            out.append(Evidence(country, ev.start, ev.end, ev.words, why))
    return out
