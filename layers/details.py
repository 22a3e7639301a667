"""The details panel: one feature as a render-ready model, and as escaped Markdown.

:func:`feature_details` turns a row of any layer into plain text: every schema
field (blank ones as "—"), enums in words from ``layers.schema``, countries by name,
aircraft as "2 × B-52H (USAF)", base references by name, and for an event the route
from its home base to its staging base with the geodesic distance.

Rendering safety: the model holds plain text only. The app should show it with
``st.markdown(details_markdown(model))``, which backslash-escapes every ASCII
punctuation character of data text (so ``<script>``, ``[x](javascript:…)``, ``*``,
backticks, ``$`` and Streamlit's ``:colour[…]`` directives show literally) and makes
links only of http(s) URLs, percent-encoded. Never pass data text to
``unsafe_allow_html``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlsplit

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point
from shapely.ops import nearest_points

from layers.geodesy import GEOD, distance_m
from layers.popups import ENUM_TEXTS, country_name, is_blank
from layers.registry import LAYERS_BY_KEY
from layers.schema import SCHEMAS, Field
from layers.units import format_distance, m_to_km, m_to_nm

BLANK = "—"
FIELD_LABELS = {
    "id": "ID",
    "icao": "ICAO code",
    "exercise_id": "Exercise ID",
    "place_precision": "Place precision",
    "time_precision": "Time precision",
    "staging_base": "Staging base",
    "home_base": "Home base",
    "declaring_state": "Declared by",
}
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_URL_SAFE = ":/?#&=%~+,;@!*'-._"  # parentheses, brackets, spaces and quotes get encoded


def aircraft_text(item: Mapping) -> str:
    """One aircraft entry as ``"2 × B-52H (USAF)"`` (no count when none is published)."""
    count = item.get("count")
    number = "" if is_blank(count) else f"{int(count) if float(count).is_integer() else count} × "
    operator = "" if is_blank(item.get("operator")) else f" ({item['operator']})"
    return f"{number}{item.get('type', '?')}{operator}"


def participants_text(codes) -> str:
    """Country names, comma-separated, in the order given."""
    return ", ".join(country_name(c) for c in _as_list(codes))


def date_text(value) -> str:
    """An ISO date or date-time in words: ``6 Dec 2025`` or ``6 Dec 2025, 16:32 (UTC+09:00)``."""
    if is_blank(value):
        return BLANK
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    day = f"{moment.day} {moment:%b %Y}"
    if "T" not in str(value):
        return day
    offset = moment.strftime("%z")
    zone = f" (UTC{offset[:3]}:{offset[3:]})" if offset else ""
    return f"{day}, {moment:%H:%M}{zone}"


def _as_list(value) -> list:
    if is_blank(value):
        return []
    return [value] if isinstance(value, str | Mapping) else list(value)


def _base_name(bases: pd.DataFrame | None, base_id) -> str:
    if is_blank(base_id):
        return BLANK
    row = find_feature({"bases": bases}, "bases", base_id) if bases is not None else None
    return str(base_id) if row is None else f"{row['name']} ({base_id})"


def _value_text(field: Field, value, bases) -> str:
    if field.kind in ("ref",) and field.ref == "bases":
        return _base_name(bases, value)
    if is_blank(value):
        return BLANK
    if field.kind == "aircraft":
        return "; ".join(aircraft_text(a) for a in _as_list(value))
    if field.kind == "list[country]":
        return participants_text(value)
    if field.kind == "list[str]":
        return ", ".join(str(v) for v in _as_list(value))
    if field.kind == "country":
        return f"{country_name(value)} ({value})"
    if field.kind == "date":
        return date_text(value)
    if field.kind == "enum" and field.name in ENUM_TEXTS:
        return ENUM_TEXTS[field.name].get(str(value), str(value))
    return str(value)


def location_text(geometry) -> str:
    """Where a feature is, in words: a point's coordinates, else the geometry kind."""
    if geometry is None or geometry.is_empty:
        return BLANK
    if geometry.geom_type == "Point":
        lat, lon = geometry.y, ((geometry.x + 180) % 360) - 180
        north, east = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
        return f"{abs(lat):.4f}° {north}, {abs(lon):.4f}° {east}"
    kinds = {"LineString": "Line", "MultiLineString": "Lines", "Polygon": "Area"}
    return kinds.get(geometry.geom_type, "Areas")


def source_items(sources) -> list[dict]:
    """Sources as dicts of plain text; ``is_link`` only for well-formed http(s) URLs."""
    items = []
    for source in _as_list(sources):
        url = str(source.get("url") or "").strip()
        items.append(
            {
                "title": str(source.get("title") or url or "source"),
                "publisher": "" if is_blank(source.get("publisher")) else str(source["publisher"]),
                "published": ""
                if is_blank(source.get("published"))
                else date_text(source["published"]),
                "url": url,
                "is_link": is_http_url(url),
            }
        )
    return items


