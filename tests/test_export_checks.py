"""Whether a selection can be exported, and why not (``layers.export.checks``)."""

from __future__ import annotations

from layers.export import checks
from layers.export.checks import export_problem
from layers.view.select import select
from layers.view.view import BriefingView, Pick

RADAR_LOCK = "2025-12-06-j15-radar-lock-f15"


def test_a_view_with_events_on_screen_can_be_exported(catalogue_frames):
    picked = BriefingView(pick=Pick(ids=(RADAR_LOCK,)))
    assert export_problem(select(catalogue_frames, picked)) is None


def test_an_empty_timeline_pick_is_nothing_to_export(catalogue_frames):
    view = BriefingView(pick=Pick(ids=("no-such-event",)))
    problem = export_problem(select(catalogue_frames, view))
    assert "timeline selection keeps no event" in problem


def test_without_the_events_layer_the_pick_does_not_matter(catalogue_frames):
    view = BriefingView(layers=("bases",), pick=Pick(ids=("no-such-event",)))
    assert export_problem(select(catalogue_frames, view)) is None


def test_an_unknown_exercise_is_named(catalogue_frames):
    view = BriefingView(exercises=("no-such-exercise",))
    problem = export_problem(select(catalogue_frames, view))
    assert problem.startswith("Nothing to export: unknown exercise id(s): no-such-exercise")


def test_too_many_events_for_the_export_are_refused_with_advice(catalogue_frames, monkeypatch):
    monkeypatch.setattr(checks, "MAX_EXPORT_EVENTS", 3)
    events = catalogue_frames["events"]
    problem = export_problem(select(catalogue_frames, BriefingView()))
    assert f"{len(events)} events are selected" in problem
    assert "Narrow the date window" in problem
