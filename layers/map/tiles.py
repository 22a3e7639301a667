"""Online map tiles: off unless the user turns them on, on screen, knowing what it reveals.

A tile request names the area being looked at (zoom, x, y) to the tile server, so the
project never fetches one on its own: not from a link, a view recipe or a file (they
are read as "offline", with a notice), and an export only when the command line says
``--basemap osm|satellite`` or the user chose tiles in the app's sidebar.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import folium

OFFLINE = "offline"
TILE_WARNING = (
    "Online tiles are fetched from a server on the internet: each request tells that server "
    "which area you are looking at. Use them only where that is acceptable."
)


@dataclass(frozen=True)
class TileSource:
    """One online tile service."""

    key: str
    label: str
    url: str
    attribution: str

    @property
    def host(self) -> str:
        """The host every request of this source goes to."""
        return urlsplit(self.url).hostname or ""


TILE_SOURCES = {
    source.key: source
    for source in (
        TileSource(
            "osm",
            "OpenStreetMap (online)",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "&copy; OpenStreetMap contributors",
        ),
        TileSource(
            "satellite",
            "Satellite imagery, Esri (online)",
            "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
            "Imagery &copy; Esri",
        ),
    )
}
BASEMAP_LABELS = {OFFLINE: "Offline (Natural Earth, no network)"} | {
    key: source.label for key, source in TILE_SOURCES.items()
}


def offline_unless_chosen(view, chosen: str | None = None):
    """``view`` with the offline basemap, unless ``chosen`` (on screen, on the command line).

    Returns ``(view, notice)``: the notice says what a recipe asked for and that it was
    not fetched, or is ``None``.
    """
    asked = view.basemap
    basemap = chosen or OFFLINE
    notice = None
    if asked != OFFLINE and asked != basemap:
        notice = (
            f"The view recipe asks for online tiles ({asked}); they were not fetched: "
            "the offline basemap is used. Online tiles are a choice made on screen "
            "(or with --basemap on the command line)."
        )
    return view.with_changes(basemap=basemap), notice


def tile_hosts(basemap: str) -> frozenset[str]:
    """Hosts a map with ``basemap`` may fetch from (none for the offline basemap)."""
    source = TILE_SOURCES.get(basemap)
    return frozenset({source.host}) if source else frozenset()


def tile_layer(basemap: str, max_zoom: int) -> folium.TileLayer | None:
    """The folium layer of an online basemap, or ``None`` for the offline one."""
    source = TILE_SOURCES.get(basemap)
    if source is None:
        return None
    return folium.TileLayer(
        tiles=source.url,
        attr=source.attribution,
        name=source.label,
        overlay=True,
        control=False,
        show=True,
        max_zoom=max_zoom,
    )
