"""Loading (cached), large-data mode, URL state and the map's session position.

* Data: the curated catalogue plus the user's saved imports (``origin == "user"``),
  cached on every file's modification time, so an import or a removal shows on the
  next rerun; :func:`invalidate_data` drops the cache at once (the import panel calls it).
* Large data: when ``BRIEFING_MAP_EVENTS`` names a .parquet/.csv/.geojson file, its
  events replace the catalogue's (the catalogue's bases, ADIZ and areas stay), loaded
  once per file version with a ``layers.view.large_selection.EventIndex``.
* URL: read once per session (``layers.view.url.view_from_query``; each notice is
  shown), written every run (``view_to_query``).
* Position: the map is built with the position the session started with, so it is
  never remounted; the position in the URL changes only when the user presses the
  map's "save position" button (curated mode: panning never reruns the script) or,
  in large mode, after every pan (the aggregation needs the bounds anyway).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import streamlit as st

from layers.catalogue import store
from layers.catalogue.large_file import read_events_table
from layers.catalogue.registry import LAYERS
from layers.catalogue.schema import EVENT_KINDS
from layers.geo.longitude import to_window
from layers.map.assets import ensure_static_assets
from layers.map.event_payload import EventPayload, event_payload
from layers.map.features import static_layer_payloads
from layers.view import choices
from layers.view.choices import FilterChoices
from layers.view.instant import option_masks
from layers.view.large_selection import EventIndex
from layers.view.url import view_from_query, view_to_query
from layers.view.view import BriefingView
from ui import db_state, say
from ui.context import KEY_LINK_MARKS, KEY_PICK

LARGE_ENV_VAR = "BRIEFING_MAP_EVENTS"
KEY_URL_VIEW = "url_view"  # the view read from the URL at the session's first run
KEY_POSITION = "map_position"  # ((lat, lon), zoom) written to the URL
KEY_SEEDED = "sidebar_seeded"  # the sidebar took its values from the URL view
KEY_ORIGIN = "map_origin"  # ((lat, lon), zoom) the map was built with: fixed per session


@dataclass(frozen=True)
class LoadedData:
    """What one run works on: frames, user-store problems and the large-data index."""

    frames: dict[str, gpd.GeoDataFrame]
    problems: tuple[str, ...]
    index: EventIndex | None = None  # set in large-data mode only
    large_path: str | None = None
    remote: object | None = None  # a large database catalogue (``ui.db_state.remote``)

    @property
    def large(self) -> bool:
        """True when the events come from ``BRIEFING_MAP_EVENTS``."""
        return self.index is not None


@st.cache_resource(show_spinner=False)
def assets_problem() -> str | None:
    """Copy Leaflet and the basemap into ``static/`` once per server; the problem, if any.

    ``make run`` does this before starting; ``streamlit run app.py`` relies on this call
    (Streamlit serves ``static/`` as files appear in it).
    """
    try:
        ensure_static_assets()
    except OSError as exc:
        return str(exc)
    return None


def data_dir() -> Path:
    """The user data folder (``BRIEFING_MAP_DATA``, default ``userdata/``)."""
    return store.resolve_data_dir()


def data_stamp() -> tuple:
    """The cache key of the data: the files' (``layers.catalogue.store.data_stamp``), or
    the database's write stamp.

    With a database the stamp is asked once per rerun, by ``load_data`` (the first
    thing a run does); the rest of the run uses that answer.
    """  # noqa: D205
    if db_state.url():
        return db_state.stamp()
    return store.data_stamp(data_dir())


# cache_resource, not cache_data: every session and rerun gets the same frames (no
# copy per rerun), which the code treats as read-only (functions return new frames),
# and derived caches (filter choices, static payloads) can key on the object itself.
@st.cache_resource(show_spinner="Loading the catalogue…", max_entries=4)
def _load_frames(stamp: tuple) -> tuple[dict, tuple[str, ...]]:
    """Catalogue + user events; ``stamp`` only keys the cache (an edit reloads)."""
    from layers.catalogue import load  # looked up at call time, so tests can replace it

    if stamp[0] == "database":
        return db_state.load(stamp)
    problems: list[str] = []
    user = store.load_user_events(stamp[1], on_problem=lambda p: problems.append(str(p)))
    return load.load_catalogue(extra_events=[user]).frames, tuple(problems)


def invalidate_data() -> None:
    """Forget the cached data: call after an import is saved or removed."""
    _load_frames.clear()
    _static_payloads.clear()
    _event_payload.clear()
    _option_masks.clear()
    _filter_choices.clear()
    db_state.clear()


# One entry per data version (every save or removal of an import makes one): bounded,
# since a version changed from outside this process is never cleared by ``invalidate_data``.
@st.cache_resource(show_spinner=False, max_entries=4)
def _static_payloads(stamp: tuple) -> dict[str, tuple[str, str]]:
    """Browser JSON of bases, ADIZ and areas, once per data version (immutable strings)."""
    frames, _ = _load_frames(stamp)
    return static_layer_payloads(frames, popups=False)  # the app opens a drawer instead


def static_payloads() -> dict[str, tuple[str, str]]:
    """The cached JSON of the layers filters never change (see ``build_data_layers``)."""
    return _static_payloads(data_stamp())


@st.cache_resource(show_spinner=False, max_entries=4)  # per data version, as above
def _event_payload(stamp) -> EventPayload:
    """Every curated event as the browser's events layer takes it, once per data version."""
    frames, _ = _load_frames(stamp)
    return event_payload(frames["events"])


