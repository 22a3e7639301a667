"""The "Briefing export" tab: a briefing PNG, an offline HTML file and the view recipe.

Everything here builds from one ``BriefingView``: the app's current view with the
title and marking typed in this tab. The same view, saved as a recipe and given to
``python -m layers brief --view``, draws the same picture. Drawing is done by
``layers.export.png``; this module only lays out widgets and shows results and errors.
"""

from __future__ import annotations

import re
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace
from datetime import date
from functools import partial

import streamlit as st

from layers.export import checks, html_file, worker
from layers.export.browser import BrowserNotFound
from layers.export.page_layout import PAGE_SIZES, PageLayout
from layers.export.png import ExportError
from layers.geo.longitude import from_window
from layers.map.tiles import offline_unless_chosen
from layers.view.framing import fit_view
from layers.view.recipe import MAX_RECIPE_BYTES, view_from_recipe, view_to_recipe
from layers.view.view import BriefingView, ViewError
from ui import say, state
from ui.context import AppContext

KEY_TITLE = "export_title"
KEY_MARKING = "export_marking"
KEY_SIZE = "export_size"
KEY_PNG = "export_png"  # (signature, PNG bytes) of the last picture drawn
KEY_HTML = "export_html"  # (signature, HTML bytes) of the last HTML file built
STORED = {"png": KEY_PNG, "html": KEY_HTML}
DOWNLOADS = {  # label, MIME type, and what to say when the view changed since
    "png": ("Download PNG", "image/png", "The view changed since the last PNG: draw it again."),
    "html": (
        "Download HTML",
        "text/html",
        "The view changed since the last HTML file: build it again.",
    ),
}
KEY_UPLOAD = "export_recipe_upload"  # prefix; a counter suffix empties the uploader
KEY_UPLOAD_GEN = "export_recipe_upload_gen"
KEY_PENDING = "export_pending"  # texts and notice of a recipe applied on the next run
SIZE_LABELS = {
    "1920x1080": "1920 × 1080 (slide)",
    "1280x720": "1280 × 720",
    "a4": "A4 landscape, 150 dpi (1754 × 1240)",
}
INSTALL_HINT = (
    "To draw PNGs the app needs a headless Chromium on this machine: "
    "`apt-get install chromium` (Debian/Ubuntu, as root) or "
    "`python -m playwright install chromium`, or set `BRIEFING_MAP_CHROMIUM` to its path. "
    "The HTML export works without it."
)


def render(ctx: AppContext) -> None:
    """Draw the tab: texts and size, PNG, HTML, and saving/loading the view recipe."""
    _apply_pending_texts()
    view = _text_inputs(ctx.view)
    size_key = st.radio(
        "Size", list(SIZE_LABELS), format_func=SIZE_LABELS.get, horizontal=True, key=KEY_SIZE
    )
    selection = replace(ctx.selection, view=view)  # the texts typed here; nothing refiltered
    _position_note(ctx, view, PAGE_SIZES[size_key])
    _timeline_note(selection)
    problem = checks.export_problem(selection)
    if problem:
        say.warning("{problem}", problem=problem)
    png_column, html_column = st.columns(2)
    with png_column:
        _png_section(selection, size_key, disabled=bool(problem))
    with html_column:
        _html_section(selection, disabled=bool(problem))
    st.divider()
    _recipe_section(view)


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
    say.caption("Files are named {stem} (.png, .html, .json).", stem=_file_stem(view))
    return view


