"""The "Briefing export" tab through AppTest: buttons, downloads, recipe save and load.

The real PNG needs a browser and is drawn in ``tests/browser/test_export_panel.py``;
here ``render_png_shared`` is replaced, so these tests check what the panel asks
for and what it offers, in well under a second each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test_module
from hostile_inputs import deep_json
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

import layers.export.html_file
import layers.export.png
import layers.export.worker
from layers.catalogue.registry import LAYERS
from layers.export.browser import BrowserNotFound
from layers.export.page_layout import PageLayout
from layers.safe_text import read_md
from layers.view.framing import fit_view
from layers.view.recipe import view_from_recipe, view_to_recipe
from layers.view.select import select
from layers.view.url import view_to_query
from layers.view.view import DEFAULT_MARKING, DEFAULT_TITLE, BriefingView

APP = str(Path(__file__).resolve().parent / "data" / "ui_apps" / "export_panel_app.py")
FAKE_PNG = b"\x89PNG\r\n\x1a\nfake"


@dataclass
class Media:
    """Where download buttons keep their files: media stores, and callables made on click."""

    stores: list[MemoryMediaFileStorage] = field(default_factory=list)
    deferred: dict[str, tuple] = field(default_factory=dict)  # file id → (callable, mime, name)


@dataclass
class Downloaded:
    content: bytes
    mimetype: str
    filename: str


@pytest.fixture
def media(monkeypatch) -> Media:
    """Record every media store AppTest creates and every deferred download registered."""
    media = Media()

    class RecordingStorage(MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            media.stores.append(self)

    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        media.deferred[file_id] = (data_callable, mimetype, file_name)
        return file_id

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return media


@pytest.fixture
def drawn(monkeypatch) -> list[tuple]:
    """Replace the PNG drawing; record each call's view and size."""
    calls: list[tuple] = []

    def fake(selection, size, generated=None):
        calls.append((selection.view, size, generated))
        return FAKE_PNG

    monkeypatch.setattr(layers.export.worker, "render_png_shared", fake)
    return calls


