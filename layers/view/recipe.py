"""The view as a JSON "recipe" file, and back: what the app saves and ``brief --view`` reads.

A recipe carries every field of the ``BriefingView`` and its ``version``; an unknown
version is refused rather than guessed at (version 1, before the pick, the rings and
the measures were part of the view, still reads). A recipe is a file from anyone: small,
shallow and short-valued, or refused with the reason (``ViewError`` naming the field).
It never turns on online tiles by itself: readers apply
``layers.map.tiles.offline_unless_chosen``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date

from layers.view.marks import MAX_LABEL_CHARS, MAX_MARKS, Measure, Ring
from layers.view.view import BASEMAPS, VIEW_VERSION, BriefingView, Pick, ViewError

READABLE_VERSIONS = (1, VIEW_VERSION)

MAX_RECIPE_BYTES = 64 * 1024
MAX_LIST_VALUES = 200
MAX_VALUE_CHARS = 200  # one exercise id, kind, aircraft type, title or marking line


def view_to_recipe_dict(view: BriefingView) -> dict:
    """JSON-ready dict (dates as ISO strings, tuples as lists, marks as objects)."""
    data = {f.name: getattr(view, f.name) for f in fields(BriefingView)}
    data["start"] = view.start.isoformat() if view.start else None
    data["end"] = view.end.isoformat() if view.end else None
    window = view.pick.window
    data["pick"] = {
        "window": [window[0].isoformat(), window[1].isoformat()] if window else None,
        "ids": list(view.pick.ids),
    }
    data["rings"] = [{**asdict(ring), "center": list(ring.center)} for ring in view.rings]
    data["measures"] = [
        {**asdict(m), "start": list(m.start), "end": list(m.end)} for m in view.measures
    ]
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
    if version not in READABLE_VERSIONS:
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
    if "pick" in data:
        kwargs["pick"] = _pick(data["pick"])
    if "rings" in data:
        kwargs["rings"] = _marks("rings", data["rings"], _ring)
    if "measures" in data:
        kwargs["measures"] = _marks("measures", data["measures"], _measure)
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


def _pick(value) -> Pick:
    if not isinstance(value, dict) or set(value) - {"window", "ids"}:
        raise ViewError('field \'pick\': must be {"window": [start, end] or null, "ids": [...]}')
    window = value.get("window")
    if window is not None:
        if not isinstance(window, list | tuple) or len(window) != 2:
            raise ViewError("field 'pick.window': must be [start, end]")
        window = (_parse_date("pick.window", window[0]), _parse_date("pick.window", window[1]))
        if window[1] < window[0]:
            raise ViewError("field 'pick.window': ends before it starts")
    return Pick(window=window, ids=_str_tuple("pick.ids", value.get("ids", [])))


def _marks(key: str, value, parse) -> tuple:
    if not isinstance(value, list | tuple):
        raise ViewError(f"field {key!r}: must be a list")
    if len(value) > MAX_MARKS:
        raise ViewError(f"field {key!r}: more than {MAX_MARKS}")
    return tuple(parse(f"{key}[{i}]", item) for i, item in enumerate(value))


def _ring(key: str, item) -> Ring:
    if not isinstance(item, dict) or set(item) != {"center", "radius_m", "label"}:
        raise ViewError(f"field {key!r}: must be {{center: [lon, lat], radius_m, label}}")
    radius = item["radius_m"]
    if isinstance(radius, bool) or not isinstance(radius, int | float) or not 0 < radius <= 2.1e7:
        raise ViewError(f"field '{key}.radius_m': {_shown(radius)} must be metres, up to 21,000 km")
    center = _lonlat(f"{key}.center", item["center"])
    return Ring(center, float(radius), _label(key, item["label"]))


def _measure(key: str, item) -> Measure:
    if not isinstance(item, dict) or set(item) != {"start", "end", "start_name", "end_name"}:
        raise ViewError(f"field {key!r}: must be {{start, end, start_name, end_name}}")
    return Measure(
        _lonlat(f"{key}.start", item["start"]),
        _lonlat(f"{key}.end", item["end"]),
        _label(key, item["start_name"]),
        _label(key, item["end_name"]),
    )


def _lonlat(key: str, value) -> tuple[float, float]:
    """A ``[lon, lat]`` pair (the marks' own order), range-checked like the centre."""
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ViewError(f"field {key!r}: must be [longitude, latitude]")
    lat, lon = _center([value[1], value[0]])
    return (lon, lat)


def _label(key: str, value) -> str:
    if not isinstance(value, str) or len(value) > MAX_LABEL_CHARS:
        raise ViewError(f"field {key!r}: a label is text of at most {MAX_LABEL_CHARS} characters")
    return value
