# ruff: noqa: E501 -- data table: long source titles and summaries read better unwrapped
"""Dated events, copied from docs/research/FACTS.md §5 (and §2 coast-guard records).

Summaries are our own words. ``geometry`` is a spec the build turns into GeoJSON:

* ``("base", id)``: the base's position (place_precision "derived");
* ``("route", home, staging)``: WGS84 great circle between two bases, cut at ±180;
* ``("sea", name, ...)``: the approximate IHO sea area(s) from the basemap;
* ``("zone", area_id)``: a derived Senkaku zone from areas.geojson;
* ``("point", place)`` / ``("track", place, ...)``: hand-placed APPROX_PLACES, sea
  centres (``sea:<name>``) and strait midpoints (``strait:<id>``), always approximate.
"""

# Hand-placed display positions for places the sources name without coordinates.
# Each is approximate; the event's basis text says so.
APPROX_PLACES = {
    "off-vladivostok": (131.9, 42.8),  # sea area near Vladivostok (Peter the Great Gulf)
}

from tools.geodata_src.rows import ev  # noqa: E402 -- after the module constants

F = "events_note"


CCG = ("ccg-senkaku-presence", "China Coast Guard presence around the Senkaku Islands")
SEA_BASIS = "The sources name only the sea area: drawn as the approximate IHO S-23 sea area."
ROUTE_BASIS = (
    "Great circle (WGS84 geodesic) between home and staging base; the actual route is "
    "not published."
)
SCHEMATIC = (
    "Schematic track joining the areas the sources name, in their order, through hand-placed "
    "points; the flown track is not published."
)

