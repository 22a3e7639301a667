"""Every message the app shows, with the values from outside escaped: the one way to say things.

Streamlit renders Markdown in notices, captions, labels and help texts, so a value
from a link, a recipe, a file or the data must never be pasted into one. Each
function here takes a *template* written in the code and the values separately::

    say.warning("Unknown exercise {value} in the link was ignored.", value=raw)

Values go through ``layers.safe_text.md`` (numbers stay numbers, so ``{n:,}`` works).
``tests/test_safe_rendering.py`` fails when a Streamlit call that renders Markdown is
given anything but a literal template, an escaped value or one of these functions.
"""

from __future__ import annotations

import streamlit as st

from layers.safe_text import md, md_format


def _text(template: str, values: dict) -> str:
    return md_format(template, **values) if values else template


def markdown(template: str, /, where=st, **values) -> None:
    """``st.markdown`` of ``template`` with escaped ``values``."""
    where.markdown(_text(template, values))


def caption(template: str, /, where=st, **values) -> None:
    """``st.caption`` of ``template`` with escaped ``values``."""
    where.caption(_text(template, values))


def info(template: str, /, where=st, icon=None, **values) -> None:
    """``st.info`` of ``template`` with escaped ``values``."""
    where.info(_text(template, values), icon=icon)


def warning(template: str, /, where=st, icon=None, **values) -> None:
    """``st.warning`` of ``template`` with escaped ``values``."""
    where.warning(_text(template, values), icon=icon)


def error(template: str, /, where=st, icon=None, **values) -> None:
    """``st.error`` of ``template`` with escaped ``values``."""
    where.error(_text(template, values), icon=icon)


def success(template: str, /, where=st, icon=None, **values) -> None:
    """``st.success`` of ``template`` with escaped ``values``."""
    where.success(_text(template, values), icon=icon)


def toast(template: str, /, icon=None, **values) -> None:
    """``st.toast`` of ``template`` with escaped ``values``."""
    st.toast(_text(template, values), icon=icon)


LEVELS = {"info": "info", "warning": "warning", "error": "error", "success": "success"}


def notice(level: str, text: str, where=st) -> None:
    """Show a stored notice: ``text`` is plain text, escaped here, shown at ``level``."""
    getattr(where, LEVELS[level])(md(text, limit=2_000))
