"""A chosen date window survives a rerun the page asked for before it had drawn the choice.

The page keeps its widgets' old values until a run's new ones arrive. When it asks for
another rerun meanwhile (the map reports its own move while the choice's run is under
way), that rerun interrupts the choice's run and brings the old slider and dates. The
script below stands for the app's: it draws the sidebar and says whether the run
completed; "interrupt" makes a run end as an interrupted one does, without completing.
"""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from ui.sidebar import KEY_FROM, KEY_QUICK, KEY_TO, KEY_WINDOW


def sidebar_script():
    import streamlit as st

    from layers.catalogue.load import load_catalogue
    from layers.view.view import BriefingView
    from ui import sidebar

    view = sidebar.render(load_catalogue().frames["events"], BriefingView())
    st.text(f"window {view.start} {view.end}")
    if not st.session_state.get("interrupt"):
        sidebar.run_completed()


def opened() -> AppTest:
    at = AppTest.from_function(sidebar_script, default_timeout=60)
    at.run()
    return at


def drawn_window(at: AppTest) -> str:
    return at.text[0].value


def page_sends(at: AppTest, window: tuple[date, date]) -> None:
    """The page's slider and date fields showing ``window`` (sent with the next rerun)."""
    at.slider(key=KEY_WINDOW).set_value(window)
    at.date_input(key=KEY_FROM).set_value(window[0])
    at.date_input(key=KEY_TO).set_value(window[1])


def test_a_quick_choice_survives_a_rerun_that_brings_the_old_window():
    at = opened()
    shown = tuple(at.slider(key=KEY_WINDOW).value)  # the whole data range
    at.session_state["interrupt"] = True
    at.selectbox(key=KEY_QUICK).set_value("2024").run()  # interrupted before it completed
    assert drawn_window(at) == "window 2024-01-01 2024-12-31"
    at.session_state["interrupt"] = False
    page_sends(at, shown)  # the map's report: sent before the page had the new values
    at.run()
    assert drawn_window(at) == "window 2024-01-01 2024-12-31"
    assert tuple(at.slider(key=KEY_WINDOW).value) == (date(2024, 1, 1), date(2024, 12, 31))


def test_a_playback_step_survives_it_too():
    at = opened()
    at.selectbox(key=KEY_QUICK).set_value("2024").run()
    shown = tuple(at.slider(key=KEY_WINDOW).value)
    at.session_state["interrupt"] = True
    at.button(key="play_step_button").click().run()  # one day on, interrupted
    at.session_state["interrupt"] = False
    page_sends(at, shown)
    at.run()
    assert drawn_window(at) == "window 2024-01-02 2025-01-01"  # the window slides a day


def test_after_a_completed_run_the_readers_own_moves_win():
    at = opened()
    shown = tuple(at.slider(key=KEY_WINDOW).value)
    at.selectbox(key=KEY_QUICK).set_value("2024").run()  # completed: the page has 2024 now
    at.date_input(key=KEY_FROM).set_value(shown[0])  # typed back, as a reader may
    at.date_input(key=KEY_TO).set_value(shown[1]).run()
    assert tuple(at.slider(key=KEY_WINDOW).value) == shown


def test_clear_filters_survives_a_rerun_that_brings_the_old_filters():
    at = opened()
    chosen = ["joint_patrol"]
    at.multiselect(key="kinds").set_value(chosen).run()
    assert at.multiselect(key="kinds").value == chosen
    at.session_state["interrupt"] = True
    at.button(key="clear_filters_sidebar").click().run()  # interrupted before it completed
    at.session_state["interrupt"] = False
    at.multiselect(key="kinds").set_value(chosen)  # the page's old filter, sent again
    at.run()
    assert at.multiselect(key="kinds").value == []
