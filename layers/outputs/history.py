"""An event's history in words: one block per version, each change as ``field: old → new``.

Shared by ``python -m layers history`` (escaped for the terminal by the caller) and the
app's details panel (a code block: shown as text, never as Markdown).
Long values are cut with an ellipsis; geometry is named by its type and point count.
"""

from __future__ import annotations

import json

MAX_VALUE_CHARS = 80


def value_text(value, limit: int = MAX_VALUE_CHARS) -> str:
    """A stored value in one short line (``—`` for none)."""
    if value is None:
        return "—"
    if isinstance(value, dict) and "type" in value and "coordinates" in value:
        if value["type"] == "Point" and len(value["coordinates"]) >= 2:
            return "Point ({:g}, {:g})".format(*value["coordinates"][:2])
        return f"{value['type']} ({_points(value['coordinates'])} points)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _points(coords) -> int:
    if isinstance(coords, list) and coords and isinstance(coords[0], int | float):
        return 1
    return sum(_points(c) for c in coords) if isinstance(coords, list) else 0


def change_text(change: dict, created: bool = False) -> str:
    """``field: old → new`` (a new feature: ``field: new``)."""
    field = change.get("field")
    if created:
        return f"{field}: {value_text(change.get('new'))}"
    return f"{field}: {value_text(change.get('old'))} → {value_text(change.get('new'))}"


def history_lines(feature_id: str, versions) -> list[str]:
    """The lines ``history`` prints for ``versions`` (``layers.catalogue.db.versions``)."""
    lines = [f"{feature_id}: {len(versions)} version(s), current {versions[-1].version}"]
    for v in versions:
        where = (
            f" (import {v.import_id})" if v.import_id and v.action in ("import", "draft") else ""
        )
        lines.append(f"version {v.version}  {v.at}  {v.action}{where} by {v.author}")
        if v.comment:
            lines.append(f"    why: {v.comment}")
        created = v.version == 1 or all(c.get("old") is None for c in v.changes)
        for change in v.changes:
            lines.append("    " + change_text(change, created and v.action != "remove"))
    return lines
