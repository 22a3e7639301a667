"""Declarative schema of every dataset: fields, allowed values, geometry types, limits.

This module is the contract between ``geodata/`` (and any user file) and the code.
Validation (``layers.catalogue.validate``) reads it; nothing else re-states these rules.

Date policy (the only place it is written down): dates in files are ISO 8601, either a
calendar date ``YYYY-MM-DD`` or a date-time with its UTC offset
``YYYY-MM-DDTHH:MM[:SS]+09:00`` (the offset is required, so "16:32 JST" stays 16:32 JST).
At load every event gets ``start_date`` / ``end_date``: the calendar day of the value
*in its own offset* (a 23:30+09:00 time is that day in Japan, which is what sources mean).
Date windows are inclusive at both ends; an event is selected when its
[start_date, end_date] overlaps the window.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CRS = "EPSG:4326"  # RFC 7946: WGS84 longitude/latitude
MAX_FILE_BYTES = 20 * 1024 * 1024  # a larger file is refused before parsing
MAX_FEATURES = 200_000  # per file for the GeoJSON path (large files use Parquet/CSV)
MAX_TEXT_CHARS = 5_000  # any single text field
# Checking stops here: a file this broken is fixed from the first problems, and a
# million problem rows would hold gigabytes in the app. Nothing of such a file is saved.
MAX_PROBLEMS = 1_000
ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,79}$"

CONFIDENCE = {
    "high": "High: official text, or two or more reputable reports that agree",
    "medium": "Medium: one reputable report, or derived from sourced figures",
    "low": "Low: secondary or approximate",
    "unverified": "Unverified: not confirmed by any reputable source",
}

PLACE_PRECISION = {
    "exact": "Exact: published coordinates, reproduced as printed",
    "derived": "Derived: computed from sourced positions by a documented method",
    "approximate": "Approximate: position or outline not precisely known (drawn dashed)",
}

TIME_PRECISION = {
    "time": "Time of day given by a source",
    "day": "Calendar day given by a source",
    "month": "Month only; the day is not known",
    "approximate": "Approximate dates",
}

EVENT_KINDS = {
    "bilateral_exercise": "Bilateral exercise",
    "trilateral_exercise": "Trilateral exercise",
    "joint_patrol": "Joint patrol",
    "naval_exercise": "Naval exercise",
    "deployment": "Deployment",
    "airspace_violation": "Airspace violation",
    "incident": "Incident",
    "coast_guard_activity": "Coast-guard activity",
    "naval_activity": "Naval activity",
    "announcement": "Announcement",
}

AREA_CATEGORIES = {
    "island": "Island",
    "territorial_sea": "Territorial sea (12 nm)",
    "contiguous_zone": "Contiguous zone (24 nm)",
    "sea": "Sea",
    "strait": "Strait",
    "median_line": "Median line",
}

# ISO 3166-1 alpha-3 codes the catalogue uses; user data may add any 3-letter code.
COUNTRY_NAMES = {
    "USA": "United States",
    "JPN": "Japan",
    "CHN": "China",
    "RUS": "Russia",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "TWN": "Taiwan",
    "AUS": "Australia",
    "GUM": "Guam (US)",
}

POINT = ("Point",)
LINES = ("LineString", "MultiLineString")
AREAS = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class Field:
    """One property of a feature.

    ``kind`` is one of: ``str``, ``text`` (free text), ``id``, ``ref`` (an id in
    another dataset, named by ``ref``), ``enum`` (one of ``choices``), ``country``
    (ISO alpha-3), ``date`` (see the module docstring), ``list[str]``,
    ``list[country]``, ``sources``, ``aircraft``, ``ships``, ``bool``, ``number``.
    """

    name: str
    kind: str
    required: bool = True
    nullable: bool = False
    choices: tuple[str, ...] = ()
    ref: str = ""
    doc: str = ""


# Shared by every dataset.
COMMON_FIELDS = (
    Field("id", "id", doc="unique, lower-case slug"),
    Field("name", "str", doc="name as the sources give it"),
    Field("aliases", "list[str]", required=False, doc="other names users search for"),
    Field("sources", "sources", doc="one or more {title, publisher, url, published, retrieved}"),
    Field("confidence", "enum", choices=tuple(CONFIDENCE)),
    Field("place_precision", "enum", choices=tuple(PLACE_PRECISION)),
    Field("notes", "text", required=False, nullable=True),
)

SOURCE_FIELDS = (
    Field("title", "str"),
    Field("publisher", "str"),
    Field("url", "str", doc="http(s) URL, or repo path of the research note that cites it"),
    Field("published", "date", required=False, nullable=True),
    Field("retrieved", "date", required=False, nullable=True),
)

AIRCRAFT_FIELDS = (
    Field("type", "str", doc="catalogue type name, e.g. B-52H, F-15J"),
    Field("count", "number", nullable=True, doc="null when no source gives a number"),
    Field("operator", "str", doc="service, e.g. USAF, JASDF, PLAAF"),
)

SHIP_FIELDS = (
    Field(
        "name", "str", nullable=True, doc="the ship's name; null when a source gives only the class"
    ),
    Field("type", "str", doc="kind or class, e.g. 'aircraft carrier', 'Type 055 destroyer'"),
    Field("count", "number", nullable=True, doc="null when no source gives a number"),
    Field("operator", "str", doc="navy or service, e.g. PLAN, JMSDF, China Coast Guard"),
)


@dataclass(frozen=True)
class DatasetSchema:
    """What one dataset (one GeoJSON file kind) must contain."""

    key: str
    title: str
    geometry_types: tuple[str, ...]
    fields: tuple[Field, ...]
    # Japan-region layers: a point far outside this box that lands inside it once
    # lon/lat are swapped is reported as "coordinates look swapped".
    region_bbox: tuple[float, float, float, float] | None = None
    date_fields: tuple[str, ...] = ()
    list_fields: tuple[str, ...] = field(default=())

    @property
    def all_fields(self) -> tuple[Field, ...]:
        """Common fields followed by the dataset's own."""
        return COMMON_FIELDS + self.fields


