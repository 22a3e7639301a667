"""What the import and draft tabs share: the catalogue's event ids and the notice of a save.

After a save or a removal the tab keeps its notice in the session (``notice_key``),
drops every cached frame and reruns the app, so the new data shows in every view;
the notice stays until the user starts anew.
"""

from __future__ import annotations

import streamlit as st

from ui import say
from ui.context import AppContext
from ui.state import invalidate_data


def catalogue_event_ids(ctx: AppContext) -> frozenset[str]:
    """Ids of the shipped events: an import may not reuse them."""
    events = ctx.catalogue["events"]
    return frozenset(events.loc[events["origin"] != "user", "id"].astype(str))


def invalidate_and_rerun(level: str, text: str, notice_key: str) -> None:
    """Keep a notice for the next run, drop cached data and rerun the whole app."""
    st.session_state[notice_key] = (level, text)
    invalidate_data()
    st.rerun()


def show_notice(notice_key: str, where=st) -> None:
    """The result of the last save or removal; it stays until the user starts anew.

    Not shown just once: the reload after a save may rerun the script again (the map
    reports its new state), and a message gone after a blink is a message missed.
    """
    notice = st.session_state.get(notice_key)
    if notice:
        say.notice(*notice, where=where)
