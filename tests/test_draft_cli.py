"""``python -m layers draft``: GeoJSON on stdout, evidence and flags on stderr, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from layers.__main__ import main

REPO = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).parent / "data" / "articles"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["draft", *argv])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_draft_geojson_with_shipped_catalogue(capsys):
    code, out, err = run(
        capsys, str(ARTICLES / "bomber_deployment.txt"), "--published", "2025-11-16",
        "--title", "Lancers arrive", "--publisher", "Example", "--url", "https://example.com/a",
    )  # fmt: skip
    assert code == 0, err
    fc = json.loads(out)
    (feature,) = fc["features"]
    p = feature["properties"]
    assert fc["type"] == "FeatureCollection"
    assert (p["home_base"], p["staging_base"]) == ("dyess", "misawa")
    assert p["aircraft"][0]["type"] == "B-1B" and p["aircraft"][0]["count"] == 2
    assert p["start"] == "2025-11-15"
    assert p["sources"][0]["url"] == "https://example.com/a"
    assert "staging_base: misawa ← 'Misawa'" in err
    assert "FLAG summary:" in err


def test_text_with_nothing_known_exits_0_with_flags(capsys):
    code, out, err = run(capsys, str(ARTICLES / "nothing_known.txt"), "--published", "2025-01-02")
    assert code == 0
    assert json.loads(out)["features"][0]["geometry"] is None
    assert "FLAG start: no date found in the text" in err
    assert "FLAG geometry: no place found in the text" in err


def test_hostile_title_and_text_survive_as_literal_text(capsys):
    code, out, _ = run(
        capsys, str(ARTICLES / "hostile.txt"), "--published", "2025-12-16",
        "--title", "<script>alert(1)</script>",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)["features"][0]["properties"]["name"] == "<script>alert(1)</script>"


@pytest.mark.parametrize("published", ["2025-13-01", "16/11/2025", "yesterday"])
def test_bad_publication_date_is_usage_error(capsys, published):
    code, out, err = run(capsys, str(ARTICLES / "bilateral_sea.txt"), "--published", published)
    assert code == 2 and out == ""
    assert "not a date" in err


def test_missing_publication_date_is_usage_error(capsys):
    code, _, _ = run(capsys, str(ARTICLES / "bilateral_sea.txt"))
    assert code == 2


def test_missing_file_is_usage_error(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path / "nope.txt"), "--published", "2025-01-01")
    assert (code, out) == (2, "")
    assert "no such file" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"  \n\t ", "empty"), (b"\xff\xfe B-52H \x80", "not UTF-8")],
)
def test_empty_or_non_utf8_text_is_rejected(capsys, tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, str(path), "--published", "2025-01-01")
    assert (code, out) == (1, "")
    assert message in err


def test_unloadable_catalogue_is_rejected(capsys, tmp_path):
    code, out, err = run(
        capsys, str(ARTICLES / "bilateral_sea.txt"), "--published", "2025-12-16",
        "--geodata", str(tmp_path),
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert "cannot load the catalogue" in err


def test_output_imports_after_review(tmp_path):
    """The printed draft, once its blanks are filled, passes ``python -m layers import``."""
    cmd = [sys.executable, "-m", "layers", "draft", str(ARTICLES / "bilateral_sea.txt")]
    cmd += ["--published", "2025-12-16", "--title", "Bombers over the Sea of Japan"]
    cmd += ["--publisher", "Example News", "--url", "https://example.com/b52"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    fc = json.loads(done.stdout)
    props = fc["features"][0]["properties"]
    props["exercise"] = "Test series"
    for item in props["aircraft"]:
        item["operator"] = item["operator"] or "USAF"
    reviewed = tmp_path / "draft.geojson"
    reviewed.write_text(json.dumps(fc), encoding="utf-8")
    data_dir = tmp_path / "userdata"
    imported = subprocess.run(
        [sys.executable, "-m", "layers", "import", str(reviewed), "--data-dir", str(data_dir)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stdout + imported.stderr


def test_a_likely_duplicate_is_shown_with_the_source_line_to_add_instead(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Two U.S. Air Force B-1B bombers of the 7th Bomb Wing at Dyess Air Force Base flew "
        "with JASDF F-15J fighters over northern Japan on Saturday, operating from Misawa.",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, str(article), "--published", "2025-11-16", "--url", "https://e.x/b1",
        "--publisher", "P", "--title", "T",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)["features"][0]["properties"]["home_base"] == "dyess"
    lines = err.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith("POSSIBLE DUPLICATE: ")]
    assert "2025-11-15-b1b-jasdf-northern-japan" in lines[at]
    assert any(line.startswith("  cites: ") for line in lines[at:])
    source = json.loads(lines[-1])
    assert source["url"] == "https://e.x/b1" and source["published"] == "2025-11-16"
