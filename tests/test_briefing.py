"""The briefing page and what a view selects: sizes, bounds, shown features, sources."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, Polygon

from layers.cli import build_parser
from layers.cli.view_args import UsageError, view_from_args
from layers.export.page_layout import PAGE_SIZES, PageLayout, parse_size
from layers.outputs.words import format_source
from layers.view.framing import fit_view, view_bounds
from layers.view.recipe import view_to_recipe
from layers.view.select import SelectionError, check_selection, select
from layers.view.view import BriefingView, ViewError


def _source(n: int, publisher: str = "MOD Japan") -> dict:
    return {
        "title": f"Report {n}",
        "publisher": publisher,
        "url": f"https://example.org/r{n}",
        "published": date(2024, 6, n),
        "retrieved": None,
    }


@pytest.fixture
def frames():
    """Three events in two exercises (one across the antimeridian), a base, an ADIZ line."""
    events = gpd.GeoDataFrame(
        {
            "id": ["e1", "e2", "e3"],
            "name": ["Bomber flight", "Joint patrol", "Pacific transit"],
            "exercise_id": ["ex-a", "ex-a", "ex-b"],
            "exercise": ["Exercise A", "Exercise A", "Exercise B"],
            "kind": ["bilateral_exercise", "joint_patrol", "deployment"],
            "start_date": pd.to_datetime(["2024-06-01", "2024-06-03", "2024-07-10"]),
            "end_date": pd.to_datetime(["2024-06-02", "2024-06-03", "2024-07-12"]),
            "participants": [["USA", "JPN"], ["CHN", "RUS"], ["USA"]],
            "aircraft": [[{"type": "B-52H", "count": 2, "operator": "USAF"}], [], []],
            # e1 and e2 cite the same report: the footer lists it once.
            "sources": [[_source(1)], [_source(1), _source(2, "Joint Staff")], [_source(3)]],
            "confidence": ["high", "medium", "high"],
            "place_precision": ["exact", "approximate", "derived"],
        },
        geometry=[
            Point(141.4, 40.7),
            LineString([(129, 34), (134, 39)]),
            LineString([(170, 20), (-170, 21)]),
        ],
        crs="EPSG:4326",
    )
    bases = gpd.GeoDataFrame(
        {"id": ["misawa"], "name": ["Misawa AB"], "sources": [[_source(4, "USAF")]]},
        geometry=[Point(141.37, 40.70)],
        crs="EPSG:4326",
    )
    adiz = gpd.GeoDataFrame(
        {"id": ["cn"], "name": ["ECS ADIZ"], "sources": [[_source(5, "Xinhua")]]},
        geometry=[Polygon([(121.8, 33.2), (125, 33.2), (128.3, 31), (123, 24.8), (121.8, 33.2)])],
        crs="EPSG:4326",
    )
    areas = adiz.iloc[:0].copy()
    return {"events": events, "bases": bases, "adiz": adiz, "areas": areas}


@pytest.mark.parametrize(
    ("text", "size"),
    [("1920x1080", (1920, 1080)), ("1280×720", (1280, 720)), ("A4", (1754, 1240))],
)
def test_parse_size_accepts_the_offered_sizes(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["big", "1920", "1920x", "10x10", "99999x1080", "-5x-5"])
def test_parse_size_rejects_bad_sizes_with_the_format_in_the_message(text):
    with pytest.raises(ValueError, match=r"1920x1080|width must be"):
        parse_size(text)


@pytest.mark.parametrize("size", list(PAGE_SIZES.values()))
def test_layout_keeps_map_legend_and_footer_inside_the_page(size):
    layout = PageLayout(*size)
    left, top, width, height = layout.map_box
    assert left > 0 and top >= layout.band + layout.header
    assert left + width + layout.legend_width < layout.width
    assert top + height + layout.footer + layout.band == layout.height
    assert width > layout.width / 2 and height > layout.height / 2


def test_view_bounds_match_leaflet_world_at_zoom_zero():
    view = BriefingView(center=(0.0, 0.0), zoom=0)
    west, south, east, north = view_bounds(view, (256, 256))
    assert (west, east) == pytest.approx((-180, 180))
    assert (south, north) == pytest.approx((-85.0511, 85.0511), abs=1e-3)


def test_view_bounds_keep_the_pacific_window_east_of_180():
    west, _, east, _ = view_bounds(BriefingView(center=(20.0, 180.0), zoom=4), (1024, 512))
    assert west == pytest.approx(180 - 45) and east == pytest.approx(180 + 45)


def test_fit_view_frames_the_features_at_the_tightest_zoom(frames):
    exercise_a = frames["events"].iloc[:2]
    fitted = fit_view(BriefingView(), exercise_a.geometry, (1200, 700))
    west, south, east, north = view_bounds(fitted, (1200, 700))
    minx, miny, maxx, maxy = exercise_a.total_bounds
    assert west < minx and east > maxx and south < miny and north > maxy
    closer = view_bounds(fitted.with_changes(zoom=fitted.zoom + 1), (1200, 700))
    assert not (closer[0] < minx and closer[2] > maxx and closer[1] < miny and closer[3] > maxy)


def test_fit_view_keeps_an_antimeridian_route_in_one_piece(frames):
    fitted = fit_view(BriefingView(), frames["events"].iloc[2:].geometry, (1200, 700))
    assert fitted.center[1] == pytest.approx(180, abs=0.5)
    assert fitted.zoom >= 4  # 20° of longitude, not the 340° of a naive bounding box


def test_selection_applies_window_and_hides_switched_off_layers(frames):
    view = BriefingView(start=date(2024, 6, 3), end=date(2024, 6, 30), layers=("events", "adiz"))
    shown = select(frames, view).frames
    assert list(shown["events"]["id"]) == ["e2"]
    assert set(shown) == {"events", "adiz"}


def test_selection_within_bounds_drops_features_outside_them(frames):
    shown = select(frames, BriefingView()).within((138.0, 38.0, 145.0, 43.0))
    assert list(shown["events"]["id"]) == ["e1"]
    assert list(shown["bases"]["id"]) == ["misawa"]
    assert shown["adiz"].empty


def test_selection_within_bounds_sees_features_across_the_antimeridian(frames):
    shown = select(frames, BriefingView()).within((185.0, 15.0, 195.0, 25.0))
    assert list(shown["events"]["id"]) == ["e3"]


def test_sources_are_deduplicated_and_sorted_by_publisher(frames):
    sources = select(frames, BriefingView(exercises=("ex-a",))).sources()
    assert [(s["publisher"], s["title"]) for s in sources] == [
        ("Joint Staff", "Report 2"),
        ("MOD Japan", "Report 1"),
        ("USAF", "Report 4"),
        ("Xinhua", "Report 5"),
    ]


def test_sources_leave_out_hidden_layers(frames):
    sources = select(frames, BriefingView(layers=("events",), exercises=("ex-b",))).sources()
    assert [s["title"] for s in sources] == ["Report 3"]


def test_format_source_gives_publisher_title_date_and_url():
    text = format_source(_source(2, "Joint Staff"))
    assert text == "Joint Staff: Report 2 (2024-06-02) — example.org/r2"


def test_format_source_skips_a_missing_date():
    assert format_source({"title": "T", "publisher": "P", "url": "", "published": None}) == "P: T"


def test_check_selection_names_unknown_exercise_and_lists_valid_ids(frames):
    with pytest.raises(SelectionError, match=r"unknown exercise id\(s\): nope.*ex-a, ex-b"):
        check_selection(select(frames, BriefingView(exercises=("ex-a", "nope"))))


def test_check_selection_rejects_an_empty_selection(frames):
    view = BriefingView(start=date(2025, 1, 1))
    with pytest.raises(SelectionError, match=r"no events match.*window 2025-01-01"):
        check_selection(select(frames, view))


def test_check_selection_rejects_unknown_kind_and_layer(frames):
    with pytest.raises(SelectionError, match="unknown event kind"):
        check_selection(select(frames, BriefingView(kinds=("picnic",))))
    with pytest.raises(SelectionError, match="unknown layer"):
        check_selection(select(frames, BriefingView(layers=("events", "tiles"))))


def test_check_selection_accepts_a_good_selection(frames):
    check_selection(select(frames, BriefingView(exercises=("ex-b",), start=date(2024, 7, 1))))


def _args(*argv: str) -> argparse.Namespace:
    """The ``brief`` command's options as its parser reads them."""
    return build_parser().parse_args(["brief", "--out", "unused.png", *map(str, argv)])


