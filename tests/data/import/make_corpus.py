"""Regenerate the import corpus: ``.venv/bin/python tests/data/import/make_corpus.py``.

Every bad file is the good template event with one fault, so each file tests exactly
one message. The files are committed; this script documents how each was made.
Large files (oversize, too many rows) are built inside the tests instead.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parents[2] / "docs" / "templates"
GOOD = json.loads((TEMPLATES / "events_template.geojson").read_text(encoding="utf-8"))
EVENT = GOOD["features"][0]
CSV_TEXT = (TEMPLATES / "events_template.csv").read_text(encoding="utf-8")


def event(**props) -> dict:
    """The template's first event with ``props`` replaced (None deletes the property)."""
    feature = copy.deepcopy(EVENT)
    for key, value in props.items():
        if value is None:
            feature["properties"].pop(key, None)
        else:
            feature["properties"][key] = value
    return feature


def collection(*features, **members) -> dict:
    return {"type": "FeatureCollection", **members, "features": list(features)}


def at(coordinates, kind="Point") -> dict:
    feature = event()
    feature["geometry"] = {"type": kind, "coordinates": coordinates}
    return feature


def dump(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=1, allow_nan=True).encode("utf-8")


def geojson_corpus() -> dict[str, bytes]:
    ring = [[130.0, 30.0], [131.0, 30.0], [131.0, 31.0], [130.0, 31.0]]  # not closed
    other = event(id="my-second-event")
    return {
        "not_json.geojson": b'{"type": "FeatureCollection", "features": [',
        "not_feature_collection.geojson": dump(EVENT),
        "wrong_geometry_type.geojson": dump(collection(at([[134.5, 39.5]], "MultiPoint"))),
        "lon_out_of_range.geojson": dump(collection(at([234.5, 39.5]))),
        "lat_out_of_range.geojson": dump(collection(at([134.5, 99.5]))),
        "swapped_lon_lat.geojson": dump(collection(at([39.5, 134.5]))),
        "nan_coordinate.geojson": dump(collection(at([float("nan"), 39.5]))),
        "unclosed_ring.geojson": dump(collection(at([ring], "Polygon"))),
        "bad_crs.geojson": dump(
            collection(EVENT, crs={"type": "name", "properties": {"name": "EPSG:99999"}})
        ),
        "missing_field.geojson": dump(collection(event(summary=None))),
        "unknown_kind.geojson": dump(collection(event(kind="dogfight"))),
        "bad_date.geojson": dump(collection(event(start="10 Dec 2025"))),
        "end_before_start.geojson": dump(collection(event(start="2025-12-11"))),
        "duplicate_ids.geojson": dump(collection(EVENT, copy.deepcopy(EVENT))),
        "unknown_staging_base.geojson": dump(collection(event(staging_base="no-such-base"))),
        "source_without_title.geojson": dump(
            collection(event(sources=[{"publisher": "p", "url": "https://example.org/a"}]))
        ),
        "source_without_url.geojson": dump(
            collection(event(sources=[{"title": "t", "publisher": "p"}]))
        ),
        "non_utf8.geojson": dump(collection(event(name="Sea of Japan — flight"))).replace(
            "—".encode(), "—".encode("cp1252")
        ),
        "text_too_long.geojson": dump(collection(event(summary="x" * 5001))),
        "one_good_one_bad.geojson": dump(collection(other, event(kind="dogfight"))),
    }


def rows(**changes) -> list[dict]:
    """The template CSV's rows, the first with ``changes`` applied."""
    table = list(csv.DictReader(io.StringIO(CSV_TEXT)))
    table[0].update(changes)
    return table


def to_csv(table: list[dict], delimiter: str = ",", drop: tuple[str, ...] = ()) -> bytes:
    out = io.StringIO()
    fields = [f for f in table[0] if f not in drop]
    writer = csv.DictWriter(out, fields, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue().encode("utf-8")


def csv_corpus() -> dict[str, bytes]:
    header = CSV_TEXT.splitlines()[0]
    return {
        "empty.csv": b"",
        "header_only.csv": (header + "\n").encode(),
        "missing_columns.csv": to_csv(rows(), drop=("summary", "time_precision")),
        "semicolon_separated.csv": to_csv(rows(), delimiter=";"),
        "excel_serial_date.csv": to_csv(rows(start="45999", end="45999")),
        "excel_slash_date.csv": to_csv(rows(start="12/31/2025", end="12/31/2025")),
        "swapped_lat_lon.csv": to_csv(rows(latitude="134.5", longitude="39.5")),
        "dms_lat_lon.csv": to_csv(rows(latitude="39°30'N", longitude="134°30'E")),
        "nan_latitude.csv": to_csv(rows(latitude="nan")),
        "decimal_comma.csv": to_csv(rows(latitude="39,5")),
        "bad_wkt.csv": to_csv(rows(latitude="", longitude="", wkt="POINT (134.5)")),
        "bad_aircraft.csv": to_csv(rows(aircraft="B-52 x2 USAF")),
        "source_count_mismatch.csv": to_csv(rows(source_url="docs/research/facts.yaml")),
        "non_utf8.csv": to_csv(rows(name="Sea of Japan — flight")).replace(
            "—".encode(), "—".encode("cp1252")
        ),
        "unknown_kind.csv": to_csv(rows(kind="dogfight")),
        "too_many_values.csv": (
            CSV_TEXT.splitlines()[0] + "\n" + CSV_TEXT.splitlines()[1] + ",extra\n"
        ).encode(),
        # accepted: a byte-order mark, CRLF line ends and a quoted newline in a value
        "good_bom_crlf.csv": b"\xef\xbb\xbf"
        + to_csv(rows()).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"),
        "good_quoted_newline.csv": to_csv(rows(summary="First line,\nsecond line.")),
    }


def main() -> None:
    for name, data in {**geojson_corpus(), **csv_corpus()}.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
