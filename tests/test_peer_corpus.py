"""The validator against a GeoJSON linter's own test corpus (mapbox/geojsonhint, see its README).

Bare geometries and Features are put into an otherwise valid event (the README's
advice), so a rejection can only come from the fault the file was written to show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from layers.catalogue.geojson_checks import GEOMETRY_TYPES, document_issues
from layers.catalogue.validate import validate_bytes

CORPUS = Path(__file__).parent / "data" / "geojsonhint"
BAD = sorted(p.name for p in (CORPUS / "bad").glob("*.geojson"))
GOOD = sorted(p.name for p in (CORPUS / "good").glob("*.geojson"))
EVENT = json.loads((Path(__file__).parent / "data" / "good" / "events.geojson").read_text())
VALID_PROPERTIES = EVENT["features"][1]["properties"]

# bad/ file -> (field of one error, regular expression its message matches)
REJECTED = {
    "bad-duplicate-properties.geojson": (None, r"^duplicate key 'type' in one JSON object"),
    "bad-featurelist.geojson": (
        "geometry.coordinates",
        r"^expected a list of lines or rings, got numbers \[5\]$",
    ),
    "bad-json.geojson": (None, r"^not JSON: Expecting ',' delimiter at line 3 column 5$"),
    "bad-object-type.geojson": ("type", r"^type is an object, not 'FeatureCollection'$"),
    "bad-polygonloop.geojson": (
        "geometry.coordinates[0]",
        r"^expected a list of positions, got a position \[-80\.59869, 41\.05173\]$",
    ),
    "bad-properties-as-array.geojson": ("properties", r"^properties must be an object, not an"),
    "badcoord.geojson": ("geometry.coordinates[2]", r"^'f' is not a number$"),
    "badcoordtype.geojson": (
        "geometry.coordinates[0][0]",
        r"^expected a list of positions, got numbers \[1\]$",
    ),
    "badfeature.geojson": (None, r"^feature is null, not a Feature object$"),
    "badfeatureid.geojson": ("id", r"top-level id must be a string or number, not an object"),
    "bbox-4or6elements.geojson": ("geometry.bbox", r"^bbox must hold 4 or 6 numbers, not 3$"),
    "bbox-contains-string.geojson": ("geometry.bbox", r"^bbox must hold numbers only, found '4'$"),
    "bbox-string.geojson": ("geometry.bbox", r"^bbox must be an array of numbers, not 'string'$"),
    "different-first-last.geojson": ("geometry.coordinates[0]", r"^ring is not closed: "),
    # the last position carries a height: not identical to the first, so not closed
    "different-first-size.geojson": (
        "geometry.coordinates[1][0]",
        r"^ring is not closed: first position \[100\.0, 0\.0\]"
        r" differs from last \[100\.0, 0\.0, 4\.9\]$",
    ),
    "expected_object.geojson": ("properties", r"^properties must be an object, not 123$"),
    # a GeometryCollection holding `false`; no layer of ours takes GeometryCollections at all
    "false.geojson": ("geometry.type", r"'GeometryCollection' is not allowed in this layer"),
    "feature_changed_semantics.geojson": ("features", r"^a Feature must not have a 'features'"),
    "featurecollection-obj.geojson": ("features", r"^features must be an array, not an object$"),
    "featurecollection-type-case.geojson": ("type", r"must be spelled 'FeatureCollection'$"),
    "featurecollection.geojson": ("features", r"^FeatureCollection has no 'features' member$"),
    "featurecollection_changed_semantics.geojson": (
        "properties",
        r"^a FeatureCollection must not have a 'properties' member$",
    ),
    "geometry_changed_semantics.geojson": (
        "geometry.features",
        r"^a geometry must not have a 'features' member$",
    ),
    # RFC 7946 only advises against these two; our layers refuse every GeometryCollection
    "geometrycollection_nested.geojson": ("geometry.type", r"'GeometryCollection' is not allowed"),
    "geometrycollection_single.geojson": ("geometry.type", r"'GeometryCollection' is not allowed"),
    "multiple_problems.geojson": (
        "geometry.coordinates[1]",
        r"^'39\.36827914916011' is not a number$",
    ),
    # MultiPoint is in no layer's schema; the nesting fault itself is shown by document_issues
    "multipoint-multidimension.geojson": ("geometry.type", r"'MultiPoint' is not allowed"),
    "multipoint-nondimension.geojson": ("geometry.type", r"'MultiPoint' is not allowed"),
    "nofeaturetype.geojson": ("type", r"^type is 'Featre', not 'Feature'$"),
    "notype.geojson": ("type", r"^has no 'type' member; expected 'FeatureCollection'$"),
    "point-labeled-as-a-multipolygon.geojson": (
        "geometry.coordinates",
        r"^expected a list of polygons, got a position \[-0\.087890625, 51\.56341232867588\]$",
    ),
    "point-string.geojson": ("geometry.coordinates[0]", r"^'foo' is not a number$"),
    "point-toofew.geojson": ("geometry.coordinates", r"this one has 1$"),
    # RFC: positions SHOULD NOT have over 3 values; the 4th has no defined meaning: we refuse
    "point-toomany.geojson": ("geometry.coordinates", r"this one has 4$"),
    "point.geojson": ("geometry", r"^Point has no 'coordinates' member$"),
    "rootstring.geojson": (None, r"^top level is null, not a FeatureCollection object$"),
    "short-line.geojson": ("geometry.coordinates", r"^a line needs 2 or more positions"),
    "short-linearring.geojson": ("geometry.coordinates[0]", r"^a ring needs 4 or more positions"),
    "short-multilinestring.geojson": ("geometry.coordinates[1]", r"^a line needs 2 or more"),
    "stringcoord.geojson": ("geometry.coordinates[1]", r"^'39\.36827914916011' is not a number$"),
    "unknowntype.geojson": ("type", r"^type is 'FooBar', not 'FeatureCollection'$"),
}

# bad/ files that only break RFC 7946 *advice*, which we deliberately accept (see
# layers.catalogue.geojson_checks): the reason, and the check of what we do instead.
ACCEPTED = {
    # winding: the RFC says parsers should not reject; we re-wind to the right-hand rule
    "polygon_winding_order.geojson": lambda rings: [rings[0][::-1]],
    "bad-polygon-interiorring-rhr.geojson": lambda rings: [rings[0], rings[1][::-1]],
    # extra decimals are harmless, and derived outlines legitimately carry them: kept as given
    "excessive_precision_truncated.geojson": lambda line: line,
}

# good/ files that are valid GeoJSON but that no layer of ours takes as an event
REFUSED_BY_OUR_LAYERS = {
    "good-geometrycollection.geojson": ("geometry.type", r"'GeometryCollection' is not allowed"),
    "good-multipoint.geojson": ("geometry.type", r"'MultiPoint' is not allowed"),
    # WGS84 only: latitudes of -107 are not on Earth
    "issue82.geojson": (
        "geometry.coordinates[0][0][0]",
        r"^latitude -107\.2\d* is outside -90\.\.90$",
    ),
    "nullgeometry.geojson": ("geometry", r"^geometry is null$"),
}


def _refuse_duplicate_keys(pairs: list) -> dict:
    if len({key for key, _ in pairs}) != len(pairs):
        raise ValueError("duplicate keys")
    return dict(pairs)


def as_event_upload(raw: bytes) -> bytes:
    """The file's object put into a FeatureCollection of otherwise valid events."""
    try:
        obj = json.loads(raw, object_pairs_hook=_refuse_duplicate_keys)
    except ValueError:
        return raw  # not JSON, or JSON whose duplicate keys are the point: test as is
    if isinstance(obj, dict) and obj.get("type") in GEOMETRY_TYPES:
        obj = {"type": "Feature", "properties": {}, "geometry": obj}
    if isinstance(obj, dict) and obj.get("type") == "Feature":
        obj = {"type": "FeatureCollection", "features": [obj]}
    features = obj.get("features") if isinstance(obj, dict) else None
    for i, feature in enumerate(features if isinstance(features, list) else ()):
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict | None):
            props = feature.get("properties") or {}
            feature["properties"] = {**VALID_PROPERTIES, "id": f"peer-{i}", **props}
    return json.dumps(obj).encode()


