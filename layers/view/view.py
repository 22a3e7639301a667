"""The view: everything that decides what the map shows, as one frozen value.

The app, the URL, the saved "view recipe" and the exporter all build the map from a
``BriefingView``, so the PNG matches the screen. A recipe carries ``version``; an
unknown version is refused rather than guessed at.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date

VIEW_VERSION = 1
DEFAULT_CENTER = (34.0, 132.0)  # lat, lon: Japan, the Korean Peninsula and the East China Sea
DEFAULT_ZOOM = 5
DEFAULT_MARKING = "UNCLASSIFIED — open sources"
DEFAULT_TITLE = "Indo-Pacific air and maritime activity"
BASEMAPS = ("offline", "osm", "satellite")  # only "offline" works with no internet
# A recipe is a file from anyone: small, shallow and short-valued, or refused.
MAX_RECIPE_BYTES = 64 * 1024
MAX_LIST_VALUES = 200
MAX_VALUE_CHARS = 200  # one exercise id, kind, aircraft type, title or marking line


class ViewError(ValueError):
    """A view (URL state or recipe) that cannot be used, with the reason."""


@dataclass(frozen=True)
class BriefingView:
    """What the map shows: window, filters, layers, position and briefing text.

    ``start``/``end`` of ``None`` mean "from the first event" / "to the last event".
    Empty filter tuples mean "no filter".
    """

    start: date | None = None
    end: date | None = None
    exercises: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    aircraft: tuple[str, ...] = ()
    layers: tuple[str, ...] = ("areas", "adiz", "bases", "events")
    center: tuple[float, float] = DEFAULT_CENTER
    zoom: int = DEFAULT_ZOOM
    basemap: str = "offline"
    title: str = DEFAULT_TITLE
    marking: str = DEFAULT_MARKING
    version: int = field(default=VIEW_VERSION)

    def with_changes(self, **changes) -> BriefingView:
        """A copy with ``changes`` applied (the view itself never changes)."""
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """JSON-ready dict (dates as ISO strings, tuples as lists)."""
        data = asdict(self)
        data["start"] = self.start.isoformat() if self.start else None
        data["end"] = self.end.isoformat() if self.end else None
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data

    def to_json(self) -> str:
        """The view as a small, stable JSON "recipe"."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict) -> BriefingView:
        """Build a view from a recipe dict; raise ``ViewError`` naming the bad field."""
        if not isinstance(data, dict):
            raise ViewError("view recipe must be a JSON object")
        version = data.get("version")
        if version != VIEW_VERSION:
            raise ViewError(
                f"view recipe version {_shown(version)} is not supported (expected {VIEW_VERSION})"
            )
        known = {f for f in cls.__dataclass_fields__}
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
                raise ViewError(
                    f"field 'basemap': {_shown(data['basemap'])} is not one of {BASEMAPS}"
                )
            kwargs["basemap"] = data["basemap"]
        for key in ("title", "marking"):
            if key in data:
                if not isinstance(data[key], str):
                    raise ViewError(f"field {key!r}: must be text")
                if len(data[key]) > MAX_VALUE_CHARS:
                    raise ViewError(f"field {key!r}: longer than {MAX_VALUE_CHARS} characters")
                kwargs[key] = data[key]
        view = cls(**kwargs)
        if view.start and view.end and view.end < view.start:
            raise ViewError("field 'end': the window ends before it starts")
        return view

    @classmethod
    def from_json(cls, text: str) -> BriefingView:
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
        return cls.from_dict(data)


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
