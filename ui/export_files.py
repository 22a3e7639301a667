"""The export tab's files: the briefing PNG, the briefing deck and the offline HTML file.

Each section has a button that makes the file of exactly the panel's selection, with
progress shown while the browser draws, and a download of the last file made while
the view is unchanged. Drawing is done by ``layers.export`` (the PNG and the deck's
maps by the app's shared browser worker); this module lays out widgets and reports.
"""

from __future__ import annotations

import re
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date
from functools import partial

import streamlit as st

from layers.export import checks, deck, html_file, worker
from layers.export.browser import BrowserNotFound
from layers.export.png import ExportError
from layers.safe_text import plural
from layers.view.recipe import view_to_recipe
from layers.view.view import BriefingView
from ui import held_files, presses, say

KEY_PNG = "export_png"  # (signature, PNG bytes) of the last picture drawn
KEY_DECK = "export_deck"  # (signature, .pptx bytes) of the last deck made
KEY_DECK_EACH = "export_deck_each"  # the "one more slide per exercise" box
KEY_HTML = "export_html"  # (signature, HTML bytes) of the last HTML file built
STORED = {"png": KEY_PNG, "pptx": KEY_DECK, "html": KEY_HTML}
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOWNLOADS = {  # label, MIME type, and what to say when the view changed since
    "png": ("Download PNG", "image/png", "The view changed since the last PNG: draw it again."),
    "pptx": ("Download deck", PPTX_MIME, "The view changed since the last deck: make it again."),
    "html": (
        "Download HTML",
        "text/html",
        "The view changed since the last HTML file: build it again.",
    ),
}
FAILURES = {  # status labels and the message template when drawing fails
    "png": (
        "No browser to draw the PNG",
        "The PNG could not be drawn",
        "The PNG could not be drawn: {reason}. Try again.",
    ),
    "pptx": (
        "No browser to draw the deck's maps",
        "The deck could not be made",
        "The deck could not be made: {reason}. Try again.",
    ),
}
INSTALL_HINT = (
    "To draw PNGs and decks the app needs a headless Chromium on this machine: "
    "`apt-get install chromium` (Debian/Ubuntu, as root) or "
    "`python -m playwright install chromium`, or set `BRIEFING_MAP_CHROMIUM` to its path. "
    "The HTML export works without it."
)


def png_section(selection, size_key: str, size: tuple[int, int], disabled: bool) -> None:
    """The briefing PNG at ``size``: button, progress, download."""
    st.markdown("**Briefing PNG**")
    st.caption("Title, legend, scale bar, marking and sources, at the chosen size.")
    signature = _signature(selection, size_key)
    if presses.button(
        "Briefing PNG",
        key="export_png_button",
        until_done=True,  # a run stopped while drawing: the next one draws it
        type="primary",
        icon=":material/image:",
        disabled=disabled,
    ):
        with (
            presses.working("export_png_button"),
            st.status(f"Drawing the briefing PNG ({size[0]:d} × {size[1]:d})…") as status,
        ):
            draw = partial(worker.render_png_shared, selection, size, generated=date.today())
            png = _drawn("png", status, draw)
            if png is not None:
                kilobytes = len(png) // 1024
                status.update(label=f"PNG ready: {size[0]:d} × {size[1]:d}, {kilobytes:,} kB")
                st.session_state[KEY_PNG] = (signature, png)
    _offer_download("png", signature, f"{file_stem(selection.view)}_{size_key}.png")


def deck_section(selection, disabled: bool) -> None:
    """The briefing deck (16:9 PowerPoint): overview slide, optionally one per exercise."""
    st.markdown("**Briefing deck**")
    st.caption("PowerPoint, 16:9: the map, its numbered events, the marking; sources in the notes.")
    each = st.checkbox("One more slide per exercise", key=KEY_DECK_EACH, disabled=disabled)
    signature = _signature(selection, f"deck-{each}")
    if presses.button(
        "Briefing deck",
        key="export_deck_button",
        until_done=True,
        icon=":material/slideshow:",
        disabled=disabled,
    ):
        parts = deck.deck_parts(selection, each)
        with (
            presses.working("export_deck_button"),
            st.status(f"Making the briefing deck ({plural(len(parts), 'slide')})…") as status,
        ):

            def progress(done: int, total: int) -> None:
                status.update(label=f"Making the briefing deck: map {done:d} of {total:d}…")

            def make() -> bytes:
                return deck.render_deck(
                    parts, _shared_maps, generated=date.today(), progress=progress
                )

            pptx = _drawn("pptx", status, make)
            if pptx is not None:
                status.update(
                    label=f"Deck ready: {plural(len(parts), 'slide')}, {len(pptx) // 1024:,} kB"
                )
                st.session_state[KEY_DECK] = (signature, pptx)
    _offer_download("pptx", signature, f"{file_stem(selection.view)}.pptx")


def html_section(selection, disabled: bool) -> None:
    """The self-contained interactive HTML file."""
    st.markdown("**Interactive HTML**")
    st.caption("One self-contained file: opens in any browser with no network.")
    signature = _signature(selection, "html")
    if presses.button(
        "HTML", key="export_html_button", until_done=True, icon=":material/public:",
        disabled=disabled,
    ):  # fmt: skip
        with presses.working("export_html_button"), st.spinner("Building the HTML file…"):
            html = html_file.render_html(selection).encode("utf-8")
            st.session_state[KEY_HTML] = (signature, html)
    _offer_download("html", signature, f"{file_stem(selection.view)}.html")


def _shared_maps(parts, size):
    """The slides' maps, one at a time, by the app's shared browser worker."""
    return (worker.render_map_png_shared(part, size) for part in parts)


def _drawn(kind: str, status, make) -> bytes | None:
    """``make()``; ``None`` (the reason shown in ``status``) when drawing fails."""
    try:
        return make()
    except BrowserNotFound as exc:
        status.update(label=FAILURES[kind][0], state="error", expanded=True)
        say.error("{reason}\n\n" + INSTALL_HINT, reason=exc)
    except (ExportError, FutureTimeout) as exc:
        status.update(label=FAILURES[kind][1], state="error", expanded=True)
        say.error(FAILURES[kind][2], reason=exc or "timed out")
    except Exception as exc:  # a browser crash: say so, keep the app running
        status.update(label=FAILURES[kind][1], state="error", expanded=True)
        say.error(
            "The browser failed: {kind}: {reason}\n\n" + INSTALL_HINT,
            kind=exc.__class__.__name__,
            reason=exc,
        )
    return None


def _signature(selection, variant: str) -> str:
    """What a made file depends on: a changed view, selection or variant makes it stale."""
    events = selection.events
    exportable = "id" in events and len(events) <= checks.MAX_EXPORT_EVENTS
    ids = hash(tuple(events["id"])) if exportable else len(events)
    return f"{variant}|{date.today().isoformat()}|{ids}|{view_to_recipe(selection.view)}"


def _offer_download(kind: str, signature: str, file_name: str) -> None:
    """The download of the file last made (``kind`` "png", "pptx" or "html"), if still current."""
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
        held_files.offered(kind, stored[1], DOWNLOADS[kind][1], file_name)
    else:
        held_files.withdrawn(kind)
        if stored:
            st.caption(DOWNLOADS[kind][2])


def file_stem(view: BriefingView) -> str:
    """``briefing_<title words>_<today>``: a safe file name on every system."""
    words = re.sub(r"[^A-Za-z0-9]+", "-", view.title).strip("-").lower()[:40].strip("-")
    return f"briefing_{words or 'map'}_{date.today().isoformat()}"
