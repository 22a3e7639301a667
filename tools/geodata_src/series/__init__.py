"""Event series researched one by one (each module has its research note in docs/research/series/).

Each module holds ``SOURCES``, ``EVENTS`` and, where needed, ``PLACES`` (hand-placed
approximate positions), ``NEW_AIRCRAFT`` and ``NEW_BASES``. The core tables merge them
here: a series row replaces a core row of the same id (the series re-sourced it); a
source key may be refined by a series only for the same URL; anything else that
collides is an error, so two researchers can never silently overwrite each other.
"""

from tools.geodata_src.series import (
    airspace_violations_japan,
    cn_ru_joint_patrols,
    pla_carriers_near_japan,
    us_bomber_task_forces,
)

SERIES = (
    cn_ru_joint_patrols,
    us_bomber_task_forces,
    airspace_violations_japan,
    pla_carriers_near_japan,
)


def merge_sources(core: dict) -> dict:
    """Core sources plus every series' sources (same key: same URL, the series' wording)."""
    merged = dict(core)
    for module in SERIES:
        for key, source in module.SOURCES.items():
            known = merged.get(key)
            if known is not None and known["url"] != source["url"]:
                raise ValueError(f"source key {key!r}: {module.__name__} cites another URL")
            merged[key] = source
    return merged


def merge_places(core: dict) -> dict:
    """Hand-placed positions of the core and the series; one name, one position."""
    merged = dict(core)
    for module in SERIES:
        for name, position in getattr(module, "PLACES", {}).items():
            if name in merged and merged[name] != position:
                raise ValueError(f"place {name!r}: {module.__name__} puts it elsewhere")
            merged[name] = position
    return merged


def merge_events(core: list) -> list:
    """Core events with the series' rows replacing those of the same id, then the rest."""
    series_rows = {}
    for module in SERIES:
        for row in module.EVENTS:
            if row["id"] in series_rows:
                raise ValueError(f"event {row['id']!r} is in two series")
            series_rows[row["id"]] = row
    kept = [row for row in core if row["id"] not in series_rows]
    return kept + list(series_rows.values())


def merge_aircraft(core: list) -> list:
    """Core aircraft types plus the types the series introduce (each once)."""
    types = {row["type"] for row in core}
    added = []
    for module in SERIES:
        for row in getattr(module, "NEW_AIRCRAFT", []):
            if row["type"] in types:
                raise ValueError(f"aircraft {row['type']!r} is defined twice")
            types.add(row["type"])
            added.append(row)
    return core + added


def new_bases() -> list[dict]:
    """Bases the series need that the core table lacks (position as the source prints it)."""
    return [row for module in SERIES for row in getattr(module, "NEW_BASES", [])]
