"""What the app asks a large database catalogue, cached per data version and question.

A rerun often asks what the last one asked (the map reports its bounds and reruns the
script; a click reruns it too): the selection of a view, the cells of a viewport, the
timeline's counts are kept per (write stamp, question), shared by the sessions of the
process like the loaded frames, and read-only. A new stamp (anyone's write) asks again.
"""

from __future__ import annotations

import streamlit as st

from layers.catalogue.db.query import Filter


@st.cache_resource(show_spinner=False, max_entries=8)
def _select(stamp: tuple, key: str, _handle, _flt: Filter, _view_flt: Filter):
    return _handle.select_filters(_flt, _view_flt)


@st.cache_resource(show_spinner=False, max_entries=16)
def _in_view(stamp: tuple, key: str, _handle, _flt: Filter, zoom: float, bounds):
    return _handle.in_view(_flt, zoom=zoom, bounds=bounds)


@st.cache_resource(show_spinner=False, max_entries=8)
def _timeline(stamp: tuple, key: str, _handle, _flt: Filter):
    return _handle.timeline_frame(_flt)


class CachedRemote:
    """``layers.catalogue.db.remote.RemoteEvents`` with its answers cached per stamp."""

    def __init__(self, handle, stamp: tuple):
        self.handle, self.stamp = handle, stamp

    def select(self, view, chart=None):
        """``RemoteEvents.select``, cached."""
        flt, view_flt = Filter.of(view, chart), Filter.of(view)
        return _select(self.stamp, repr((flt, view_flt)), self.handle, flt, view_flt)

    def in_view(self, flt: Filter, *, zoom: float, bounds=None):
        """``RemoteEvents.in_view``, cached."""
        bounds = tuple(round(b, 6) for b in bounds) if bounds else None
        return _in_view(self.stamp, repr(flt), self.handle, flt, float(zoom), bounds)

    def timeline_frame(self, flt: Filter):
        """``RemoteEvents.timeline_frame``, cached."""
        return _timeline(self.stamp, repr(flt), self.handle, flt)

    def fetch(self, flt: Filter, limit: int):
        """``RemoteEvents.fetch`` (downloads: not cached)."""
        return self.handle.fetch(flt, limit)

    def find(self, layer: str, fid: str):
        """``RemoteEvents.find`` (not cached: a click)."""
        return self.handle.find(layer, fid)


def clear() -> None:
    """Forget every cached answer."""
    for cached in (_select, _in_view, _timeline):
        cached.clear()
