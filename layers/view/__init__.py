"""The view: what the user chose, and what of the catalogue it selects.

* ``view``: ``BriefingView``, the one frozen value that defines an output; its
  serialisations are ``url`` (the page link) and ``recipe`` (the JSON file), and the
  command line's options (``layers.cli.options``).
* ``filters`` (window, exercises, kinds, participants, aircraft), ``playback`` (the
  window stepped forward, quick windows), ``chart_selection`` (the timeline's pick),
  ``choices`` (what the sidebar offers).
* ``selection``: what a view shows and its sources, the selection checks, the map's
  bounds and framing; ``large_selection``: large mode's time index and aggregation.
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "view": ("BriefingView", "ViewError", "DEFAULT_MARKING", "DEFAULT_TITLE"),
        "url": ("view_from_query", "view_to_query"),
        "recipe": ("view_from_recipe", "view_to_recipe"),
        "filters": ("aircraft_choices", "filter_events", "filter_view", "in_window"),
        "playback": ("advance_window", "next_window", "playback_steps", "quick_windows"),
        "chart_selection": ("ChartSelection", "apply_chart_selection", "selection_to_filter"),
        "choices": ("FilterChoices", "exercise_names", "filter_choices"),
        "selection": (
            "SelectionError",
            "check_selection",
            "fit_view",
            "shown_frames",
            "sources_for_view",
            "view_bounds",
        ),
        "large_selection": ("EventIndex", "ScaledSelection", "select_for_view"),
    },
)
