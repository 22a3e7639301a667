"""Buttons whose press is never lost, however the runs of a busy page interleave.

``if st.button(...)`` is True only in the run that the click starts. When the page asks
for another run before the script reaches that button (the map reporting where it came
to rest, another widget, a second click), Streamlit stops the first run and starts the
next one without the press: the click did nothing and nothing says so. ``make soak``
found it (8 sessions on 2 cores): a *Remove* that never asked "Yes, remove" (2 of 51
removals in one loop of import and removal), an *HTML* that never offered its download.

A button's callback runs before the script body, and what it writes to the session
state outlives a stopped run. So here the callback records the press, and the body
takes it when it reaches the button, in that run or the next.

* ``button(...)`` takes the press at once: for actions that must happen once (save,
  remove), done before the run can be stopped again.
* ``button(..., until_done=True)`` keeps it until the work is over (``with working(key):``
  around it, or ``done(key)``): for work a stopped run may leave half-made and the next
  one should make again (draw a PNG, build a file). Work that fails is over too: its
  error is shown once, not again on every run.
* ``forget()`` at the end of every complete run drops presses of buttons no longer
  drawn, so a press never fires later somewhere unexpected.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

KEY = "pressed_buttons"  # keys of the buttons pressed and not yet acted on


def _press(key: str) -> None:
    st.session_state.setdefault(KEY, set()).add(key)


def button(label: str, *, key: str, where=None, until_done: bool = False, **options) -> bool:
    """``st.button`` (in ``where``, default the page) that is True until its press is acted on."""
    (where or st).button(label, key=key, on_click=_press, args=(key,), **options)
    pressed = st.session_state.get(KEY, set())
    if key not in pressed:
        return False
    if options.get("disabled"):  # pressed, then the view made it unusable: not acted on
        pressed.discard(key)
        return False
    if not until_done:
        pressed.discard(key)
    return True


def done(key: str) -> None:
    """The press of ``key`` is acted on (the file made, or the reason it could not be shown)."""
    st.session_state.get(KEY, set()).discard(key)


@contextmanager
def working(key: str) -> Iterator[None]:
    """The work of a press kept ``until_done``: done when it ends, returns or fails.

    A stopped run (Streamlit's ``RerunException`` is not an ``Exception``) leaves the
    press for the next run.
    """
    try:
        yield
    except Exception:
        done(key)
        raise
    done(key)


def forget() -> None:
    """End of a complete run: every drawn button has taken its press; the rest are stale."""
    st.session_state.pop(KEY, None)