def open_panel(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    at.run()
    assert not at.exception, at.exception
    return at


def download_file(at: AppTest, media: Media, key: str) -> Downloaded:
    """The file (bytes, file name, MIME type) behind the download button ``key``."""
    (button,) = [b for b in at.download_button if b.key == key]
    if button.proto.deferred_file_id:  # made when clicked, as the browser would ask for it
        make, mimetype, filename = media.deferred[button.proto.deferred_file_id]
        content = make()
        content = content.encode("utf-8") if isinstance(content, str) else content
        return Downloaded(content, mimetype, filename)
    name = button.proto.url.rsplit("/", 1)[-1]
    for store in reversed(media.stores):
        try:
            file = store.get_file(name)
        except Exception:  # the file lives in the store of the run that made it
            continue
        return Downloaded(file.content, file.mimetype, file.filename)
    raise AssertionError(f"no media file {name}")


def downloaded(at: AppTest, media: Media, key: str) -> bytes:
    """The bytes behind the download button ``key``."""
    return download_file(at, media, key).content


def query(at: AppTest) -> dict[str, list[str]]:
    """The page's query parameters, every value as a list."""
    return {k: list(v) if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def download_keys(at: AppTest) -> set[str]:
    return {b.key for b in at.download_button}


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    (uploader,) = at.get("file_uploader")
    uploader.set_value((name, data, "application/json"))
    at.run()
    assert not at.exception, at.exception
    return at


def test_panel_offers_png_html_recipe_and_the_sizes():
    at = open_panel()
    assert {"export_png_button", "export_html_button", "export_fit"} <= {b.key for b in at.button}
    assert download_keys(at) == {"export_recipe_download"}  # nothing drawn yet
    assert at.text_input(key="export_title").value == DEFAULT_TITLE
    assert at.text_input(key="export_marking").value == DEFAULT_MARKING
    sizes = at.radio(key="export_size")
    assert sizes.value == "1920x1080"
    assert [o.split(" (")[0] for o in sizes.options[:2]] == ["1920 × 1080", "1280 × 720"]
    assert "A4 landscape, 150 dpi" in sizes.options[2]
    assert len(at.get("file_uploader")) == 1


def test_panel_says_which_centre_and_zoom_the_export_uses():
    at = open_panel(c="21.5,-158.0", z="7")
    (note,) = [read_md(c.value) for c in at.caption if "as you left it" in c.value]
    assert "21.50° N, 158.00° W" in note and "zoom 7" in note


def test_recipe_download_is_the_current_view(media, catalogue_frames):
    exercise = catalogue_frames["events"]["exercise_id"].iloc[0]
    at = open_panel(start="2025-03-01", ex=exercise, z="6", layers="events,bases")
    shown = tuple(spec.key for spec in LAYERS if spec.key in ("events", "bases"))
    expected = BriefingView(start=date(2025, 3, 1), exercises=(exercise,), zoom=6, layers=shown)
    assert downloaded(at, media, "export_recipe_download").decode("utf-8") == view_to_recipe(
        expected
    )


def test_recipe_carries_the_typed_title_and_marking(media):
    at = open_panel()
    at.text_input(key="export_title").input("Weekly brief <ops>")
    at.text_input(key="export_marking").input("EXERCISE ONLY")
    at.run()
    recipe = view_from_recipe(downloaded(at, media, "export_recipe_download").decode())
    assert (recipe.title, recipe.marking) == ("Weekly brief <ops>", "EXERCISE ONLY")


@pytest.mark.parametrize(
    "data, message",
    [
        (b'{"version": 99}', "version 99 is not supported"),
        (b"{not json", "is not valid JSON"),
        (b'{"version": 1, "zoom": 40}', "field 'zoom'"),
        (b'{"version": 1, "colour": "red"}', "unknown field(s): 'colour'"),
        (b"\xff\xfe\x00", "is not a text file"),
        (deep_json(20_000), "nested too deeply"),
        (b'{"version": 1, "zoom": ' + b"9" * 5000 + b"}", "cannot be read"),
        (b'{"version": 1}' + b" " * 70_000, "larger than 64 kB"),
        (b'{"version": 1, "exercises": ["' + b"x" * 300 + b'"]}', "longer than 200"),
    ],
    ids=["version", "json", "zoom", "unknown", "binary", "deep", "number", "huge", "long"],
)
def test_a_bad_recipe_is_refused_with_the_reason_and_changes_nothing(data, message):
    at = open_panel(z="6")
    upload(at, "bad.json", data)
    errors = [read_md(e.value) for e in at.error]
    assert len(errors) == 1 and "bad.json" in errors[0] and message in errors[0], errors
    assert query(at) == {"z": ["6"]}
    assert at.text_input(key="export_title").value == DEFAULT_TITLE


def test_a_good_recipe_becomes_the_view_url_and_texts(media, catalogue_frames):
    exercise = catalogue_frames["events"]["exercise_id"].iloc[0]
    recipe = BriefingView(
        start=date(2024, 1, 1),
        exercises=(exercise,),
        kinds=("joint_patrol",),
        layers=("bases", "events"),
        center=(30.0, 125.5),
        zoom=6,
        title="Loaded title",
        marking="LOADED MARKING",
    )
    at = open_panel()
    upload(at, "brief.json", view_to_recipe(recipe).encode())
    assert not at.error
    assert any("Loaded view recipe brief.json" in read_md(s.value) for s in at.success)
    assert query(at) == {
        k: v if isinstance(v, list) else [v] for k, v in view_to_query(recipe).items()
    }
    assert at.multiselect(key="exercises").value == [exercise]  # the sidebar shows it
    assert at.multiselect(key="kinds").value == ["joint_patrol"]
    assert at.text_input(key="export_title").value == "Loaded title"
    assert at.text_input(key="export_marking").value == "LOADED MARKING"
    # the panel now exports the loaded view: its recipe is the file that was loaded
    assert downloaded(at, media, "export_recipe_download").decode() == view_to_recipe(recipe)
    assert at.get("file_uploader")[0].value is None  # emptied, so it is not applied twice
    assert not at.checkbox(key="layer_adiz").value and at.checkbox(key="layer_bases").value


def test_the_loaded_notice_outlasts_the_runs_that_follow_until_the_next_recipe(media):
    """The map reports its new position at once: the notice must not go with that run."""
    recipe = BriefingView(center=(30.0, 125.5), zoom=6, title="Loaded title")
    at = open_panel()
    upload(at, "brief.json", view_to_recipe(recipe).encode())
    at.run()  # the next run (the map's report, any widget)
    assert [read_md(s.value) for s in at.success] == ["Loaded view recipe brief.json."]
    upload(at, "bad.json", b"{not json")  # the next recipe's outcome replaces it
    assert not at.success and len(at.error) == 1


def test_briefing_png_draws_the_view_with_its_texts_and_offers_the_download(drawn, media):
    at = open_panel(z="6")
    at.text_input(key="export_title").input("Slide title")
    at.radio(key="export_size").set_value("1280x720")
    at.button(key="export_png_button").click().run()
    assert not at.exception and not at.error
    ((view, size, generated),) = drawn
    assert (view.title, view.zoom, size, generated) == ("Slide title", 6, (1280, 720), date.today())
    file = download_file(at, media, "export_png_download")
    assert (file.content, file.mimetype) == (FAKE_PNG, "image/png")
    assert file.filename.startswith("briefing_slide-title_") and file.filename.endswith(
        "_1280x720.png"
    )


def test_a_changed_view_hides_the_stale_png(drawn):
    at = open_panel()
    at.button(key="export_png_button").click().run()
    assert "export_png_download" in download_keys(at)
    at.text_input(key="export_title").input("Another title").run()
    assert "export_png_download" not in download_keys(at)
    assert any("draw it again" in c.value for c in at.caption)


def test_no_browser_is_shown_with_how_to_install_one(monkeypatch):
    def no_browser(*args, **kwargs):
        raise BrowserNotFound("No Chromium found.")

    monkeypatch.setattr(layers.export.worker, "render_png_shared", no_browser)
    at = open_panel()
    at.button(key="export_png_button").click().run()
    assert not at.exception
    (error,) = at.error
    assert (
        "No Chromium found." in read_md(error.value) and "apt-get install chromium" in error.value
    )
    assert "export_png_download" not in download_keys(at)
    assert at.button(key="export_html_button")  # the rest of the tab still works


def test_a_drawing_failure_is_shown_and_the_app_keeps_running(monkeypatch):
    def hangs(*args, **kwargs):
        raise layers.export.png.ExportError("the map did not finish drawing within 30 s")

    monkeypatch.setattr(layers.export.worker, "render_png_shared", hangs)
    at = open_panel()
    at.button(key="export_png_button").click().run()
    assert not at.exception
    assert "did not finish drawing" in at.error[0].value


def test_an_empty_selection_is_explained_and_cannot_be_drawn(drawn):
    at = open_panel(layers="none")
    assert "shows no layer" in at.warning[0].value
    assert at.button(key="export_png_button").disabled
    assert at.button(key="export_html_button").disabled
    assert not drawn


def test_html_button_offers_a_self_contained_file_of_the_view(media):
    at = open_panel(z="6")
    at.text_input(key="export_title").input("HTML <title>")
    at.button(key="export_html_button").click().run()
    assert not at.exception
    html = downloaded(at, media, "export_html_download").decode("utf-8")
    assert "<title>HTML &lt;title&gt;</title>" in html
    recipe = layers.export.html_file.recipe_of_html(html)
    assert (recipe["zoom"], recipe["title"]) == (6, "HTML <title>")


def test_fit_to_the_selection_frames_the_selected_events(catalogue_frames):
    exercise = "liaoning-2025-12"  # four phases around Okinawa and east of Kitadaito
    at = open_panel(ex=exercise)
    at.button(key="export_fit").click().run()
    assert not at.exception
    view = BriefingView(exercises=(exercise,))
    selected = select(catalogue_frames, view).events
    _, _, width, height = PageLayout(1920, 1080).map_box
    fitted = fit_view(view, selected.geometry, (width, height))
    assert fitted.zoom != BriefingView().zoom  # the check below can see a change
    assert query(at)["z"] == [str(fitted.zoom)]
    assert query(at)["c"] == [view_to_query(fitted)["c"]]
    assert any("framed on the selected events" in s.value for s in at.success)


def test_export_draws_the_events_on_screen_including_the_timeline_pick(drawn, catalogue_frames):
    """The pick is part of the view: the picture, the recipe and the link carry it."""
    picked = "2025-12-06-j15-radar-lock-f15"
    at = open_panel(pick=picked, start="2025-12-01", end="2025-12-31")
    assert any("1 of 7 events" in i.value for i in at.info)  # 7 events in December 2025
    at.button(key="export_png_button").click().run()
    ((view, _, _),) = drawn
    assert view.pick.ids == (picked,)
    assert len(select(catalogue_frames, view).events) == 1


@pytest.fixture
def maps_drawn(monkeypatch) -> list[tuple]:
    """Replace the deck's map drawing (flat pictures of the asked size); record each call."""
    from deck_fixtures import stub_png

    calls: list[tuple] = []

    def fake(selection, size):
        calls.append((selection.view, size))
        return stub_png(size)

    monkeypatch.setattr(layers.export.worker, "render_map_png_shared", fake)
    return calls


def test_briefing_deck_is_made_of_the_view_and_offered_as_pptx(maps_drawn, media):
    from deck_fixtures import open_deck, shape

    from layers.export.deck_layout import SLIDE_MAP_SIZE

    at = open_panel(z="6", ex="liaoning-2025-12")
    at.text_input(key="export_title").input("Deck <title>")
    at.button(key="export_deck_button").click().run()
    assert not at.exception and not at.error
    ((view, size),) = maps_drawn  # one slide: the overview
    assert (view.title, view.zoom, view.exercises, size) == (
        "Deck <title>", 6, ("liaoning-2025-12",), SLIDE_MAP_SIZE
    )  # fmt: skip
    file = download_file(at, media, "export_pptx_download")
    assert file.mimetype.endswith("presentationml.presentation")
    assert file.filename.startswith("briefing_deck-title_") and file.filename.endswith(".pptx")
    (slide,) = open_deck(file.content).slides
    assert shape(slide, "title").text_frame.text == "Deck <title>"
    assert shape(slide, "marking-top").text_frame.text == DEFAULT_MARKING


def test_the_deck_can_have_one_more_slide_per_exercise(maps_drawn, media):
    from deck_fixtures import open_deck

    at = open_panel(ex="liaoning-2025-12")
    at.checkbox(key="export_deck_each").check().run()
    at.button(key="export_deck_button").click().run()
    assert not at.exception and not at.error
    assert [view.exercises for view, _ in maps_drawn] == [("liaoning-2025-12",)] * 2
    assert len(open_deck(downloaded(at, media, "export_pptx_download")).slides) == 2
    at.checkbox(key="export_deck_each").uncheck().run()  # another deck: the file is stale
    assert "export_pptx_download" not in download_keys(at)
    assert any("make it again" in c.value for c in at.caption)


def test_a_deck_without_a_browser_says_how_to_install_one(monkeypatch):
    def no_browser(*args, **kwargs):
        raise BrowserNotFound("No Chromium found.")

    monkeypatch.setattr(layers.export.worker, "render_map_png_shared", no_browser)
    at = open_panel()
    at.button(key="export_deck_button").click().run()
    assert not at.exception
    (error,) = at.error
    assert "No Chromium found." in read_md(error.value) and "apt-get" in error.value
    assert "export_pptx_download" not in download_keys(at)


def test_an_empty_selection_cannot_be_made_into_a_deck(maps_drawn):
    at = open_panel(layers="none")
    assert at.button(key="export_deck_button").disabled
    assert not maps_drawn
