"""The form under review in the "Draft from article" tab: one widget per field of a draft.

Each field starts at the drafted value and shows, below it, every value the drafter
found with the words it came from and any flag (``field_notes``). The functions
return what the analyst has typed, as GeoJSON property values (``layers.draft.review``
does the conversions).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from layers.catalogue.schema import (
    CONFIDENCE,
    COUNTRY_NAMES,
    EVENT_KINDS,
    PLACE_PRECISION,
    TIME_PRECISION,
)
from layers.draft.event import Draft
from layers.draft.review import (
    GeometryTextError,
    aircraft_from_rows,
    anchor_point,
    as_date,
    evidence_text,
    iso,
    lines,
    point_geometry,
    ships_from_rows,
    wkt_geometry,
    wkt_prefill,
)
from layers.safe_text import md
from ui import say
from ui.context import AppContext

GEOMETRY_MODES = {
    "drafted": "As drafted",
    "point": "A point (latitude, longitude)",
    "wkt": "WKT (longitude latitude order)",
}


AIRCRAFT_COLUMNS = ["type", "count", "operator"]
SHIP_COLUMNS = ["name", "type", "count", "operator"]


BASE_LABELS = {"staging_base": "Staging base", "home_base": "Home base"}


def field_notes(draft: Draft, *names: str) -> None:
    """Under a field: each value found with its words and reasoning; the flag, highlighted."""
    for name in names:
        for ev in draft.evidence.get(name, []):
            value = evidence_text(ev.value)
            say.caption(
                "Found {value} in “{words}”: {reasoning}",
                value=value,
                words=ev.words,
                reasoning=ev.reasoning,
            )
        if name in draft.flags:
            say.warning("Check {name}: {flag}", icon="⚠️", name=name, flag=draft.flags[name])


def identity_fields(draft: Draft, props: dict, key) -> dict:
    """Names and ids of the event and its exercise."""
    values = {}
    id_col, name_col = st.columns(2)
    values["id"] = id_col.text_input("Event id", props["id"], key=key("id"))
    values["name"] = name_col.text_input("Name", props["name"], key=key("name"))
    field_notes(draft, "name")
    aliases = st.text_area("Aliases (one per line)", "\n".join(props["aliases"]), key=key("al"))
    values["aliases"] = lines(aliases)
    ex_id_col, ex_col = st.columns(2)
    values["exercise_id"] = ex_id_col.text_input(
        "Exercise id", props["exercise_id"], key=key("exercise_id")
    )
    values["exercise"] = ex_col.text_input("Exercise", props["exercise"], key=key("exercise"))
    field_notes(draft, "exercise")
    kinds = [None, *EVENT_KINDS]
    values["kind"] = st.selectbox(
        "Kind",
        kinds,
        index=kinds.index(props["kind"]) if props["kind"] in kinds else 0,
        format_func=lambda k: EVENT_KINDS.get(k, "— choose a kind (required) —"),
        key=key("kind"),
    )
    field_notes(draft, "kind")
    return values


def when_and_who_fields(draft: Draft, props: dict, key, ctx: AppContext) -> dict:
    """Dates, participants, aircraft, units and bases."""
    values = {}
    start_col, end_col, precision_col = st.columns(3)
    values["start"] = iso(start_col.date_input("Start", as_date(props["start"]), key=key("s")))
    values["end"] = iso(end_col.date_input("End", as_date(props["end"]), key=key("e")))
    values["time_precision"] = choice(
        precision_col, "Time precision", TIME_PRECISION, props["time_precision"], key("tp")
    )
    field_notes(draft, "start")
    countries = sorted(set(COUNTRY_NAMES) | set(props["participants"]))
    values["participants"] = st.multiselect(
        "Participants",
        countries,
        default=props["participants"],
        key=key("participants"),
        format_func=lambda c: f"{COUNTRY_NAMES.get(c, c)} ({c})",
    )
    field_notes(draft, "participants")
    responders = sorted(set(COUNTRY_NAMES) | set(props["responders"]))
    values["responders"] = st.multiselect(
        "Responders (scrambled, shadowed or warned; not participants)",
        responders,
        default=props["responders"],
        key=key("responders"),
        format_func=lambda c: f"{COUNTRY_NAMES.get(c, c)} ({c})",
    )
    field_notes(draft, "responders")
    values["aircraft"] = aircraft_field(props["aircraft"], key("aircraft"))
    field_notes(draft, "aircraft")
    values["ships"] = ships_field(props["ships"], key("ships"))
    field_notes(draft, "ships")
    values["units"] = lines(
        st.text_area("Units (one per line)", "\n".join(props["units"]), key=key("units"))
    )
    field_notes(draft, "units")
    bases = ctx.catalogue["bases"]
    base_names = dict(zip(bases["id"], bases["name"], strict=True))
    staging_col, home_col = st.columns(2)
    for col, name in ((staging_col, "staging_base"), (home_col, "home_base")):
        options = [None, *sorted(base_names, key=base_names.get)]
        current = props[name] if props[name] in options else None
        values[name] = col.selectbox(
            BASE_LABELS[name],
            options,
            index=options.index(current),
            format_func=lambda b: base_names.get(b, "— none —"),
            key=key(name),
        )
    field_notes(draft, "staging_base", "home_base")
    return values


def choice(where, label: str, options: dict, current, widget_key: str):
    """A selectbox over a schema enum, showing each value's description."""
    keys = list(options)
    index = keys.index(current) if current in keys else 0
    return where.selectbox(md(label), keys, index=index, format_func=options.get, key=widget_key)


