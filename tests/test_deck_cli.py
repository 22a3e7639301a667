"""``python -m layers deck``: exit codes, the ``.pptx`` check, one browser, atomic writes.

The browser is replaced by a stand-in that draws flat pictures (``deck_fixtures``);
real maps are drawn in ``tests/browser/test_deck_browser.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from deck_fixtures import notes, open_deck, picture_size, shape, stub_png

import layers.catalogue.load
import layers.export.png
from layers.__main__ import main
from layers.export.browser import BrowserNotFound
from layers.export.deck_layout import SLIDE_MAP_SIZE
from layers.export.png import ExportError

REPO = Path(__file__).resolve().parent.parent
FIXTURE_CATALOGUE = REPO / "tests" / "data" / "good"  # two events of "example-series"


@pytest.fixture(autouse=True)
def fixture_catalogue(monkeypatch):
    """Commands read the small valid test catalogue instead of geodata/."""
    real = layers.catalogue.load.load_catalogue
    monkeypatch.setattr(
        layers.catalogue.load, "load_catalogue", lambda *a, **k: real(FIXTURE_CATALOGUE, **k)
    )


class FlatMaps:
    """Stands in for ``BriefingRenderer``: flat pictures, and a record of each browser."""

    opened: list[FlatMaps] = []  # noqa: RUF012 (a record shared by the test and the command)
    fail_with: BaseException | None = None

    def __init__(self, online: bool = False):
        self.online, self.closed, self.sizes = online, False, []
        FlatMaps.opened.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.closed = True

    def map_pngs(self, selections, size):
        for _ in selections:
            if FlatMaps.fail_with is not None:
                raise FlatMaps.fail_with
            self.sizes.append(size)
            yield stub_png(size)


@pytest.fixture
def flat_maps(monkeypatch):
    FlatMaps.opened, FlatMaps.fail_with = [], None
    monkeypatch.setattr(layers.export.png, "BriefingRenderer", FlatMaps)
    return FlatMaps


def cli(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_deck_writes_the_overview_slide(capsys, tmp_path, flat_maps):
    out = tmp_path / "briefing.pptx"
    code, stdout, err = cli(capsys, "deck", "--out", out, "--title", "Ops <A>", "--marking", "TEST")
    assert (code, err) == (0, "") and f"wrote {out} (1 slide)" in stdout
    (slide,) = open_deck(out.read_bytes()).slides
    assert shape(slide, "title").text_frame.text == "Ops <A>"
    assert shape(slide, "marking-bottom").text_frame.text == "TEST"
    assert picture_size(slide) == SLIDE_MAP_SIZE
    assert "Sources (" in notes(slide)
    assert os.listdir(tmp_path) == ["briefing.pptx"]


def test_each_exercise_adds_a_slide_per_exercise_with_one_browser(capsys, tmp_path, flat_maps):
    out = tmp_path / "deck.PPTX"  # the extension's case does not matter
    code, stdout, _ = cli(capsys, "deck", "--out", out, "--each-exercise")
    assert code == 0 and "(2 slides)" in stdout
    deck = open_deck(out.read_bytes())
    assert len(deck.slides) == 2
    assert len(flat_maps.opened) == 1 and flat_maps.opened[0].closed
    assert flat_maps.opened[0].sizes == [SLIDE_MAP_SIZE, SLIDE_MAP_SIZE]
    assert flat_maps.opened[0].online is False  # offline basemap: no tile host allowed


@pytest.mark.parametrize("name", ["briefing.png", "briefing", "briefing.pptx.tmp", "deck.ppt"])
def test_out_must_be_a_pptx_file(capsys, tmp_path, flat_maps, name):
    code, _, err = cli(capsys, "deck", "--out", tmp_path / name)
    assert code == 2 and "a deck is a .pptx file" in err
    assert list(tmp_path.iterdir()) == [] and flat_maps.opened == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start", "2025-13-01"], "is not a date (use YYYY-MM-DD)"),
        (["--start", "2025-03-05", "--end", "2025-03-01"], "is before --start"),
        (["--size", "1280x720"], "unrecognized arguments"),  # a slide has one size
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_options_are_usage_errors(capsys, tmp_path, flat_maps, argv, message):
    code, _, err = cli(capsys, "deck", "--out", tmp_path / "d.pptx", *argv)
    assert code == 2 and message in err
    assert list(tmp_path.iterdir()) == [] and flat_maps.opened == []


def test_out_is_required_and_its_folder_must_exist(capsys, tmp_path, flat_maps):
    assert cli(capsys, "deck")[0] == 2
    code, _, err = cli(capsys, "deck", "--out", tmp_path / "no" / "d.pptx")
    assert code == 2 and "does not exist" in err
    code, _, err = cli(capsys, "deck", "--out", tmp_path)
    assert code == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--exercise", "nope-1"], "unknown exercise id(s): nope-1"),
        (["--start", "2030-01-01"], "no events match the selection"),
    ],
)
def test_rejected_selections_exit_1_before_any_browser(capsys, tmp_path, flat_maps, argv, message):
    code, _, err = cli(capsys, "deck", "--out", tmp_path / "d.pptx", *argv)
    assert code == 1 and message in err
    assert list(tmp_path.iterdir()) == [] and flat_maps.opened == []


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (ExportError("the map did not finish drawing within 30 s"), "did not finish drawing"),
        (BrowserNotFound("no Chromium found"), "no Chromium found"),
        (RuntimeError("Target crashed"), "RuntimeError: Target crashed"),
    ],
)
def test_a_drawing_failure_exits_1_and_keeps_the_old_file(
    capsys, tmp_path, flat_maps, error, message
):
    out = tmp_path / "d.pptx"
    out.write_bytes(b"the deck of yesterday")
    flat_maps.fail_with = error
    code, stdout, err = cli(capsys, "deck", "--out", out, "--each-exercise")
    assert code == 1 and message in err and "Traceback" not in err and stdout == ""
    assert flat_maps.opened[0].closed
    assert out.read_bytes() == b"the deck of yesterday"  # atomic: no partial deck either
    assert os.listdir(tmp_path) == ["d.pptx"]


def test_errors_are_printed_with_control_characters_escaped(capsys, tmp_path, flat_maps):
    flat_maps.fail_with = ExportError("bad \x1b[31mred")
    code, _, err = cli(capsys, "deck", "--out", tmp_path / "d.pptx")
    assert code == 1 and "\x1b" not in err and "\\x1b[31mred" in err


def test_the_deck_command_is_listed_in_the_help(capsys):
    code, stdout, _ = cli(capsys, "--help")
    assert code == 0 and "deck" in stdout
