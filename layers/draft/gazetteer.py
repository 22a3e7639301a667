"""The names the drafter knows: places, aircraft types, ships and participants.

Every name the drafter can recognise comes from data: the catalogue's ``name`` and
``aliases`` (bases, ADIZ, areas), the regional gazetteer (seas, straits, islands,
peninsulas and cities of Natural Earth, ``layers.draft.regional``), ``geodata/aircraft.json``
(type names, families and aliases such as "Lancer" → B-1B), named ships
(``layers.draft.ships``) and ``layers/draft/data/participants.json`` (states and
services). Nothing is hard-coded here except how names are matched (word rules in
``layers.draft.names``):

* longest match first, no overlaps;
* "Misawa" alone finds "Misawa Air Base": a base's name without its generic suffix
  ("Air Base", "AFB", ...) and an island group's name without "Islands" are added as
  short names, unless another entry already uses them or two entries would share one;
* a name shared by several entries (the alias "Senkaku" of five islands) matches
  them all; the caller decides what that means;
* a regional name is used only where no catalogue name, alias or short name is
  (``fallback``): "Naha" stays Naha Air Base, not the city.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from layers.draft.names import Entry, Match, ordinary_word, term_pattern
from layers.draft.regional import load_regional, regional_terms
from layers.draft.ships import catalogue_ships, load_ships, ship_terms

DATA_DIR = Path(__file__).resolve().parent / "data"
PARTICIPANTS_FILE = DATA_DIR / "participants.json"
AIRCRAFT_FILE = "aircraft.json"  # in the geodata folder

# Generic parts of base names; what is left is a short name ("Misawa Air Base" → "Misawa").
_BASE_SUFFIXES = re.compile(
    r"\s+(?:Air\s+Force\s+Base|Air\s+Base|Air\s+Station|Naval\s+Air\s+Facility|"
    r"Naval\s+Air\s+Station|Marine\s+Corps\s+Air\s+Station|Airfield|Air\s+Field|"
    r"Airport|AFB|AB|MCAS|NAF|NAS)\b.*$",
    re.IGNORECASE,
)
_ISLAND_SUFFIX = re.compile(r"\s+Islands?$", re.IGNORECASE)


def _as_list(value: Any) -> list[str]:
    """Aliases as a list of strings, whatever container the frame holds."""
    if value is None or isinstance(value, float):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v]


class Gazetteer:
    """Names → entries, matched in text longest first.

    Build it with :meth:`from_catalogue`; :meth:`find` returns the matches.
    """

    def __init__(
        self,
        terms: Iterable[tuple[str, Entry]],
        *,
        short: Iterable[tuple[str, Entry]] = (),
        fallback: Iterable[tuple[str, Entry]] = (),
        participants: Mapping[str, Any] | None = None,
    ):
        self.participants = dict(participants or {})  # the table, for service → country
        self.events = None  # the catalogue's events frame (from_catalogue), for duplicates
        self._terms: dict[str, list[tuple[str, Entry]]] = {}
        for term, entry in terms:
            self._add(term, entry)
        self._add_short_names(short)
        taken = set(self._terms)
        for term, entry in fallback:
            if " ".join(term.lower().split()) not in taken:
                self._add(term, entry)
        self._patterns = [
            (term_pattern(term, plural=entry.kind == "aircraft"), term, entry)
            for pairs in self._terms.values()
            for term, entry in pairs
        ]

    def _add(self, term: str, entry: Entry) -> None:
        key = " ".join(term.lower().split())
        if not key:
            return
        pairs = self._terms.setdefault(key, [])
        if all(e != entry for _, e in pairs):
            pairs.append((term, entry))

    def _add_short_names(self, short: Iterable[tuple[str, Entry]]) -> None:
        # A short name is dropped when it is taken or ambiguous: "Naha" must not
        # silently pick one of two bases.
        owners: dict[str, set[Entry]] = {}
        spelled: dict[str, str] = {}
        for term, entry in short:
            key = " ".join(term.lower().split())
            owners.setdefault(key, set()).add(entry)
            spelled[key] = term
        for key, entries in owners.items():
            if key not in self._terms and len(entries) == 1:
                self._add(spelled[key], next(iter(entries)))

    @property
    def straits(self) -> list[Entry]:
        """The straits known (catalogue and regional), for "between A and B"."""
        return [e for e in self.entries if e.kind == "place" and e.info.get("category") == "strait"]

    @property
    def entries(self) -> list[Entry]:
        """Every distinct entry, in the order first added."""
        seen: dict[Entry, None] = {}
        for pairs in self._terms.values():
            for _, entry in pairs:
                seen.setdefault(entry, None)
        return list(seen)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in text order, the longest winning at each place.

        Where one name belongs to several entries (e.g. a base and an island of the
        same name), each entry gets its own match over the same span.
        """
        found: list[Match] = []
        for pattern, term, entry in self._patterns:
            for m in pattern.finditer(text):
                if ordinary_word(term, m.group()):
                    continue
                found.append(Match(entry, m.start(), m.end(), m.group(), term))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Match] = []
        for match in found:
            if kept and match.start < kept[-1].end:
                same_span = (match.start, match.end) == (kept[-1].start, kept[-1].end)
                if not same_span or match.entry == kept[-1].entry:
                    continue
            kept.append(match)
        return kept

    @classmethod
    def from_catalogue(
        cls,
        frames: Mapping[str, Any],
        aircraft: Iterable[Mapping[str, Any]],
        participants: Mapping[str, Any] | None = None,
        regional: Iterable[Mapping[str, Any]] | None = None,
    ) -> Gazetteer:
        """Gazetteer of the catalogue, aircraft, ships, participants and regional places.

        Parameters
        ----------
        frames
            ``load_catalogue().frames``: GeoDataFrames keyed "bases", "adiz", "areas"
            (and "events", whose exercise names are recognised too). Missing keys
            are skipped.
        aircraft
            Items of ``geodata/aircraft.json``: ``type``, ``name``, ``family``,
            ``aliases``, ``role``, ``operators``.
        participants
            The participants table; default ``layers/draft/data/participants.json``.
        regional
            Places of the regional gazetteer; default the shipped
            ``layers/data/gazetteer_regional.json`` (``()`` for none).
        """
        terms: list[tuple[str, Entry]] = []
        short: list[tuple[str, Entry]] = []
        for layer in ("bases", "areas", "adiz"):
            frame = frames.get(layer)
            if frame is not None:
                _place_terms(frame, layer, terms, short)
        _aircraft_terms(list(aircraft), terms, short)
        ship_terms([load_ships(), catalogue_ships(frames.get("events"))], terms)
        table = participants if participants is not None else load_participants()
        _participant_terms(table, terms)
        _exercise_terms(frames.get("events"), terms)
        places = load_regional() if regional is None else regional
        fallback = regional_terms(places, terms)
        gazetteer = cls(terms, short=short, fallback=fallback, participants=table)
        gazetteer.events = frames.get("events")
        return gazetteer