def is_http_url(url: str) -> bool:
    """True for an http(s) URL with a host and no whitespace or control characters."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def feature_details(row: Mapping, layer_key: str, *, bases: pd.DataFrame | None = None) -> dict:
    """A render-ready model of one feature (plain text only; see the module docstring).

    Parameters
    ----------
    row
        One row of a loaded frame (a ``Series`` or a dict of properties plus ``geometry``).
    layer_key
        ``"events"``, ``"bases"``, ``"adiz"`` or ``"areas"``.
    bases
        The bases frame, to name staging/home bases and draw an event's route.

    Returns
    -------
    dict
        ``layer``, ``layer_title``, ``id``, ``title``, ``subtitle``, ``rows`` (list of
        (label, text) for every schema field, then location and origin), ``sources``
        (see :func:`source_items`), ``confidence``, ``place_precision``; for events also
        ``participants``, ``aircraft``, ``staging_base``, ``home_base`` and ``route``
        (``None``, or ``text``, ``km``, ``nm``, ``from_lonlat``, ``to_lonlat``).
    """
    dataset = SCHEMAS[layer_key]
    fields = [f for f in dataset.all_fields if f.kind != "sources"]
    rows = [
        (
            FIELD_LABELS.get(f.name, f.name.replace("_", " ").capitalize()),
            _value_text(f, row.get(f.name), bases),
        )
        for f in fields
    ]
    rows.append(("Location", location_text(row.get("geometry"))))
    if not is_blank(row.get("origin")):
        rows.append(("Origin", "Your file" if row["origin"] == "user" else "Catalogue"))
    model = {
        "layer": layer_key,
        "layer_title": LAYERS_BY_KEY[layer_key].title if layer_key in LAYERS_BY_KEY else layer_key,
        "id": str(row.get("id", "")),
        "title": str(row.get("name") or row.get("id") or ""),
        "subtitle": _subtitle(row, layer_key),
        "rows": rows,
        "sources": source_items(row.get("sources")),
        "confidence": _value_text(Field("confidence", "enum"), row.get("confidence"), None),
        "place_precision": _value_text(
            Field("place_precision", "enum"), row.get("place_precision"), None
        ),
    }
    if layer_key == "events":
        model.update(_event_extras(row, bases))
    return model


def _subtitle(row: Mapping, layer_key: str) -> str:
    if layer_key == "events":
        kind = ENUM_TEXTS["kind"].get(str(row.get("kind")), str(row.get("kind")))
        start, end = date_text(row.get("start")), date_text(row.get("end"))
        return f"{kind} · {start}" + ("" if end == start else f" – {end}")
    if layer_key == "bases":
        return f"Air base · {country_name(row.get('country'))}"
    if layer_key == "adiz":
        return f"ADIZ · declared by {country_name(row.get('declaring_state'))}"
    if layer_key == "areas":
        return ENUM_TEXTS["category"].get(str(row.get("category")), str(row.get("category")))
    return LAYERS_BY_KEY[layer_key].title if layer_key in LAYERS_BY_KEY else layer_key


def _event_extras(row: Mapping, bases: pd.DataFrame | None) -> dict:
    home, staging = row.get("home_base"), row.get("staging_base")
    return {
        "participants": [country_name(c) for c in _as_list(row.get("participants"))],
        "aircraft": [aircraft_text(a) for a in _as_list(row.get("aircraft"))],
        "staging_base": None if is_blank(staging) else _base_name(bases, staging),
        "home_base": None if is_blank(home) else _base_name(bases, home),
        "route": route_between(bases, home, staging),
    }


def route_between(bases: pd.DataFrame | None, from_id, to_id) -> dict | None:
    """Route text and geodesic (WGS84) distance between two bases, or ``None``."""
    if bases is None or is_blank(from_id) or is_blank(to_id) or from_id == to_id:
        return None
    origin = find_feature({"bases": bases}, "bases", from_id)
    target = find_feature({"bases": bases}, "bases", to_id)
    if origin is None or target is None:
        return None
    a, b = origin.geometry, target.geometry
    metres = distance_m((a.x, a.y), (b.x, b.y))
    return {
        "text": f"{origin['name']} → {target['name']}",
        "km": round(m_to_km(metres), 1),
        "nm": round(m_to_nm(metres), 1),
        "distance": format_distance(metres),
        "from_lonlat": (a.x, a.y),
        "to_lonlat": (b.x, b.y),
    }


def find_feature(frames: Mapping[str, pd.DataFrame], layer: str, feature_id) -> pd.Series | None:
    """The row of ``layer`` whose ``id`` is ``feature_id``, or ``None``."""
    frame = frames.get(layer)
    if frame is None or frame.empty or is_blank(feature_id):
        return None
    hits = frame.loc[frame["id"] == str(feature_id)]
    return None if hits.empty else hits.iloc[0]


def escape_markdown(text) -> str:
    """Data text made inert for Markdown: whitespace collapsed, ASCII punctuation escaped."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def _source_markdown(source: Mapping) -> str:
    title = escape_markdown(source["title"])
    if source["is_link"]:
        label = f"[{title}]({quote(source['url'], safe=_URL_SAFE)})"
    else:
        label = f"{title} ({escape_markdown(source['url'])})" if source["url"] else title
    meta = [escape_markdown(source[k]) for k in ("publisher", "published") if source[k]]
    return f"{label} — {', '.join(meta)}" if meta else label


