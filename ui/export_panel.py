"""The "Briefing export" tab: a briefing PNG, a deck, an offline HTML file and the view recipe.

Everything here builds from one ``BriefingView``: the app's current view with the
title and marking typed in this tab. The same view, saved as a recipe and given to
``python -m layers brief --view`` (or ``deck --view``), draws the same picture. The
files' sections are in ``ui.export_files``; drawing is done by ``layers.export``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from layers.export import checks
from layers.export.page_layout import PAGE_SIZES, PageLayout
from layers.geo.longitude import from_window
from layers.map.tiles import offline_unless_chosen
from layers.view.framing import fit_view
from layers.view.recipe import MAX_RECIPE_BYTES, view_from_recipe, view_to_recipe
from layers.view.view import BriefingView, ViewError
from ui import db_large, export_files, presses, say, state
from ui.context import AppContext
from ui.export_files import file_stem
from ui.saving import show_notice

KEY_TITLE = "export_title"
KEY_MARKING = "export_marking"
KEY_SIZE = "export_size"
KEY_UPLOAD = "export_recipe_upload"  # prefix; a counter suffix empties the uploader
KEY_UPLOAD_GEN = "export_recipe_upload_gen"
KEY_PENDING = "export_pending"  # texts and notice of a recipe applied on the next run
# What the last recipe did, said on every run until the next recipe (ui/saving.show_notice):
# the run that first showed it is often followed at once by the map's report of its new
# position, and the notice was gone before it could be read (a browser test waiting for
# it timed out on a loaded machine).
KEY_LOADED = "export_recipe_notice"
SIZE_LABELS = {
    "1920x1080": "1920 × 1080 (slide)",
    "1280x720": "1280 × 720",
    "a4": "A4 landscape, 150 dpi (1754 × 1240)",
}


def render(ctx: AppContext) -> None:
    """Draw the tab: texts and size, PNG, deck, HTML, and saving/loading the view recipe."""
    _apply_pending_texts()
    view = _text_inputs(ctx.view)
    size_key = st.radio(
        "Size", list(SIZE_LABELS), format_func=SIZE_LABELS.get, horizontal=True, key=KEY_SIZE
    )
    selection = replace(ctx.selection, view=view)  # the texts typed here; nothing refiltered
    _position_note(ctx, view, PAGE_SIZES[size_key])
    _timeline_note(selection)
    problem = db_large.export_problem(ctx) or checks.export_problem(selection)
    if problem:
        say.warning("{problem}", problem=problem)
    _files(selection, size_key, bool(problem))
    st.divider()
    _recipe_section(view)


@st.fragment
def _files(selection, size_key: str, disabled: bool) -> None:
    """The PNG, deck and HTML sections: their buttons rerun only this part of the page.

    Pressing *Briefing PNG* draws the picture without a rerun of the map, timeline and
    table. It also keeps the files already offered: a whole run first forgets which
    files the session shows, and when two other sessions finish a run meanwhile,
    Streamlit deletes them, so a download pressed then fails (404); a fragment's run
    forgets nothing (found by ``make soak``: 8 sessions exporting).
    """
    png_column, deck_column, html_column = st.columns(3)
    with png_column:
        export_files.png_section(selection, size_key, PAGE_SIZES[size_key], disabled)
    with deck_column:
        export_files.deck_section(selection, disabled=disabled)
    with html_column:
        export_files.html_section(selection, disabled=disabled)


def _timeline_note(selection) -> None:
    """Say when the timeline's pick narrows the events (the recipe and the link carry it)."""
    kept, total = len(selection.events), len(selection.view_events)
    if "events" in selection.view.layers and 0 < kept < total:
        st.info(
            f"The export shows the timeline selection: {kept:,} of {total:,} events. "
            "The view recipe and the page link carry it too."
        )


def export_view(view: BriefingView, title: str, marking: str) -> BriefingView:
    """``view`` with the briefing texts typed in the tab (blank keeps the view's own)."""
    return view.with_changes(title=title.strip() or view.title, marking=marking.strip())


def _text_inputs(view: BriefingView) -> BriefingView:
    st.session_state.setdefault(KEY_TITLE, view.title)
    st.session_state.setdefault(KEY_MARKING, view.marking)
    title_column, marking_column = st.columns(2)
    title = title_column.text_input("Briefing title", key=KEY_TITLE, max_chars=200)
    marking = marking_column.text_input(
        "Marking line", key=KEY_MARKING, max_chars=200, help="Printed at the top and the bottom."
    )
    view = export_view(view, title, marking)
    say.caption("Files are named {stem} (.png, .pptx, .html, .json).", stem=file_stem(view))
    return view