def test_options_override_the_recipe(tmp_path):
    recipe = BriefingView(title="From recipe", exercises=("ex-a",), zoom=7)
    (tmp_path / "r.json").write_text(view_to_recipe(recipe), encoding="utf-8")
    view = view_from_args(
        _args("--view", tmp_path / "r.json", "--exercise", "ex-b", "--marking", "SECRET")
    )
    assert view.exercises == ("ex-b",) and view.marking == "SECRET"
    assert view.title == "From recipe" and view.zoom == 7


def test_recipe_of_unknown_version_is_refused(tmp_path):
    (tmp_path / "r.json").write_text('{"version": 99}', encoding="utf-8")
    with pytest.raises(ViewError, match="version 99 is not supported"):
        view_from_args(_args("--view", tmp_path / "r.json"))


def test_window_ending_before_it_starts_is_a_usage_error():
    with pytest.raises(UsageError, match="--end 2024-01-01 is before --start 2024-02-01"):
        view_from_args(_args("--start", "2024-02-01", "--end", "2024-01-01"))


@pytest.fixture(scope="module")
def small_catalogue() -> dict:
    """The small valid test catalogue, with one source title that is an HTML attack."""
    from layers.catalogue.load import load_catalogue

    frames = dict(load_catalogue(Path(__file__).parent / "data" / "good").frames)
    events = frames["events"].copy()
    hostile = {"title": "<img src=x onerror=alert(1)>", "publisher": "A & B", "url": "javascript:x"}
    events.at[events.index[0], "sources"] = [hostile]
    frames["events"] = events
    return frames


