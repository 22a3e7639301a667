"""The "Import data" tab: check a GeoJSON or CSV file of events, preview it, save it or not.

Nothing is saved before the analyst has seen the valid events on a map and every
problem in a table (``layers.catalogue.importer.import_events(dry_run=True)``). Saving goes through
the same validated, atomic store path as ``python -m layers import``; then every
cached frame is dropped and the script reruns, so the import shows in every view.
Every text from a file is shown as text (tables, ``st.text``, ``st.code``).

``review_file(ctx, name, data)`` is the part after the upload widget, so it can be
driven with any bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from layers.catalogue.importer import ImportResult, StoreError
from layers.catalogue.problems import problems_table
from layers.map.preview import PREVIEW_MAX_FEATURES, preview_frames, preview_html
from layers.outputs.table import events_table
from layers.safe_text import plural
from ui import presses, saved_imports, say
from ui.context import AppContext
from ui.db_state import import_events, signature
from ui.saving import catalogue_event_ids, invalidate_and_rerun, show_notice

KEY_UPLOAD_ROUND = "import_upload_round"  # bumped to clear the uploader after a decision
KEY_CHECKED = "import_checked"  # the last dry run: (cache key, result, preview, table)
KEY_NOTICE = saved_imports.KEY_NOTICE  # (level, text) of the last save or removal
PREVIEW_HEIGHT = 380
UPLOAD_TYPES = ["geojson", "json", "csv"]


def upload_key() -> str:
    """Key of the uploader widget; a new key empties it (Streamlit cannot clear it)."""
    return f"import_upload_{st.session_state.get(KEY_UPLOAD_ROUND, 0)}"


def render(ctx: AppContext) -> None:
    """Draw the tab: data folder, uploader, review of the uploaded file, saved imports."""
    st.subheader("Import events")
    notice = st.empty()
    st.caption(
        "A GeoJSON or CSV file of events (templates: docs/templates/). It is checked and "
        "shown below; nothing is saved until you choose."
    )
    uploaded = st.file_uploader("Events file", type=UPLOAD_TYPES, key=upload_key())
    if uploaded is None:
        show_notice(KEY_NOTICE, notice)
    else:
        st.session_state.pop(KEY_NOTICE, None)  # a new file: the last result is history
        review_file(ctx, uploaded.name, uploaded.getvalue())
    st.divider()
    saved_imports.render(ctx)


def checked_file(ctx: AppContext, name: str, data: bytes) -> tuple:
    """Dry run, preview HTML and table of the valid events, kept until the file or store changes.

    Every widget anywhere reruns the whole script: a 20 MB file is checked once, not
    on every click.
    """
    key = (name, hashlib.sha256(data).hexdigest(), str(ctx.data_dir))
    key += (signature(ctx.data_dir),)
    memo = st.session_state.get(KEY_CHECKED)
    if memo is not None and memo[0] == key:
        return memo[1:]
    result = _import(ctx, name, data, dry_run=True)
    html = table = None
    if result.features:
        html = preview_html(result.features)
        table = events_table(preview_frames(result.features)["events"])
    st.session_state[KEY_CHECKED] = (key, result, html, table)
    return result, html, table


def _import(ctx: AppContext, name: str, data: bytes, **options) -> ImportResult:
    """``import_events`` of a file for this app: its store, the catalogue's ids."""
    return import_events(
        data,
        name=name,
        data_dir=ctx.data_dir,
        base_ids=ctx.base_ids,
        reserved_ids=catalogue_event_ids(ctx),
        **options,
    )


def review_file(ctx: AppContext, name: str, data: bytes) -> None:
    """Check a file, show its valid events and every problem, and offer the choice."""
    name = Path(name).name
    result, html, table = checked_file(ctx, name, data)
    st.markdown("**Checked file**")
    st.text(name)
    st.markdown(verdict(result))
    if result.problems:
        st.markdown(f"**Problems ({len(result.problems)})**")
        st.dataframe(
            problems_table(result.problems, csv=name.lower().endswith(".csv")),
            hide_index=True,
            key="import_problems",
        )
    if html is not None:
        st.iframe(html, height=PREVIEW_HEIGHT, alt="Preview of the valid events")
        if result.valid_count > PREVIEW_MAX_FEATURES:
            st.caption(f"The map shows the first {PREVIEW_MAX_FEATURES:,} valid events.")
        with st.expander(f"The {result.valid_count:,} valid events"):
            st.dataframe(table)
    decision(ctx, name, data, result)


def verdict(result: ImportResult) -> str:
    """One line: how many events would be saved and how many are rejected."""
    valid, rejected = result.valid_count, result.rejected_count
    if valid == 0:
        return "**Nothing in this file can be saved**: see the problems below."
    text = f"**{plural(valid, 'valid event')}**"
    if rejected or result.errors:
        text += f"; {rejected:,} rejected (not saved, see the problems below)"
    return text + "."


def decision(ctx: AppContext, name: str, data: bytes, result: ImportResult) -> None:
    """The two buttons: save the valid events, or save nothing."""
    save_col, none_col = st.columns(2)
    n = result.valid_count
    if presses.button(
        f"Save the {plural(n, 'valid event')}",
        key="import_save", where=save_col, type="primary", disabled=n == 0,
    ):  # fmt: skip
        save_file(ctx, name, data, expected=n)
    if presses.button("Save nothing", key="import_discard", where=none_col):
        st.session_state[KEY_UPLOAD_ROUND] = st.session_state.get(KEY_UPLOAD_ROUND, 0) + 1
        st.session_state.pop(KEY_CHECKED, None)
        st.session_state[KEY_NOTICE] = ("info", f"Nothing was saved from {name}.")
        st.rerun()


def save_file(ctx: AppContext, name: str, data: bytes, *, expected: int) -> None:
    """Save the file's valid events as one import, then reload every view."""
    try:
        result = _import(ctx, name, data, keep_valid_only=True)
    except (StoreError, OSError) as exc:
        say.error("Nothing was saved: {reason}", reason=exc)
        return
    if not result.accepted:
        st.error("Nothing was saved: the store changed since the check (see the problems).")
        return
    st.session_state[KEY_UPLOAD_ROUND] = st.session_state.get(KEY_UPLOAD_ROUND, 0) + 1
    st.session_state.pop(KEY_CHECKED, None)
    text = f"Saved {plural(result.valid_count, 'event')} from {name} as import {result.import_id}."
    if result.valid_count != expected:
        text += f" {expected - result.valid_count} were taken by another session meanwhile."
    invalidate_and_rerun("success", text, KEY_NOTICE)
