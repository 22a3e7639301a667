"""The analyst's review of a draft: widget values in and out, the reviewed feature.

The "Draft from article" tab shows every field of a ``Draft`` as a widget; these pure
functions turn the draft's values into what the widgets take (dates, lines, WKT) and
what the analyst typed back into GeoJSON, so they are tested without Streamlit.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import shapely
from shapely.errors import ShapelyError
from shapely.geometry import mapping, shape

WKT_PREFILL_CHARS = 2_000  # a sea outline is too long to edit as text; start empty


class GeometryTextError(ValueError):
    """Typed geometry that cannot be read (the message says why)."""


def evidence_text(value) -> str:
    """A found value in words: a date range, "3 × B-52H (USAF)", or the value itself."""
    if isinstance(value, dict) and "start" in value:
        same = value["start"] == value["end"]
        return value["start"] if same else f"{value['start']} to {value['end']}"
    if isinstance(value, dict) and "type" in value:
        count = f"{value['count']} × " if value.get("count") else ""
        operator = f" ({value['operator']})" if value.get("operator") else ""
        return f"{count}{value['type']}{operator}"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def lines(text: str) -> list[str]:
    """Non-empty lines of a text area (one list item per line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def iso(value: dt.date | None) -> str | None:
    """A date widget's value as ISO text (None stays None: the validator names it)."""
    return value.isoformat() if value else None


def as_date(text) -> dt.date | None:
    """The calendar day of an ISO date or date-time text, for a date widget."""
    try:
        return dt.date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def aircraft_from_rows(rows) -> list[dict]:
    """Aircraft from the rows of an edited table (type, count, operator); blank rows dropped.

    ``rows`` are dicts whose missing cells are ``None`` or pandas' NA.
    """
    import pandas as pd

    aircraft = []
    for row in rows:
        kind = "" if pd.isna(row["type"]) else str(row["type"]).strip()
        if not kind:
            continue
        count = None if pd.isna(row["count"]) else int(row["count"])
        operator = "" if pd.isna(row["operator"]) else str(row["operator"]).strip()
        aircraft.append({"type": kind, "count": count, "operator": operator})
    return aircraft


def anchor_point(geometry: dict | None) -> tuple[float, float] | None:
    """``(lat, lon)`` of a point on a drafted geometry, to start a point from; else ``None``."""
    if not geometry:
        return None
    point = shape(geometry).representative_point()
    return point.y, point.x


def point_geometry(lat: float | None, lon: float | None) -> dict | None:
    """A GeoJSON point of typed coordinates; ``None`` until both are given."""
    return None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}


def wkt_prefill(geometry: dict | None, limit: int = WKT_PREFILL_CHARS) -> str:
    """The drafted geometry as WKT to edit, or empty when there is none or it is too long."""
    text = shape(geometry).wkt if geometry else ""
    return text if len(text) <= limit else ""


def wkt_geometry(text: str) -> dict | None:
    """GeoJSON of typed WKT (longitude latitude order); ``None`` when empty.

    Raises ``GeometryTextError`` with the reason when the text is not WKT.
    """
    if not text.strip():
        return None
    try:
        return mapping(shapely.from_wkt(text))
    except (ShapelyError, ValueError) as exc:
        raise GeometryTextError(str(exc)) from exc


def feature_from_values(values: dict, geometry: dict | None) -> dict:
    """The GeoJSON Feature the analyst has reviewed (validated when saved)."""
    props = {k: v for k, v in values.items() if not (k == "units" and not v)}
    geometry = json.loads(json.dumps(geometry)) if geometry else None  # tuples → lists
    return {"type": "Feature", "id": props["id"], "properties": props, "geometry": geometry}


def previewable(checked, feature: dict) -> list[dict]:
    """What the preview map shows: the checked event, else its geometry if that is sound.

    ``checked`` is the dry run of saving the feature (``ImportResult``). Another
    field's error (an empty exercise name) should not hide where the event is.
    """
    if checked.features:
        return list(checked.features)
    geometry_errors = [p for p in checked.errors if (p.field or "").startswith("geometry")]
    return [feature] if feature["geometry"] and not geometry_errors else []


# Where each field is in the "Draft from article" form: its label, and where to find it.
FORM_FIELDS = {
    "id": ("Event id", "top of the form"),
    "name": ("Name", "top of the form"),
    "aliases": ("Aliases", "top of the form"),
    "exercise_id": ("Exercise id", "top of the form"),
    "exercise": ("Exercise", "top of the form"),
    "kind": ("Kind", "under Exercise"),
    "start": ("Start", "under Kind"),
    "end": ("End", "under Kind"),
    "time_precision": ("Time precision", "under Kind"),
    "participants": ("Participants", "under the dates"),
    "responders": ("Responders", "under Participants"),
    "aircraft": ("Aircraft", "table under Responders"),
    "ships": ("Ships", "table under Aircraft"),
    "units": ("Units", "under Ships"),
    "staging_base": ("Staging base", "under Units"),
    "home_base": ("Home base", "under Units"),
    "summary": ("Summary", "under the bases"),
    "notes": ("Notes", "under Summary"),
    "basis": ("Basis of the geometry", "under Notes"),
    "confidence": ("Confidence", "under Basis"),
    "place_precision": ("Place precision", "under Basis"),
    "sources": ("Source title, publisher, URL and date", "under Confidence"),
    "geometry": ("Geometry", "above the preview map"),
}
FORM_COLUMNS = ("Field in the form", "Where", "What is wrong", "What to do")


def form_place(field: str | None) -> tuple[str, str]:
    """(label, where) in the form of a problem's field ("sources[0].url" → the source)."""
    key = re.split(r"[.\[]", field or "", maxsplit=1)[0]
    return FORM_FIELDS.get(key, (field or "the event as a whole", "the form above"))


def form_problems(problems) -> list[dict[str, str]]:
    """The check's problems as rows naming the form's field and where it is."""
    rows = []
    for problem in problems:
        label, where = form_place(problem.field)
        hint = problem.hint or "correct the value"
        rows.append(dict(zip(FORM_COLUMNS, (label, where, problem.message, hint), strict=True)))
    return rows


def save_refusal(problems) -> str:
    """What a refused save says: how many problems, where they are listed, the first one."""
    if not problems:
        return "Nothing was saved."
    label, where = form_place(problems[0].field)
    hint = problems[0].hint or "correct the value"
    more = len(problems) - 1
    rest = f" and {more} more" if more else ""
    return (
        f"Nothing was saved. Fix {label} ({where}): {problems[0].message} — {hint}{rest}; "
        "every problem is listed under 'Problems if saved now', just above the Save button."
    )


def ships_from_rows(rows) -> list[dict]:
    """Ships from the rows of an edited table (name, type, count, operator); blank rows dropped."""
    import pandas as pd

    ships = []
    for row in rows:
        cells = {k: ("" if pd.isna(row[k]) else str(row[k]).strip()) for k in ("name", "type")}
        if not cells["name"] and not cells["type"]:
            continue
        count = None if pd.isna(row["count"]) else int(row["count"])
        operator = "" if pd.isna(row["operator"]) else str(row["operator"]).strip()
        ships.append({**cells, "count": count, "operator": operator})
    return ships
