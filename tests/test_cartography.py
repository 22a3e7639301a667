"""What makes the map legible on a slide: numbers, arrows, hatched areas, labels, legend.

Unit tests of what the server sends; ``tests/browser/test_cartography_browser.py`` checks
what the page then draws (callouts apart, labels thinned, legend closed, nm scale).
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon

from layers.map import styles
from layers.map.callouts import anchor, arrowheads, event_marks, screen_angle
from layers.map.features import base_label, layer_labels
from layers.map.legend import HATCH_LABEL, legend_entries, legend_html
from layers.map.render import build_map
from layers.view.select import select
from layers.view.view import BriefingView

DEC_2025 = BriefingView(start=date(2025, 12, 1), end=date(2025, 12, 12))


@pytest.mark.parametrize(
    ("start", "end", "angle"),
    [
        ((140.0, 35.0), (141.0, 35.0), 0.0),  # east: pointing right
        ((140.0, 35.0), (140.0, 36.0), -90.0),  # north: up (screen y points down)
        ((140.0, 35.0), (139.0, 35.0), 180.0),  # west
        ((140.0, 36.0), (140.0, 35.0), 90.0),  # south: down
    ],
)
def test_arrow_angles_are_screen_angles(start, end, angle):
    assert screen_angle(start, end) == pytest.approx(angle)


def test_north_east_on_mercator_is_steeper_than_on_a_plate_carree():
    # 1° east and 1° north at 60°N: on Mercator a degree of latitude is twice as tall
    assert screen_angle((140.0, 60.0), (141.0, 61.0)) < -60.0


def test_every_part_of_a_track_ends_in_an_arrow_in_its_direction():
    track = MultiLineString([[(130, 30), (131, 30)], [(135, 35), (135, 34), (135, 34)]])
    heads = arrowheads(track)
    assert [(lat, lon) for lat, lon, _ in heads] == [(30.0, 131.0), (34.0, 135.0)]
    assert [angle for *_, angle in heads] == [0.0, 90.0]  # the repeated point is skipped
    assert arrowheads(Point(1, 2)) == [] and arrowheads(Polygon([(0, 0), (1, 0), (1, 1)])) == []


def test_anchors_sit_on_the_events_own_geometry():
    assert anchor(Point(141.3, 40.7)) == (40.7, 141.3)
    track = LineString([(130, 30), (134, 30)])
    assert anchor(track) == (30.0, 132.0)  # the middle of the track, on it
    ring = Polygon([(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10)])  # an L shape
    lat, lon = anchor(ring)
    assert ring.contains(Point(lon, lat))  # inside, where a centroid would not be
    assert not ring.contains(ring.centroid) or ring.centroid != Point(lon, lat)


def test_callouts_carry_the_selection_numbers_and_colours(catalogue_frames):
    selection = select(catalogue_frames, DEC_2025)
    marks = event_marks(selection.events, selection.numbers)
    assert [c[2] for c in marks["callouts"]] == sorted(selection.numbers.values())
    by_id = selection.events.set_index("id")
    for event_id, number in selection.numbers.items():
        (callout,) = [c for c in marks["callouts"] if c[2] == number]
        assert callout[3] == styles.event_colour(by_id.loc[event_id, "kind"])
        geom = shapely.geometry.shape(shapely.geometry.mapping(by_id.loc[event_id, "geometry"]))
        assert geom.distance(Point(callout[1], callout[0])) < 0.5  # on or in the geometry
    tracks = selection.events.geometry.geom_type.str.contains("LineString").sum()
    assert len(marks["arrows"]) >= tracks > 0


def test_events_without_numbers_get_no_callouts_but_keep_their_arrows(catalogue_frames):
    selection = select(catalogue_frames, DEC_2025)
    marks = event_marks(selection.events, {})
    assert marks["callouts"] == [] and marks["arrows"]


def test_an_area_event_is_outlined_and_hatched_never_filled():
    area = {"kind": "joint_patrol", "geometry": Polygon([(130, 35), (135, 35), (135, 40)])}
    style = styles.event_style(area)
    assert style["bmHatch"] == styles.tint(styles.event_colour("joint_patrol"))
    assert style["fillOpacity"] == 1  # the pattern's opaque lines: stacked areas look as one
    point = styles.event_style({"kind": "joint_patrol", "geometry": Point(130, 35)})
    assert "bmHatch" not in point


def test_tint_lightens_towards_white():
    assert styles.tint("#000000", 0.5) == "#808080"
    assert styles.tint("#d62728", 0.0) == "#d62728" and styles.tint("#d62728", 1.0) == "#ffffff"


def test_the_map_sends_its_callouts_and_the_hatch_legend_row(catalogue_frames):
    selection = select(catalogue_frames, DEC_2025)
    html = build_map(selection, mode="inline").get_root().render()
    marks = json.loads(re.search(r"marks = (\{\"callouts\".*?\]\]\})", html).group(1))
    assert len(marks["callouts"]) == len(selection.numbers) == 6
    labels = [label for label, _, _ in legend_entries(selection.frames, selection.view)]
    assert HATCH_LABEL in labels  # the B-52 flight over the Sea of Japan is an area
    points_only = selection.view.with_changes(kinds=("incident",))
    labels = [label for label, _, _ in legend_entries(select(catalogue_frames, points_only)
                                                      .frames, points_only)]  # fmt: skip
    assert HATCH_LABEL not in labels


def test_the_legend_is_closed_until_the_reader_opens_it():
    html = legend_html([("Joint patrol", "#d62728", "solid")])
    assert html.startswith("<details><summary>")  # not <details open>


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Misawa Air Base", "Misawa"),
        ("Dyess Air Force Base", "Dyess"),
        ("JASDF Chitose Air Base", "Chitose"),
        ("Marine Corps Air Station Iwakuni", "Iwakuni"),
        ("PLAAF Nanyang-Neixiang air base", "Nanyang-Neixiang"),
        ("PLAN Guiping-Mengzu air base", "Guiping-Mengzu"),
        ("PLAAF Leiyang area", "Leiyang"),
        ("Air Base", "Air Base"),  # nothing left: keep the name
    ],
)
def test_base_labels_use_short_names(name, label):
    assert base_label(name) == label


def test_every_base_gets_a_label_ranked_below_adiz_and_seas(catalogue_frames):
    bases = catalogue_frames["bases"]
    labels = layer_labels("bases", bases)
    assert len(labels) == len(bases)
    assert all(label[3] == "bm-label bm-label-base" for label in labels)
    assert any(">Misawa<" in label[2] for label in labels)
