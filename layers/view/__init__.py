"""The view: what the user chose, and what of the catalogue it selects.

* ``view``: ``BriefingView``, the one frozen value that defines an output; its
  serialisations are ``url`` (the page link) and ``recipe`` (the JSON file), and the
  command line's options (``layers.cli.options``).
* ``select``: the one stage, ``select(catalogue, view) -> Selection``, that every
  output takes (map, timeline, table, details, PNG, HTML, deck); it is the only
  caller of ``filters`` (window, exercises, kinds, participants, aircraft) and of
  ``pick`` (the timeline's pick). ``large_selection``: large mode's time index and
  aggregation, which ``select`` uses.
* ``playback`` (the window stepped forward, quick windows), ``choices`` (what the
  sidebar offers), ``marks`` (range rings, measured distances), ``framing`` (what a
  map of a given size shows, the view that fits features, each exercise framed).
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "view": ("BriefingView", "Pick", "ViewError", "DEFAULT_MARKING", "DEFAULT_TITLE"),
        "url": ("view_from_query", "view_to_query"),
        "recipe": ("view_from_recipe", "view_to_recipe"),
        "filters": ("aircraft_choices", "filter_events", "filter_view", "in_window"),
        "playback": ("advance_window", "next_window", "playback_steps", "quick_windows"),
        "pick": ("apply_pick", "describe_pick", "pick_from_chart"),
        "marks": ("CoordinateError", "Measure", "Ring", "parse_latlon"),
        "select": ("Selection", "SelectionError", "Viewport", "check_selection", "select"),
        "choices": ("FilterChoices", "exercise_names", "filter_choices"),
        "framing": ("fit_view", "framed_parts", "view_bounds"),
        "large_selection": ("EventIndex", "ScaledSelection", "select_for_view"),
    },
)