def details_markdown(model: Mapping) -> str:
    """The details model as Markdown in which every piece of data text is escaped."""
    lines = [
        f"#### {escape_markdown(model['title'])}",
        f"*{escape_markdown(model['subtitle'])}*",
        "",
    ]
    route = model.get("route")
    if route:
        lines += [
            f"**Route:** {escape_markdown(route['text'])}: "
            f"{escape_markdown(route['distance'])} (geodesic)",
            "",
        ]
    lines += [
        f"- **{escape_markdown(label)}:** {escape_markdown(text)}" for label, text in model["rows"]
    ]
    if model["sources"]:
        lines += ["", "**Sources**", ""]
        lines += [f"{n}. {_source_markdown(s)}" for n, s in enumerate(model["sources"], start=1)]
    return "\n".join(lines) + "\n"


# --- Resolving a map click to a feature -------------------------------------------------

POINT_LAYERS = ("events", "bases")
SHAPE_LAYERS = ("events", "areas", "adiz")  # events first: the user is looking at activity


@dataclass(frozen=True, eq=False)
class FeatureHit:
    """The feature under a map click: its layer, id, row and distance from the click."""

    layer: str
    feature_id: str
    row: pd.Series
    distance_km: float


def feature_at(
    frames: Mapping[str, pd.DataFrame],
    lat: float,
    lng: float,
    *,
    tolerance_km: float = 25.0,
    layers: Iterable[str] | None = None,
) -> FeatureHit | None:
    """The feature at a clicked position (as ``st_folium``'s ``last_object_clicked``).

    The nearest event or base point within ``tolerance_km`` (geodesic) wins; else the
    nearest line within the tolerance; else the smallest polygon containing the
    click, event areas before areas and ADIZ. ``lng`` may be outside [-180, 180]
    (a Pacific map window); data longitudes beyond 180 are matched too.
    """
    shown = set(layers) if layers is not None else set(frames)
    lng = ((float(lng) + 180.0) % 360.0) - 180.0
    hits = [h for key in POINT_LAYERS if key in shown for h in _point_hits(frames, key, lat, lng)]
    hits += [h for key in SHAPE_LAYERS if key in shown for h in _line_hits(frames, key, lat, lng)]
    near = [h for h in hits if h.distance_km <= tolerance_km]
    if near:
        return min(
            near,
            key=lambda h: (
                h.distance_km,
                POINT_LAYERS.index(h.layer) if h.layer in POINT_LAYERS else 9,
            ),
        )
    for key in SHAPE_LAYERS:
        if key in shown:
            hit = _containing(frames, key, lat, lng)
            if hit is not None:
                return hit
    return None


def _frame_of(frames, key: str, kinds: tuple[str, ...]) -> pd.DataFrame | None:
    frame = frames.get(key)
    if frame is None or frame.empty:
        return None
    part = frame.loc[frame.geometry.geom_type.isin(kinds)]
    return None if part.empty else part


def _point_hits(frames, key: str, lat: float, lng: float) -> list[FeatureHit]:
    points = _frame_of(frames, key, ("Point",))
    if points is None:
        return []
    lons, lats = points.geometry.x.to_numpy(), points.geometry.y.to_numpy()
    _, _, metres = GEOD.inv(np.full(len(lons), lng), np.full(len(lats), lat), lons, lats)
    best = int(np.argmin(metres))
    row = points.iloc[best]
    return [FeatureHit(key, str(row["id"]), row, float(metres[best]) / 1000.0)]


def _line_hits(frames, key: str, lat: float, lng: float) -> list[FeatureHit]:
    lines = _frame_of(frames, key, ("LineString", "MultiLineString"))
    if lines is None:
        return []
    hits = []
    for _, row in lines.iterrows():
        best = min(
            (nearest_points(row.geometry, Point(lng + turn, lat))[0] for turn in (0, 360, -360)),
            key=lambda p: distance_m((p.x, p.y), (lng, lat)),
        )
        km = distance_m((best.x, best.y), (lng, lat)) / 1000.0
        hits.append(FeatureHit(key, str(row["id"]), row, km))
    return hits


def _containing(frames, key: str, lat: float, lng: float) -> FeatureHit | None:
    shapes = _frame_of(frames, key, ("Polygon", "MultiPolygon"))
    if shapes is None:
        return None
    geoms = shapes.geometry.to_numpy()
    inside = np.zeros(len(geoms), dtype=bool)
    for turn in (0, 360, -360):
        inside |= shapely.contains_xy(geoms, lng + turn, lat)
    if not inside.any():
        return None
    candidates = shapes.loc[inside]
    row = candidates.iloc[int(np.argmin(shapely.area(candidates.geometry.to_numpy())))]
    return FeatureHit(key, str(row["id"]), row, 0.0)