INDO_PACIFIC_BBOX = (95.0, -15.0, 200.0, 65.0)  # lon_min, lat_min, lon_max, lat_max

BASES = DatasetSchema(
    key="bases",
    title="Air bases",
    geometry_types=POINT,
    fields=(
        Field("country", "country"),
        Field("operator", "str", doc="main operator(s), e.g. 'USAF; JASDF'"),
        Field("icao", "str", required=False, nullable=True),
        Field("units", "list[str]"),
        Field("aircraft", "list[str]", doc="resident aircraft types"),
    ),
    list_fields=("aliases", "units", "aircraft"),
)

ADIZ = DatasetSchema(
    key="adiz",
    title="Air defense identification zones",
    geometry_types=AREAS + LINES,
    fields=(
        Field("declaring_state", "country"),
        Field("effective", "date", nullable=True, doc="date this zone (version) took effect"),
        Field("basis", "text", doc="what the geometry rests on; which parts are inferred"),
    ),
    region_bbox=INDO_PACIFIC_BBOX,
    date_fields=("effective",),
    list_fields=("aliases",),
)

AREAS_SCHEMA = DatasetSchema(
    key="areas",
    title="Islands, maritime zones, seas and straits",
    geometry_types=POINT + LINES + AREAS,
    fields=(
        Field("category", "enum", choices=tuple(AREA_CATEGORIES)),
        Field("country", "country", required=False, nullable=True, doc="administering state"),
        Field("basis", "text", required=False, nullable=True),
    ),
    region_bbox=INDO_PACIFIC_BBOX,
    list_fields=("aliases",),
)

EVENTS = DatasetSchema(
    key="events",
    title="Dated events",
    geometry_types=POINT + LINES + AREAS,
    fields=(
        Field("exercise_id", "id", doc="events of one exercise, patrol or series share it"),
        Field("exercise", "str", doc="name of the exercise or series"),
        Field("kind", "enum", choices=tuple(EVENT_KINDS)),
        Field("start", "date"),
        Field("end", "date", doc=">= start"),
        Field("time_precision", "enum", choices=tuple(TIME_PRECISION)),
        Field("participants", "list[country]", doc="states whose forces did the activity"),
        Field(
            "responders",
            "list[country]",
            required=False,
            doc="states whose forces scrambled, shadowed or warned (not participants)",
        ),
        Field("aircraft", "aircraft", doc="list of {type, count, operator}; may be empty"),
        Field("ships", "ships", required=False, doc="list of {name, type, count, operator}"),
        Field("units", "list[str]", required=False),
        Field("staging_base", "ref", required=False, nullable=True, ref="bases"),
        Field("home_base", "ref", required=False, nullable=True, ref="bases"),
        Field("summary", "text", doc="what happened, in our own words"),
        Field("basis", "text", required=False, nullable=True, doc="what the geometry rests on"),
    ),
    date_fields=("start", "end"),
    list_fields=("aliases", "participants", "responders", "units"),
)

SCHEMAS = {s.key: s for s in (BASES, ADIZ, AREAS_SCHEMA, EVENTS)}

# Each enum field's values in words (popups, the details panel).
ENUM_TEXTS = {
    "confidence": CONFIDENCE,
    "place_precision": PLACE_PRECISION,
    "time_precision": TIME_PRECISION,
    "kind": EVENT_KINDS,
    "category": AREA_CATEGORIES,
}


def country_name(code) -> str:
    """Name of an ISO alpha-3 code (the code itself when the catalogue does not know it)."""
    return COUNTRY_NAMES.get(str(code), str(code))
