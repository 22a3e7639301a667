"""layers.view.filters on the shipped events: exact ids for hand-picked windows and filters."""

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from layers.view.filters import aircraft_choices, filter_events

EVENTS_FILE = Path(__file__).resolve().parent.parent / "geodata" / "events.geojson"

RADAR_LOCK = "2025-12-06-j15-radar-lock-f15"
LIAONING = "2025-12-05-liaoning-near-okinawa"  # 5–7 Dec 2025
LIAONING_EAST = "2025-12-08-liaoning-east-of-kitadaito"  # 8–11 Dec 2025
LIAONING_NORTH = "2025-12-12-liaoning-miyako-strait-north"  # 12 Dec 2025
PATROL_2025 = "2025-12-09-cn-ru-air-patrol"
PATROL_2024 = "2024-11-29-cn-ru-air-patrol"
PATROL_ALASKA = "2024-07-cn-ru-air-patrol-alaska"
B52_DEC_2025 = "2025-12-10-us-jp-b52h-sea-of-japan"


def shipped_events() -> pd.DataFrame:
    """The columns filters need, built as the date policy says (day in its own offset)."""
    rows = []
    for feature in json.loads(EVENTS_FILE.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        rows.append(
            {
                "id": props["id"],
                "start_date": pd.Timestamp(props["start"][:10]),
                "end_date": pd.Timestamp(props["end"][:10]),
                "exercise_id": props["exercise_id"],
                "kind": props["kind"],
                "participants": props["participants"],
                "aircraft": props["aircraft"],
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def events():
    return shipped_events()


def ids(frame):
    return set(frame["id"])


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # the week of the radar lock, the joint bomber patrol and the B-52H flight
        (
            date(2025, 12, 5),
            date(2025, 12, 12),
            {LIAONING, RADAR_LOCK, LIAONING_EAST, PATROL_2025, B52_DEC_2025, LIAONING_NORTH},
        ),
        # both ends inclusive: a one-day window on the day of each event (the carrier
        # group east of Kitadaito spans 8–11 Dec, so it is in each of those days)
        (date(2025, 12, 10), date(2025, 12, 10), {B52_DEC_2025, LIAONING_EAST}),
        (date(2025, 12, 9), date(2025, 12, 9), {PATROL_2025, LIAONING_EAST}),
        # a time-stamped event (16:32-19:08 JST) belongs to its JST calendar day
        (date(2025, 12, 6), date(2025, 12, 6), {LIAONING, RADAR_LOCK}),
        # window ending on the day the carrier group appears
        (date(2025, 12, 1), date(2025, 12, 5), {LIAONING}),
        # a window starting the day after one phase ends and ending before the next starts
        (date(2025, 12, 8), date(2025, 12, 8), {LIAONING_EAST}),
        (date(2025, 12, 13), date(2025, 12, 29), set()),
    ],
)
def test_window_selects_exact_events(events, start, end, expected):
    assert ids(filter_events(events, start=start, end=end)) == expected


def test_multi_day_events_overlapping_the_window_start_are_kept(events):
    may = filter_events(events, start=date(2025, 5, 1), end=date(2025, 5, 31))
    assert ids(may) == {
        "2025-04-15-btf-25-2-deployment",  # 15 Apr - about 15 May
        "2024-11-19-ccg-continuous-presence-335-days",  # 19 Nov 2024 - 19 Oct 2025
        "2025-05-03-ccg-helicopter-airspace-violation",
        "2025-05-09-us-jp-b1b-bilateral",
        "2025-05-25-liaoning-east-china-sea",  # 25–26 May
        "2025-05-27-liaoning-miyako-strait-south",
    }


def test_month_only_event_spans_its_month(events):
    """'Oct 2025' is stored as 1–31 Oct: a window touching either end day finds it."""
    month_only = "2025-10-btf-misawa-deployment"
    assert month_only in ids(filter_events(events, start=date(2025, 10, 31), end=date(2025, 11, 2)))
    assert month_only in ids(filter_events(events, start=date(2025, 9, 29), end=date(2025, 10, 1)))
    assert month_only not in ids(
        filter_events(events, start=date(2025, 11, 1), end=date(2025, 11, 2))
    )


def test_a_time_stamped_event_belongs_to_its_local_day(events):
    landing = "2024-04-b52h-yokota-emergency-landing"  # 2 Apr 2024 17:22 JST
    assert landing in ids(filter_events(events, start=date(2024, 4, 2), end=date(2024, 4, 2)))
    assert landing not in ids(filter_events(events, start=date(2024, 4, 3), end=date(2024, 4, 3)))


def test_open_ended_windows(events):
    assert ids(filter_events(events, start=date(2026, 1, 1))) == {
        "2026-02-16-us-jp-b52h-bilateral",
        "2026-06-27-cn-ru-air-patrol",
    }
    assert ids(filter_events(events, end=date(2019, 7, 23))) == {
        "2019-06-20-tu95-airspace-violation-minamidaito-hachijo",
        "2019-07-23-a50-airspace-violation-takeshima-dokdo",
        "2019-07-23-cn-ru-air-patrol",
    }


def test_exercise_filter_gathers_a_series(events):
    found = filter_events(events, exercises=["cn-ru-joint-air-patrol"])
    assert len(found) == 11  # every patrol China numbers, 2019–2026
    assert {PATROL_ALASKA, PATROL_2024, PATROL_2025, "2019-07-23-cn-ru-air-patrol"} <= ids(found)


def test_exercise_filter_links_the_claimed_flight_to_its_bomber_task_force(events):
    found = filter_events(events, exercises=["btf-misawa-2025-10"])
    assert ids(found) == {"2025-10-btf-misawa-deployment", "2025-11-15-b1b-jasdf-northern-japan"}


def test_kind_filter(events):
    found = filter_events(events, kinds=["deployment"], start=date(2025, 1, 1))
    assert ids(found) == {
        "2025-01-15-btf-25-1-b1b-andersen",
        "2025-02-b1b-hot-pit-misawa",
        "2025-04-15-btf-25-2-deployment",
        "2025-07-07-btf-b52h-minot-andersen",
        "2025-10-btf-misawa-deployment",
    }


def test_participant_filter(events):
    since_2024 = {"start": date(2024, 1, 1)}
    assert ids(filter_events(events, participants=["RUS"], **since_2024)) == {
        PATROL_ALASKA,
        PATROL_2024,
        PATROL_2025,
        "2024-07-04-cn-ru-joint-naval-patrol",
        "2024-09-23-il38-airspace-violation-rebun",
        "2024-10-01-cn-ru-joint-naval-patrol",
        "2025-08-01-joint-sea-2025",
        "2025-08-07-cn-ru-joint-naval-patrol",
        "2026-06-27-cn-ru-air-patrol",
    }
    assert ids(filter_events(events, participants=["KOR"])) == {
        "2023-10-22-trilateral-b52h-first",
        "2023-12-20-trilateral-b1b-jeju",
        "2024-04-02-trilateral-b52h-jeju",
        "2024-11-03-trilateral-b1b-jeju",
        "2025-01-15-trilateral-b1b",
        "2025-07-11-trilateral-b52h-jeju",
    }


def test_participant_filter_finds_who_acted_not_who_answered(events):
    """Korea scrambled against the 2019 patrol: a responder, not a participant."""
    assert "2019-07-23-cn-ru-air-patrol" not in ids(filter_events(events, participants=["KOR"]))


def test_family_filter_matches_every_variant(events):
    assert ids(filter_events(events, aircraft=["F-35"], start=date(2024, 1, 1))) == {
        "2024-07-03-dod-japan-aircraft-plan-iwakuni",  # F-35B
        "2024-07-03-dod-japan-aircraft-plan-misawa",  # F-35A
        "2024-07-cn-ru-air-patrol-alaska",  # NORAD's F-35 (variant not given)
        "2024-09-10-us-jp-b2-f35a-pacific",
        "2024-09-23-il38-airspace-violation-rebun",
        "2024-12-16-us-jp-b52h-bilateral",
        "2025-05-09-us-jp-b1b-bilateral",
        B52_DEC_2025,  # F-35A of the 3rd Air Wing
    }
    assert ids(filter_events(events, aircraft=["F-35B"])) == {
        "2024-07-03-dod-japan-aircraft-plan-iwakuni"
    }


def test_type_filter_b52h(events):
    assert ids(filter_events(events, aircraft=["B-52H"], start=date(2024, 1, 1))) == {
        "2024-01-btf-b52h-minot-andersen",
        "2024-04-02-trilateral-b52h-jeju",
        "2024-04-29-btf-b52h-barksdale-andersen",
        "2024-04-b52h-yokota-emergency-landing",
        "2024-12-16-us-jp-b52h-bilateral",
        "2025-07-07-btf-b52h-minot-andersen",
        "2025-07-11-trilateral-b52h-jeju",
        B52_DEC_2025,
        "2026-02-16-us-jp-b52h-bilateral",
    }


def test_filters_combine_with_and(events):
    december = {"start": date(2025, 12, 1), "end": date(2025, 12, 31)}
    assert ids(filter_events(events, **december, participants=["JPN"], aircraft=["B-52H"])) == {
        B52_DEC_2025
    }
    assert ids(filter_events(events, **december, kinds=["joint_patrol"])) == {PATROL_2025}
    assert ids(
        filter_events(events, **december, exercises=["liaoning-2025-12"], kinds=["incident"])
    ) == {RADAR_LOCK}


def test_empty_result_keeps_the_columns(events):
    empty = filter_events(events, aircraft=["Y-8"])
    assert empty.empty
    assert list(empty.columns) == list(events.columns)
    none_in_window = filter_events(events, start=date(2030, 1, 1), end=date(2030, 1, 2))
    assert none_in_window.empty and list(none_in_window.columns) == list(events.columns)


def test_filter_returns_a_new_frame(events):
    before = events.copy()
    result = filter_events(events, kinds=["incident"])
    result.loc[:, "kind"] = "changed"
    pd.testing.assert_frame_equal(events, before)


def test_aircraft_choices_offer_types_and_families(events):
    choices = aircraft_choices(events)
    assert {"F-35", "F-35A", "F-35B", "B-52H", "B-52", "Tu-95MS", "Tu-95"} <= set(choices)
