"""Files offered for download stay servable all through a run (a Streamlit race).

A whole run first forgets which files its page offers and learns them again only when
it draws their download buttons, late in the run (the export tab). When two other
sessions finish a run in that gap, Streamlit deletes the file, and the button still on
screen answers 404: a console error, a cancelled download (``make soak``: 8 sessions
exporting). ``hold()``, first in every run, registers the same bytes again at once:
the same file at the same address, through Streamlit's own ``add`` (the one a download
button calls), under a place of its own. Kept light: ``app.py`` imports it first.
"""

from __future__ import annotations

import streamlit as st

KEY = "held_files"  # name -> (bytes, MIME type, file name) of each download on the page


def offered(name: str, data: bytes, mime: str, file_name: str) -> None:
    """The page shows a download of ``data`` (``name``: which button)."""
    st.session_state.setdefault(KEY, {})[name] = (data, mime, file_name)


def withdrawn(name: str) -> None:
    """The page no longer shows that download."""
    st.session_state.get(KEY, {}).pop(name, None)


def hold() -> None:
    """Register every offered file for this session again, before anything else runs."""
    from streamlit import runtime

    if not runtime.exists():
        return
    manager = runtime.get_instance().media_file_mgr
    for name, (data, mime, file_name) in st.session_state.get(KEY, {}).items():
        manager.add(data, mime, f"held-{name}", file_name=file_name, is_for_static_download=True)
