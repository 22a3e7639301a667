"""A small offline map of events that are not saved yet: an import's valid part, a draft.

The preview is drawn by ``layers.map.render`` (same styles, escaped tooltips and popups,
offline basemap) so what the analyst checks before saving is what the map will show
after. Nothing here reads or writes files.
"""

from __future__ import annotations

import folium

from layers.catalogue.load import frame_from_features
from layers.map.render import build_map
from layers.view.framing import fit_view
from layers.view.select import select
from layers.view.view import BriefingView

PREVIEW_SIZE = (700, 360)  # CSS px of the preview frame: the zoom is fitted to it
PREVIEW_MAX_ZOOM = 5  # one event should still show its surroundings (coasts, islands)
# The preview page is re-sent on every rerun: a 20 MB file's events would make every
# click slow. The first ones show where the file puts things; the table lists them all.
PREVIEW_MAX_FEATURES = 2_000


def preview_frames(features) -> dict:
    """``{"events": frame}`` of validated event features, marked as user data."""
    fc = {"type": "FeatureCollection", "features": list(features)}
    return {"events": frame_from_features(fc, "events", origin="user")}


def preview_view(frames: dict, size: tuple[int, int] = PREVIEW_SIZE) -> BriefingView:
    """A view of every previewed event (no date or other filter), fitted to them."""
    view = BriefingView(layers=("events",))
    events = frames["events"]
    geometries = events.geometry[events.geometry.notna()]
    if geometries.empty:
        return view
    return fit_view(view, geometries, size, max_zoom=PREVIEW_MAX_ZOOM)


def build_preview_map(
    features, *, mode: str = "static", size: tuple[int, int] = PREVIEW_SIZE
) -> folium.Map:
    """The offline map of ``features`` (valid GeoJSON event features) on the basemap.

    Parameters
    ----------
    features
        Validated event features (``ImportResult.features`` or a draft's feature); only
        the first ``PREVIEW_MAX_FEATURES`` are drawn.
    mode
        ``"static"`` (assets from the app's static files) or ``"inline"``.
    size
        Size of the map in CSS px, to fit the zoom.
    """
    frames = preview_frames(list(features)[:PREVIEW_MAX_FEATURES])
    # The preview view's basemap is the offline one (a BriefingView's default): a check
    # before saving never draws or offers online tiles.
    selection = select(frames, preview_view(frames, size))
    return build_map(selection, mode=mode, controls=True, legend=True)


def preview_html(features, *, mode: str = "static", size: tuple[int, int] = PREVIEW_SIZE) -> str:
    """The preview map as one HTML page (for ``st.iframe``)."""
    return build_preview_map(features, mode=mode, size=size).get_root().render()
