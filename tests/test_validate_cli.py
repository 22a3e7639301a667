"""``python -m layers validate``: exit 0 clean, 1 rejected (one line per problem), 2 usage error.

The exit codes are checked in a real subprocess; the finer behaviour in-process
through the same entry point (``layers.__main__.main``), which is much faster.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from layers.__main__ import main

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
GOOD = DATA / "good"
BAD = DATA / "bad"


def validate(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "layers", "validate", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_main(capsys, *args) -> subprocess.CompletedProcess:
    """``main`` in-process, with the same result shape as a subprocess run."""
    try:
        code = main(["validate", *map(str, args)])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


def copy_events(tmp_path: Path, name: str = "events.geojson", **changes) -> Path:
    fc = json.loads((GOOD / "events.geojson").read_text(encoding="utf-8"))
    fc["features"][0]["properties"].update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(fc), encoding="utf-8")
    return path


def test_shipped_geodata_validates():
    files = sorted((REPO / "geodata").glob("*.geojson"))
    assert len(files) == 4
    result = validate(*files)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.strip() == "4 files, 0 problems"


def test_good_files_exit_0(capsys):
    result = run_main(capsys, *sorted(GOOD.glob("*.geojson")))
    assert result.returncode == 0, result.stdout
    assert result.stderr.strip() == "4 files, 0 problems"


def test_bad_file_exits_1_with_one_line_per_problem():
    path = BAD / "events-three-faults.geojson"
    result = validate(path, GOOD / "bases.geojson")
    assert result.returncode == 1
    name = str(path)
    assert result.stdout.splitlines() == [
        f"{name}: feature 0 (id 'fault-date'): field 'start': '2025-13-01' is not a date"
        " — use YYYY-MM-DD or YYYY-MM-DDTHH:MM+09:00",
        f"{name}: feature 1 (id 'fault-latitude'): field 'geometry.coordinates':"
        " latitude 95.0 is outside -90..90",
        f"{name}: feature 2 (id 'fault-kind'): field 'sources[0].url':"
        " url scheme 'javascript' is not allowed"
        " — use an http(s) URL or a repository path such as docs/research/FACTS.md#anchor",
        f"{name}: feature 2 (id 'fault-kind'): field 'kind': 'airshow' is not a known kind"
        " — one of: bilateral_exercise, trilateral_exercise, joint_patrol, naval_exercise,"
        " deployment, airspace_violation, incident, coast_guard_activity, naval_activity,"
        " announcement",
    ]
    assert result.stderr.strip() == "2 files, 4 problems"


def test_not_json_exits_1_naming_the_file(capsys):
    result = run_main(capsys, BAD / "events-not-json.geojson")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{BAD / 'events-not-json.geojson'}: not JSON: ")


def test_events_refs_are_checked_against_bases_given_on_the_command_line(capsys, tmp_path):
    events = copy_events(tmp_path, staging_base="example-north")
    assert run_main(capsys, events, GOOD / "bases.geojson").returncode == 0
    other = copy_events(tmp_path, "more-events.geojson", staging_base="not-a-base")
    result = run_main(capsys, other, GOOD / "bases.geojson")
    assert result.returncode == 1
    assert "field 'staging_base': 'not-a-base' is not the id of any feature in bases" in (
        result.stdout
    )


def test_events_refs_default_to_the_shipped_bases(capsys, tmp_path):
    result = run_main(capsys, copy_events(tmp_path, staging_base="example-north"))
    assert result.returncode == 1  # example-north is a test base, not a shipped one
    assert "'example-north' is not the id of any feature in bases" in result.stdout


def test_warnings_are_prefixed_and_do_not_fail(capsys, tmp_path):
    path = tmp_path / "events.geojson"
    path.write_bytes(b"\xef\xbb\xbf" + (GOOD / "events.geojson").read_bytes())
    result = run_main(capsys, path, GOOD / "bases.geojson")
    assert result.returncode == 0
    assert result.stdout == f"warning: {path}: UTF-8 byte-order mark ignored\n"
    assert result.stderr.strip() == "2 files, 0 problems, 1 warning"


def test_kind_option_for_a_file_name_that_does_not_say(capsys, tmp_path):
    path = tmp_path / "upload.geojson"
    path.write_bytes((GOOD / "adiz.geojson").read_bytes())
    result = run_main(capsys, path)
    assert result.returncode == 2
    assert f"cannot tell which dataset {path} is; pass --kind" in result.stderr
    assert run_main(capsys, path, "--kind", "adiz").returncode == 0
    wrong = run_main(capsys, path, "--kind", "bases")
    assert wrong.returncode == 1
    assert "geometry type 'Polygon' is not allowed in this layer" in wrong.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-events.geojson"], "no such file: missing-events.geojson"),
        ([], "the following arguments are required: FILE"),
        ([str(GOOD / "events.geojson"), "--kind", "ships"], "invalid choice: 'ships'"),
    ],
)
def test_usage_errors_exit_2(capsys, args, message):
    result = run_main(capsys, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_missing_file_exits_2_in_a_real_process():
    result = validate(GOOD / "bases.geojson", "no-such-events.geojson")
    assert result.returncode == 2
    assert result.stderr.strip() == "validate: error: no such file: no-such-events.geojson"
