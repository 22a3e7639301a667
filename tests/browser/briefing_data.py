"""The test briefing: a tiny catalogue built in code, its views, and picture helpers.

Shared by ``test_export.py`` and ``test_baselines.py``. The data is built here (not the
shipped catalogue), so a baseline picture changes only when the drawing changes.
"""

from __future__ import annotations

import io
from datetime import date

import numpy as np
from PIL import Image

from layers.catalogue.load import frame_from_features
from layers.view.view import BriefingView

GENERATED = date(2026, 1, 5)  # fixed, so two runs draw the same picture
VIEW = BriefingView(title="Test briefing: exercises A and B", start=date(2025, 3, 1))
EXERCISE_A = VIEW.with_changes(
    exercises=("ex-a",), marking="TEST MARKING", zoom=4, center=(28.0, 138.0)
)
TOLERANCE = 24  # per channel: anti-aliasing and font hinting move a few edge pixels


def _feature(geometry_type, coordinates, **props) -> dict:
    props.setdefault("confidence", "high")
    props.setdefault("place_precision", "exact")
    props["sources"] = [
        {"title": f"Report on {props['name']}", "publisher": props.pop("publisher", "Test desk"),
         "url": f"https://example.org/{props['id']}", "published": "2025-03-02"}
    ]  # fmt: skip
    return {"type": "Feature", "geometry": {"type": geometry_type, "coordinates": coordinates},
            "properties": props}  # fmt: skip


def _event(ident, exercise, geometry_type, coordinates, start, end, **extra) -> dict:
    return _feature(
        geometry_type, coordinates, id=ident, name=f"Event {ident}", exercise_id=exercise,
        exercise=f"Exercise {exercise[-1].upper()}", kind=extra.pop("kind", "bilateral_exercise"),
        start=start, end=end, time_precision="day", participants=["USA", "JPN"], aircraft=[],
        summary="Test event.", **extra,
    )  # fmt: skip


def _base(ident, lon, lat, country) -> dict:
    return _feature("Point", [lon, lat], id=ident, name=f"Base {ident}", country=country,
                    operator="Test wing", units=[], aircraft=[])  # fmt: skip


FEATURES = {
    "bases": [_base("north", 141.37, 40.70, "USA"), _base("south", 127.77, 26.35, "JPN")],
    "adiz": [
        _feature(
            "Polygon",
            [[[125, 28], [129, 28], [129, 33], [125, 33], [125, 28]]],
            id="test-adiz",
            name="Test ADIZ",
            declaring_state="JPN",
            effective="1969-01-01",
            basis="Test rectangle.",
            place_precision="approximate",
            publisher="Atlas",
        ),
    ],
    "areas": [
        _feature(
            "Point",
            [123.5, 25.75],
            id="test-island",
            name="Test Island",
            category="island",
            country="JPN",
        ),
    ],
    "events": [
        _event(
            "a1",
            "ex-a",
            "LineString",
            [[144.9, 13.6], [133, 30], [137, 36]],
            "2025-03-01",
            "2025-03-02",
            place_precision="approximate",
        ),
        _event(
            "a2",
            "ex-a",
            "Polygon",
            [[[130, 37], [134, 37], [134, 39], [130, 39], [130, 37]]],
            "2025-03-05",
            "2025-03-07",
            kind="naval_exercise",
        ),
        _event(
            "b1", "ex-b", "Point", [139.5, 34.0], "2025-04-10", "2025-04-10", kind="joint_patrol"
        ),
        _event("old", "ex-b", "Point", [135.0, 30.0], "2024-01-01", "2024-01-02"),
    ],
}


def briefing_frames() -> dict:
    """The test catalogue's frames, validated as files are."""
    return {
        key: frame_from_features({"type": "FeatureCollection", "features": features}, key)
        for key, features in FEATURES.items()
    }


def pixels(png: bytes) -> np.ndarray:
    """PNG bytes → ``height × width × 3`` int16 array (signed, so differences are safe)."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def differing(a: np.ndarray, b: np.ndarray, tolerance: int = TOLERANCE) -> np.ndarray:
    """Boolean mask of the pixels where any channel differs by more than ``tolerance``."""
    return np.abs(a - b).max(axis=2) > tolerance


def differing_fraction(a: np.ndarray, b: np.ndarray, tolerance: int = TOLERANCE) -> float:
    """Share of pixels that differ (see ``differing``)."""
    return float(differing(a, b, tolerance).mean())
