"""Every drawable event as the browser's ``EventSet`` takes it, and which of them to show.

``event_payload`` is made once per data version (the app caches it); ``shown`` turns a
selection's events into the short list a run sends: indexes into the payload, with the
numbers ``layers.view.select.number_events`` gives them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import geopandas as gpd

from layers.map.callouts import marks_by_event
from layers.map.elements.script import js_json
from layers.map.features import features_by_id
from layers.view.select import number_events


@dataclass(frozen=True)
class EventPayload:
    """The events' features and marks as script-safe JSON, and each id's index in them."""

    index: dict[str, int]
    data_js: str
    marks_js: str
    digest: str


def event_payload(events: gpd.GeoDataFrame) -> EventPayload:
    """Every drawable event's feature (no popup: the app opens a drawer) and marks."""
    features = features_by_id("events", events, popups=False)
    marks = marks_by_event(events)
    ids = [str(i) for i in features]
    data_js = js_json({"type": "FeatureCollection", "features": list(features.values())})
    marks_js = js_json([marks[i] for i in ids])
    digest = hashlib.blake2b(f"{data_js}\n{marks_js}".encode(), digest_size=8).hexdigest()
    return EventPayload({event_id: n for n, event_id in enumerate(ids)}, data_js, marks_js, digest)


def shown(events: gpd.GeoDataFrame, index: dict[str, int]) -> list[list[int]]:
    """``[[index, number], …]`` of ``events`` in their order (number 0: none)."""
    numbers = number_events(events)
    ids = events["id"].astype(str)
    return [[index[i], numbers.get(i, 0)] for i in ids if i in index]
