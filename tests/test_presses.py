"""A button's press is acted on even when the run it started is stopped before the button.

On a busy page another rerun request (the map reporting its rest position, a second
widget) can stop the run a click started before the script reaches the button;
``st.button`` then returns False in every run and the click is lost. Here the stopped
run is played by ``st.rerun()`` before the button: Streamlit starts the next run
without the press, exactly as when the page's next request preempts it.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _app(plain: bool, until_done: bool = False) -> AppTest:
    def script(plain: bool, until_done: bool) -> None:
        import streamlit as st

        from ui import presses

        state = st.session_state
        if state.get("stop_next_runs", 0):  # a run stopped before it reaches the button
            state.stop_next_runs -= 1
            st.rerun()
        if plain:
            pressed = st.button("Remove", key="remove")
        else:
            pressed = presses.button("Remove", key="remove", until_done=until_done)
        if pressed:
            state.acted = state.get("acted", 0) + 1
            if state.get("fail_before_done"):
                state.fail_before_done = False
                st.rerun()  # stopped halfway through the work
            if until_done:
                presses.done("remove")
        st.write(f"acted {state.get('acted', 0)}")
        presses.forget()

    return AppTest.from_function(script, args=(plain, until_done), default_timeout=30)


def _acted(at: AppTest) -> int:
    return at.session_state.get("acted", 0)


def test_plain_button_loses_a_press_whose_run_is_stopped():
    """The race this module exists for: without it the click does nothing."""
    at = _app(plain=True).run()
    at.session_state.stop_next_runs = 1
    at.button(key="remove").click().run()
    assert _acted(at) == 0


def test_a_press_survives_a_stopped_run_and_acts_once():
    at = _app(plain=False).run()
    at.session_state.stop_next_runs = 2
    at.button(key="remove").click().run()
    assert _acted(at) == 1
    at.run()  # a later run (a filter, a map move) does not act on it again
    assert _acted(at) == 1


def test_work_stopped_halfway_is_done_by_the_next_run_when_kept_until_done():
    at = _app(plain=False, until_done=True).run()
    at.session_state.fail_before_done = True
    at.button(key="remove").click().run()
    assert _acted(at) == 2  # the stopped attempt, then the one that finished
    at.run()
    assert _acted(at) == 2


def test_a_press_on_a_button_that_became_disabled_is_dropped():
    def script() -> None:
        import streamlit as st

        from ui import presses

        state = st.session_state
        if presses.button("Go", key="go", disabled=state.get("off", False)):
            state.acted = state.get("acted", 0) + 1
        if state.get("off"):
            state.off_seen = True

    at = AppTest.from_function(script, default_timeout=30).run()
    at.session_state["pressed_buttons"] = {"go"}  # pressed, then the view disabled it
    at.session_state.off = True
    at.run()
    assert _acted(at) == 0
    at.session_state.off = False
    at.run()
    assert _acted(at) == 0


def test_work_that_fails_is_over_and_is_not_tried_again_on_every_run():
    def script() -> None:
        import streamlit as st

        from ui import presses

        state = st.session_state
        if presses.button("Build", key="build", until_done=True):
            with presses.working("build"):
                state.tries = state.get("tries", 0) + 1
                raise ValueError("the file could not be built")
        presses.forget()

    at = AppTest.from_function(script, default_timeout=30).run()
    at.button(key="build").click().run()
    assert at.exception and at.session_state["tries"] == 1  # the error is shown once
    at.run()  # the next run (any click) does not build it again
    assert not at.exception and at.session_state["tries"] == 1
