"""What keeps the selection in view: its bounds, its token, and the clicked feature's halo.

Pure functions of the ``Selection`` for ``build_data_layers``; the browser side is
``layers.map.elements.focus``.
"""

from __future__ import annotations

import hashlib

import folium
import numpy as np
import pandas as pd
import shapely

from layers.geo.longitude import to_window, windowed
from layers.map.elements.focus import FrameSelection, Highlight
from layers.map.features import geometry_json
from layers.outputs.details import find_feature
from layers.view.select import Selection


def selection_bounds(events) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the events in the map's window, or None.

    Points are moved into the window as arrays (a large file's window can hold a
    million of them); lines and areas one by one, keeping each part whole.
    """
    if events is None or events.empty:
        return None
    # shapely's array functions, not GeoSeries properties: those build a Series (and a
    # text per row for the type) for each of a million points.
    geoms = np.asarray(events.geometry.values)
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    points = shapely.get_type_id(geoms) == 0  # 0 is Point
    others = geoms[~points]
    boxes = [shapely.total_bounds([windowed(g) for g in others])] if len(others) else []
    if points.any():
        xs, ys = to_window(shapely.get_x(geoms[points])), shapely.get_y(geoms[points])
        boxes.append([xs.min(), ys.min(), xs.max(), ys.max()])
    if not boxes:
        return None
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]


def selection_token(selection: Selection) -> str:
    """A short name for what is selected (event ids and the pick): same selection, same token."""
    digest = hashlib.blake2b(str(selection.view.pick).encode(), digest_size=8)
    if selection.large:  # rows of the one loaded file, in file order: their positions will do
        digest.update(np.asarray(selection.events.index, dtype=np.int64).tobytes())
    elif selection.events is not None:
        ids = selection.events["id"].astype(str)
        digest.update(np.sort(pd.util.hash_pandas_object(ids, index=False).to_numpy()).tobytes())
    return digest.hexdigest()


def focus_group(
    selection: Selection, *, follow: bool, clicked: tuple[str, str] | None
) -> folium.FeatureGroup:
    """The group that frames the selection and outlines the clicked feature (if drawn)."""
    group = folium.FeatureGroup(name="Selection frame", control=False, show=True)
    events = selection.events if "events" in selection.frames else None
    FrameSelection(
        selection_bounds(events),
        selection_token(selection),
        follow=follow,
        force=selection.view.pick is not None,
    ).add_to(group)
    geometry = _clicked_geometry(selection, clicked)
    if geometry is not None:
        Highlight(geometry).add_to(group)
    return group


def _clicked_geometry(selection: Selection, clicked) -> dict | None:
    row = find_feature(selection.frames, *clicked) if clicked else None
    if row is None or row.geometry is None or row.geometry.is_empty:
        return None
    return geometry_json(row.geometry)
