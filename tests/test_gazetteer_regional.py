"""The regional gazetteer: shipped as data, rebuilt byte for byte, and its names in text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from layers.draft.gazetteer import Gazetteer, catalogue_gazetteer
from layers.draft.regional import REGIONAL_FILE, load_regional

REPO = Path(__file__).resolve().parent.parent
PROVENANCE = REPO / "layers" / "data" / "GAZETTEER.md"


def places(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    """(key, category) of each place found."""
    return [
        (m.entry.key, m.entry.info.get("category"))
        for m in gaz.find(text)
        if m.entry.kind == "place"
    ]


def test_shipped_file_is_in_the_code_folder_and_read_without_network():
    assert REGIONAL_FILE == REPO / "layers" / "data" / "gazetteer_regional.json"
    data = load_regional()
    assert len(data) > 200 and all({"name", "kind", "lon", "lat"} <= set(p) for p in data)


def test_build_tool_reproduces_the_shipped_file(tmp_path):
    out = tmp_path / "g.json"
    subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_gazetteer.py"), "--output", str(out)],
        check=True, capture_output=True, cwd=REPO,
    )  # fmt: skip
    assert out.read_bytes() == REGIONAL_FILE.read_bytes()


def test_provenance_counts_are_the_file_counts():
    text = PROVENANCE.read_text(encoding="utf-8")
    counts = Counter(p["kind"] for p in load_regional())
    for kind, n in counts.items():
        row = re.search(rf"^\| {kind} \| (\d+)", text, re.MULTILINE)
        assert row and int(row.group(1)) == n, kind
    total = re.search(r"\*\*total\*\* \| \*\*(\d+)\*\*", text)
    assert total and int(total.group(1)) == len(load_regional())


def test_every_curated_alias_is_marked_as_such():
    for place in load_regional():
        assert set(place.get("aliases_curated", [])) <= set(place["aliases"])
        if place["source"]["layer"].startswith("basemap/"):
            assert place["aliases_curated"] == place["aliases"]  # NE outlines have no names


@pytest.mark.parametrize(
    "text", ["over the Japanese Sea", "over the Japan Sea", "over the East Sea", "上空 日本海 で"]
)
def test_names_of_the_sea_of_japan_find_the_catalogue_sea(gaz, text):
    assert places(gaz, text) == [("sea-of-japan", "sea")]


def test_catalogue_names_win_over_regional_ones(gaz):
    # "Naha" is a base's short name in the catalogue and a city in the regional data
    assert places(gaz, "landed at Naha") == [("naha", "bases")]


@pytest.mark.parametrize(
    ("text", "name", "category"),
    [
        ("passed Okinawa's main island", "Okinawa Island", "island"),
        ("off Miyako Island", "Miyako Island", "island"),
        ("near Yonaguni", "Yonaguni Island", "island"),
        ("off the Izu Islands", "Izu Islands", "island"),
        ("near the Oki Islands", "Oki Islands", "island"),
        ("off Tsushima", "Tsushima Island", "island"),
        ("south of Jeju", "Jeju Island", "island"),
        ("at Guam", "Guam", "island"),
        ("down the coast of Hokkaido", "Hokkaido", "island"),
        ("in the Sea of Okhotsk", "Sea of Okhotsk", "sea"),
        ("in the Philippine Sea", "Philippine Sea", "sea"),
        ("over the Yellow Sea", "Yellow Sea", "sea"),
        ("toward the Korean Peninsula", "Korean Peninsula", "peninsula"),
        ("in the 宮古島 area", "Miyako Island", "island"),
    ],
)
def test_regional_places_are_found(gaz, text, name, category):
    assert places(gaz, text) == [(f"ne:{name}", category)]


def test_without_the_regional_data_only_the_catalogue_is_known():
    from draft_fixtures import AIRCRAFT, frames

    gaz = Gazetteer.from_catalogue(frames(), AIRCRAFT, regional=())
    assert places(gaz, "off the Izu Islands, over the Japanese Sea") == []


def test_shipped_catalogue_keeps_its_strait_for_the_okinawa_miyako_gap():
    gaz = catalogue_gazetteer()
    assert "strait-miyako" in {e.key for e in gaz.straits}
    assert json.dumps(places(gaz, "the Miyako Strait")) == '[["strait-miyako", "strait"]]'
