"""Large mode's events layer: a ``ScaledSelection`` as points or aggregate cells.

The selection (``layers.view.large_selection``) becomes one compact payload, drawn on
a Leaflet canvas by ``layers.map.elements.compact_events.CompactEvents``; the legend
says whether the user sees individual events or aggregates.
"""

from __future__ import annotations

import folium
import numpy as np
import pandas as pd

from layers.catalogue.schema import EVENT_KINDS
from layers.map.elements.compact_events import CompactEvents
from layers.map.styles import EVENT_COLOURS, UNKNOWN_COLOUR
from layers.view.large_selection import EventIndex, ScaledSelection


def _payload(index: EventIndex, events: pd.DataFrame, selection: ScaledSelection) -> dict:
    kinds = list(index.kinds)
    base = {
        "labels": [EVENT_KINDS.get(k, k) for k in kinds],
        "colours": [EVENT_COLOURS.get(k, UNKNOWN_COLOUR) for k in kinds],
        "total": len(selection.positions),
        "mode": selection.mode,
    }
    if selection.cells is None:
        pos = selection.positions
        rows = events.iloc[index.rows[pos]]
        return base | {
            "lat": np.round(index.lat[pos], 4).tolist(),
            "lon": np.round(index.lon[pos], 4).tolist(),
            "top": index.kind_codes[pos].tolist(),
            "name": rows["name"].astype(str).tolist(),
            "when": [
                s if s == e else f"{s} – {e}"
                for s, e in zip(rows["start"].astype(str), rows["end"].astype(str), strict=True)
            ],
        }
    cells = selection.cells
    breakdown = [
        [[int(k), int(c)] for k, c in enumerate(row) if c] for row in cells.by_kind.tolist()
    ]
    return base | {
        "lat": np.round(cells.lat, 4).tolist(),
        "lon": np.round(cells.lon, 4).tolist(),
        "count": cells.count.tolist(),
        "top": cells.by_kind.argmax(axis=1).tolist(),
        "breakdown": breakdown,
    }


def build_scaled_event_layer(
    index: EventIndex, events: pd.DataFrame, selection: ScaledSelection, *, name: str = "Events"
) -> folium.FeatureGroup:
    """A feature group drawing the selection as points or aggregate cells."""
    group = folium.FeatureGroup(name=name, show=True)
    group.add_child(CompactEvents(_payload(index, events, selection)))
    return group


def legend_note(selection: ScaledSelection) -> str:
    """What the user is looking at, for the legend: individual events or aggregates."""
    shown = len(selection.positions)
    if selection.cells is None:
        return f"{shown:,} events shown individually"
    cells = len(selection.cells.count)
    return f"{shown:,} events in view, aggregated into {cells:,} cells (hover for the breakdown)"