def _position_note(ctx: AppContext, view: BriefingView, size: tuple[int, int]) -> None:
    """Say which centre and zoom the picture uses; offer to frame the selection."""
    lat, lon = view.center
    say.caption(
        "The export is framed on the map as you left it: {lat}, {lon}, zoom {zoom} (the "
        "position in the page link too).",
        lat=_degrees(lat, "N", "S"),
        lon=_degrees(lon, "E", "W"),
        zoom=view.zoom,
    )
    if presses.button(
        "Fit to the selection",
        key="export_fit",
        disabled=ctx.events.empty,
        help="Centre and zoom the view (map and export) on the events it selects.",
    ):
        _, _, map_w, map_h = PageLayout(*size).map_box
        fitted = fit_view(ctx.view, ctx.events.geometry, (map_w, map_h))
        _apply_and_rerun(fitted, None, "View framed on the selected events.")


def _degrees(value: float, positive: str, negative: str) -> str:
    value = from_window(value)
    return f"{abs(value):.2f}° {positive if value >= 0 else negative}"


def _recipe_section(view: BriefingView) -> None:
    st.markdown("**View recipe**")
    st.caption(
        "A small JSON file with the window, filters, layers, position, title and marking. "
        "Load it here later, or draw it from the command line: "
        "`python -m layers brief --view recipe.json --out brief.png`."
    )
    # Made on click (a callable): written inline it would be a new media file on every
    # filter move, and the page's check of the previous run's file then finds it gone (404).
    st.download_button(
        "Save view recipe",
        partial(view_to_recipe, view),
        file_name=f"{file_stem(view)}.json",
        mime="application/json",
        key="export_recipe_download",
        on_click="ignore",
        icon=":material/save:",
    )
    upload = st.file_uploader("Load a view recipe", type=["json"], key=_upload_key())
    if upload is not None:
        _load_recipe(upload.name, upload.getvalue())


def _upload_key() -> str:
    """Key of the recipe uploader; a new key empties it (Streamlit cannot clear it)."""
    return f"{KEY_UPLOAD}_{st.session_state.get(KEY_UPLOAD_GEN, 0)}"


def _load_recipe(name: str, data: bytes) -> None:
    """Apply a recipe file, or show why it cannot be used (the app keeps its view)."""
    try:
        if len(data) > MAX_RECIPE_BYTES:
            raise ViewError(f"larger than {MAX_RECIPE_BYTES // 1024} kB: not a view recipe")
        view = view_from_recipe(data.decode("utf-8"))
    except UnicodeDecodeError:
        say.error("{name} is not a text file: a view recipe is UTF-8 JSON.", name=name)
        return
    except ViewError as exc:
        say.error("{name} cannot be used: {reason}", name=name, reason=exc)
        return
    st.session_state[KEY_UPLOAD_GEN] = st.session_state.get(KEY_UPLOAD_GEN, 0) + 1
    view, tiles_notice = offline_unless_chosen(view)  # the sidebar keeps the basemap
    notice = f"Loaded view recipe {name}." + (f" {tiles_notice}" if tiles_notice else "")
    _apply_and_rerun(view, (view.title, view.marking), notice)


def _apply_and_rerun(view: BriefingView, texts: tuple[str, str] | None, notice: str) -> None:
    """Make ``view`` the app's view (URL and sidebar), then rerun the script."""
    st.session_state[KEY_PENDING] = {"texts": texts, "notice": notice}
    state.apply_view(view)
    st.rerun()


def _apply_pending_texts() -> None:
    """Put a loaded recipe's title and marking in the inputs (before they are drawn).

    Then say what the last recipe did (``KEY_LOADED``).
    """
    pending = st.session_state.pop(KEY_PENDING, None)
    if pending:
        if pending["texts"] is not None:
            st.session_state[KEY_TITLE], st.session_state[KEY_MARKING] = pending["texts"]
        st.session_state[KEY_LOADED] = ("success", pending["notice"])
    if st.session_state.get(_upload_key()) is not None:  # a new file: its outcome replaces it
        st.session_state.pop(KEY_LOADED, None)
    show_notice(KEY_LOADED)
