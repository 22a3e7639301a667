"""Edit an event, see its history, revert to a version: the details panel on a shared database.

The form shows every field as the CSV import writes it (lists ``a|b``, aircraft
``type:count:operator|…``, geometry as WKT) and remembers the version it started from.
Saving sends only the fields changed, through the same check as an import (its problem
table); it is refused when anyone saved the event since that version: the message
names who and what changed, and the user's edit stays in the form to apply again on
the current version (*Start from the current version*). The history is a table
(text only), newest first; *Make this version current* restores one (after a removal
too). Every change needs the author's name (``ui.db_state.author``).
"""

from __future__ import annotations

import streamlit as st

from layers.catalogue.db import edits, versions
from layers.catalogue.importer import StoreError
from layers.safe_text import md
from ui import db_state, presses, say
from ui.context import AppContext

LONG_FIELDS = ("summary", "notes", "basis")
KEY_BASE = "db_edit_base"  # {event id: (version, {field: text})} the form started from
KEY_ROUND = "db_edit_round"  # bumped to start the form afresh
KEY_NOTICE = "db_edit_notice"


def render(ctx: AppContext, layer: str, feature_id: str) -> None:
    """The edit form (events), the history and the revert control of one feature."""
    store = db_state.store()
    with store.connection() as conn:
        now = versions.current(conn, layer, feature_id)
        history = versions.history(conn, layer, feature_id)
    notice = st.session_state.get(KEY_NOTICE)
    if notice and notice[0] == feature_id:
        say.notice(notice[1], notice[2])
    if now is None:
        return
    say.caption("Version {v} in the shared database.", v=now.version)
    if layer == "events" and not now.removed:
        with st.expander("Edit this event", expanded=False):
            _form(store, now)
    with st.expander(f"History ({len(history)} versions)", expanded=False):
        _history(store, now, history)


def _author_or_say() -> str | None:
    author = st.session_state.get(db_state.KEY_AUTHOR, "").strip() or db_state.header_author()
    if not author:
        st.error("Type your name in the sidebar first: it is kept with every change.")
        return None
    return author


def _round() -> int:
    return st.session_state.get(KEY_ROUND, 0)


def _restart(feature_id: str) -> None:
    st.session_state.setdefault(KEY_BASE, {}).pop(feature_id, None)
    st.session_state[KEY_ROUND] = _round() + 1


def _form(store, now: versions.Current) -> None:
    fid = now.id
    bases = st.session_state.setdefault(KEY_BASE, {})
    if fid not in bases:
        bases[fid] = (now.version, edits.form_values(now.feature))
    base_version, initial = bases[fid]
    if base_version != now.version:
        say.warning("Saved by someone else since you started (version {old} → {new}). Your "
                    "edit is kept below; start from the current version to apply it there.",
                    old=base_version, new=now.version)  # fmt: skip
    values = {}
    for field in edits.SETTABLE:
        widget = st.text_area if field in LONG_FIELDS else st.text_input
        key = f"db_edit_{fid}_{field}_{_round()}"
        values[field] = widget(field, value=initial.get(field, ""), key=key)
    comment = st.text_input("Why (kept in the history)", key=f"db_edit_{fid}_why_{_round()}")
    save, restart = st.columns(2)
    if presses.button(
        "Start from the current version", key=f"db_edit_restart_{fid}", where=restart
    ):
        _restart(fid)
        st.rerun()
    if presses.button(
        "Save as a new version", key=f"db_edit_save_{fid}", where=save, type="primary"
    ):
        changes = {f: v for f, v in values.items() if v != initial.get(f, "")}
        _save(store, fid, changes, comment, base_version)


def _save(store, fid: str, changes: dict, comment: str, base_version: int) -> None:
    from layers.catalogue.problems import problems_table

    author = _author_or_say()
    if author is None:
        return
    if not changes:
        st.info("Nothing was changed in the form.")
        return
    if not comment.strip():
        st.error("Say why in one line: it is kept in the history.")
        return
    try:
        result = edits.edit_event(store, fid, changes, author=author, comment=comment.strip(),
                                  expected=base_version)  # fmt: skip
    except versions.StaleVersion as exc:
        say.error("Not saved: {reason}", reason=exc)
        return
    except StoreError as exc:
        say.error("Not saved: {reason}", reason=exc)
        return
    if not result.accepted:
        st.error("Not saved: fix these problems (the same checks as an import).")
        st.dataframe(problems_table(result.problems), hide_index=True, key="db_edit_problems")
        return
    _done(fid, f"Saved version {result.version} of {fid}.")


def _done(fid: str, text: str) -> None:
    from ui.state import invalidate_data

    st.session_state[KEY_NOTICE] = (fid, "success", text)
    _restart(fid)
    invalidate_data()
    st.rerun()


def _history(store, now: versions.Current, history: list) -> None:
    from layers.outputs.history import history_lines

    # The same lines as `python -m layers history`, in a code block: shown as text.
    st.code("\n".join(history_lines(now.id, history)), language=None, wrap_lines=True)
    older = [v.version for v in history if v.version != now.version and v.action != "remove"]
    if not older:
        return
    left, right = st.columns(2)
    chosen = left.selectbox("Version", older[::-1], key=f"db_revert_pick_{now.id}")
    why = right.text_input("Why", key=f"db_revert_why_{now.id}")
    label = "Make this version current" + (" (restores the event)" if now.removed else "")
    if presses.button(md(label), key=f"db_revert_{now.id}"):
        author = _author_or_say()
        if author is None:
            return
        try:
            result = edits.restore_version(store, now.id, int(chosen), author=author,
                                           comment=why.strip(), expected=now.version)  # fmt: skip
        except (versions.StaleVersion, StoreError) as exc:
            say.error("Not restored: {reason}", reason=exc)
            return
        if not result.accepted:
            say.error("Not restored: {reason}", reason="; ".join(str(p) for p in result.problems))
            return
        _done(
            now.id, f"Version {chosen} of {now.id} is current again (as version {result.version})."
        )