def _position_note(ctx: AppContext, view: BriefingView, size: tuple[int, int]) -> None:
    """Say which centre and zoom the picture uses; offer to frame the selection."""
    lat, lon = view.center
    say.caption(
        "The export is framed on the saved map position: {lat}, {lon}, zoom {zoom} (the "
        "position in the page link). Panning the map does not change it: to export where you "
        'have panned to, press the map\'s crosshair button (top left, "Save this map position") '
        "first.",
        lat=_degrees(lat, "N", "S"),
        lon=_degrees(lon, "E", "W"),
        zoom=view.zoom,
    )
    if st.button(
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


def _signature(selection, size_key: str) -> str:
    """What a drawn file depends on: a changed view, selection or size makes it stale."""
    events = selection.events
    exportable = "id" in events and len(events) <= checks.MAX_EXPORT_EVENTS
    ids = hash(tuple(events["id"])) if exportable else len(events)
    return f"{size_key}|{date.today().isoformat()}|{ids}|{view_to_recipe(selection.view)}"


def _png_section(selection, size_key: str, disabled: bool) -> None:
    view = selection.view
    st.markdown("**Briefing PNG**")
    st.caption("Title, legend, scale bar, marking and sources, at the chosen size.")
    signature = _signature(selection, size_key)
    if st.button(
        "Briefing PNG",
        key="export_png_button",
        type="primary",
        icon=":material/image:",
        disabled=disabled,
    ):
        png = _draw_png(selection, PAGE_SIZES[size_key])
        if png is not None:
            st.session_state[KEY_PNG] = (signature, png)
    _offer_download("png", signature, f"{_file_stem(view)}_{size_key}.png")


def _draw_png(selection, size: tuple[int, int]) -> bytes | None:
    """The PNG, with progress shown; ``None`` (and the reason shown) when it fails."""
    with st.status(f"Drawing the briefing PNG ({size[0]:d} × {size[1]:d})…") as status:
        try:
            png = worker.render_png_shared(selection, size, generated=date.today())
        except BrowserNotFound as exc:
            status.update(label="No browser to draw the PNG", state="error", expanded=True)
            say.error("{reason}\n\n" + INSTALL_HINT, reason=exc)
            return None
        except (ExportError, FutureTimeout) as exc:
            status.update(label="The PNG could not be drawn", state="error", expanded=True)
            say.error("The PNG could not be drawn: {reason}. Try again.", reason=exc or "timed out")
            return None
        except Exception as exc:  # a browser crash: say so, keep the app running
            status.update(label="The PNG could not be drawn", state="error", expanded=True)
            say.error(
                "The browser failed: {kind}: {reason}\n\n" + INSTALL_HINT,
                kind=exc.__class__.__name__,
                reason=exc,
            )
            return None
        status.update(label=f"PNG ready: {size[0]:d} × {size[1]:d}, {len(png) // 1024:,} kB")
    return png


def _html_section(selection, disabled: bool) -> None:
    st.markdown("**Interactive HTML**")
    st.caption("One self-contained file: opens in any browser with no network.")
    signature = _signature(selection, "html")
    if st.button("HTML", key="export_html_button", icon=":material/public:", disabled=disabled):
        with st.spinner("Building the HTML file…"):
            html = html_file.render_html(selection).encode("utf-8")
        st.session_state[KEY_HTML] = (signature, html)
    _offer_download("html", signature, f"{_file_stem(selection.view)}.html")


def _offer_download(kind: str, signature: str, file_name: str) -> None:
    """The download of the file last made (``kind`` "png" or "html"), if the view is unchanged."""
    stored = st.session_state.get(STORED[kind])
    if stored and stored[0] == signature:
        st.download_button(
            DOWNLOADS[kind][0],
            stored[1],
            file_name=file_name,
            mime=DOWNLOADS[kind][1],
            key=f"export_{kind}_download",
            on_click="ignore",
            icon=":material/download:",
        )
    elif stored:
        st.caption(DOWNLOADS[kind][2])


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
        file_name=f"{_file_stem(view)}.json",
        mime="application/json",
        key="export_recipe_download",
        on_click="ignore",
        icon=":material/save:",
    )
    generation = st.session_state.get(KEY_UPLOAD_GEN, 0)
    upload = st.file_uploader("Load a view recipe", type=["json"], key=f"{KEY_UPLOAD}_{generation}")
    if upload is not None:
        _load_recipe(upload.name, upload.getvalue())


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
    """Put a loaded recipe's title and marking in the inputs (before they are drawn)."""
    pending = st.session_state.pop(KEY_PENDING, None)
    if not pending:
        return
    if pending["texts"] is not None:
        st.session_state[KEY_TITLE], st.session_state[KEY_MARKING] = pending["texts"]
    say.notice("success", pending["notice"])


def _file_stem(view: BriefingView) -> str:
    """``briefing_<title words>_<today>``: a safe file name on every system."""
    words = re.sub(r"[^A-Za-z0-9]+", "-", view.title).strip("-").lower()[:40].strip("-")
    return f"briefing_{words or 'map'}_{date.today().isoformat()}"
