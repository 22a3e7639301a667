"""Whether a view can be exported, and why not (``layers.export.checks``)."""

from __future__ import annotations

from layers.export import checks
from layers.export.checks import export_problem
from layers.view.view import BriefingView


def test_a_view_with_events_on_screen_can_be_exported(catalogue_frames):
    picked = catalogue_frames["events"].iloc[:2]
    assert export_problem(catalogue_frames, picked, BriefingView()) is None


def test_an_empty_timeline_pick_is_nothing_to_export(catalogue_frames):
    nothing = catalogue_frames["events"].iloc[:0]
    problem = export_problem(catalogue_frames, nothing, BriefingView())
    assert "timeline selection keeps no event" in problem


def test_without_the_events_layer_the_pick_does_not_matter(catalogue_frames):
    nothing = catalogue_frames["events"].iloc[:0]
    view = BriefingView(layers=("bases",))
    assert export_problem(catalogue_frames, nothing, view) is None


def test_an_unknown_exercise_is_named(catalogue_frames):
    view = BriefingView(exercises=("no-such-exercise",))
    problem = export_problem(catalogue_frames, catalogue_frames["events"], view)
    assert problem.startswith("Nothing to export: unknown exercise id(s): no-such-exercise")


def test_too_many_events_for_the_export_are_refused_with_advice(catalogue_frames, monkeypatch):
    monkeypatch.setattr(checks, "MAX_EXPORT_EVENTS", 3)
    events = catalogue_frames["events"]
    problem = export_problem(catalogue_frames, events, BriefingView())
    assert f"{len(events)} events are selected" in problem
    assert "Narrow the date window" in problem