@st.cache_resource(show_spinner=False, max_entries=4)  # per data version, as above
def _option_masks(stamp) -> dict:
    """One row mask per value of each filter, once per data version (``ui/instant.py``)."""
    frames, _ = _load_frames(stamp)
    events = frames["events"]
    labels = choices.filter_choices(events).labels
    return option_masks(events, {criterion: list(values) for criterion, values in labels.items()})


def filter_masks() -> dict:
    """The cached masks of every filter value of the catalogue's events."""
    return _option_masks(data_stamp())


def events_payload() -> EventPayload:
    """The cached events layer of the curated catalogue (see ``build_data_layers``)."""
    return _event_payload(data_stamp())


@st.cache_resource(show_spinner="Loading the large event file…")
def _load_large(path: str, mtime_ns: int) -> tuple[gpd.GeoDataFrame, EventIndex]:
    """A large event file and its time index, once per file version (shared, read-only)."""
    events = read_events_table(path)
    return events, EventIndex.from_frame(events)


def warm_large() -> None:
    """Load the large event file into the shared cache, if one is named (``scripts/serve.py``).

    Called at server start, beside the server: the first visitor's run then finds the
    file read and indexed, or waits for the load already under way (the cache computes
    a value once, the other callers wait for it).
    """
    path = large_events_path()
    if path is not None and Path(path).exists():
        _load_large(path, Path(path).stat().st_mtime_ns)


def warm_catalogue() -> None:
    """Fill the curated catalogue's caches before the first visitor (``scripts/serve.py``).

    The frames, the browser's layers, the filter choices and their masks: about half a
    second of the first run on a cold start, done beside the server instead. Nothing
    with a database or a large file (those have their own loads).
    """
    if db_state.url() or large_events_path():
        return
    frames, _ = _load_frames(data_stamp())
    static_payloads()
    events_payload()
    filter_masks()
    filter_choices(frames["events"])


def large_events_path() -> str | None:
    """The file named by ``BRIEFING_MAP_EVENTS``, if set."""
    return os.environ.get(LARGE_ENV_VAR) or None


