"""Values in words, as the details panel and the events table show them.

Plain text only (escape before rendering): dates as "6 Dec 2025", aircraft as
"2 × B-52H (USAF)", countries by name, a point's position in degrees, sources
with a flag for the URLs that may become links (http/https with a host), and the
line under a briefing's title (the briefing PNG's and the deck's).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from urllib.parse import urlsplit

from layers.catalogue.schema import country_name
from layers.catalogue.values import as_list, is_blank
from layers.geo.longitude import from_window

BLANK = "—"


def aircraft_text(item: Mapping) -> str:
    """One aircraft entry as ``"2 × B-52H (USAF)"`` (no count when none is published)."""
    count = item.get("count")
    number = "" if is_blank(count) else f"{int(count) if float(count).is_integer() else count} × "
    operator = "" if is_blank(item.get("operator")) else f" ({item['operator']})"
    return f"{number}{item.get('type', '?')}{operator}"


def ship_text(item: Mapping) -> str:
    """A ship: ``"Liaoning (aircraft carrier, PLAN)"`` or ``"2 × Type 055 destroyer (PLAN)"``."""
    count = item.get("count")
    number = "" if is_blank(count) or count == 1 else f"{int(count)} × "
    kind = str(item.get("type", "?"))
    operator = "" if is_blank(item.get("operator")) else str(item["operator"])
    if not is_blank(item.get("name")):
        return f"{item['name']} ({', '.join(x for x in (kind, operator) if x)})"
    return f"{number}{kind}" + (f" ({operator})" if operator else "")


def participants_text(codes) -> str:
    """Country names, comma-separated, in the order given."""
    return ", ".join(country_name(c) for c in as_list(codes))


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


def location_text(geometry) -> str:
    """Where a feature is, in words: a point's coordinates, else the geometry kind."""
    if geometry is None or geometry.is_empty:
        return BLANK
    if geometry.geom_type == "Point":
        lat, lon = geometry.y, from_window(geometry.x)
        north, east = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
        return f"{abs(lat):.4f}° {north}, {abs(lon):.4f}° {east}"
    kinds = {"LineString": "Line", "MultiLineString": "Lines", "Polygon": "Area"}
    return kinds.get(geometry.geom_type, "Areas")


def source_items(sources) -> list[dict]:
    """Sources as dicts of plain text; ``is_link`` only for well-formed http(s) URLs."""
    items = []
    for source in as_list(sources):
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


def dates_text(start, end) -> str:
    """A span in words: ``6 Dec 2025 – 9 Dec 2025``, or one day."""
    first, last = date_text(start), date_text(end)
    return first if last in (first, BLANK) else f"{first} – {last}"


def short_source(source: Mapping) -> str:
    """'Publisher, 2024-06-01': a slide footnote (the full line is in the notes and HTML)."""
    published = source.get("published")
    publisher = str(source.get("publisher") or source.get("title") or "source")
    if is_blank(published):
        return publisher
    day = published.isoformat() if hasattr(published, "isoformat") else str(published)
    return f"{publisher}, {day[:10]}"


def format_source(source: Mapping) -> str:
    """'Publisher: Title (2024-06-01) — url' as plain text (escape before HTML)."""
    text = f"{source.get('publisher', '')}: {source.get('title', '')}"
    published = source.get("published")
    if not is_blank(published):
        day = published.isoformat() if hasattr(published, "isoformat") else str(published)
        text += f" ({day[:10]})"
    url = str(source.get("url") or "")
    if url:
        text += " — " + url.removeprefix("https://").removeprefix("http://")
    return text


def briefing_subtitle(view, events, generated: date | None) -> str:
    """'Window 2024-06-01 – 2024-07-12 · Exercises: … · Generated 2026-01-05'.

    The line under the title of the briefing PNG and of each slide of the deck;
    ``events`` is the selection's events frame, or ``None`` when the layer is hidden.
    """
    parts = [window_text(view, events)]
    if view.exercises and events is not None and len(events):
        names = sorted(set(events["exercise"]))
        parts.append("Exercises: " + ", ".join(names))
    parts.append(f"Generated {(generated or date.today()).isoformat()}")
    return " · ".join(parts)


def window_text(view, events) -> str:
    """'Window 2024-06-01 – 2024-07-12'; an open end is the first or last event's date."""
    first = last = None
    if events is not None and len(events):
        first, last = events["start_date"].min().date(), events["end_date"].max().date()
    start, end = view.start or first, view.end or last
    label = "All dates" if view.start is None and view.end is None else "Window"
    if start is None and end is None:
        return "All dates"
    return f"{label} {start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"