def test_briefing_page_escapes_title_marking_and_sources(small_catalogue):
    from layers.export.briefing import briefing_page_html

    view = BriefingView(title="<b>Ops</b>", marking="SECRET<script>x()</script>")
    html = briefing_page_html(select(small_catalogue, view), generated=date(2026, 1, 5))
    assert "<b>Ops</b>" not in html and "&lt;b&gt;Ops&lt;/b&gt;" in html
    assert "<script>x()</script>" not in html and "SECRET&lt;script&gt;" in html
    assert "<img src=x" not in html and "A &amp; B: &lt;img src=x onerror=alert(1)&gt;" in html
    assert "Generated 2026-01-05" in html


def test_briefing_page_is_laid_out_to_the_requested_size(small_catalogue):
    from layers.export.briefing import briefing_page_html

    html = briefing_page_html(select(small_catalogue, BriefingView()), size=(1754, 1240))
    assert "width: 1754px !important; height: 1240px !important" in html


def test_html_export_lists_sources_as_text_and_only_http_urls_as_links(small_catalogue):
    from layers.export.html_file import render_html

    html = render_html(select(small_catalogue, BriefingView()))
    panel = html[html.index('<details id="bm-sources-list"') :]
    panel = panel[: panel.index("</details>")]
    assert "&lt;img src=x onerror=alert(1)&gt;" in panel
    assert 'href="javascript:' not in panel
    assert 'href="https://example.org/' in panel


