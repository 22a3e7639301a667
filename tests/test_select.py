"""One view, one selection: the view is applied once, and its three forms agree.

* ``select`` is the only code that filters: one pass per rerun of the app and per
  command, counted; no other module calls the filters or the pick.
* The link, the recipe and the command line each give back the same view, and each
  other's views (the link leaves out the title and marking, on purpose: see
  ``layers.view.url``).
* A recipe saved with a timeline pick draws exactly that selection in ``brief --view``.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pytest
from streamlit.testing.v1 import AppTest

from layers.cli import build_parser
from layers.cli.view_args import view_from_args, view_to_args
from layers.view import filters
from layers.view.marks import Measure, Ring
from layers.view.recipe import view_from_recipe, view_to_recipe
from layers.view.select import select
from layers.view.url import view_from_query, view_to_query
from layers.view.view import BriefingView, Pick

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
FILTERING = {"filter_view", "filter_events", "apply_pick"}
ALLOWED = {"layers/view/filters.py", "layers/view/pick.py", "layers/view/select.py"}

EXERCISES = ("cn-ru-joint-air-patrol", "liaoning-2025-12")
VIEWS = [
    BriefingView(),
    BriefingView(start=date(2025, 12, 5), end=date(2025, 12, 12)),
    BriefingView(
        start=date(2023, 1, 1),
        exercises=EXERCISES,
        kinds=("joint_patrol", "incident"),
        participants=("CHN", "RUS"),
        aircraft=("B-52H", "F-35"),
        pick=Pick(window=(date(2025, 12, 6), date(2025, 12, 9)), ids=("a", "b")),
        layers=("bases", "events"),
        center=(-33.86, 151.2),  # a southern centre: "-33.86" must never read as an option
        zoom=7,
        rings=(Ring((141.367996, 40.703201), 555600.0, "Misawa Air Base (misawa)"),),
        measures=(Measure((141.368, 40.7032), (-99.8546, 32.4208), "Misawa; AB", "Dyess"),),
    ),
    BriefingView(layers=(), pick=Pick(ids=("2025-12-06-j15-radar-lock-f15",))),
]


def _from_query(view: BriefingView) -> BriefingView:
    params = parse_qs(urlencode(view_to_query(view), doseq=True), keep_blank_values=True)
    restored, notices = view_from_query(params, known_exercises=EXERCISES)
    assert notices == []
    return restored


def _from_args(view: BriefingView) -> BriefingView:
    args = build_parser().parse_args(["export", "--out", "x.html", *view_to_args(view)])
    return view_from_args(args)


def _without_texts(view: BriefingView) -> BriefingView:
    return view.with_changes(title=BriefingView().title, marking=BriefingView().marking)


def _canonical(view: BriefingView) -> BriefingView:
    """Labels as every form writes them (';' is a separator there)."""
    rings = tuple(Ring(r.center, r.radius_m, r.label.replace(";", ",")) for r in view.rings)
    measures = tuple(
        Measure(m.start, m.end, m.start_name.replace(";", ","), m.end_name.replace(";", ","))
        for m in view.measures
    )
    return view.with_changes(rings=rings, measures=measures)


@pytest.mark.parametrize("view", VIEWS)
def test_each_form_gives_back_the_view(view):
    texts = view.with_changes(title="Weekly brief", marking="EXERCISE")
    assert view_from_recipe(view_to_recipe(texts)) == texts
    assert _from_args(texts) == _canonical(texts)
    assert _from_query(view) == _canonical(view)


@pytest.mark.parametrize("view", VIEWS)
def test_the_forms_agree_with_each_other(view):
    via_recipe = view_from_recipe(view_to_recipe(view))
    via_args = _from_args(view)
    assert _from_query(via_recipe) == _from_args(via_recipe) == _canonical(view)
    assert view_from_recipe(view_to_recipe(via_args)) == _from_query(via_args)


def test_the_link_leaves_out_the_briefing_texts():
    view = BriefingView(title="Operation name", marking="SECRET")
    assert view_to_query(view) == {}
    assert _from_query(view) == _without_texts(view)


# --- One filter pass -------------------------------------------------------------------


@pytest.fixture
def passes(monkeypatch) -> list[object]:
    """Every call of the view filter, counted (``select`` calls it through the module)."""
    calls: list[object] = []
    real = filters.filter_view

    def counting(events, view):
        calls.append(view)
        return real(events, view)

    monkeypatch.setattr(filters, "filter_view", counting)
    return calls


def test_a_rerun_of_the_app_filters_once(passes):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    passes.clear()
    at.multiselect(key="kinds").select("joint_patrol").run()
    assert not at.exception
    assert len(passes) == 1


def test_a_command_filters_once(passes, tmp_path):
    from layers.cli import main

    assert main(["export", "--out", str(tmp_path / "m.html"), "--kind", "joint_patrol"]) == 0
    assert len(passes) == 1


def _calls_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in FILTERING:
                found.add(name)
    return found


@pytest.mark.parametrize(
    "path",
    sorted([*(REPO / "layers").rglob("*.py"), *(REPO / "ui").rglob("*.py"), REPO / "app.py"]),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_no_output_filters_again(path):
    if path.relative_to(REPO).as_posix() in ALLOWED:
        return
    assert _calls_of(path) == set()


def test_the_check_sees_a_filter_call(tmp_path):
    module = tmp_path / "output.py"
    module.write_text("from layers.view import filters\nfilters.filter_view(events, view)\n")
    assert _calls_of(module) == {"filter_view"}


# --- A recipe with a pick, drawn from the command line -----------------------------------


def test_a_recipe_with_a_pick_draws_that_selection(tmp_path, monkeypatch, catalogue_frames):
    import layers.export.png as png_module

    pick = Pick(window=(date(2025, 12, 5), date(2025, 12, 12)), ids=(
        "2025-12-06-j15-radar-lock-f15", "2025-12-10-us-jp-b52h-sea-of-japan",
    ))  # fmt: skip
    view = BriefingView(start=date(2025, 12, 1), end=date(2025, 12, 31), pick=pick)
    recipe = tmp_path / "recipe.json"
    recipe.write_text(view_to_recipe(view), encoding="utf-8")
    drawn = []

    class FakeRenderer:
        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            return None

        def png(self, selection, size, generated=None):
            drawn.append(selection)
            return b"PNG"

    monkeypatch.setattr(png_module, "BriefingRenderer", FakeRenderer)
    from layers.cli import main

    assert main(["brief", "--view", str(recipe), "--out", str(tmp_path / "b.png")]) == 0
    (selection,) = drawn
    assert selection.view == view
    assert list(selection.events["id"]) == list(select(catalogue_frames, view).events["id"])
    assert set(selection.events["id"]) == set(pick.ids)
