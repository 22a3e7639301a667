"""Where Leaflet and the basemap come from: installed packages, never a CDN.

Third-party JavaScript and CSS are not committed to the repository. At start-up
``ensure_static_assets`` copies them from the installed XStatic packages into
``static/vendor/`` (served by Streamlit at ``/app/static/...`` when
``server.enableStaticServing`` is on) together with the shipped basemap, written in
the compact form the page reads (``layers.map.basemap_file``: the same coordinates in
42 % of the bytes). Both folders are git-ignored. The exporter instead inlines everything
(``asset_urls("inline")``) so its HTML works from a file with no server at all.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet as xs_leaflet

from layers.map.basemap_file import compact_text

REPO_DIR = Path(__file__).resolve().parents[2]
STATIC_DIR = REPO_DIR / "static"
VENDOR_SUBDIR = "vendor"
BASEMAP_SUBDIR = "basemap"
BASEMAP_SOURCE_DIR = REPO_DIR / "geodata" / "basemap"
STATIC_URL = "/app/static"
MODES = ("static", "inline")

# The regional 1:10m layer draws over the world 1:50m layer once zoomed in; the app
# draws its lighter version at zoom 5-6 (tools/build_display_basemap.py makes both
# display files).
BASEMAP_REGION = "region_countries_10m.geojson"
BASEMAP_REGION_DISPLAY = "region_countries_10m_display.geojson"
BASEMAP_WORLD = "world_countries_50m_pacific_display.geojson"
BASEMAP_FILES = (BASEMAP_REGION_DISPLAY, BASEMAP_WORLD, BASEMAP_REGION)

# Only what the map really uses: Leaflet and the layer-switcher images its CSS names.
# (No jQuery, Bootstrap, Font Awesome or MarkerCluster: markers are inline SVG.)
LEAFLET_DIR = Path(xs_leaflet.BASE_DIR)
LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
)
LEAFLET_VERSION = xs_leaflet.VERSION


@dataclass(frozen=True)
class Assets:
    """Script and stylesheet references for a map: ``(name, url)`` pairs in load order."""

    js: tuple[tuple[str, str], ...]
    css: tuple[tuple[str, str], ...]


def _is_basemap(rel: Path) -> bool:
    return rel.parts[0] == BASEMAP_SUBDIR


def _copy_if_stale(src: Path, dest: Path, *, compact: bool = False) -> bool:
    """Copy ``src`` to ``dest`` atomically unless ``dest`` is up to date; True if written.

    ``compact``: write the basemap's compact form of ``src`` instead of a copy (up to
    date when newer than ``src``).
    """
    if dest.exists():
        s, d = src.stat(), dest.stat()
        if d.st_mtime >= s.st_mtime and (compact or s.st_size == d.st_size):
            return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Write beside the target and rename: a concurrent reader (another session's
    # start-up, the static server) never sees a half-written file.
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
    os.close(fd)
    try:
        if compact:
            text = compact_text(src.read_text(encoding="utf-8"), src.name)
            Path(tmp).write_text(text, encoding="utf-8")
            os.chmod(tmp, 0o644)  # as a copy would be: readable by the server's user
        else:
            shutil.copy2(src, tmp)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return True


def served_name(name: str) -> str:
    """The static file of a shipped basemap file (its compact form: not GeoJSON)."""
    return Path(name).stem + ".json"


def static_files(basemap_dir: Path = BASEMAP_SOURCE_DIR) -> list[tuple[Path, Path]]:
    """Every ``(source, path relative to static/)`` pair that ``ensure_static_assets`` copies."""
    pairs = [(LEAFLET_DIR / name, Path(VENDOR_SUBDIR, "leaflet", name)) for name in LEAFLET_FILES]
    pairs += [
        (basemap_dir / name, Path(BASEMAP_SUBDIR, served_name(name))) for name in BASEMAP_FILES
    ]
    return pairs


def ensure_static_assets(
    static_dir: Path = STATIC_DIR, *, basemap_dir: Path = BASEMAP_SOURCE_DIR
) -> list[Path]:
    """Copy Leaflet and the basemap into ``static_dir`` (idempotent, cheap when up to date).

    Parameters
    ----------
    static_dir
        Folder Streamlit serves at ``/app/static`` (``<repo>/static``).
    basemap_dir
        Folder holding the shipped basemap GeoJSON (``geodata/basemap``).

    Returns
    -------
    list of Path
        The files that were (re)written; empty when everything was up to date.

    Raises
    ------
    FileNotFoundError
        When a package file or a basemap file is missing, naming it.
    """
    written = []
    for src, rel in static_files(Path(basemap_dir)):
        if not src.is_file():
            raise FileNotFoundError(f"map asset missing: {src} (reinstall requirements.txt?)")
        dest = Path(static_dir) / rel
        if _copy_if_stale(src, dest, compact=_is_basemap(rel)):
            written.append(dest)
    return written


def static_url(rel: str | Path) -> str:
    """URL of a file under ``static/`` as Streamlit serves it."""
    return f"{STATIC_URL}/{Path(rel).as_posix()}"


def basemap_urls() -> dict[str, str]:
    """Static URLs of the basemap files, keyed by file name."""
    return {name: static_url(Path(BASEMAP_SUBDIR, served_name(name))) for name in BASEMAP_FILES}


def _data_url(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@cache
def _inline_leaflet_css() -> str:
    """leaflet.css with its ``url(images/...)`` references turned into data: URLs."""
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")

    def embed(match: re.Match) -> str:
        image = (LEAFLET_DIR / "images" / match.group(1)).read_bytes()
        return f"url({_data_url('image/png', image)})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", embed, css)


@cache
def _inline_assets() -> Assets:
    js = (LEAFLET_DIR / "leaflet.js").read_bytes()
    css = _inline_leaflet_css().encode("utf-8")
    return Assets(
        js=(("leaflet", _data_url("text/javascript", js)),),
        css=(("leaflet_css", _data_url("text/css", css)),),
    )


def asset_urls(mode: str) -> Assets:
    """Where the map loads Leaflet from.

    ``"static"``: URLs under ``/app/static/vendor/`` (Streamlit static serving; the
    st_folium iframe is same-origin). ``"inline"``: ``data:`` URLs holding the file
    contents, for self-contained HTML and PNG export.
    """
    if mode == "inline":
        return _inline_assets()
    if mode != "static":
        raise ValueError(f"asset mode {mode!r} is not one of {MODES}")
    base = Path(VENDOR_SUBDIR, "leaflet")
    return Assets(
        js=(("leaflet", static_url(base / "leaflet.js")),),
        css=(("leaflet_css", static_url(base / "leaflet.css")),),
    )


def read_basemap(name: str, basemap_dir: Path = BASEMAP_SOURCE_DIR) -> str:
    """One shipped basemap file in its compact form (for inline maps)."""
    path = Path(basemap_dir) / name
    return _compact_basemap(str(path), path.stat().st_mtime)


@cache
def _compact_basemap(path: str, mtime: float) -> str:  # mtime: a changed file is re-read
    return compact_text(Path(path).read_text(encoding="utf-8"), Path(path).name)
