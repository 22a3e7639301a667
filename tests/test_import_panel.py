"""The "Import data" tab through AppTest: upload, check, preview, save or not, remove.

The harness (``tests/data/ui_apps/import_app.py``) draws the tab over the catalogue
plus a temporary store and prints "user events: N", what every other view loads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hostile_inputs import deep_json, huge_number_json
from streamlit.testing.v1 import AppTest

from layers.catalogue.schema import MAX_PROBLEMS
from layers.catalogue.store import read_user_events

REPO = Path(__file__).resolve().parent.parent
HARNESS = str(REPO / "tests" / "data" / "ui_apps" / "import_app.py")
CORPUS = REPO / "tests" / "data" / "import"
TEMPLATE = REPO / "docs" / "templates" / "events_template.geojson"
CSV_TEMPLATE = REPO / "docs" / "templates" / "events_template.csv"

BAD_FILES = [
    ("not_json.geojson", "not JSON"),
    ("not_feature_collection.geojson", "top level is a Feature, not a FeatureCollection"),
    ("wrong_geometry_type.geojson", "geometry type 'MultiPoint' is not allowed"),
    ("lon_out_of_range.geojson", "longitude 234.5 is outside -180..180"),
    ("swapped_lon_lat.geojson", "latitude 134.5 is outside -90..90"),
    ("nan_coordinate.geojson", "nan is not a finite number"),
    ("unclosed_ring.geojson", "ring is not closed"),
    ("bad_crs.geojson", "crs 'EPSG:99999' is not a CRS pyproj knows"),
    ("missing_field.geojson", "required field is missing"),
    ("unknown_kind.geojson", "'dogfight' is not a known kind"),
    ("bad_date.geojson", "'10 Dec 2025' is not a date"),
    ("end_before_start.geojson", "end '2025-12-10' is before start '2025-12-11'"),
    ("duplicate_ids.geojson", "duplicate id 'my-us-jpn-b52-sea-of-japan-2025-12-10'"),
    ("unknown_staging_base.geojson", "'no-such-base' is not the id of any feature in bases"),
    ("non_utf8.geojson", "bytes are not UTF-8"),
    ("text_too_long.geojson", "text is 5,001 characters; the limit is 5,000"),
    ("empty.csv", "the file is empty"),
    ("header_only.csv", "the file has a header but no data rows"),
    ("semicolon_separated.csv", "looks ';'-separated; columns must be separated by commas"),
    ("excel_serial_date.csv", "looks like an Excel serial date number"),
    ("swapped_lat_lon.csv", "latitude and longitude look swapped"),
    ("dms_lat_lon.csv", "latitude '39°30'N' is not a decimal number"),
    ("decimal_comma.csv", "latitude '39,5' is not a decimal number"),
    ("bad_wkt.csv", "wkt 'POINT (134.5)' is not valid WKT"),
    ("non_utf8.csv", "the file is not UTF-8 text"),
]


@pytest.fixture
def app(store) -> AppTest:
    at = AppTest.from_file(HARNESS, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    (uploader,) = at.file_uploader
    uploader.set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def saved_names(at: AppTest) -> list[str]:
    """The files listed in the *Saved imports* table."""
    tables = [d.value for d in at.dataframe if "Import id" in d.value.columns]
    return list(tables[0]["File"]) if tables else []


def user_events(at: AppTest) -> int:
    (line,) = [t for t in texts(at) if t.startswith("user events: ")]
    return int(line.split(": ")[1])


def problems(at: AppTest):
    tables = [df.value for df in at.dataframe if "What is wrong" in df.value.columns]
    assert tables, "no problems table"
    return tables[0]


def stored_files(store: Path) -> list[str]:
    return sorted(p.name for p in (store / "imports").glob("*.geojson"))


def preview_srcdoc(at: AppTest) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def test_tab_shows_where_the_data_is_kept(app, store):
    assert str(store.resolve()) in [c.value for c in app.code]
    assert any("No saved imports" in i.value for i in app.info)


def test_valid_file_is_previewed_offline_then_saved_and_loaded(app, store):
    upload(app, "my events.geojson", TEMPLATE.read_bytes())
    assert any("2 valid events" in m.value for m in app.markdown)
    html = preview_srcdoc(app)
    assert "bm-layer-events" in html or "FeatureLayer" in html or "events" in html
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert urls and all(not urlsplit(u).netloc and u.startswith("/app/static/") for u in urls)
    assert "tile.openstreetmap.org" not in html  # no online basemap to switch to
    assert stored_files(store) == []  # nothing saved by looking
    app.button(key="import_save").click().run()
    assert not app.exception
    assert len(stored_files(store)) == 1
    assert user_events(app) == 2  # the app reloaded the store: every view has them
    assert any("Saved 2 event" in s.value for s in app.success)
    assert saved_names(app) == ["my events.geojson"]  # listed under the saved imports
    assert not app.file_uploader[0].value  # the uploader is empty again


@pytest.mark.parametrize(("filename", "expected"), BAD_FILES)
def test_bad_file_gives_its_message_and_nothing_is_saved(app, store, filename, expected):
    upload(app, filename, (CORPUS / filename).read_bytes())
    table = problems(app)
    messages = list(table["What is wrong"])
    assert any(expected in m for m in messages), messages
    verdict = next(m.value for m in app.markdown if "saved" in m.value or "valid" in m.value)
    if app.button(key="import_save").disabled:  # the whole file is unusable
        assert "Nothing in this file can be saved" in verdict
    else:  # a template row is still good: saving it stays a choice
        assert "rejected (not saved" in verdict
    assert not (store / "imports").exists() or stored_files(store) == []
    assert user_events(app) == 0


def test_csv_problems_name_the_line(app):
    rows = CSV_TEMPLATE.read_text(encoding="utf-8").splitlines()
    bad = rows[1].replace("bilateral_exercise", "dogfight", 1)
    assert bad != rows[1]
    upload(app, "events.csv", "\n".join([rows[0], rows[2], bad]).encode())
    table = problems(app)
    assert table.columns[0] == "Line"
    row = table[table["What is wrong"].str.contains("'dogfight' is not a known kind")]
    assert list(row["Line"]) == ["3"]
    assert list(row["Field"]) == ["kind"]
    assert row["How to fix"].iloc[0]  # a hint how to fix it


def test_valid_part_can_be_saved_and_the_rest_is_listed(app, store):
    upload(app, "one_good_one_bad.geojson", (CORPUS / "one_good_one_bad.geojson").read_bytes())
    assert "'dogfight' is not a known kind" in " ".join(problems(app)["What is wrong"])
    save = app.button(key="import_save")
    assert save.label == "Save the 1 valid event" and not save.disabled
    save.click().run()
    assert not app.exception
    saved = read_user_events(store, validate=False)
    assert [f["properties"]["id"] for f in saved.features] == ["my-second-event"]
    assert user_events(app) == 1


def test_save_nothing_saves_nothing_and_clears_the_upload(app, store):
    upload(app, "events.geojson", TEMPLATE.read_bytes())
    app.button(key="import_discard").click().run()
    assert not app.exception
    assert stored_files(store) == []
    assert any("Nothing was saved" in i.value for i in app.info)
    assert not app.file_uploader[0].value
    assert "events.geojson" not in texts(app) and saved_names(app) == []


def test_the_same_file_twice_is_refused(app, store):
    upload(app, "events.geojson", TEMPLATE.read_bytes())
    app.button(key="import_save").click().run()
    upload(app, "events.geojson", TEMPLATE.read_bytes())
    assert any("already imported" in m for m in problems(app)["What is wrong"])
    assert app.button(key="import_save").disabled
    assert len(stored_files(store)) == 1


def choose_for_removal(app, import_id: str):
    """Choose ``import_id`` in the removal box, then press *Remove* (which only asks)."""
    app.selectbox(key="import_remove_choice").set_value(import_id).run()
    assert not app.exception, app.exception
    app.button(key="import_remove").click().run()


def test_remove_deletes_the_import_everywhere(app, store):
    upload(app, "events.geojson", TEMPLATE.read_bytes())
    app.button(key="import_save").click().run()
    (import_id,) = [Path(n).stem for n in stored_files(store)]
    assert user_events(app) == 2
    assert app.button(key="import_remove").disabled  # nothing chosen yet
    choose_for_removal(app, import_id)
    # Remove asks first, naming the file: nothing is deleted until the user says yes.
    asked = [w.value.replace("\\", "") for w in app.warning if "cannot be undone" in w.value]
    assert len(asked) == 1 and "Remove events.geojson and every event" in asked[0]
    assert len(stored_files(store)) == 1 and user_events(app) == 2
    app.button(key="import_cancel").click().run()
    assert len(stored_files(store)) == 1
    assert not any("cannot be undone" in w.value for w in app.warning)
    app.button(key="import_remove").click().run()
    app.button(key="import_confirm").click().run()
    assert not app.exception
    assert stored_files(store) == []
    assert user_events(app) == 0
    assert any(
        "Removed the import of events.geojson" in s.value.replace("\\", "") for s in app.success
    )
    assert any("No saved imports" in i.value for i in app.info)


def test_the_question_names_the_import_chosen_not_a_row(app, store):
    """Two imports: the question and the removal follow the id chosen, whatever the order."""
    upload(app, "events.geojson", TEMPLATE.read_bytes())
    app.button(key="import_save").click().run()
    fc = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    for f in fc["features"]:
        f["properties"]["id"] += "-second"
    upload(app, "second.geojson", json.dumps(fc).encode())
    app.button(key="import_save").click().run()
    ids = {json.loads((store / "imports" / n).read_text())["features"][0]["properties"]["id"]:
           Path(n).stem
           for n in stored_files(store)}  # fmt: skip
    second = next(stem for event, stem in ids.items() if event.endswith("-second"))
    choose_for_removal(app, second)
    assert any("second.geojson" in w.value.replace("\\", "") for w in app.warning)
    # Choosing another import while the question is open withdraws the question.
    first = next(stem for stem in ids.values() if stem != second)
    app.selectbox(key="import_remove_choice").set_value(first).run()
    assert not any("cannot be undone" in w.value for w in app.warning)
    app.selectbox(key="import_remove_choice").set_value(second).run()
    app.button(key="import_remove").click().run()
    app.button(key="import_confirm").click().run()
    assert [Path(n).stem for n in stored_files(store)] == [first]
    # The removed import is no longer a choice, and nothing stays chosen.
    box = app.selectbox(key="import_remove_choice")
    assert not any("second.geojson" in text for text in box.options) and box.value is None
    assert saved_names(app) == ["events.geojson"]


def test_damaged_store_file_is_reported_and_can_be_removed(app, store):
    (store / "imports").mkdir(parents=True)
    (store / "imports" / "broken-0000.geojson").write_bytes(b'{"type": "FeatureColl')
    app.run()
    assert not app.exception
    assert any("problem(s) in the saved data" in w.value for w in app.warning)
    assert any("cannot be read" in m for m in problems(app)["What is wrong"])
    choose_for_removal(app, "broken-0000")
    assert stored_files(store) != []  # asked first
    app.button(key="import_confirm").click().run()
    assert not app.exception
    assert stored_files(store) == []


def test_oversize_file_is_refused(app, store, monkeypatch):
    monkeypatch.setattr("layers.catalogue.schema.MAX_FILE_BYTES", 1000)
    upload(app, "big.geojson", b" " * 1001 + TEMPLATE.read_bytes())
    assert any("the limit is 1,000 bytes" in m for m in problems(app)["What is wrong"])
    assert not (store / "imports").exists() or stored_files(store) == []


def test_text_from_the_file_is_shown_as_text(app, store):
    fc = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    fc["features"] = fc["features"][:1]
    fc["features"][0]["properties"]["kind"] = "<img src=x onerror=alert(1)>"
    name = "**bold** <img src=x onerror=alert(2)>.geojson"
    upload(app, name, json.dumps(fc).encode())
    assert name in texts(app)  # st.text: never Markdown or HTML
    messages = " ".join(problems(app)["What is wrong"])
    assert "<img src=x onerror=alert(1)>" in messages  # a table cell: plain text
    assert not any("<img" in m.value for m in app.markdown)


def test_a_file_of_bad_rows_lists_the_first_problems_only(app, store, bad_rows_csv):
    upload(app, "bad_rows.csv", bad_rows_csv.read_bytes())
    messages = list(problems(app)["What is wrong"])
    assert len(messages) == MAX_PROBLEMS + 1
    assert "checking stopped after 1,000 problems" in messages[-1]
    assert user_events(app) == 0 and stored_files(store) == []


@pytest.mark.parametrize("payload", [deep_json(), huge_number_json()], ids=["deep", "number"])
def test_malformed_json_gets_a_message_not_a_traceback(app, store, payload):
    upload(app, "events.geojson", payload)
    (message,) = problems(app)["What is wrong"]
    assert "nested too deeply" in message or "cannot be read" in message
    assert stored_files(store) == []


def test_uploader_accepts_only_event_file_types(app):
    (uploader,) = app.file_uploader
    assert {t.lstrip(".") for t in uploader.allowed_type} == {"geojson", "json", "csv"}


def test_preview_map_draws_at_most_the_cap(monkeypatch):
    from layers.map import preview

    features = json.loads(TEMPLATE.read_text(encoding="utf-8"))["features"]
    first, second = (f["properties"]["name"] for f in features)
    html = preview.preview_html(features)
    assert first in html and second in html
    monkeypatch.setattr(preview, "PREVIEW_MAX_FEATURES", 1)
    html = preview.preview_html(features)
    assert first in html and second not in html


def test_problems_table_locates_each_problem():
    from layers.catalogue.csv_import import CsvProblem
    from layers.catalogue.problems import Problem, problems_table

    problems = [
        Problem("f.csv", None, None, None, "the file is odd", "fix it"),
        CsvProblem("f.csv", 3, "e1", "kind", "'x' is not a known kind", "one of: ...", "error"),
    ]
    table = problems_table(problems, csv=True)
    assert list(table.columns) == [
        "Line", "Severity", "Event id", "Field", "What is wrong", "How to fix"
    ]  # fmt: skip
    assert table.to_dict("records")[1] == {
        "Line": "3",
        "Severity": "error",
        "Event id": "e1",
        "Field": "kind",
        "What is wrong": "'x' is not a known kind",
        "How to fix": "one of: ...",
    }
    assert table["Line"][0] == ""  # the whole file
    assert problems_table(problems).columns[0] == "Feature"
