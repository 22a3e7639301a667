"""The user data store: saving, listing, removing and loading imported events."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from store_fixtures import NO_CATALOGUE, TEMPLATE

from layers.catalogue import importer, store
from layers.catalogue.importer import StoreError, import_events, remove_import
from layers.catalogue.store import list_imports, load_user_events, read_user_events

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "import"


def collection(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def template_event(event_id: str = "my-event", **props) -> dict:
    feature = copy.deepcopy(json.loads(TEMPLATE.read_text())["features"][0])
    feature["properties"].update(id=event_id, **props)
    return feature


def as_bytes(obj) -> bytes:
    return json.dumps(obj).encode()


def save(data_dir, data: bytes, name: str = "events.geojson", **kwargs):
    return import_events(data, name=name, data_dir=data_dir, **{**NO_CATALOGUE, **kwargs})


def stored_files(data_dir) -> list[str]:
    folder = Path(data_dir) / "imports"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_template_is_saved_listed_and_loaded(tmp_path):
    result = save(tmp_path, TEMPLATE.read_bytes(), name="events_template.geojson")
    assert result.accepted and not result.dry_run
    assert (result.valid_count, result.rejected_count, result.errors) == (2, 0, ())
    [info] = list_imports(tmp_path)
    assert info.import_id == result.import_id
    assert (info.original_name, info.feature_count) == ("events_template.geojson", 2)
    frame = load_user_events(tmp_path, **NO_CATALOGUE)
    assert sorted(frame["id"]) == [
        "my-cn-ru-joint-air-patrol-2025-12-09",
        "my-us-jpn-b52-sea-of-japan-2025-12-10",
    ]
    assert set(frame["origin"]) == {"user"}
    assert set(frame["import_id"]) == {result.import_id}
    assert str(frame["start_date"].iloc[0].date()) in ("2025-12-09", "2025-12-10")


def test_dry_run_checks_everything_and_writes_nothing(tmp_path):
    result = save(tmp_path, TEMPLATE.read_bytes(), dry_run=True)
    assert result.accepted and result.dry_run and result.valid_count == 2
    assert [f["properties"]["id"] for f in result.features] == [
        "my-us-jpn-b52-sea-of-japan-2025-12-10",
        "my-cn-ru-joint-air-patrol-2025-12-09",
    ]  # what the app previews on the map before anything is saved
    assert not (tmp_path / "imports").exists()
    assert list_imports(tmp_path) == []


def test_all_or_nothing_saves_nothing_when_one_event_is_bad(tmp_path):
    data = as_bytes(collection(template_event("good"), template_event("bad", kind="dogfight")))
    result = save(tmp_path, data, keep_valid_only=False)
    assert not result.accepted and result.import_id is None
    assert (result.valid_count, result.rejected_count) == (1, 1)
    assert "'dogfight' is not a known kind" in str(result.errors[0])
    assert stored_files(tmp_path) == []


def test_keep_valid_saves_only_the_valid_events(tmp_path):
    data = as_bytes(collection(template_event("good"), template_event("bad", kind="dogfight")))
    result = save(tmp_path, data, keep_valid_only=True)
    assert result.accepted and (result.valid_count, result.rejected_count) == (1, 1)
    assert list(load_user_events(tmp_path, **NO_CATALOGUE)["id"]) == ["good"]


def test_event_id_of_the_catalogue_is_rejected(tmp_path):
    data = as_bytes(collection(template_event("taken-by-catalogue")))
    result = save(tmp_path, data, reserved_ids=frozenset({"taken-by-catalogue"}))
    assert not result.accepted
    assert "event id 'taken-by-catalogue' is already used by the catalogue" in str(result.errors[0])
    assert stored_files(tmp_path) == []


def test_event_id_of_another_import_is_rejected(tmp_path):
    first = save(tmp_path, as_bytes(collection(template_event("shared"))), name="a.geojson")
    second = save(
        tmp_path,
        as_bytes(collection(template_event("shared"), template_event("fresh"))),
        name="b.geojson",
        keep_valid_only=False,
    )
    assert first.accepted and not second.accepted
    assert f"already used by import '{first.import_id}'" in str(second.errors[0])
    assert [i.import_id for i in list_imports(tmp_path)] == [first.import_id]


def test_the_same_file_twice_is_rejected_the_second_time(tmp_path):
    data = TEMPLATE.read_bytes()
    assert save(tmp_path, data).accepted
    again = save(tmp_path, data)
    assert not again.accepted
    assert "this file was already imported" in str(again.errors[-1])
    assert len(list_imports(tmp_path)) == 1


def test_import_id_is_a_slug_of_the_name_never_a_path(tmp_path):
    result = save(tmp_path, TEMPLATE.read_bytes(), name="../../etc/My Events (v2).GeoJSON")
    assert result.import_id.startswith("my-events-v2-")
    assert stored_files(tmp_path) == [f"{result.import_id}.geojson"]
    assert list_imports(tmp_path)[0].original_name == "My Events (v2).GeoJSON"


def test_remove_import_deletes_it(tmp_path):
    result = save(tmp_path, TEMPLATE.read_bytes())
    remove_import(tmp_path, result.import_id)
    assert list_imports(tmp_path) == []
    assert stored_files(tmp_path) == []


@pytest.mark.parametrize("import_id", ["no-such-import", "../escape", "a/b", ""])
def test_remove_unknown_or_path_like_id_is_refused(tmp_path, import_id):
    save(tmp_path, TEMPLATE.read_bytes())
    with pytest.raises(StoreError):
        remove_import(tmp_path, import_id)
    assert len(list_imports(tmp_path)) == 1


def test_data_dir_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "from-env"))
    assert store.resolve_data_dir() == (tmp_path / "from-env").resolve()
    assert store.resolve_data_dir(tmp_path / "given") == (tmp_path / "given").resolve()
    monkeypatch.delenv(store.ENV_VAR)
    assert store.resolve_data_dir() == REPO / "userdata"


def test_unsupported_file_type_is_rejected(tmp_path):
    result = save(tmp_path, b"id,name\n", name="events.xlsx")
    assert not result.accepted
    assert "cannot import '.xlsx' files" in str(result.errors[0])


def test_file_without_events_is_rejected(tmp_path):
    result = save(tmp_path, as_bytes(collection()))
    assert not result.accepted and "the file has no events" in str(result.errors[0])


@pytest.mark.parametrize(
    "garbage",
    [b"", b"{not json", b'{"type": "FeatureCollection", "features": [{"type": "Fea'],
    ids=["empty", "not-json", "torn"],
)
def test_unreadable_store_file_is_reported_and_the_rest_kept(tmp_path, garbage):
    good = save(tmp_path, TEMPLATE.read_bytes())
    (tmp_path / "imports" / "broken-0000.geojson").write_bytes(garbage)
    found = read_user_events(tmp_path, **NO_CATALOGUE)
    assert [i.import_id for i in found.imports] == [good.import_id]
    assert len(found.features) == 2
    [problem] = found.problems
    assert "imports/broken-0000.geojson" in str(problem)
    assert "stored import cannot be read" in str(problem)
    assert "--remove broken-0000" in problem.hint
    with pytest.warns(UserWarning, match="broken-0000"):
        frame = load_user_events(tmp_path, **NO_CATALOGUE)
    assert len(frame) == 2
    reported = []
    load_user_events(tmp_path, on_problem=reported.append, **NO_CATALOGUE)
    assert reported == [problem]


def test_import_removed_while_the_store_is_read_is_left_out_without_a_problem(
    tmp_path, monkeypatch
):
    # Another session removes an import between the folder listing and the read.
    kept = save(tmp_path, TEMPLATE.read_bytes())
    gone = save(tmp_path, as_bytes(collection(template_event("gone-event"))), name="gone.geojson")
    gone_path = tmp_path / "imports" / f"{gone.import_id}.geojson"
    real_read = Path.read_bytes

    def read_after_removal(path):
        if path == gone_path:
            remove_import(tmp_path, gone.import_id)
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_after_removal)
    found = read_user_events(tmp_path, **NO_CATALOGUE)
    assert [i.import_id for i in found.imports] == [kept.import_id]
    assert found.problems == ()


def test_dangling_link_in_the_store_is_reported(tmp_path):
    save(tmp_path, TEMPLATE.read_bytes())
    (tmp_path / "imports" / "linked-0000.geojson").symlink_to(tmp_path / "nowhere.geojson")
    [problem] = read_user_events(tmp_path, **NO_CATALOGUE).problems
    assert "imports/linked-0000.geojson" in str(problem)
    assert "FileNotFoundError" in str(problem)


def test_store_file_whose_count_disagrees_with_its_header_is_reported(tmp_path):
    result = save(tmp_path, TEMPLATE.read_bytes())
    path = tmp_path / "imports" / f"{result.import_id}.geojson"
    body = json.loads(path.read_text())
    body["features"].pop()
    path.write_text(json.dumps(body))
    found = read_user_events(tmp_path, **NO_CATALOGUE)
    assert found.imports == () and found.features == ()
    assert "do not match its header" in str(found.problems[0])


def test_stored_event_whose_base_left_the_catalogue_is_reported(tmp_path):
    data = as_bytes(collection(template_event("staged", staging_base="gone-base")))
    assert save(tmp_path, data, base_ids=frozenset({"gone-base"})).accepted
    found = read_user_events(tmp_path, base_ids=frozenset(), reserved_ids=frozenset())
    assert found.features == ()
    assert "'gone-base' is not the id of any feature in bases" in str(found.problems[0])


def test_event_id_in_two_imports_is_kept_once_and_reported(tmp_path):
    first = save(tmp_path, as_bytes(collection(template_event("twice"))), name="a.geojson")
    # a hand-copied store file: the same event under a second import id
    src = tmp_path / "imports" / f"{first.import_id}.geojson"
    (tmp_path / "imports" / "zz-copy-1234.geojson").write_bytes(src.read_bytes())
    found = read_user_events(tmp_path, **NO_CATALOGUE)
    assert [f["properties"]["import_id"] for f in found.features] == [first.import_id]
    assert "is also used by import" in str(found.problems[0])


def test_user_event_clashing_with_the_catalogue_is_left_out_at_load(tmp_path):
    save(tmp_path, as_bytes(collection(template_event("later-in-catalogue"))))
    with pytest.warns(UserWarning, match="also used by the catalogue"):
        frame = load_user_events(
            tmp_path, base_ids=frozenset(), reserved_ids=frozenset({"later-in-catalogue"})
        )
    assert frame.empty


def test_stray_temporary_file_is_ignored_then_cleaned_by_the_next_save(tmp_path):
    save(tmp_path, as_bytes(collection(template_event("one"))), name="a.geojson")
    stray = tmp_path / "imports" / ".b-12345678.geojson.abcd.tmp"
    stray.write_bytes(b'{"type": "Feature')  # what a killed writer leaves
    assert read_user_events(tmp_path, **NO_CATALOGUE).problems == ()
    save(tmp_path, as_bytes(collection(template_event("two"))), name="b.geojson")
    assert not stray.exists()
    assert len(list_imports(tmp_path)) == 2


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "data.json"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        importer.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]


def test_saved_file_is_readable_by_others_as_umask_allows(tmp_path):
    previous = os.umask(0o022)
    try:
        importer.write_atomic(tmp_path / "f.json", b"{}")
    finally:
        os.umask(previous)
    assert (tmp_path / "f.json").stat().st_mode & 0o777 == 0o644


def test_busy_store_gives_a_clear_message(tmp_path, monkeypatch):
    import filelock

    monkeypatch.setattr(importer, "LOCK_TIMEOUT_S", 0.05)
    with filelock.FileLock(str(tmp_path / ".lock")), pytest.raises(StoreError, match="try again"):
        save(tmp_path, TEMPLATE.read_bytes())


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("not_json.geojson", "not JSON"),
        ("not_feature_collection.geojson", "top level is a Feature, not a FeatureCollection"),
        ("wrong_geometry_type.geojson", "geometry type 'MultiPoint' is not allowed"),
        ("lon_out_of_range.geojson", "longitude 234.5 is outside -180..180"),
        ("lat_out_of_range.geojson", "latitude 99.5 is outside -90..90"),
        ("swapped_lon_lat.geojson", "latitude 134.5 is outside -90..90"),
        ("nan_coordinate.geojson", "nan is not a finite number"),
        ("unclosed_ring.geojson", "ring is not closed"),
        ("bad_crs.geojson", "crs 'EPSG:99999' is not a CRS pyproj knows"),
        ("missing_field.geojson", "field 'summary': required field is missing"),
        ("unknown_kind.geojson", "'dogfight' is not a known kind"),
        ("bad_date.geojson", "'10 Dec 2025' is not a date"),
        ("end_before_start.geojson", "end '2025-12-10' is before start '2025-12-11'"),
        ("duplicate_ids.geojson", "duplicate id 'my-us-jpn-b52-sea-of-japan-2025-12-10'"),
        ("unknown_staging_base.geojson", "'no-such-base' is not the id of any feature in bases"),
        ("source_without_title.geojson", "field 'sources[0].title': required field is missing"),
        ("source_without_url.geojson", "field 'sources[0].url': required field is missing"),
        ("non_utf8.geojson", "bytes are not UTF-8"),
        ("text_too_long.geojson", "text is 5,001 characters; the limit is 5,000"),
        ("one_good_one_bad.geojson", "'dogfight' is not a known kind"),
    ],
)
def test_bad_geojson_gives_its_message_and_nothing_is_saved(tmp_path, filename, expected):
    result = save(tmp_path, (CORPUS / filename).read_bytes(), name=filename, keep_valid_only=False)
    assert not result.accepted
    assert any(expected in str(p) for p in result.errors), [str(p) for p in result.problems]
    assert all(str(p).startswith(filename) for p in result.problems)
    assert stored_files(tmp_path) == []


def test_oversize_geojson_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr("layers.catalogue.schema.MAX_FILE_BYTES", 1000)
    data = b" " * 1001 + TEMPLATE.read_bytes()
    result = save(tmp_path, data)
    assert not result.accepted
    assert f"file is {len(data):,} bytes; the limit is 1,000 bytes" in str(result.errors[0])
    assert stored_files(tmp_path) == []


def test_too_many_features_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("layers.catalogue.schema.MAX_FEATURES", 1)
    data = as_bytes(collection(template_event("a"), template_event("b")))
    result = save(tmp_path, data)
    assert not result.accepted
    assert "2 features; the limit is 1 per file" in str(result.errors[0])


def test_user_events_join_the_shipped_catalogue_marked_as_user_data(tmp_path):
    from layers.catalogue.load import load_catalogue

    # no ids given: checked against the shipped catalogue's bases and events
    result = import_events(TEMPLATE.read_bytes(), name="mine.geojson", data_dir=tmp_path)
    assert result.accepted, [str(p) for p in result.problems]
    events = load_catalogue(extra_events=[load_user_events(tmp_path)])["events"]
    assert sorted(events.loc[events["origin"] == "user", "id"]) == [
        "my-cn-ru-joint-air-patrol-2025-12-09",
        "my-us-jpn-b52-sea-of-japan-2025-12-10",
    ]
    assert (events["origin"] == "catalogue").sum() > 2


def test_shipped_catalogue_event_id_is_refused_by_default(tmp_path):
    shipped = json.loads((REPO / "geodata" / "events.geojson").read_text())
    taken = shipped["features"][0]["properties"]["id"]
    data = as_bytes(collection(template_event(taken)))
    result = import_events(data, name="mine.geojson", data_dir=tmp_path)
    assert not result.accepted
    assert f"event id '{taken}' is already used by the catalogue" in str(result.errors[0])
