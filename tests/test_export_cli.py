"""`python -m layers brief|export`: exit codes, messages, and nothing written on failure."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import layers.catalogue.load
from layers.__main__ import main
from layers.atomic import write_atomic
from layers.export.html_file import recipe_of_html
from layers.export.png import ExportError
from layers.view.recipe import view_from_recipe_dict, view_to_recipe
from layers.view.view import BriefingView

REPO = Path(__file__).resolve().parent.parent
FIXTURE_CATALOGUE = REPO / "tests" / "data" / "good"  # two events of "example-series"


@pytest.fixture(autouse=True)
def fixture_catalogue(monkeypatch):
    """Commands read the small valid test catalogue instead of geodata/."""
    real = layers.catalogue.load.load_catalogue
    monkeypatch.setattr(
        layers.catalogue.load, "load_catalogue", lambda *a, **k: real(FIXTURE_CATALOGUE, **k)
    )


def cli(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_writes_self_contained_html_with_its_recipe(capsys, tmp_path):
    out = tmp_path / "map.html"
    code, stdout, _ = cli(
        capsys, "export", "--out", out, "--title", "Ops <A>", "--start", "2025-03-01"
    )
    assert code == 0 and f"wrote {out}" in stdout
    html = out.read_text(encoding="utf-8")
    assert "<title>Ops &lt;A&gt;</title>" in html
    assert recipe_of_html(html)["start"] == "2025-03-01"
    # nothing is fetched from the network: no remote script, style sheet or image
    assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)=[\"']?(https?:)?//", html)
    assert os.listdir(tmp_path) == ["map.html"]


@pytest.mark.parametrize("command", ["export", "brief"])
def test_unknown_exercise_id_is_named_with_the_valid_ids(capsys, tmp_path, command):
    out = tmp_path / "x.out"
    code, _, err = cli(capsys, command, "--out", out, "--exercise", "example-series", "nope-1")
    assert code == 1
    assert "unknown exercise id(s): nope-1" in err and "Valid ids: example-series" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["export", "brief"])
def test_empty_selection_is_rejected(capsys, tmp_path, command):
    code, _, err = cli(capsys, command, "--out", tmp_path / "x.out", "--start", "2030-01-01")
    assert code == 1 and "no events match the selection (window 2030-01-01" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start", "2025-13-01"], "is not a date (use YYYY-MM-DD)"),
        (["--end", "tomorrow"], "is not a date (use YYYY-MM-DD)"),
        (["--start", "2025-03-05", "--end", "2025-03-01"], "is before --start"),
        (["--size", "huge"], "use WIDTHxHEIGHT"),
        (["--size", "100x100"], "width must be"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_options_are_usage_errors(capsys, tmp_path, argv, message):
    code, _, err = cli(capsys, "brief", "--out", tmp_path / "b.png", *argv)
    assert code == 2 and message in err
    assert list(tmp_path.iterdir()) == []


def test_out_in_a_missing_folder_is_a_usage_error(capsys, tmp_path):
    code, _, err = cli(capsys, "export", "--out", tmp_path / "no" / "map.html")
    assert code == 2 and "does not exist" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--each-exercise", "--out", "b.png"],
        ["--out-dir", "."],
        ["--out", "b.png", "--out-dir", "."],
    ],
)
def test_batch_options_must_go_together(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "brief", *argv)
    assert code == 2 and ("--each-exercise" in err or "not allowed with" in err)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("recipe", "message"),
    [
        ('{"version": 3}', "version 3 is not supported"),
        ("{not json", "not valid JSON"),
        ('{"version": 1, "colour": "red"}', "unknown field(s): 'colour'"),
    ],
)
def test_bad_recipe_is_rejected(capsys, tmp_path, recipe, message):
    (tmp_path / "r.json").write_text(recipe, encoding="utf-8")
    code, _, err = cli(
        capsys, "export", "--out", tmp_path / "m.html", "--view", tmp_path / "r.json"
    )
    assert code == 1 and message in err
    assert not (tmp_path / "m.html").exists()


def test_missing_recipe_file_is_rejected(capsys, tmp_path):
    code, _, err = cli(
        capsys, "export", "--out", tmp_path / "m.html", "--view", tmp_path / "r.json"
    )
    assert code == 1 and "cannot read view recipe" in err


def test_recipe_round_trips_through_the_export(capsys, tmp_path):
    recipe = BriefingView(title="Saved", zoom=6, center=(30.0, 130.0), layers=("events", "bases"))
    (tmp_path / "r.json").write_text(view_to_recipe(recipe), encoding="utf-8")
    code, _, _ = cli(capsys, "export", "--out", tmp_path / "m.html", "--view", tmp_path / "r.json")
    assert code == 0
    saved = recipe_of_html((tmp_path / "m.html").read_text(encoding="utf-8"))
    assert view_from_recipe_dict(saved) == recipe


def test_a_drawing_failure_exits_1_and_leaves_no_file(capsys, tmp_path, monkeypatch):
    import layers.export.png

    class HangingMap:  # stands in for the browser: the map never reports itself drawn
        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            closed.append(True)

        def png(self, *args, **kwargs):
            raise ExportError("the map did not finish drawing within 30 s")

    closed = []
    monkeypatch.setattr(layers.export.png, "BriefingRenderer", HangingMap)
    code, _, err = cli(capsys, "brief", "--out", tmp_path / "b.png")
    assert code == 1 and "did not finish drawing" in err
    assert closed == [True]
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_keeps_the_old_file_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "brief.png"
    target.write_bytes(b"old")

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.png"]  # no temp file left


def test_write_atomic_replaces_the_file(tmp_path):
    target = tmp_path / "map.html"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_exporter_and_commands_never_import_streamlit():
    code = (
        "import sys, layers.export.png, layers.export.html_file, layers.export.briefing, "
        "layers.cli.brief_cmd, layers.cli.export_cmd; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import json; " + code],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert json.loads(result.stdout) == []


def test_export_with_data_dir_shows_user_events(capsys, tmp_path, monkeypatch):
    from layers.catalogue.importer import import_events

    data_dir = tmp_path / "userdata"
    template = REPO / "docs" / "templates" / "events_template.geojson"
    saved = import_events(template.read_bytes(), name=template.name, data_dir=data_dir)
    assert saved.accepted, [str(p) for p in saved.problems]
    out = tmp_path / "map.html"
    code, _, err = cli(capsys, "export", "--out", out, "--data-dir", data_dir)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "my-us-jpn-bomber-bilateral" in html  # the user event's exercise id, in its popup
    # and without --data-dir (and no BRIEFING_MAP_DATA) the user event is not drawn
    monkeypatch.delenv("BRIEFING_MAP_DATA", raising=False)
    out2 = tmp_path / "catalogue-only.html"
    assert cli(capsys, "export", "--out", out2)[0] == 0
    assert "my-us-jpn-bomber-bilateral" not in out2.read_text(encoding="utf-8")
