"""CSV of events: the documented format, and a clear message for each common mistake."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from layers.catalogue.csv_import import CsvProblem, parse_events_csv
from layers.catalogue.importer import import_events

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "docs" / "templates"
CORPUS = REPO / "tests" / "data" / "import"
TEMPLATE_CSV = (TEMPLATES / "events_template.csv").read_text(encoding="utf-8")
NO_BASES = frozenset()


def parse(text: str | bytes, name: str = "events.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_events_csv(data, name=name, base_ids=NO_BASES)


def template_rows() -> list[dict]:
    return list(csv.DictReader(io.StringIO(TEMPLATE_CSV)))


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def one_row(**changes) -> str:
    row = {**template_rows()[0], **changes}
    return to_csv([row])


def test_template_csv_and_geojson_describe_the_same_events():
    fc, problems = parse(TEMPLATE_CSV)
    assert problems == []
    geojson = json.loads((TEMPLATES / "events_template.geojson").read_text(encoding="utf-8"))
    assert fc["features"] == geojson["features"]


def test_row_becomes_a_feature_with_lists_aircraft_and_sources():
    fc, _ = parse(TEMPLATE_CSV)
    props = fc["features"][0]["properties"]
    assert props["participants"] == ["USA", "JPN"]
    assert props["aircraft"][0] == {"type": "B-52H", "count": 2, "operator": "USAF"}
    assert [s["publisher"] for s in props["sources"]] == [
        "Jiji Press via nippon.com",
        "project research",
    ]
    assert props["sources"][1]["url"] == "docs/research/FACTS.md#5-dated-events-20242026"
    assert "published" not in props["sources"][1]  # an empty item is left out, not ""
    assert "staging_base" not in props  # an empty optional cell is absent
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [134.5, 39.5]}


def test_aircraft_without_a_count_is_null():
    fc, problems = parse(one_row(aircraft="F-2::JASDF"))
    assert problems == []
    assert fc["features"][0]["properties"]["aircraft"] == [
        {"type": "F-2", "count": None, "operator": "JASDF"}
    ]


def test_wkt_gives_the_geometry_in_longitude_latitude_order():
    fc, problems = parse(one_row(latitude="", longitude="", wkt="LINESTRING (130 30, 131 31)"))
    assert problems == []
    assert fc["features"][0]["geometry"] == {
        "type": "LineString",
        "coordinates": [[130.0, 30.0], [131.0, 31.0]],
    }


def test_line_numbers_count_the_header_and_quoted_newlines():
    rows = template_rows()
    rows[0]["summary"] = "first line\nsecond line\nthird line"
    rows[1]["kind"] = "dogfight"
    _, problems = parse(to_csv(rows))
    [problem] = problems
    assert isinstance(problem, CsvProblem) and problem.index == 5  # header 1, row 2-4, row 5
    assert str(problem).startswith("events.csv: line 5 (id 'my-cn-ru-joint-air-patrol")


def test_one_bad_row_does_not_hide_another_and_good_rows_are_kept():
    rows = template_rows()
    rows[0]["start"] = "45999"
    extra = {**rows[1], "id": "my-third", "latitude": "134", "longitude": "39", "wkt": ""}
    fc, problems = parse(to_csv([*rows, extra]))
    assert [f["properties"]["id"] for f in fc["features"]] == [rows[1]["id"]]
    assert [p.index for p in problems] == [2, 4]


def test_field_explained_by_the_csv_reader_is_not_reported_twice():
    _, problems = parse(one_row(start="12/31/2025"))
    assert [p.field for p in problems] == ["start"]


def test_unknown_column_is_a_warning_that_suggests_the_right_name():
    text = TEMPLATE_CSV.replace(",notes,", ",nots,", 1)
    fc, problems = parse(text)
    [warning] = problems
    assert warning.severity == "warning"
    assert "unknown column 'nots'" in str(warning) and "did you mean 'notes'?" in str(warning)
    assert len(fc["features"]) == 2


def test_header_names_are_trimmed_and_case_insensitive():
    header, rest = TEMPLATE_CSV.split("\n", 1)
    fc, problems = parse(header.upper().replace(",", " , ") + "\n" + rest)
    assert problems == [] and len(fc["features"]) == 2


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("empty.csv", "the file is empty"),
        ("header_only.csv", "the file has a header but no data rows"),
        ("missing_columns.csv", "missing column(s): time_precision, summary"),
        ("semicolon_separated.csv", "looks ';'-separated; columns must be separated by commas"),
        (
            "excel_serial_date.csv",
            "start '45999' looks like an Excel serial date number (probably 2025-12-08)",
        ),
        ("excel_slash_date.csv", "start '12/31/2025' is not an ISO 8601 date"),
        ("swapped_lat_lon.csv", "latitude and longitude look swapped"),
        ("dms_lat_lon.csv", "latitude '39°30'N' is not a decimal number"),
        ("nan_latitude.csv", "latitude 'nan' is not a finite number"),
        ("decimal_comma.csv", "latitude '39,5' is not a decimal number"),
        ("bad_wkt.csv", "wkt 'POINT (134.5)' is not valid WKT"),
        ("bad_aircraft.csv", "aircraft item 'B-52 x2 USAF' is not type:count:operator"),
        ("source_count_mismatch.csv", "source_url has 1 item(s) but source_title has 2"),
        ("non_utf8.csv", "the file is not UTF-8 text"),
        ("unknown_kind.csv", "'dogfight' is not a known kind"),
        ("too_many_values.csv", "28 values but the header has 27 columns"),
    ],
)
def test_bad_csv_gives_its_message_and_nothing_is_saved(tmp_path, filename, expected):
    result = import_events(
        (CORPUS / filename).read_bytes(),
        name=filename,
        data_dir=tmp_path,
        base_ids=NO_BASES,
        reserved_ids=frozenset(),
        keep_valid_only=False,
    )
    assert not result.accepted
    assert any(expected in str(p) for p in result.errors), [str(p) for p in result.problems]
    assert not (tmp_path / "imports").exists()


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("39°30'N", "e.g. 39.5"),
        ("39 30 N", "e.g. 39.5"),
        ("33°11'30\"S", "e.g. -33.1917"),
        ("39,5", "use a dot as the decimal separator: 39.5"),
        ("134°30'E", "e.g. 134.5"),
        ("W 122.5", "e.g. -122.5"),
        ("north", "give decimal degrees"),
    ],
)
def test_coordinate_text_gets_a_decimal_suggestion(value, hint):
    _, problems = parse(one_row(latitude=value))
    [problem] = problems
    assert hint in problem.hint


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("31/12/2025", "e.g. 2025-12-31"),
        ("2025/12/31", "e.g. 2025-12-31"),
        ("03/04/2025", "ambiguous"),
    ],
)
def test_spreadsheet_dates_get_an_iso_suggestion(value, hint):
    _, problems = parse(one_row(start=value, end=value))
    assert hint in problems[0].hint


@pytest.mark.parametrize("filename", ["good_bom_crlf.csv", "good_quoted_newline.csv"])
def test_bom_crlf_and_quoted_newlines_are_accepted(filename):
    fc, problems = parse((CORPUS / filename).read_bytes(), name=filename)
    assert problems == [] and len(fc["features"]) == 2


def test_quoted_newline_is_kept_in_the_value():
    fc, _ = parse((CORPUS / "good_quoted_newline.csv").read_bytes())
    assert fc["features"][0]["properties"]["summary"] == "First line,\nsecond line."


def test_huge_file_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr("layers.catalogue.schema.MAX_FILE_BYTES", 10_000)
    rows = template_rows()
    big = [{**rows[0], "id": f"my-event-{i}"} for i in range(50)]
    data = to_csv(big).encode()
    assert len(data) > 10_000
    fc, [problem] = parse(data)
    assert fc["features"] == []
    assert f"file is {len(data):,} bytes; the limit is 10,000 bytes" in str(problem)


def test_too_many_rows_is_refused(monkeypatch):
    monkeypatch.setattr("layers.catalogue.schema.MAX_FEATURES", 2)
    rows = template_rows()
    fc, problems = parse(to_csv([*rows, {**rows[0], "id": "my-third"}]))
    assert fc["features"] == []
    assert "more than 2 rows" in str(problems[-1])


def test_overlong_text_is_refused_with_its_length():
    _, problems = parse(one_row(summary="x" * 5001))
    assert "text is 5,001 characters; the limit is 5,000" in str(problems[0])


def test_a_very_long_cell_is_a_message_not_a_crash():
    fc, problems = parse(one_row(notes="y" * 200_000))
    assert fc["features"] == []
    assert problems and all(p.severity == "error" for p in problems)