def test_html_export_carries_its_title_and_window_on_the_page(small_catalogue):
    from datetime import date

    from layers.export.html_file import render_html

    view = BriefingView(
        title="Week <b>49</b>", start=date(2025, 3, 1), end=date(2025, 3, 9), marking="TEST"
    )
    html = render_html(select(small_catalogue, view))
    block = html[html.index('<header id="bm-title-block"') :]
    block = block[: block.index("</header>")]
    assert "Week &lt;b&gt;49&lt;/b&gt;" in block  # the title, escaped
    assert "Window 2025-03-01 – 2025-03-09" in block


def test_page_fonts_fall_back_to_cjk_faces_after_the_latin_ones(small_catalogue):
    from layers.export.briefing import briefing_page_html
    from layers.export.html_file import render_html
    from layers.export.page_layout import FONT_STACK

    families = [name.strip().strip('"') for name in FONT_STACK.split(",")]
    latin, cjk = families.index("Liberation Sans"), families.index("Noto Sans CJK JP")
    assert latin < cjk < families.index("Noto Sans CJK SC") < families.index("sans-serif")
    selection = select(small_catalogue, BriefingView())
    assert f"font-family: {FONT_STACK};" in briefing_page_html(selection)
    assert "'Noto Sans CJK SC'" in render_html(selection)  # marking, sources


class _FakeRenderer:
    """Stands in for ``BriefingRenderer``: records threads and closes, fails on request."""

    opened: ClassVar[list] = []
    closed: ClassVar[list] = []

    def __enter__(self):
        import threading

        self.opened.append(threading.current_thread().name)
        return self

    def __exit__(self, *exc_info):
        self.closed.append(self)

    def png(self, selection, size, generated):
        if selection.view.title == "fail":
            raise RuntimeError("browser crashed")
        return f"{selection.view.title}@{size[0]}x{size[1]}".encode()


def _titled(title: str) -> SimpleNamespace:
    """What the worker hands on: anything with a ``view`` (the renderer is a fake)."""
    return SimpleNamespace(view=BriefingView(title=title))


def test_png_worker_draws_in_one_thread_reuses_the_browser_and_survives_a_failure():
    from concurrent.futures import ThreadPoolExecutor

    from layers.export.worker import PngWorker

    _FakeRenderer.opened, _FakeRenderer.closed = [], []
    worker = PngWorker(renderer_factory=_FakeRenderer)
    try:
        with ThreadPoolExecutor(4) as pool:  # four "sessions" asking at once
            titles = [f"t{n}" for n in range(8)]
            pngs = list(
                pool.map(lambda t: worker.png(_titled(t), (640, 480)), titles)
            )
        assert pngs == [f"{t}@640x480".encode() for t in titles]
        assert _FakeRenderer.opened == ["briefing-png-worker"]  # one browser for all eight
        with pytest.raises(RuntimeError, match="browser crashed"):
            worker.png(_titled("fail"))
        assert len(_FakeRenderer.closed) == 1  # a failed picture closes the browser...
        assert worker.png(_titled("again"), (800, 600)) == b"again@800x600"
        assert len(_FakeRenderer.opened) == 2  # ...and the next one starts a fresh one
    finally:
        worker.close()
    assert len(_FakeRenderer.closed) == 2


def test_png_worker_closes_an_idle_browser():
    import time

    from layers.export.worker import PngWorker

    _FakeRenderer.opened, _FakeRenderer.closed = [], []
    worker = PngWorker(idle_seconds=0.05, renderer_factory=_FakeRenderer)
    try:
        worker.png(_titled("one"))
        deadline = time.monotonic() + 5
        while not _FakeRenderer.closed and time.monotonic() < deadline:
            time.sleep(0.01)  # polling for the worker's idle close, bounded
        assert len(_FakeRenderer.closed) == 1
        assert worker.png(_titled("two")) == b"two@1920x1080"
    finally:
        worker.close()
