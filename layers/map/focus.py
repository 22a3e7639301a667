"""What keeps the selection in view: its bounds, its token, and the clicked feature's halo.

Pure functions of the ``Selection`` for ``build_data_layers``; the browser side is
``layers.map.elements.focus``.
"""

from __future__ import annotations

import hashlib

import folium
import shapely

from layers.geo.longitude import windowed
from layers.map.elements.focus import FrameSelection, Highlight
from layers.map.features import geometry_json
from layers.outputs.details import find_feature
from layers.view.select import Selection


def selection_bounds(events) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the events in the map's window, or None."""
    if events is None or events.empty:
        return None
    geoms = [windowed(g) for g in events.geometry if g is not None and not g.is_empty]
    if not geoms:
        return None
    west, south, east, north = shapely.total_bounds(geoms)
    return [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]


def selection_token(selection: Selection) -> str:
    """A short name for what is selected (event ids and the pick): same selection, same token."""
    ids = "" if selection.events is None else ",".join(sorted(map(str, selection.events["id"])))
    text = f"{ids}|{selection.view.pick}"
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


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
