"""The PostGIS store against a real cluster: load, dump, imports, edits, versions, history."""

from __future__ import annotations

import json

import pytest
from db_fixtures import layers_cmd, shipped_count

from layers.catalogue.registry import GEODATA_DIR, LAYERS

pytestmark = pytest.mark.database

TEMPLATE_CSV = GEODATA_DIR.parent / "docs" / "templates" / "events_template.csv"
EVENT = "2024-07-03-dod-japan-aircraft-plan-kadena"


def _stamp(store) -> int:
    return store.stamp()


def test_files_load_dump_files_gives_identical_files_that_validate(pg_store, tmp_path):
    out = tmp_path / "dump"
    result = layers_cmd("db", "dump", "--out", str(out))
    assert result.returncode == 0, result.stderr
    for spec in LAYERS:
        original = (GEODATA_DIR / spec.filename).read_bytes()
        dumped = (out / spec.filename).read_bytes()
        assert json.loads(dumped)["features"] == json.loads(original)["features"]
        assert dumped == original  # byte for byte: features are kept as written
    files = [str(out / spec.filename) for spec in LAYERS]
    checked = layers_cmd("validate", *files)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_dump_holds_imports_and_edits_in_files_the_file_store_reads(pg_store, tmp_path):
    assert layers_cmd("import", str(TEMPLATE_CSV), "--author", "ann").returncode == 0
    edit = layers_cmd("edit", EVENT, "--set", "name=Renamed", "--author", "ann", "--comment", "c")
    assert edit.returncode == 0, edit.stderr
    out = tmp_path / "dump"
    assert layers_cmd("db", "dump", "--out", str(out)).returncode == 0
    events = json.loads((out / "events.geojson").read_text())["features"]
    assert next(f for f in events if f["properties"]["id"] == EVENT)["properties"]["name"] == (
        "Renamed"
    )
    imports = sorted((out / "userdata" / "imports").glob("*.geojson"))
    assert len(imports) == 1
    checked = layers_cmd("validate", "--kind", "events", str(imports[0]))
    assert checked.returncode == 0, checked.stdout
    listed = layers_cmd("import", "--list", "--data-dir", str(out / "userdata"), env={
        "BRIEFING_MAP_DATABASE_URL": ""})  # fmt: skip
    assert "2 event(s)" in listed.stdout


def test_load_is_idempotent_and_records_the_catalogue_version(pg_store):
    before = pg_store.stamp()
    again = layers_cmd("db", "load", str(GEODATA_DIR))
    assert again.returncode == 0
    assert "already loaded" in again.stdout
    assert pg_store.stamp() == before
    status = layers_cmd("db", "status")
    assert status.returncode == 0
    events = shipped_count("events")
    assert "catalogue version" in status.stdout
    assert f"events   catalogue  {events:>10,}" in status.stdout


def _copy_geodata(tmp_path):
    folder = tmp_path / "geodata"
    folder.mkdir()
    for spec in LAYERS:
        (folder / spec.filename).write_bytes((GEODATA_DIR / spec.filename).read_bytes())
    return folder


def _rewrite_events(folder, change):
    path = folder / "events.geojson"
    fc = json.loads(path.read_text())
    change(fc["features"])
    path.write_text(json.dumps(fc, ensure_ascii=False))


def test_a_changed_catalogue_updates_adds_and_removes_with_versions(pg_store, tmp_path):
    folder = _copy_geodata(tmp_path)

    def change(features):
        features[0]["properties"]["name"] = "Changed in the files"
        features.pop()

    _rewrite_events(folder, change)
    result = layers_cmd("db", "load", str(folder), "--author", "loader")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 updated, 1 removed" in result.stdout
    assert layers_cmd("db", "load", str(folder)).stdout.startswith("catalogue version")