def aircraft_field(items: list[dict], widget_key: str) -> list[dict]:
    """Aircraft as an editable table (type, count, operator); blank rows are dropped."""
    frame = pd.DataFrame(items, columns=AIRCRAFT_COLUMNS).astype(
        {"type": "string", "count": "Int64", "operator": "string"}
    )
    st.markdown("Aircraft (type, count, operator; add or delete rows)")
    edited = st.data_editor(frame, num_rows="dynamic", key=widget_key, hide_index=True)
    return aircraft_from_rows(edited.to_dict("records"))


def ships_field(items: list[dict], widget_key: str) -> list[dict]:
    """Ships as an editable table (name, type, count, operator); blank rows are dropped."""
    frame = pd.DataFrame(items, columns=SHIP_COLUMNS).astype(
        {"name": "string", "type": "string", "count": "Int64", "operator": "string"}
    )
    st.markdown("Ships (name, type, count, operator; add or delete rows)")
    edited = st.data_editor(frame, num_rows="dynamic", key=widget_key, hide_index=True)
    return ships_from_rows(edited.to_dict("records"))


def assessment_fields(draft: Draft, props: dict, key) -> dict:
    """Summary, notes, basis, confidence and place precision."""
    values = {"summary": st.text_area("Summary (your own words)", props["summary"], key=key("sum"))}
    field_notes(draft, "summary")
    notes = st.text_area("Notes", props["notes"] or "", key=key("notes"))
    values["notes"] = notes.strip() or None
    basis = st.text_area("Basis of the geometry", props["basis"] or "", key=key("basis"))
    values["basis"] = basis.strip() or None
    conf_col, place_col = st.columns(2)
    values["confidence"] = choice(
        conf_col, "Confidence", CONFIDENCE, props["confidence"], key("confidence")
    )
    values["place_precision"] = choice(
        place_col, "Place precision", PLACE_PRECISION, props["place_precision"], key("pp")
    )
    field_notes(draft, "confidence")
    return values


def source_fields(draft: Draft, source: dict, key) -> dict:
    """The article as the event's source."""
    title_col, publisher_col = st.columns(2)
    url_col, date_col = st.columns([3, 1])
    edited = {
        "title": title_col.text_input("Source title", source["title"], key=key("src_title")),
        "publisher": publisher_col.text_input(
            "Source publisher", source["publisher"], key=key("src_publisher")
        ),
        "url": url_col.text_input("Source URL", source["url"], key=key("src_url")),
        "published": iso(
            date_col.date_input("Source date", as_date(source["published"]), key=key("src_pub"))
        ),
        "retrieved": source.get("retrieved"),
    }
    field_notes(draft, "sources")
    return edited


def geometry_field(draft: Draft, key) -> dict | None:
    """Where: the drafted geometry, a point, or WKT; None when no geometry is given."""
    drafted = draft.feature["geometry"]
    modes = [m for m in GEOMETRY_MODES if m != "drafted" or drafted]
    mode = st.radio(
        "Geometry", modes, format_func=GEOMETRY_MODES.get, key=key("geom_mode"), horizontal=True
    )
    field_notes(draft, "geometry")
    if mode == "drafted":
        say.caption("{kind} drafted from the place named in the article.", kind=drafted["type"])
        return drafted
    if mode == "point":
        lat0, lon0 = anchor_point(drafted) or (None, None)
        lat_col, lon_col = st.columns(2)
        lat = lat_col.number_input("Latitude", -90.0, 90.0, lat0, format="%.4f", key=key("lat"))
        lon = lon_col.number_input("Longitude", -180.0, 360.0, lon0, format="%.4f", key=key("lon"))
        return point_geometry(lat, lon)
    text = st.text_area("WKT", wkt_prefill(drafted), key=key("wkt"))
    try:
        return wkt_geometry(text)
    except GeometryTextError as exc:
        say.error("Not valid WKT: {reason}", reason=exc)
        return None