def load_participants(path: Path = PARTICIPANTS_FILE) -> dict[str, Any]:
    """The participants table (states and services → ISO alpha-3 and service)."""
    return json.loads(path.read_text(encoding="utf-8"))


def catalogue_gazetteer(geodata_dir: Path | None = None) -> Gazetteer:
    """Gazetteer of the shipped catalogue and ``geodata/aircraft.json``.

    Raises ``GeoDataError`` (catalogue invalid) or ``OSError``/``ValueError``
    (aircraft list missing or not JSON), so a broken catalogue is never half-used.
    """
    from layers.catalogue.load import load_catalogue  # geopandas only when the catalogue is wanted
    from layers.catalogue.registry import GEODATA_DIR

    folder = Path(geodata_dir or GEODATA_DIR)
    frames = load_catalogue(folder).frames
    return Gazetteer.from_catalogue(frames, load_aircraft(folder / AIRCRAFT_FILE))


def load_aircraft(path: Path) -> list[dict]:
    """The aircraft types of ``geodata/aircraft.json`` (its ``types`` list, or a bare list)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return list(data.get("types", []) if isinstance(data, dict) else data)


def _place_terms(frame, layer: str, terms: list, short: list) -> None:
    """Names and aliases of one catalogue frame as place entries."""
    for row in frame.itertuples(index=False):
        info = {
            "layer": layer,
            "geometry": row.geometry,
            "category": getattr(row, "category", None) if layer == "areas" else layer,
            "country": getattr(row, "country", None) or getattr(row, "declaring_state", None),
        }
        entry = Entry("place", str(row.id), str(row.name), info)
        names = [str(row.name), *_as_list(getattr(row, "aliases", None))]
        terms.extend((name, entry) for name in names)
        suffix = _BASE_SUFFIXES if layer == "bases" else _ISLAND_SUFFIX
        for name in names:
            trimmed = suffix.sub("", name).strip(" ,")
            if trimmed and trimmed != name and len(trimmed) >= 3:
                short.append((trimmed, entry))


def _aircraft_terms(aircraft: list, terms: list, short: list) -> None:
    """Type names, full names and aliases; a family name stands for its only type.

    An item's catalogue type is ``type`` (e.g. "B-1B"); ``name`` is the full name
    ("Rockwell B-1B Lancer"). Items with only ``name`` use it as the type.
    """
    families: dict[str, list[Mapping[str, Any]]] = {}
    for item in aircraft:
        families.setdefault(str(item.get("family") or ""), []).append(item)
    for item in aircraft:
        type_name = str(item.get("type") or item["name"])
        info = {k: item.get(k) for k in ("family", "role", "operators")}
        entry = Entry("aircraft", type_name, str(item.get("name") or type_name), info)
        names = [type_name, item.get("name"), *_as_list(item.get("aliases"))]
        terms.extend((name, entry) for name in names if name)
        family = str(item.get("family") or "")
        if family and len(families[family]) == 1:
            short.append((family, entry))


def _participant_terms(table: Mapping[str, Any], terms: list) -> None:
    """Services and states from the participants table."""
    for row in table.get("services", []):
        info = {"country": row["country"], "service": row["service"], "is_state": False}
        entry = Entry("participant", row["service"], row["service"], info)
        terms.extend((name, entry) for name in [row["service"], *row.get("names", [])])
    for row in table.get("states", []):
        info = {"country": row["country"], "service": None, "is_state": True}
        entry = Entry("participant", row["country"], row["country"], info)
        terms.extend((name, entry) for name in row.get("names", []))


def _exercise_terms(events, terms: list) -> None:
    """Exercise and series names already in the catalogue's events."""
    if events is None or "exercise" not in getattr(events, "columns", ()):
        return
    pairs = events[["exercise_id", "exercise"]].dropna().drop_duplicates("exercise_id")
    for exercise_id, name in pairs.itertuples(index=False):
        if str(name).strip():
            terms.append((str(name), Entry("exercise", str(exercise_id), str(name))))
