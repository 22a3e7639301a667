"""A small catalogue built in code for the deck's tests, a stub map picture, and readers.

Three exercises (four events in the window, one before it), two bases, an ADIZ and an
island: small enough to know every number, line and source by heart. The frames are
made with ``frame_from_features`` (no validation), so a test can put text in them
that the catalogue's checks would refuse (control characters).
"""

from __future__ import annotations

import io
from datetime import date

from PIL import Image

from layers.catalogue.load import frame_from_features
from layers.view.select import select
from layers.view.view import BriefingView

VIEW = BriefingView(
    title="Deck test: exercises A, B and C",
    start=date(2025, 3, 1),
    end=date(2025, 4, 30),
    center=(30.0, 134.0),
    zoom=4,
    marking="TEST MARKING",
)
GENERATED = date(2026, 1, 5)


def source(ident: str, publisher: str = "Test desk") -> dict:
    return {"title": f"Report on {ident}", "publisher": publisher,
            "url": f"https://example.org/{ident}", "published": "2025-03-02"}  # fmt: skip


def feature(geometry_type, coordinates, **props) -> dict:
    props.setdefault("confidence", "high")
    props.setdefault("place_precision", "exact")
    props.setdefault("sources", [source(props["id"])])
    return {"type": "Feature", "geometry": {"type": geometry_type, "coordinates": coordinates},
            "properties": props}  # fmt: skip


def event(ident, exercise, geometry_type, coordinates, start, end=None, **extra) -> dict:
    extra.setdefault("kind", "bilateral_exercise")
    extra.setdefault("participants", ["USA", "JPN"])
    extra.setdefault("aircraft", [{"type": "B-52H", "count": 2, "operator": "USAF"}])
    return feature(
        geometry_type, coordinates, id=ident, name=f"Event {ident}", exercise_id=exercise,
        exercise=f"Exercise {exercise[-1].upper()}", start=start, end=end or start,
        time_precision="day", summary="Test event.", **extra,
    )  # fmt: skip


def base(ident, lon, lat, country) -> dict:
    return feature("Point", [lon, lat], id=ident, name=f"Base {ident}", country=country,
                   operator="Test wing", units=[], aircraft=[])  # fmt: skip


def features() -> dict[str, list[dict]]:
    """The test catalogue as GeoJSON features per layer."""
    return {
        "bases": [base("north", 141.37, 40.70, "USA"), base("south", 127.77, 26.35, "JPN")],
        "adiz": [
            feature(
                "Polygon",
                [[[125, 28], [129, 28], [129, 33], [125, 33], [125, 28]]],
                id="test-adiz",
                name="Test ADIZ",
                declaring_state="JPN",
                effective="1969-01-01",
                basis="Test rectangle.",
                sources=[source("adiz", "Atlas")],
            ),
        ],
        "areas": [
            feature(
                "Point",
                [123.5, 25.75],
                id="test-island",
                name="Test Island",
                category="island",
                country="JPN",
                sources=[source("island", "Atlas")],
            ),
        ],
        "events": [
            event(
                "a1",
                "ex-a",
                "LineString",
                [[144.9, 13.6], [133, 30], [137, 36]],
                "2025-03-01",
                "2025-03-02",
                place_precision="approximate",
            ),
            event(
                "a2",
                "ex-a",
                "Polygon",
                [[[130, 37], [134, 37], [134, 39], [130, 39], [130, 37]]],
                "2025-03-05",
                "2025-03-07",
                kind="naval_exercise",
                aircraft=[],
                ships=[{"name": "Test Maru", "type": "destroyer", "count": 1}],
            ),
            event(
                "b1",
                "ex-b",
                "Point",
                [139.5, 34.0],
                "2025-04-10",
                kind="joint_patrol",
                participants=["CHN", "RUS"],
                sources=[source("b1"), source("shared", "Wire")],
            ),
            event(
                "c1",
                "ex-c",
                "Point",
                [128.0, 31.0],
                "2025-03-20",
                sources=[source("c1"), source("shared", "Wire")],
            ),
            event("old", "ex-b", "Point", [135.0, 30.0], "2024-01-01", "2024-01-02"),
        ],
    }


def frames_of(layers: dict[str, list[dict]]) -> dict:
    return {
        key: frame_from_features({"type": "FeatureCollection", "features": items}, key)
        for key, items in layers.items()
    }


def deck_frames() -> dict:
    """The test catalogue's frames."""
    return frames_of(features())


def deck_selection(view: BriefingView = VIEW, frames: dict | None = None):
    return select(frames if frames is not None else deck_frames(), view)


def many_events_frames(count: int = 40) -> dict:
    """The test catalogue with ``count`` more events in one exercise (a list that cannot fit)."""
    layers = features()
    layers["events"] += [
        event(f"m{n:02d}", "ex-m", "Point", [132.0 + n % 8, 30.0 + n // 8],
              f"2025-04-{1 + n % 28:02d}")
        for n in range(count)
    ]  # fmt: skip
    return frames_of(layers)


def stub_png(size: tuple[int, int], colour=(200, 220, 240)) -> bytes:
    """A real PNG of ``size`` (python-pptx reads its header), one flat colour."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def stub_maps(parts, size):
    """``MapPictures`` without a browser: a flat picture per slide, recorded."""
    stub_maps.calls.append([(part.view, size) for part in parts])
    return [stub_png(size) for _ in parts]


stub_maps.calls = []


def open_deck(data: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(data))


def shape(slide, name: str):
    (found,) = [s for s in slide.shapes if s.name == name]
    return found


def slide_text(slide) -> str:
    """Every text on a slide, shape after shape."""
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text


def picture_size(slide) -> tuple[int, int]:
    """Pixel size of the slide's embedded map picture."""
    return Image.open(io.BytesIO(shape(slide, "map").image.blob)).size