def test_a_load_that_would_overwrite_an_edit_is_refused_and_writes_nothing(pg_store, tmp_path):
    first = json.loads((GEODATA_DIR / "events.geojson").read_text())["features"][0]
    fid = first["properties"]["id"]
    edit = layers_cmd("edit", fid, "--set", "name=Team fix", "--author", "bo", "--comment", "c")
    assert edit.returncode == 0
    folder = _copy_geodata(tmp_path)
    _rewrite_events(folder, lambda fs: fs[0]["properties"].__setitem__("name", "Files fix"))
    before = pg_store.stamp()
    result = layers_cmd("db", "load", str(folder))
    assert result.returncode == 1
    assert f"'{fid}' was edited in the database and changed in the files" in result.stdout
    assert "refused: nothing written" in result.stderr
    assert pg_store.stamp() == before


def test_invalid_catalogue_files_are_refused_whole(pg_store, tmp_path):
    folder = _copy_geodata(tmp_path)
    _rewrite_events(folder, lambda fs: fs[1]["properties"].__setitem__("kind", "picnic"))
    before = pg_store.stamp()
    result = layers_cmd("db", "load", str(folder))
    assert result.returncode == 1
    assert "'picnic' is not a known kind" in result.stdout
    assert pg_store.stamp() == before