def validate_peer(folder: str, name: str):
    raw = (CORPUS / folder / name).read_bytes()
    return validate_bytes(as_event_upload(raw), name=name, kind="events", base_ids=None)


def test_the_whole_corpus_is_there():
    """An emptied or moved corpus fails here instead of turning every case into a skip."""
    assert (len(BAD), len(GOOD)) == (44, 18)
    assert set(REFUSED_BY_OUR_LAYERS) <= set(GOOD)


def test_every_bad_file_is_either_rejected_or_listed_as_accepted():
    assert set(REJECTED) | set(ACCEPTED) == set(BAD)
    assert not set(REJECTED) & set(ACCEPTED)


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_bad_file_is_rejected_naming_the_fault(name):
    _, problems = validate_peer("bad", name)
    field, pattern = REJECTED[name]
    errors = [p for p in problems if p.severity == "error"]
    assert any(p.field == field and re.search(pattern, p.message) for p in errors), [
        str(p) for p in problems
    ]
    assert all(p.file == name for p in problems)


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_bad_file_breaking_only_advice_is_accepted(name):
    fc, problems = validate_peer("bad", name)
    assert problems == []
    (feature,) = fc["features"]
    original = json.loads((CORPUS / "bad" / name).read_text())["coordinates"]
    assert feature["geometry"]["coordinates"] == ACCEPTED[name](original)


# refused while parsing, before any structure is looked at
JSON_LEVEL = ("bad-json.geojson", "bad-duplicate-properties.geojson")


@pytest.mark.parametrize("name", [n for n in BAD if n not in ACCEPTED and n not in JSON_LEVEL])
def test_bad_file_structure_check(name):
    """RFC structure alone (no layer rules) flags every fault that breaks a MUST."""
    issues = document_issues(json.loads((CORPUS / "bad" / name).read_text()))
    if name.startswith("geometrycollection_"):
        assert issues == []  # only advice (SHOULD avoid); our layers refuse them anyway
    else:
        assert issues, f"{name}: no structural issue found"


@pytest.mark.parametrize("name", GOOD)
def test_good_file_passes_the_structure_check(name):
    obj = json.loads((CORPUS / "good" / name).read_text())
    assert document_issues(obj) == []


@pytest.mark.parametrize("name", [n for n in GOOD if n not in REFUSED_BY_OUR_LAYERS])
def test_good_file_is_accepted_as_an_event(name):
    fc, problems = validate_peer("good", name)
    assert [p for p in problems if p.severity == "error"] == []
    assert fc["features"]
    # the only warnings are for heights, which are dropped
    assert all(p.message == "3-D coordinates: heights dropped" for p in problems)


@pytest.mark.parametrize("name", sorted(REFUSED_BY_OUR_LAYERS))
def test_good_file_our_layers_do_not_take_is_refused_precisely(name):
    _, problems = validate_peer("good", name)
    field, pattern = REFUSED_BY_OUR_LAYERS[name]
    assert any(p.field == field and re.search(pattern, p.message) for p in problems), [
        str(p) for p in problems
    ]
