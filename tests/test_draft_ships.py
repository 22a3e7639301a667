"""Ships by name: carriers and named warships as assets of their navy, not places."""

from __future__ import annotations

from datetime import date

import pytest

from layers.draft.event import draft_event
from layers.draft.gazetteer import catalogue_gazetteer


def draft(gaz, text: str):
    return draft_event(text, published=date(2025, 6, 10), gazetteer=gaz)


@pytest.mark.parametrize(
    "text",
    [
        "The carrier Liaoning sailed south on Monday.",
        "China's Liaoning aircraft carrier group was seen on Monday.",
        "The PLA Navy's Liaoning passed the area on Monday.",
    ],
)
def test_carrier_by_name_fills_ships_with_its_navy(gaz, text):
    props = draft(gaz, text).feature["properties"]
    assert props["ships"] == [
        {"name": "Liaoning", "type": "aircraft carrier", "count": 1, "operator": "PLAN"}
    ]
    assert "CHN" in props["participants"]
    assert "Liaoning (aircraft carrier, PLAN)" in props["summary"]


@pytest.mark.parametrize(
    "text",
    ["Officials in Shandong province said on Monday.", "Factories of Liaoning reopened Monday."],
)
def test_a_province_of_the_same_name_is_not_a_ship(gaz, text):
    assert draft(gaz, text).feature["properties"]["ships"] == []


def test_three_carriers_are_known(gaz):
    text = "The carriers Shandong and Fujian sailed with the carrier Liaoning on Monday."
    names = [s["name"] for s in draft(gaz, text).feature["properties"]["ships"]]
    assert names == ["Shandong", "Fujian", "Liaoning"]


def test_destroyers_the_catalogue_names_are_recognised():
    gaz = catalogue_gazetteer()
    text = "The destroyer Nanchang escorted the carrier Shandong on Monday."
    ships = {s["name"]: s for s in draft(gaz, text).feature["properties"]["ships"]}
    assert set(ships) == {"Nanchang", "Shandong"}
    assert "destroyer" in ships["Nanchang"]["type"] and ships["Nanchang"]["operator"] == "PLAN"