def test_edit_sets_fields_as_the_csv_import_writes_them(pg_store):
    result = layers_cmd(
        "edit", EVENT, "--set", "participants=CHN|RUS", "--set",
        "aircraft=H-6K:2:PLAAF|Tu-95MS::Russian Aerospace Forces", "--set",
        "geometry=LINESTRING (125 30, 130 33)", "--set", "notes=", "--set",
        "source_url=https://example.org/a|https://example.org/b", "--author", "ann",
        "--comment", "second report", "--expect-version", "1",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "as version 2" in result.stdout
    frames = pg_store.load_catalogue().frames
    row = frames["events"].set_index("id").loc[EVENT]
    assert row["participants"] == ["CHN", "RUS"]
    assert row["aircraft"][1] == {
        "type": "Tu-95MS",
        "count": None,
        "operator": "Russian Aerospace Forces",
    }
    assert row.geometry.geom_type == "LineString"
    assert row["notes"] is None
    assert row["sources"][0]["url"] == "https://example.org/a"
    history = layers_cmd("history", EVENT)
    assert history.returncode == 0
    assert "version 2" in history.stdout and "edit by ann" in history.stdout
    assert "why: second report" in history.stdout
    assert 'participants: ["USA"] → ["CHN", "RUS"]' in history.stdout


def test_edit_problems_read_as_the_import_s_and_nothing_is_written(pg_store, tmp_path):
    before = pg_store.stamp()
    result = layers_cmd(
        "edit", EVENT, "--set", "start=45678", "--set", "kind=picnic", "--set", "colour=red",
        "--author", "ann", "--comment", "c",
    )  # fmt: skip
    assert result.returncode == 1
    assert "looks like an Excel serial date number (probably 2025-01-21)" in result.stdout
    assert "unknown field 'colour'" in result.stdout
    assert "refused: nothing written" in result.stderr
    csv = tmp_path / "one.csv"
    template = TEMPLATE_CSV.read_text().splitlines()
    csv.write_text(
        template[0]
        + "\n"
        + template[1].replace(",2025-12-10,2025-12-10,", ",45678,2025-12-10,")
        + "\n"
    )
    imported = layers_cmd("import", str(csv), "--dry-run")
    same = "start '45678' looks like an Excel serial date number (probably 2025-01-21)"
    assert same in imported.stdout and same in result.stdout
    assert pg_store.stamp() == before


def test_a_stale_edit_is_refused_naming_who_saved_first_and_what(pg_store):
    first = layers_cmd("edit", EVENT, "--set", "summary=A", "--author", "alice", "--comment",
                       "from the ministry", "--expect-version", "1")  # fmt: skip
    assert first.returncode == 0
    late = layers_cmd("edit", EVENT, "--set", "name=B", "--author", "bob", "--comment", "x",
                      "--expect-version", "1")  # fmt: skip
    assert late.returncode == 1
    assert "version 2 by alice" in late.stderr and "edit of summary" in late.stderr
    assert '"from the ministry"' in late.stderr and "Nothing was written" in late.stderr
    assert "name: " not in layers_cmd("history", EVENT).stdout.split("version 2")[1]


def test_removal_is_a_version_and_a_removed_event_can_be_restored(pg_store):
    removed = layers_cmd("edit", EVENT, "--remove", "--author", "cy", "--comment", "duplicate")
    assert removed.returncode == 0
    assert EVENT not in set(pg_store.load_catalogue().frames["events"]["id"])
    again = layers_cmd("edit", EVENT, "--remove", "--author", "cy", "--comment", "again")
    assert again.returncode == 1
    restored = layers_cmd("edit", EVENT, "--restore-version", "1", "--author", "cy",
                          "--comment", "not a duplicate")  # fmt: skip
    assert restored.returncode == 0, restored.stderr
    assert EVENT in set(pg_store.load_catalogue().frames["events"]["id"])
    lines = layers_cmd("history", EVENT).stdout
    assert "remove by cy" in lines and "restore by cy" in lines
    assert "removed: true → false" in lines


def test_imports_are_checked_and_listed_as_with_files(pg_store):
    saved = layers_cmd("import", str(TEMPLATE_CSV), "--author", "ann")
    assert saved.returncode == 0, saved.stderr
    twice = layers_cmd("import", str(TEMPLATE_CSV))
    assert twice.returncode == 1 and "already imported" in twice.stdout
    listed = layers_cmd("import", "--list")
    import_id = listed.stdout.split("\t")[0]
    assert "2 event(s)" in listed.stdout
    removed = layers_cmd("import", "--remove", import_id, "--author", "ann")
    assert removed.returncode == 0
    assert "no imports" in layers_cmd("import", "--list").stderr
    assert layers_cmd("import", str(TEMPLATE_CSV)).returncode == 0  # a removed import comes back


def test_unknown_event_and_missing_database_are_usage_errors(pg_url, monkeypatch):
    assert layers_cmd("history", "no-such-event").returncode == 2
    args = ("edit", "no-such-event", "--set", "name=x", "--author", "a", "--comment", "c")
    assert layers_cmd(*args).returncode == 2
    no_db = layers_cmd("db", "status", env={"BRIEFING_MAP_DATABASE_URL": ""})
    assert no_db.returncode == 2 and "no database" in no_db.stderr


def test_export_draws_the_database_with_its_edits(pg_store, tmp_path):
    edit = layers_cmd("edit", EVENT, "--set", "name=Edited for the export", "--author", "a",
                      "--comment", "c")  # fmt: skip
    assert edit.returncode == 0
    out = tmp_path / "map.html"
    done = layers_cmd("export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Edited for the export" in out.read_text(encoding="utf-8")


def test_brief_and_export_read_only_the_view_of_a_large_database(pg_store, monkeypatch):
    import argparse

    import layers.catalogue.db.remote as remote
    import layers.catalogue.db.store as db_store
    from layers.catalogue.problems import GeoDataError
    from layers.cli.options import load_frames
    from layers.view.view import BriefingView

    monkeypatch.setattr(db_store, "LARGE_EVENTS", 10)  # the shipped events count as large
    monkeypatch.setattr(remote, "FETCH_LIMIT", 12)
    args = argparse.Namespace(database=pg_store.url, data_dir=None)
    frames = load_frames(args, BriefingView(kinds=("joint_patrol",)))
    assert set(frames["events"]["kind"]) == {"joint_patrol"}
    assert len(frames["bases"]) == shipped_count("bases")
    with pytest.raises(GeoDataError, match="selects more than 12"):
        load_frames(args, BriefingView())
