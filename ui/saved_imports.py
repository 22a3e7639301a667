"""The "Saved imports" part of the Import tab: what the store holds, and removing an import.

The store is shared by every session, so the list changes under a reader whenever
another analyst saves or removes an import. With one *Remove* button per row, a run
that lists such a change redraws the rows one by one, and the button under the pointer
can be replaced by its neighbour's between press and release: no click at all, or a
click on the next row's button (``make soak`` recorded it: mousedown on one import's
*Remove*, mouseup on the next one's). So removal is one fixed control above the table,
a select box whose value is the import's id (not a row position) and one button, and
it still asks first, naming the file. Nothing else on the page moves it: the table,
which grows and shrinks with the store, comes after it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from layers.catalogue.importer import StoreError
from layers.catalogue.problems import problems_table
from layers.catalogue.store import ENV_VAR, IMPORTS, UserEvents
from layers.safe_text import plural
from ui import presses, say
from ui.context import AppContext
from ui.db_state import read_user_events, remove_import, signature, where
from ui.saving import catalogue_event_ids, invalidate_and_rerun

KEY_CHOICE = "import_remove_choice"  # the import chosen for removal (its id)
KEY_CONFIRM = "import_confirm_remove"  # the import whose removal waits for a yes
KEY_NOTICE = "import_notice"  # the tab's one notice: the last save or removal (import_panel)


@st.cache_data(show_spinner=False, max_entries=4)
def stored_imports(data_dir: str, signature: tuple, base_ids: frozenset, reserved: frozenset):
    """What the store holds (``signature`` only keys the cache: any save reloads it)."""
    return read_user_events(data_dir, base_ids=base_ids, reserved_ids=reserved)


def unreadable(found: UserEvents) -> list[str]:
    """Ids of import files that cannot be read at all (listed only among the problems)."""
    listed = {info.import_id for info in found.imports}
    return sorted(
        {
            Path(p.file).stem
            for p in found.problems
            if p.file.startswith(f"{IMPORTS}/") and Path(p.file).stem not in listed
        }
    )


def removable(found: UserEvents) -> dict[str, tuple[str, str]]:
    """``{import id: (file name, text in the chooser)}`` of everything that can be removed."""
    out = {}
    for info in found.imports:
        events = plural(info.feature_count, "event")
        out[info.import_id] = (
            info.original_name,
            f"{info.original_name} · saved {info.saved_at} · {events}",
        )
    for import_id in unreadable(found):
        name = f"{import_id}.geojson"
        out[import_id] = (name, f"{IMPORTS}/{name} · cannot be read")
    return out


def render(ctx: AppContext) -> None:
    """The store's folder, the removal control, the table of imports, any damaged file."""
    st.subheader("Saved imports")
    st.caption(f"Kept in this folder (set {ENV_VAR} to use another):")
    st.code(where(ctx.data_dir), language=None)
    found: UserEvents = stored_imports(
        str(ctx.data_dir), signature(ctx.data_dir), ctx.base_ids, catalogue_event_ids(ctx)
    )
    choices = removable(found)
    if not choices:
        st.session_state.pop(KEY_CONFIRM, None)
        st.info("No saved imports.")
        return
    removal(ctx, choices)
    if found.imports:
        st.dataframe(
            pd.DataFrame(
                {
                    "File": [i.original_name for i in found.imports],
                    "Saved": [i.saved_at for i in found.imports],
                    "Events": [i.feature_count for i in found.imports],
                    "Import id": [i.import_id for i in found.imports],
                }
            ),
            hide_index=True,
            key="import_saved_table",
        )
    if found.problems:
        st.warning(f"{len(found.problems)} problem(s) in the saved data: left out of every view.")
        st.dataframe(problems_table(found.problems), hide_index=True, key="import_store_problems")


def removal(ctx: AppContext, choices: dict[str, tuple[str, str]]) -> None:
    """Choose an import, *Remove*, then a question: its events go with it, so ask first."""
    if st.session_state.get(KEY_CHOICE) not in choices:  # removed meanwhile, here or elsewhere
        st.session_state.pop(KEY_CHOICE, None)
    choose, press = st.columns([6, 1], vertical_alignment="bottom")
    chosen = choose.selectbox(
        "Remove an import",
        options=list(choices),
        index=None,
        format_func=lambda import_id: choices[import_id][1],
        placeholder="Choose a saved import",
        key=KEY_CHOICE,
    )
    if presses.button("Remove", key="import_remove", where=press, disabled=chosen is None):
        st.session_state[KEY_CONFIRM] = chosen
    pending = st.session_state.get(KEY_CONFIRM)
    if pending is None:
        return
    if pending != chosen:  # another choice, or gone from the store: the question lapses
        st.session_state.pop(KEY_CONFIRM, None)
        return
    name = choices[pending][0]
    say.warning("Remove {name} and every event it holds? It cannot be undone.", name=name)
    yes, no, _ = st.columns([2, 2, 6])
    if presses.button("Cancel", key="import_cancel", where=no):
        st.session_state.pop(KEY_CONFIRM, None)
        st.rerun()
    if presses.button("Yes, remove", key="import_confirm", where=yes, type="primary"):
        st.session_state.pop(KEY_CONFIRM, None)
        remove(ctx, pending, name)


def remove(ctx: AppContext, import_id: str, name: str) -> None:
    """Delete one import and reload every view."""
    try:
        remove_import(ctx.data_dir, import_id)
    except (StoreError, OSError) as exc:
        say.error("Could not remove {name}: {reason}", name=name, reason=exc)
        return
    invalidate_and_rerun("success", f"Removed the import of {name}.", KEY_NOTICE)
