from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from layers.map.styles import EVENT_COLOURS
from layers.outputs.event_counts import aggregate_frame, aggregate_period
from layers.outputs.timeline import timeline_chart, timeline_chart_for, timeline_frame
from layers.view.pick import (
    PICK_PARAM,
    SPAN_PARAM,
    apply_pick,
    describe_pick,
    pick_from_chart,
)
from layers.view.view import Pick


def _event(event_id, start, end, *, kind="joint_patrol", exercise="Patrol", approximate=False):
    return {
        "id": event_id,
        "name": f"Event {event_id}",
        "exercise_id": exercise.lower(),
        "exercise": exercise,
        "kind": kind,
        "start": start,
        "end": end,
        "start_date": pd.Timestamp(start[:10]),
        "end_date": pd.Timestamp(end[:10]),
        "approximate": approximate,
        "geometry": Point(130.0, 33.0),
    }


@pytest.fixture
def events():
    rows = [
        _event("b52", "2025-12-10", "2025-12-10", kind="bilateral_exercise", exercise="Bomber"),
        _event(
            "lock",
            "2025-12-06T16:32+09:00",
            "2025-12-06T18:10+09:00",
            kind="incident",
            exercise="Radar lock",
        ),
        _event("patrol", "2025-12-09", "2025-12-10", exercise="Joint patrol", approximate=True),
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def test_frame_has_one_row_per_event_sorted_by_start(events):
    frame = timeline_frame(events)
    assert list(frame["id"]) == ["lock", "patrol", "b52"]


def test_single_day_event_is_one_day_wide(events):
    row = timeline_frame(events).set_index("id").loc["b52"]
    assert row["start"] == pd.Timestamp("2025-12-10", tz="UTC")
    assert row["end"] == pd.Timestamp("2025-12-11", tz="UTC")
    assert row["dates"] == "10 Dec 2025"


def test_multi_day_event_spans_through_its_last_day(events):
    row = timeline_frame(events).set_index("id").loc["patrol"]
    assert row["end"] - row["start"] == pd.Timedelta(days=2)
    assert row["dates"] == "09 Dec 2025 – 10 Dec 2025"
    assert bool(row["approximate"]) is True


def test_timed_event_starts_on_its_local_calendar_day(events):
    row = timeline_frame(events).set_index("id").loc["lock"]
    assert row["start"] == pd.Timestamp("2025-12-06", tz="UTC")


def test_kind_label_and_colour_match_the_map(events):
    row = timeline_frame(events).set_index("id").loc["lock"]
    assert row["kind_label"] == "Incident"
    assert row["colour"] == EVENT_COLOURS["incident"]


def test_empty_events_give_an_empty_frame_with_the_columns(events):
    frame = timeline_frame(events.iloc[:0])
    assert frame.empty
    assert {"id", "start", "end", "kind_label", "colour"} <= set(frame.columns)


def _spec(chart):
    return chart.to_dict()


def _layers(spec, mark):
    """The chart's layers drawing ``mark`` (the span's layer nests its own: it has no mark)."""
    return [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == mark]


def test_chart_declares_span_and_pick_selections_for_streamlit(events):
    spec = _spec(timeline_chart(events))
    params = {p["name"]: p for p in spec["params"]}
    assert params[SPAN_PARAM]["select"]["type"] == "interval"
    assert params[SPAN_PARAM]["select"]["encodings"] == ["x"]
    assert params[PICK_PARAM]["select"]["type"] == "point"
    assert params[PICK_PARAM]["select"]["fields"] == ["id"]


def test_span_brush_lies_under_the_bars_so_a_click_inside_it_picks_a_bar(events):
    """Vega-Lite draws an interval's brush over every mark of the layer that holds it.

    The span is held by invisible bars nested in a layer of their own, drawn before the
    visible bars: the brush covers only them, and a click on a bar reaches the bar.
    """
    spec = _spec(timeline_chart(events, window=(date(2025, 12, 5), date(2025, 12, 9))))
    params = {p["name"]: p for p in spec["params"]}
    (span_view,) = params[SPAN_PARAM]["views"]
    nested = [i for i, layer in enumerate(spec["layer"]) if "layer" in layer]
    assert len(nested) == 1
    (holder,) = spec["layer"][nested[0]]["layer"]  # alone: the brush covers nothing else
    assert holder["name"] == span_view
    assert holder["mark"] == {"type": "bar", "opacity": 0, "aria": False}
    (bars,) = _layers(spec, "bar")
    assert params[PICK_PARAM]["views"] == [bars["name"]]
    assert nested[0] < spec["layer"].index(bars)  # drawn first: the bars are on top
    assert holder["encoding"]["x"] == bars["encoding"]["x"]  # the same scale and axis


def test_chart_colours_kinds_with_the_map_palette(events):
    spec = _spec(timeline_chart(events))
    (bars,) = _layers(spec, "bar")
    color = bars["encoding"]["color"]
    domain, colours = color["scale"]["domain"], color["scale"]["range"]
    assert colours[domain.index("Joint patrol")] == EVENT_COLOURS["joint_patrol"]
    assert colours[domain.index("Incident")] == EVENT_COLOURS["incident"]
    assert domain == ["Bilateral exercise", "Joint patrol", "Incident"]  # legend: kinds shown


def test_chart_uses_a_utc_time_scale_so_bars_do_not_shift_by_time_zone(events):
    spec = _spec(timeline_chart(events))
    (bars,) = _layers(spec, "bar")
    assert bars["encoding"]["x"]["scale"]["type"] == "utc"


def test_selected_ids_are_marked_in_the_chart_data(events):
    spec = _spec(timeline_chart(events, selected_ids={"patrol"}))
    rows = next(iter(spec["datasets"].values()))
    marked = {row["id"]: row["selected"] for row in rows}
    assert marked == {"lock": False, "patrol": True, "b52": False}


def test_window_adds_a_band_layer_ending_after_the_last_day(events):
    spec = _spec(timeline_chart(events, window=(date(2025, 12, 5), date(2025, 12, 9))))
    band = spec["layer"][0]  # first: drawn behind everything
    assert [band] == _layers(spec, "rect")
    data = spec["datasets"][band["data"]["name"]]
    assert data[0]["start"].startswith("2025-12-05T00:00:00")
    assert data[0]["end"].startswith("2025-12-10T00:00:00")


def test_open_window_end_draws_a_single_edge(events):
    spec = _spec(timeline_chart(events, window=(date(2025, 12, 5), None)))
    assert spec["layer"][0]["mark"]["type"] == "rule"


def test_chart_of_no_events_still_renders(events):
    spec = _spec(timeline_chart(events.iloc[:0]))
    (bars,) = _layers(spec, "bar")  # the (empty) bars
    assert not _layers(spec, "rect") and not _layers(spec, "rule")  # no window: no band
    assert bars["mark"]["type"] == "bar"
    assert spec["datasets"][spec["data"]["name"]] == []
    assert {p["name"] for p in spec["params"]} == {SPAN_PARAM, PICK_PARAM}
    assert (
        bars["encoding"]["x"]["field"] == "start" and bars["encoding"]["x2"]["field"] == "shown_end"
    )
    assert bars["encoding"]["color"]["scale"] == {"domain": [], "range": []}


# What Streamlit 1.67 returns from st.altair_chart(on_select="rerun").
MS_5_DEC = 1764892800000  # 2025-12-05T00:00:00Z
MS_10_DEC = 1765324800000  # 2025-12-10T00:00:00Z


def test_empty_selection_state_selects_nothing():
    state = {"selection": {SPAN_PARAM: {}, PICK_PARAM: {}}}
    assert pick_from_chart(state).is_empty
    assert pick_from_chart(None).is_empty
    assert pick_from_chart({}).is_empty


def test_span_in_epoch_ms_becomes_an_inclusive_date_window():
    state = {"selection": {SPAN_PARAM: {"start": [MS_5_DEC, MS_10_DEC]}, PICK_PARAM: {}}}
    # The brush ends at 10 Dec 00:00, the end of the 9 Dec bar: through 9 Dec.
    assert pick_from_chart(state).window == (date(2025, 12, 5), date(2025, 12, 9))


def test_span_ending_inside_a_day_includes_that_day():
    midday = MS_10_DEC + 12 * 3600 * 1000
    state = {"selection": {SPAN_PARAM: {"start": [midday - 5 * 86_400_000, midday]}}}
    assert pick_from_chart(state).window == (date(2025, 12, 5), date(2025, 12, 10))


def test_span_given_backwards_or_as_iso_text_is_understood():
    state = {SPAN_PARAM: {"start": ["2025-12-10T00:00:00.000Z", "2025-12-05T00:00:00.000Z"]}}
    assert pick_from_chart(state).window == (date(2025, 12, 5), date(2025, 12, 9))


def test_span_as_vega_datetime_objects_is_understood():
    span = {
        "start": [{"year": 2025, "month": 12, "date": 5}, {"year": 2025, "month": 12, "date": 7}]
    }
    assert pick_from_chart({SPAN_PARAM: span}).window == (date(2025, 12, 5), date(2025, 12, 6))


def test_picked_bars_become_ids():
    state = {"selection": {SPAN_PARAM: {}, PICK_PARAM: [{"id": "lock"}, {"id": "b52"}]}}
    assert pick_from_chart(state) == Pick(ids=("lock", "b52"))


@pytest.mark.parametrize(
    "garbage",
    [
        {"selection": "oops"},
        {"selection": {SPAN_PARAM: {"start": [1]}}},
        {"selection": {SPAN_PARAM: {"start": ["soon", "later"]}}},
        {"selection": {SPAN_PARAM: {"start": [float("nan"), 5]}}},
        {"selection": {PICK_PARAM: "lock"}},
        {"selection": {PICK_PARAM: [{"vgsid_": 3}]}},
        ["not", "a", "mapping"],
    ],
)
def test_unexpected_selection_shapes_select_nothing_instead_of_raising(garbage):
    assert pick_from_chart(garbage).is_empty


def test_streamlit_accepts_the_chart_with_selections_on():
    from streamlit.testing.v1 import AppTest

    def app():
        import geopandas as gpd
        import pandas as pd
        import streamlit as st
        from shapely.geometry import Point

        from layers.outputs.timeline import timeline_chart
        from layers.view.pick import pick_from_chart

        row = {
            "id": "b52",
            "name": "B-52H flight",
            "exercise_id": "bomber",
            "exercise": "Bomber",
            "kind": "bilateral_exercise",
            "start": "2025-12-10",
            "end": "2025-12-10",
            "start_date": pd.Timestamp("2025-12-10"),
            "end_date": pd.Timestamp("2025-12-10"),
            "geometry": Point(130, 33),
        }
        events = gpd.GeoDataFrame([row], geometry="geometry", crs="EPSG:4326")
        event = st.altair_chart(timeline_chart(events), on_select="rerun", key="timeline")
        st.write(f"empty={pick_from_chart(event).is_empty}")

    at = AppTest.from_function(app).run(timeout=30)
    assert not at.exception
    assert at.markdown[0].value == "empty=True"


def test_catalogue_december_sequence_is_on_the_timeline(catalogue_frames):
    from layers.view.filters import filter_events

    window = filter_events(
        catalogue_frames["events"], start=date(2025, 12, 5), end=date(2025, 12, 12)
    )
    ids = list(timeline_frame(window)["id"])
    sequence = [
        "2025-12-06-j15-radar-lock-f15",
        "2025-12-09-cn-ru-air-patrol",
        "2025-12-10-us-jp-b52h-sea-of-japan",
    ]
    assert [i for i in ids if i in sequence] == sequence
    assert timeline_chart(window, window=(date(2025, 12, 5), date(2025, 12, 12))).to_dict()


# --- The chart selection applied to events ------------------------------------------------


def _ms(day: str) -> int:
    return pd.Timestamp(day, tz="UTC").value // 10**6


@pytest.mark.parametrize(
    ("state", "kept"),
    [
        ({"selection": {"pick": [{"id": "lock"}, {"id": "b52"}], "span": {}}}, {"lock", "b52"}),
        ({"selection": {"span": {"start": [_ms("2025-12-09"), _ms("2025-12-10")]}}}, {"patrol"}),
        ({"span": {"start": [_ms("2025-12-09"), _ms("2025-12-11")]}}, {"patrol", "b52"}),
        (
            {
                "selection": {
                    "span": {"start": [_ms("2025-12-09"), _ms("2025-12-11")]},
                    "pick": [{"id": "lock"}, {"id": "b52"}],
                }
            },
            {"b52"},  # ids AND span
        ),
        (Pick(ids=("patrol",)), {"patrol"}),
    ],
)
def test_a_pick_keeps_the_picked_events(events, state, kept):
    pick = state if isinstance(state, Pick) else pick_from_chart(state)
    assert set(apply_pick(events, pick)["id"]) == kept


@pytest.mark.parametrize(
    "state",
    [None, {}, {"selection": {}}, {"selection": {"pick": [], "span": {}}}, "junk", 42, [1, 2]],
)
def test_empty_or_garbage_selection_does_not_filter(events, state):
    assert apply_pick(events, pick_from_chart(state)) is events


def test_selection_of_ids_not_in_the_view_keeps_nothing_with_the_columns(events):
    kept = apply_pick(events, Pick(ids=("elsewhere",)))
    assert kept.empty and list(kept.columns) == list(events.columns)


def test_selection_is_described_in_words():
    assert describe_pick(Pick()) == "nothing"
    window = (date(2025, 12, 9), date(2025, 12, 10))
    assert describe_pick(Pick(window=window)) == "09 Dec 2025 – 10 Dec 2025"
    both = Pick(window=(date(2025, 12, 9),) * 2, ids=("a", "b"))
    assert describe_pick(both) == "09 Dec 2025 and 2 picked events"


# --- Large data: counts per period ------------------------------------------------------


def _many(days: list[str], kinds: list[str]) -> pd.DataFrame:
    starts = pd.to_datetime(days)
    return pd.DataFrame(
        {"id": [f"e{i}" for i in range(len(days))], "kind": kinds, "start_date": starts}
    ).assign(end_date=starts)


def test_aggregate_counts_events_per_day_and_kind():
    frame = aggregate_frame(
        _many(
            ["2025-12-01", "2025-12-01", "2025-12-01", "2025-12-03"],
            ["incident"] * 2 + ["transit"] * 2,
        ),
        "day",
    )
    assert list(frame["count"]) == [2, 1, 1]
    assert list(frame["kind"]) == ["incident", "transit", "transit"]
    assert frame["end"].iloc[0] - frame["start"].iloc[0] == pd.Timedelta(days=1)
    assert frame["colour"].iloc[0] == EVENT_COLOURS["incident"]


def test_aggregate_weeks_start_on_monday_and_months_on_the_first():
    events = _many(["2025-12-03", "2025-12-07", "2025-12-08"], ["incident"] * 3)  # Wed, Sun, Mon
    weeks = aggregate_frame(events, "week")
    assert list(weeks["count"]) == [2, 1]
    assert weeks["label"].iloc[0] == "Week of 01 Dec 2025"
    months = aggregate_frame(events, "month")
    assert list(months["count"]) == [3] and months["end"].iloc[0].day == 1


def test_aggregate_period_follows_the_data_span():
    assert aggregate_period(_many(["2025-01-01", "2025-03-01"], ["incident"] * 2)) == "day"
    assert aggregate_period(_many(["2024-01-01", "2025-06-01"], ["incident"] * 2)) == "week"
    assert aggregate_period(_many(["2015-01-01", "2025-06-01"], ["incident"] * 2)) == "month"


def test_many_events_get_the_aggregated_chart_with_only_the_span_selection():
    days = [f"2025-12-{1 + i % 28:02d}" for i in range(60)]
    events = _many(days, ["incident", "transit"] * 30)
    drawn = timeline_chart_for(events, aggregate_above=50)
    spec = drawn.chart.to_dict()
    assert drawn.aggregated and drawn.period == "day"
    assert [p["name"] for p in spec["params"]] == [SPAN_PARAM]
    (data,) = spec["datasets"].values()
    assert sum(row["count"] for row in data) == 60


def test_few_events_get_one_bar_each(events):
    drawn = timeline_chart_for(events)
    assert not drawn.aggregated
    assert {p["name"] for p in drawn.chart.to_dict()["params"]} == {SPAN_PARAM, PICK_PARAM}


def test_aggregate_bars_stack_the_kinds_of_one_period():
    events = _many(
        ["2025-12-01"] * 3 + ["2025-12-02"], ["incident", "transit", "transit", "transit"]
    )
    frame = aggregate_frame(events, "day")
    stacks = list(zip(frame["stack_from"], frame["stack_to"], strict=True))
    assert stacks == [(0, 1), (1, 3), (0, 1)]  # 1 incident, then 2 transits on top; next day


def test_bars_carry_the_numbers_of_the_map_callouts(catalogue_frames):
    from layers.view.select import select
    from layers.view.view import BriefingView

    selection = select(catalogue_frames, BriefingView(start=date(2025, 12, 1),
                                                      end=date(2025, 12, 12)))  # fmt: skip
    spec = timeline_chart(selection.view_events, numbers=selection.numbers).to_dict()
    (text_layer,) = _layers(spec, "text")
    rows = spec["datasets"][text_layer["data"]["name"]]
    assert {row["id"]: row["number"] for row in rows} == selection.numbers
    assert text_layer["encoding"]["text"]["field"] == "number"
    without = timeline_chart(selection.view_events).to_dict()
    assert not _layers(without, "text")


def test_one_day_bars_are_wide_enough_to_see_and_click(catalogue_frames):
    from layers.outputs.timeline import MIN_BAR_PX, TYPICAL_CHART_PX, shown_ends

    frame = timeline_frame(catalogue_frames["events"])
    ends = shown_ends(frame)
    span = frame["end"].max() - frame["start"].min()
    px = (ends - frame["start"]) / span * TYPICAL_CHART_PX
    assert px.min() >= MIN_BAR_PX - 1e-6
    one_day = frame["end"] - frame["start"] == pd.Timedelta(days=1)
    assert one_day.any() and (ends[one_day] > frame.loc[one_day, "end"]).all()
    long = (frame["end"] - frame["start"]) > span * 0.05
    assert (ends[long] == frame.loc[long, "end"]).all()  # long events keep their real end


def test_many_exercises_make_thinner_rows_not_a_chart_taller_than_the_map(catalogue_frames):
    from layers.outputs.timeline import MAX_BARS_PX, MIN_ROW_PX

    events = catalogue_frames["events"]
    rows = events["exercise"].nunique()
    assert rows > 30
    height = _spec(timeline_chart(events))["height"]
    assert height <= max(MAX_BARS_PX, rows * MIN_ROW_PX) + 90  # bars, then legend and axis
    assert height < rows * 28 * 0.6  # was 28 px a row: 1,434 px for 48 exercises
    few = events[events["exercise"] == events["exercise"].iloc[0]]
    assert _spec(timeline_chart(few))["height"] < height