def load_data() -> LoadedData:
    """The frames for this run; raises ``GeoDataError`` when the catalogue is broken."""
    if db_state.url():  # the one query of this rerun: has anyone saved anything?
        db_state.refresh()
    stamp = data_stamp()
    frames, problems = _load_frames(stamp)
    if stamp[0] == "database" and db_state.large(stamp):  # the events stay in the database
        return LoadedData(frames, problems, remote=db_state.remote())
    path = large_events_path()
    if path is None:
        return LoadedData(frames, problems)
    events, index = _load_large(path, Path(path).stat().st_mtime_ns)
    return LoadedData({**frames, "events": events}, problems, index=index, large_path=path)


@st.cache_resource(show_spinner=False, max_entries=4)
def _filter_choices(key: tuple, _events) -> FilterChoices:
    """``key`` names the data version; ``_events`` (not hashed: it can be a million rows)."""
    return choices.filter_choices(_events)


def filter_choices(events) -> FilterChoices:
    """The sidebar's choices for ``events``, cached while the data files do not change."""
    if db_state.url() and db_state.large(data_stamp()):
        return db_state.choices()  # a large database catalogue: from one summary query
    path = large_events_path()
    large = (path, Path(path).stat().st_mtime_ns) if path and Path(path).exists() else None
    # id + length tell apart the frames of one data version (catalogue vs a test's frame)
    return _filter_choices((data_stamp(), large, id(events), len(events)), events)


def url_view(events, known_aircraft) -> BriefingView:
    """The view in the URL, read on the session's first run (notices shown each run)."""
    if KEY_URL_VIEW not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        countries = filter_choices(events).countries
        view, notices = view_from_query(
            params,
            known_exercises=filter_choices(events).exercises,
            known_kinds=tuple(EVENT_KINDS),
            known_layers=tuple(spec.key for spec in LAYERS),
            known_participants=countries,
            known_aircraft=known_aircraft,
        )
        st.session_state[KEY_URL_VIEW] = (view, tuple(notices))
        position = (view.center, view.zoom)
        st.session_state[KEY_ORIGIN] = position
        st.session_state[KEY_POSITION] = position
        # The link's pick, rings and distances seed the timeline and the tools once.
        st.session_state[KEY_PICK] = view.pick
        st.session_state[KEY_LINK_MARKS] = (view.rings, view.measures)
    view, notices = st.session_state[KEY_URL_VIEW]
    for notice in notices:  # quoting the link: escaped, never read as Markdown
        say.notice("warning", notice)
    return view


def apply_view(view: BriefingView) -> None:
    """Make ``view`` the app's view (a loaded recipe): the URL, the sidebar and the map.

    The app reads the URL, and seeds the sidebar and the map position from it, once
    per session: write the URL and forget all three, so the next run reads the new
    view as on a first visit.
    """
    st.query_params.from_dict(view_to_query(view))
    for key in (KEY_URL_VIEW, KEY_SEEDED):
        st.session_state.pop(key, None)


def map_origin_view(view: BriefingView) -> BriefingView:
    """``view`` at the position the map was first built with (never changes in a session)."""
    center, zoom = st.session_state.get(KEY_ORIGIN, (view.center, view.zoom))
    return view.with_changes(center=center, zoom=zoom)


def save_position(lat: float, lon: float, zoom) -> None:
    """Remember the map's position (from the map) for the URL."""
    lon = to_window(float(lon))
    lat = max(-85.0, min(85.0, float(lat)))
    zoom = max(1, min(18, round(float(zoom))))
    st.session_state[KEY_POSITION] = ((round(lat, 4), round(lon, 4)), zoom)


def with_position(view: BriefingView) -> BriefingView:
    """``view`` with the saved map position (what the URL carries)."""
    center, zoom = st.session_state.get(KEY_POSITION, (view.center, view.zoom))
    return view.with_changes(center=center, zoom=zoom)


def write_url(view: BriefingView) -> None:
    """Make the page's URL describe ``view`` (only fields that differ from the default)."""
    wanted = view_to_query(view)
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    normalised = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normalised:
        st.query_params.from_dict(wanted)
