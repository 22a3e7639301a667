"""Sizes and shapes that hurt: each gets a clear refusal, no traceback, and bounded memory.

Command line here; the same inputs in the app are in ``test_import_panel.py``,
``test_export_panel.py`` and ``test_draft_panel.py``, and in a real browser in
``tests/browser/test_hostile_links.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_inputs import deep_json, huge_number_json

from layers.__main__ import main
from layers.catalogue.schema import MAX_PROBLEMS
from layers.draft.event import MAX_ARTICLE_CHARS
from layers.safe_text import terminal

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "docs" / "templates" / "events_template.geojson"
# What one `import` of a 20 MB file of bad rows may take (README, "Limits"): measured
# about 230 MB; before the problem cap it took 1.46 GB and 43 s for 1.5 million lines.
IMPORT_RSS_LIMIT_MB = 400


def run(*args) -> int:
    return main([str(a) for a in args])


@pytest.fixture(params=["files", pytest.param("database", marks=pytest.mark.database)])
def data_dir(request, tmp_path) -> Path:
    """The user data folder; with ``database`` the same commands go to a real PostGIS store."""
    if request.param == "database":
        request.getfixturevalue("pg_url")  # BRIEFING_MAP_DATABASE_URL for the test and children
    return tmp_path / "userdata"


def test_a_file_of_bad_rows_stops_at_the_problem_cap(bad_rows_csv, data_dir, capsys):
    assert run("import", bad_rows_csv, "--dry-run", "--data-dir", data_dir) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert "checking stopped after 1,000 problems in the first" in lines[-1]
    assert "problems by field:" in lines[-1] and "nothing from this file is saved" in lines[-1]
    assert "rejected: nothing saved" in err


def test_a_file_of_bad_rows_is_checked_in_bounded_memory(bad_rows_csv, data_dir):
    """Peak memory of the whole command, measured by a parent that runs only it."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    command = [sys.executable, "-m", "layers", "import", str(bad_rows_csv), "--dry-run"]
    command += ["--data-dir", str(data_dir)]
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, cwd=REPO
    )
    peak_mb = int(done.stdout.strip()) / 1024
    assert peak_mb < IMPORT_RSS_LIMIT_MB, f"{peak_mb:.0f} MB"


@pytest.mark.parametrize(
    ("payload", "message"),
    [(deep_json(), "nested too deeply"), (huge_number_json(), "cannot be read")],
    ids=["deep", "huge-number"],
)
def test_malformed_json_is_refused_with_a_message(tmp_path, data_dir, capsys, payload, message):
    path = tmp_path / "events.geojson"
    path.write_bytes(payload)
    assert run("import", path, "--data-dir", data_dir) == 1
    out, _ = capsys.readouterr()
    assert message in out and "Traceback" not in out


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (deep_json(20_000), "nested too deeply"),
        (b'{"version": 1, "zoom": ' + b"9" * 5000 + b"}", "cannot be read"),
        (b'{"version": 1, "title": "' + b"x" * 300 + b'"}', "longer than 200 characters"),
        (b'{"version": 1}' + b" " * 70_000, "larger than"),
    ],
    ids=["deep", "huge-number", "long-title", "huge-file"],
)
def test_a_bad_view_recipe_is_refused_by_brief(tmp_path, capsys, payload, message):
    recipe = tmp_path / "recipe.json"
    recipe.write_bytes(payload)
    assert run("brief", "--view", recipe, "--out", tmp_path / "b.png") == 1
    _, err = capsys.readouterr()
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "b.png").exists()


def test_a_nul_byte_in_a_text_field_is_refused(tmp_path, data_dir, capsys):
    fc = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    fc["features"][0]["properties"]["summary"] = "before\x00after"
    path = tmp_path / "nul.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")
    assert run("import", path, "--data-dir", data_dir) == 1
    out, _ = capsys.readouterr()
    assert "field 'summary': contains the control character \\x00 at position 7" in out


def test_an_import_never_follows_a_link(tmp_path, data_dir, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:SECRET-FIRST-LINE\n", encoding="utf-8")
    link = tmp_path / "events.csv"
    link.symlink_to(secret)
    assert run("import", link, "--data-dir", data_dir) == 2
    out, err = capsys.readouterr()
    assert "is a symbolic link" in err
    assert "SECRET" not in out + err


def test_an_import_refuses_a_pipe(tmp_path, data_dir, capsys):
    pipe = tmp_path / "events.csv"
    os.mkfifo(pipe)
    assert run("import", pipe, "--data-dir", data_dir) == 2  # returns: never blocks on it
    assert "is not a regular file" in capsys.readouterr().err


def test_import_list_escapes_terminal_sequences_in_names(tmp_path, data_dir, capsys):
    name = "evil\x1b[2J\x1b]0;owned\x07.geojson"
    path = tmp_path / name
    path.write_bytes(TEMPLATE.read_bytes())
    assert run("import", path, "--data-dir", data_dir) == 0
    capsys.readouterr()
    assert run("import", "--list", "--data-dir", data_dir) == 0
    out, _ = capsys.readouterr()
    assert "\x1b" not in out and "\x07" not in out
    assert terminal(name) in out  # shown, escaped: evil\x1b[2J\x1b]0;owned\x07.geojson


def test_a_long_article_is_refused_before_drafting(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Two B-52H flew over the Sea of Japan. " * 30_000, encoding="utf-8")
    assert run("draft", article, "--published", "2025-12-11") == 1
    _, err = capsys.readouterr()
    assert f"at most {MAX_ARTICLE_CHARS:,}" in err


def test_an_article_just_under_the_limit_is_drafted(tmp_path, capsys):
    text = "Two B-52H bombers flew over the Sea of Japan on Dec. 10. "
    article = tmp_path / "a.txt"
    article.write_text((text * (MAX_ARTICLE_CHARS // len(text)))[:MAX_ARTICLE_CHARS], "utf-8")
    assert run("draft", article, "--published", "2025-12-11") == 0
    out, _ = capsys.readouterr()
    assert '"B-52H"' in out
