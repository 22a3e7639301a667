"""The one registry of map layers: adding a layer is a file, a row here and a test case."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layers.catalogue.schema import ADIZ, AREAS_SCHEMA, BASES, EVENTS, DatasetSchema

GEODATA_DIR = Path(__file__).resolve().parents[2] / "geodata"


@dataclass(frozen=True)
class LayerSpec:
    """One catalogue layer: where its data lives and how it is shown.

    Styling is looked up by ``key`` in ``layers.map.styles``; tooltips show
    ``tooltip_fields`` in order.
    """

    key: str
    title: str
    filename: str
    schema: DatasetSchema
    tooltip_fields: tuple[str, ...]
    date_filtered: bool = False
    default_visible: bool = True

    @property
    def path(self) -> Path:
        """Path of the shipped GeoJSON file."""
        return GEODATA_DIR / self.filename


LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec(
        key="areas",
        title="Seas, straits and Senkaku zones",
        filename="areas.geojson",
        schema=AREAS_SCHEMA,
        tooltip_fields=("name", "category", "confidence", "place_precision"),
    ),
    LayerSpec(
        key="adiz",
        title="ADIZ",
        filename="adiz.geojson",
        schema=ADIZ,
        tooltip_fields=("name", "declaring_state", "effective", "confidence", "place_precision"),
    ),
    LayerSpec(
        key="bases",
        title="Air bases",
        filename="bases.geojson",
        schema=BASES,
        tooltip_fields=("name", "country", "operator", "icao", "confidence"),
    ),
    LayerSpec(
        key="events",
        title="Events",
        filename="events.geojson",
        schema=EVENTS,
        tooltip_fields=("name", "kind", "start", "end", "participants", "aircraft", "confidence"),
        date_filtered=True,
    ),
)

LAYERS_BY_KEY = {spec.key: spec for spec in LAYERS}
