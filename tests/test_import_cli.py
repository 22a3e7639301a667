"""``python -m layers import``: same checks as the app, exit 0 saved, 1 rejected, 2 usage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from layers.__main__ import main
from layers.catalogue.store import list_imports

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "docs" / "templates"
CORPUS = REPO / "tests" / "data" / "import"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh data folder; the environment points elsewhere to prove --data-dir wins."""
    monkeypatch.setenv("BRIEFING_MAP_DATA", str(tmp_path / "not-this-one"))
    return tmp_path / "userdata"


def run(*args: str) -> int:
    return main(["import", *map(str, args)])


@pytest.mark.parametrize("template", ["events_template.csv", "events_template.geojson"])
def test_templates_import_cleanly_with_dry_run(data_dir, capsys, template):
    assert run(TEMPLATES / template, "--dry-run", "--data-dir", data_dir) == 0
    out, err = capsys.readouterr()
    assert out == ""  # not one problem, not even a warning
    assert "dry run: would save 2 event(s)" in err and "nothing written" in err
    assert list_imports(data_dir) == []


def test_import_saves_and_list_shows_it(data_dir, capsys):
    assert run(TEMPLATES / "events_template.csv", "--data-dir", data_dir) == 0
    [info] = list_imports(data_dir)
    assert f"saved 2 event(s) as import '{info.import_id}'" in capsys.readouterr().err
    assert run("--list", "--data-dir", data_dir) == 0
    listed = capsys.readouterr().out
    assert info.import_id in listed and "from events_template.csv" in listed
    assert not (data_dir.parent / "not-this-one").exists()


def test_file_with_an_error_is_rejected_whole_by_default(data_dir, capsys):
    assert run(CORPUS / "one_good_one_bad.geojson", "--data-dir", data_dir) == 1
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and "'dogfight' is not a known kind" in out
    assert "rejected: nothing saved" in err and "--keep-valid" in err
    assert list_imports(data_dir) == []


def test_keep_valid_saves_the_valid_part_and_reports_the_rest(data_dir, capsys):
    assert run(CORPUS / "one_good_one_bad.geojson", "--keep-valid", "--data-dir", data_dir) == 0
    out, err = capsys.readouterr()
    assert "'dogfight' is not a known kind" in out
    assert "saved 1 event(s)" in err and "1 rejected" in err
    assert [i.feature_count for i in list_imports(data_dir)] == [1]


def test_dry_run_of_a_bad_file_exits_1(data_dir, capsys):
    assert run(CORPUS / "swapped_lat_lon.csv", "--dry-run", "--data-dir", data_dir) == 1
    assert "look swapped" in capsys.readouterr().out


def test_remove_deletes_an_import(data_dir, capsys):
    run(TEMPLATES / "events_template.geojson", "--data-dir", data_dir)
    [info] = list_imports(data_dir)
    assert run("--remove", info.import_id, "--data-dir", data_dir) == 0
    assert list_imports(data_dir) == []
    assert run("--remove", info.import_id, "--data-dir", data_dir) == 2
    assert "there is no import" in capsys.readouterr().err


def test_oversize_file_is_refused_without_reading_it(data_dir, capsys, monkeypatch, tmp_path):
    monkeypatch.setattr("layers.catalogue.schema.MAX_FILE_BYTES", 100)
    big = tmp_path / "big.geojson"
    big.write_bytes(b" " * 101)
    assert run(big, "--data-dir", data_dir) == 1
    assert "big.geojson: file is 101 bytes; the limit is 100 bytes" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.csv",), "no such file"),
        (("events.xlsx",), "cannot import events.xlsx: use a .csv or .geojson or .json file"),
        (("--remove", "../etc"), "is not an import id"),
    ],
)
def test_usage_errors_exit_2(data_dir, capsys, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events.xlsx").write_bytes(b"PK")
    assert run(*args, "--data-dir", data_dir) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("args", [(), ("a.csv", "--list"), ("--keep-valid", "--all-or-nothing")])
def test_bad_arguments_exit_2(args):
    with pytest.raises(SystemExit) as exit_info:
        run(*args)
    assert exit_info.value.code == 2


def test_command_line_end_to_end(tmp_path):
    """The real ``python -m layers import`` entry point, with the folder from the environment."""
    env = {"BRIEFING_MAP_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"}
    template = TEMPLATES / "events_template.geojson"
    done = subprocess.run(
        [sys.executable, "-m", "layers", "import", str(template)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    [stored] = (tmp_path / "imports").glob("*.geojson")
    assert len(json.loads(stored.read_text())["features"]) == 2