EVENTS = [
    *[
        ev(
            f"2024-07-03-dod-japan-aircraft-plan-{base_id}",
            f"DoD aircraft modernisation plan: {label}",
            "dod-japan-aircraft-plan-2024",
            "DoD tactical-aircraft modernisation plan for Japan (3 Jul 2024)",
            "announcement",
            "2024-07-03",
            "2024-07-03",
            "day",
            participants=["USA"],
            aircraft=aircraft,
            summary=summary,
            sources=["dod_2024_07_03", F],
            confidence="high",
            place_precision="derived",
            basis=f"Drawn at {label} (OpenFlights position).",
            notes="Announced plan over several years (over $10 bn in total); aircraft listed are planned, not present.",
            geometry=("base", base_id),
        )
        for base_id, label, aircraft, summary in [
            (
                "kadena",
                "Kadena Air Base",
                [("F-15EX", 36, "USAF")],
                "The DoD announced that 36 F-15EX will replace 48 F-15C/D at Kadena, with rotational fighters meanwhile.",
            ),
            (
                "misawa",
                "Misawa Air Base",
                [("F-35A", 48, "USAF")],
                "The DoD announced that Misawa's 36 F-16 will be replaced by 48 F-35A.",
            ),
            (
                "iwakuni",
                "MCAS Iwakuni",
                [("F-35B", None, "USMC")],
                "The DoD announced that the number of USMC F-35B at Iwakuni will be modified.",
            ),
        ]
    ],
    ev(
        "2025-03-21-ccg-record-territorial-sea-intrusion",
        "Record China Coast Guard intrusion into Senkaku territorial waters (92 h 08 min)",
        *CCG,
        "coast_guard_activity",
        "2025-03-21",
        "2025-03-24",
        "day",
        participants=["CHN"],
        responders=["JPN"],  # the Japan Coast Guard shadows and warns
        units=["China Coast Guard (4 armed vessels)", "Japan Coast Guard 11th Region"],
        summary="Four armed China Coast Guard ships stayed inside the Senkaku territorial sea for a record 92 h 08 min, mainly around Minami-kojima and Uotsuri-jima, after pursuing Japanese fishing boats (previous record 80 h 36 min, 2023).",
        sources=["stripes_2025_03_24", "yomiuri_2025_03_24", "focus_2025_03_28", F],
        confidence="high",
        place_precision="derived",
        basis="Drawn as the Senkaku 12 nm territorial sea (geodesic buffer of the island positions).",
        notes="Entry just before 02:00 JST on 21 Mar; the JCG reported them leaving about 22:04 on 24 Mar. FACTS.md §5 writes 21–25 Mar (25 Mar is the report date).",
        geometry=("zone", "senkaku-territorial-sea"),
    ),
    ev(
        "2025-08-01-joint-sea-2025",
        "China–Russia Joint Sea-2025 naval exercise near Vladivostok",
        "joint-sea-2025",
        "Joint Sea-2025 and the 6th China–Russia joint naval patrol",
        "naval_exercise",
        "2025-08-01",
        "2025-08-05",
        "day",
        aliases=["Maritime Interaction-2025", "Joint Sea 2025"],
        participants=["CHN", "RUS"],
        units=[
            "PLAN destroyer Shaoxing",
            "PLAN destroyer Urumqi",
            "Russian Navy Admiral Tributs",
            "Russian Navy corvette Rezky",
            "submarines of both navies",
        ],
        summary="Chinese and Russian warships and submarines exercised in the Sea of Japan near Vladivostok (anti-submarine, air-defence and rescue drills).",
        sources=["dhakagate_2025_08", "tass_2025_08_07_note", F],
        confidence="high",
        basis="Near Vladivostok: hand-placed point (approximate).",
        geometry=("point", "off-vladivostok"),
    ),
    ev(
        "2025-12-30-ccg-contiguous-zone-record-2025",
        "China Coast Guard in the Senkaku contiguous zone on a record 357 days of 2025",
        *CCG,
        "coast_guard_activity",
        "2025-12-30",
        "2025-12-31",
        "day",
        participants=["CHN"],
        responders=["JPN"],  # the Japan Coast Guard shadows and warns
        units=["China Coast Guard (1,380 vessels in 2025)"],
        summary="Chinese government ships were confirmed in the Senkaku contiguous zone on 357 days of 2025 (1,380 vessels), a record; 356 days were reached by 30 Dec.",
        sources=[
            "kyodo_2025_12_31_ja",
            "yomiuri_2025_12_31",
            "diplomat_2026_01_06",
            "reuters_2026_01_30",
            "ccg_2025_record_note",
        ],
        confidence="high",
        place_precision="derived",
        basis="Drawn as the Senkaku contiguous zone (12–24 nm band, geodesic buffers of the island positions).",
        notes="357 days and 1,380 vessels: Kyodo (31 Dec 2025) and The Diplomat (6 Jan 2026); Yomiuri (31 Dec) counts 356 days up to 30 Dec. China's coast guard gives 357 patrol days (Reuters, 30 Jan 2026). Earlier years: 352 days (2023), 355 (2024).",
        geometry=("zone", "senkaku-contiguous-zone"),
    ),
    ev(
        "2023-12-22-ccg-continuous-presence-215-days",
        "China Coast Guard continuous presence near the Senkakus: 215 days",
        *CCG,
        "coast_guard_activity",
        "2023-12-22",
        "2024-07-23",
        "day",
        participants=["CHN"],
        responders=["JPN"],  # the Japan Coast Guard shadows and warns
        units=["China Coast Guard"],
        summary="Chinese coast guard ships stayed in the Senkaku contiguous zone for 215 consecutive days, the record until 2025.",
        sources=["stripes_2025_10_22"],
        confidence="high",
        place_precision="derived",
        basis="Drawn as the Senkaku contiguous zone (12–24 nm band).",
        geometry=("zone", "senkaku-contiguous-zone"),
    ),
    ev(
        "2024-11-19-ccg-continuous-presence-335-days",
        "China Coast Guard continuous presence near the Senkakus: record 335 days",
        *CCG,
        "coast_guard_activity",
        "2024-11-19",
        "2025-10-19",
        "day",
        participants=["CHN"],
        responders=["JPN"],  # the Japan Coast Guard shadows and warns
        units=["China Coast Guard"],
        summary="Chinese coast guard ships stayed in the Senkaku contiguous zone for a record 335 consecutive days; the last left the zone north-west of Uotsuri-jima on 19 Oct 2025.",
        sources=["stripes_2025_10_22"],
        confidence="high",
        place_precision="derived",
        basis="Drawn as the Senkaku contiguous zone (12–24 nm band).",
        notes="Chinese vessels entered the territorial sea 22 times in 2025 up to 22 Oct (JCG via Stars and Stripes).",
        geometry=("zone", "senkaku-contiguous-zone"),
    ),
]

# The researched series (tools/geodata_src/series/) re-source and extend the rows above.
from tools.geodata_src import series  # noqa: E402

EVENTS = series.merge_events(EVENTS)
APPROX_PLACES = series.merge_places(APPROX_PLACES)
