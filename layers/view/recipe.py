"""The view as a JSON "recipe" file, and back: what the app saves and ``brief --view`` reads.

A recipe carries every field of the ``BriefingView`` and its ``version``; an unknown
version is refused rather than guessed at. A recipe is a file from anyone: small,
shallow and short-valued, or refused with the reason (``ViewError`` naming the field).
It never turns on online tiles by itself: readers apply
``layers.map.tiles.offline_unless_chosen``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date

from layers.view.view import BASEMAPS, VIEW_VERSION, BriefingView, ViewError

MAX_RECIPE_BYTES = 64 * 1024
MAX_LIST_VALUES = 200
MAX_VALUE_CHARS = 200  # one exercise id, kind, aircraft type, title or marking line


def view_to_recipe_dict(view: BriefingView) -> dict:
    """JSON-ready dict (dates as ISO strings, tuples as lists)."""
    data = asdict(view)
    data["start"] = view.start.isoformat() if view.start else None
    data["end"] = view.end.isoformat() if view.end else None
    for key, value in data.items():
        if isinstance(value, tuple):
            data[key] = list(value)
    return data


def view_to_recipe(view: BriefingView) -> str:
    """The view as a small, stable JSON "recipe"."""
    return json.dumps(view_to_recipe_dict(view), ensure_ascii=False, indent=2, sort_keys=True)


def view_from_recipe_dict(data: dict) -> BriefingView:
    """Build a view from a recipe dict; raise ``ViewError`` naming the bad field."""
    if not isinstance(data, dict):
        raise ViewError("view recipe must be a JSON object")
    version = data.get("version")
    if version != VIEW_VERSION:
        raise ViewError(
            f"view recipe version {_shown(version)} is not supported (expected {VIEW_VERSION})"
        )
    known = {f.name for f in fields(BriefingView)}
    unknown = sorted(set(data) - known)
    if unknown:
        shown = ", ".join(_shown(name) for name in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise ViewError(f"view recipe has unknown field(s): {shown}{more}")
    kwargs = {}
    for key in ("start", "end"):
        if data.get(key) is not None:
            kwargs[key] = _parse_date(key, data[key])
    for key in ("exercises", "kinds", "participants", "aircraft", "layers"):
        if key in data:
            kwargs[key] = _str_tuple(key, data[key])
    if "center" in data:
        kwargs["center"] = _center(data["center"])
    if "zoom" in data:
        kwargs["zoom"] = _zoom(data["zoom"])
    if "basemap" in data:
        if data["basemap"] not in BASEMAPS:
            raise ViewError(f"field 'basemap': {_shown(data['basemap'])} is not one of {BASEMAPS}")
        kwargs["basemap"] = data["basemap"]
    for key in ("title", "marking"):
        if key in data:
            if not isinstance(data[key], str):
                raise ViewError(f"field {key!r}: must be text")
            if len(data[key]) > MAX_VALUE_CHARS:
                raise ViewError(f"field {key!r}: longer than {MAX_VALUE_CHARS} characters")
            kwargs[key] = data[key]
    view = BriefingView(**kwargs)
    if view.start and view.end and view.end < view.start:
        raise ViewError("field 'end': the window ends before it starts")
    return view


def view_from_recipe(text: str) -> BriefingView:
    """Parse a JSON recipe; raise ``ViewError`` on bad JSON, bad fields or bad sizes."""
    if len(text) > MAX_RECIPE_BYTES:
        raise ViewError(
            f"view recipe is larger than {MAX_RECIPE_BYTES // 1024} kB: not a view recipe"
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ViewError(f"view recipe is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise ViewError("view recipe is nested too deeply: not a view recipe") from exc
    except ValueError as exc:  # e.g. a number of thousands of digits
        raise ViewError(f"view recipe cannot be read: {_shown(str(exc))}") from exc
    return view_from_recipe_dict(data)


def _shown(value, limit: int = 60) -> str:
    """A value quoted in a message: its repr, cut short (a recipe may hold anything)."""
    text = repr(value) if not isinstance(value, str) or len(value) <= limit else repr(value[:limit])
    return text if len(text) <= limit + 2 else text[:limit] + "…"


def _parse_date(key: str, value) -> date:
    try:
        return date.fromisoformat(str(value)[:40])
    except ValueError as exc:
        raise ViewError(f"field {key!r}: {_shown(value)} is not a date (use YYYY-MM-DD)") from exc


def _str_tuple(key: str, value) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ViewError(f"field {key!r}: must be a list of text values")
    if len(value) > MAX_LIST_VALUES:
        raise ViewError(f"field {key!r}: more than {MAX_LIST_VALUES} values")
    if any(len(v) > MAX_VALUE_CHARS for v in value):
        raise ViewError(f"field {key!r}: a value is longer than {MAX_VALUE_CHARS} characters")
    return tuple(value)


def _center(value) -> tuple[float, float]:
    try:
        lat, lon = (float(v) for v in value)
    except (TypeError, ValueError) as exc:
        raise ViewError("field 'center': must be [latitude, longitude]") from exc
    if not -90 <= lat <= 90 or not -180 <= lon <= 360:
        raise ViewError(f"field 'center': {_shown(value)} is out of range")
    return (lat, lon)


def _zoom(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 18:
        raise ViewError(f"field 'zoom': {_shown(value)} must be a number from 1 to 18")
    return int(value)
