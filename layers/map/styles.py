"""Colours, line styles and marker shapes: the one place the map's look is decided.

Every style function takes one feature's properties (a dict or a row) and returns
Leaflet path options. Approximate geometry is always dashed (``APPROX_DASH``), so an
analyst can tell published outlines from inferred ones at a glance. Each drawn
feature also gets CSS classes (``bm-feature bm-layer-<key>``, ``bm-kind-<kind>``,
``bm-approx``) that browser tests count against the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping

LAND_FILL = "#e4e1d8"
LAND_STROKE = "#a9a59b"
SEA_BACKGROUND = "#c9dcea"
APPROX_DASH = "6 5"
HATCH_WHITE = 0.45  # hatch lines: the kind's colour lightened, so the sea shows through
UNKNOWN_COLOUR = "#6b6b6b"

# Country → (colour, marker shape). Shapes differ as well as colours so the map
# still reads in greyscale print-outs and for colour-blind viewers.
COUNTRY_STYLES: dict[str, tuple[str, str]] = {
    "USA": ("#1f4e9c", "circle"),
    "GUM": ("#1f4e9c", "circle"),
    "JPN": ("#c8102e", "square"),
    "CHN": ("#d97700", "triangle"),
    "RUS": ("#6a3d9a", "diamond"),
    "KOR": ("#00838f", "square"),
    "PRK": ("#3b3b3b", "triangle"),
    "TWN": ("#2e7d32", "diamond"),
    "AUS": ("#b8860b", "circle"),
}

# Event kind colours: chosen from Paul Tol's and Okabe & Ito's colour-blind-safe sets so
# that every pair stays apart (CIE ΔE ≥ 15) for normal vision and simulated deutan,
# protan and tritan vision, and none is near an ADIZ's country colour (a joint patrol
# used to be nearly Japan's crimson). tests/test_colours.py measures it.
EVENT_COLOURS: dict[str, str] = {
    "bilateral_exercise": "#1965b0",  # blue
    "trilateral_exercise": "#33bbee",  # cyan
    "joint_patrol": "#aa3377",  # purple
    "naval_exercise": "#332288",  # indigo
    "deployment": "#000000",  # black
    "airspace_violation": "#dc050c",  # red
    "incident": "#72190e",  # dark red-brown
    "coast_guard_activity": "#e69f00",  # orange
    "naval_activity": "#663333",  # brown
    "announcement": "#ee6677",  # rose
}

# Area category → (stroke colour, fill colour or None, dashed even when exact).
AREA_STYLES: dict[str, tuple[str, str | None, bool]] = {
    "island": ("#5d4037", "#8d6e63", False),
    "territorial_sea": ("#ad1457", None, False),
    "contiguous_zone": ("#f06292", None, True),
    "sea": ("#4a7fa7", "#9cc3de", False),
    "strait": ("#1565c0", None, False),
    "median_line": ("#37474f", None, True),
}

_SHAPES = {
    "circle": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2.5" y="2.5" width="11" height="11"/>',
    "triangle": '<polygon points="8,1.5 14.5,14 1.5,14"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
}


def country_colour(code: str | None) -> str:
    """Colour of a country (ISO alpha-3); grey for any code the catalogue does not style."""
    return COUNTRY_STYLES.get(code or "", (UNKNOWN_COLOUR, "circle"))[0]


def event_colour(kind: str | None) -> str:
    """Colour of an event kind; grey for an unknown kind."""
    return EVENT_COLOURS.get(kind or "", UNKNOWN_COLOUR)


def is_approximate(props: Mapping) -> bool:
    """True when the geometry is approximate (the loader's flag, or the precision field)."""
    flag = props.get("approximate")
    if isinstance(flag, bool) and flag:
        return True
    return props.get("place_precision") == "approximate"


def css_classes(key: str, props: Mapping) -> str:
    """CSS classes of one drawn feature (used by the browser tests and print CSS)."""
    classes = ["bm-feature", f"bm-layer-{key}"]
    if key == "events" and props.get("kind"):
        classes.append(f"bm-kind-{props['kind']}")
    if key == "areas" and props.get("category"):
        classes.append(f"bm-cat-{props['category']}")
    if is_approximate(props):
        classes.append("bm-approx")
    return " ".join(classes)


def _dashed(options: dict, dashed: bool) -> dict:
    if dashed:
        options["dashArray"] = APPROX_DASH
    return options


def adiz_style(props: Mapping) -> dict:
    """Outline coloured by the declaring state; no fill so zones can overlap legibly."""
    colour = country_colour(props.get("declaring_state"))
    options = {"color": colour, "weight": 2.2, "opacity": 0.9, "fill": False}
    return _dashed(options, is_approximate(props))


def area_style(props: Mapping) -> dict:
    """Seas light-filled, zones outlined (24 nm dashed and lighter), straits as lines."""
    stroke, fill, dashed = AREA_STYLES.get(props.get("category"), (UNKNOWN_COLOUR, None, False))
    options = {"color": stroke, "weight": 1.5, "opacity": 0.85}
    if props.get("category") == "contiguous_zone":
        options["opacity"] = 0.6
    if fill:
        options.update(fill=True, fillColor=fill, fillOpacity=0.18)
    else:
        options["fill"] = False
    if props.get("category") == "island":
        options.update(radius=4, fillOpacity=0.9, weight=1)
    return _dashed(options, dashed or is_approximate(props))


def tint(colour: str, white: float = HATCH_WHITE) -> str:
    """``colour`` mixed with ``white`` parts of white (0–1), as ``#rrggbb``."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in rgb)


def is_area(props: Mapping) -> bool:
    """True when the feature's geometry is a polygon (an area, not a point or a track)."""
    geom = props.get("geometry")
    return geom is not None and geom.geom_type in ("Polygon", "MultiPolygon")


def event_style(props: Mapping) -> dict:
    """Colour by kind: points as circles, tracks as lines, areas outlined and hatched.

    An area is often only "the Sea of Japan": a translucent fill would stack with
    every other event there and tint the whole sea. Its hatch (``bmHatch``: the
    page's ``BM.hatch`` makes the pattern) has opaque light lines on a shared grid,
    so five areas over one sea look like one.
    """
    colour = event_colour(props.get("kind"))
    area = is_area(props)
    options = {
        "color": colour,
        "weight": 2 if area else 3,
        "opacity": 0.9,
        "fillColor": colour,
        "fillOpacity": 1 if area else 0.08,
        "radius": 7,
    }
    if area:
        options["bmHatch"] = tint(colour)
    return _dashed(options, is_approximate(props))


def base_style(props: Mapping) -> dict:
    """Path options for a base (used only for the marker's outline dash)."""
    return _dashed({"color": country_colour(props.get("country"))}, is_approximate(props))


STYLE_FUNCTIONS = {
    "adiz": adiz_style,
    "areas": area_style,
    "events": event_style,
    "bases": base_style,
}


def marker_shape_svg(colour: str, size: int = 14) -> str:
    """Inline SVG of the marker shape drawn in ``colour`` (legend swatches)."""
    shape = next((sh for c, sh in COUNTRY_STYLES.values() if c == colour), "circle")
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 16 16" aria-hidden="true">'
        f'<g fill="{colour}" stroke="#ffffff" stroke-width="1.5">{_SHAPES[shape]}</g></svg>'
    )


def hatch_swatch_svg(colour: str, width: int, height: int) -> str:
    """Inline SVG of a hatched area (legend swatch), outlined in ``colour``."""
    lines = "".join(
        f'<line x1="{x}" y1="{height}" x2="{x + height}" y2="0"/>' for x in range(-height, width, 5)
    )
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-hidden="true"><g stroke="{tint(colour)}" stroke-width="1.6">{lines}</g>'
        f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}" fill="none" '
        f'stroke="{colour}" stroke-width="1.6"/></svg>'
    )


def base_icon_svg(country: str | None, approximate: bool = False) -> str:
    """Inline SVG of a base marker: shape and colour by country (no icon font, no image)."""
    colour, shape = COUNTRY_STYLES.get(country or "", (UNKNOWN_COLOUR, "circle"))
    dash = ' stroke-dasharray="2 1.5"' if approximate else ""
    return (
        '<svg width="16" height="16" viewBox="0 0 16 16">'
        f'<g fill="{colour}" fill-opacity="0.85" stroke="#ffffff" stroke-width="1.5"{dash}>'
        f"{_SHAPES[shape]}</g></svg>"
    )
