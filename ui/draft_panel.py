"""The "Draft from article" tab: paste an article, review the drafted event, save it.

``layers.draft.draft_event`` (run in a worker process, ``layers.draft.worker``, so a long
article never holds up other sessions) proposes every field with the words it came from; the
analyst edits any field (one widget each), sets the confidence and saves through
``layers.draft.save_draft`` (the same validated, atomic path as a file import): on
any error nothing is saved and every problem is listed. Article text, evidence and
values are shown as text, never interpreted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

import pandas as pd
import shapely
import streamlit as st
from shapely.errors import ShapelyError
from shapely.geometry import mapping, shape

from layers.catalogue.schema import (
    CONFIDENCE,
    COUNTRY_NAMES,
    EVENT_KINDS,
    PLACE_PRECISION,
    TIME_PRECISION,
)
from layers.catalogue.store import StoreError
from layers.draft.event import MAX_ARTICLE_CHARS, ArticleTooLong, Draft, save_draft
from layers.draft.worker import draft_in_worker
from layers.map.preview import preview_html, problems_table
from layers.safe_text import md
from ui import say
from ui.context import AppContext
from ui.import_panel import catalogue_event_ids, invalidate_and_rerun, show_notice

KEY_DRAFT = "draft_current"  # (round, Draft): the draft under review
KEY_ROUND = "draft_round"  # bumped per new draft, so every field widget starts afresh
KEY_PREVIEW = "draft_preview"  # (feature hash, html)
KEY_NOTICE = "draft_notice"  # (level, text) of the last save, until the next draft
PREVIEW_HEIGHT = 320
GEOMETRY_MODES = {
    "drafted": "As drafted",
    "point": "A point (latitude, longitude)",
    "wkt": "WKT (longitude latitude order)",
}
WKT_PREFILL_CHARS = 2_000  # a sea outline is too long to edit as text; start empty
AIRCRAFT_COLUMNS = ["type", "count", "operator"]
BASE_LABELS = {"staging_base": "Staging base", "home_base": "Home base"}


def render(ctx: AppContext) -> None:
    """Draw the tab: article inputs, then the draft under review (if any)."""
    st.subheader("Draft an event from an article")
    notice = st.empty()
    article_inputs()
    current = st.session_state.get(KEY_DRAFT)
    if current is None:
        show_notice(KEY_NOTICE, notice)
    else:
        st.divider()
        review(ctx, *current)


def article_inputs() -> None:
    """Text, title, publisher, URL and date of the article; "Draft event" drafts it."""
    text = st.text_area(
        "Article text", key="draft_article", height=180, max_chars=MAX_ARTICLE_CHARS
    )
    title_col, publisher_col = st.columns(2)
    title = title_col.text_input("Article title", key="draft_article_title")
    publisher = publisher_col.text_input("Article publisher", key="draft_article_publisher")
    url_col, date_col = st.columns([3, 1])
    url = url_col.text_input("Article URL", key="draft_article_url")
    published = date_col.date_input("Article published on", key="draft_article_published")
    if st.button("Draft event", type="primary", disabled=not text.strip(), key="draft_make"):
        try:
            with st.spinner("Reading the article…"):
                draft = draft_in_worker(
                    text, published=published, title=title, publisher=publisher, url=url
                )
        except ArticleTooLong as exc:
            say.error("{reason}", reason=exc)
            return
        except (FutureTimeout, BrokenProcessPool) as exc:
            say.error(
                "The draft could not be made: {reason}. Try again.", reason=exc or "timed out"
            )
            return
        st.session_state.pop(KEY_NOTICE, None)
        round_ = st.session_state.get(KEY_ROUND, 0) + 1
        st.session_state[KEY_ROUND] = round_
        st.session_state[KEY_DRAFT] = (round_, draft)


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


def evidence_text(value) -> str:
    """A found value in words: a date range, "3 × B-52H (USAF)", or the value itself."""
    if isinstance(value, dict) and "start" in value:
        same = value["start"] == value["end"]
        return value["start"] if same else f"{value['start']} to {value['end']}"
    if isinstance(value, dict) and "type" in value:
        count = f"{value['count']} × " if value.get("count") else ""
        operator = f" ({value['operator']})" if value.get("operator") else ""
        return f"{count}{value['type']}{operator}"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def lines(text: str) -> list[str]:
    """Non-empty lines of a text area (one list item per line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def iso(value: dt.date | None) -> str | None:
    """A date widget's value as ISO text (None stays None: the validator names it)."""
    return value.isoformat() if value else None


def as_date(text) -> dt.date | None:
    """The calendar day of an ISO date or date-time text, for a date widget."""
    try:
        return dt.date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def review(ctx: AppContext, round_: int, draft: Draft) -> None:
    """Every field of the draft as a widget; the edited feature is checked and previewed."""
    props = draft.feature["properties"]

    def key(name: str) -> str:
        return f"draft_{round_}_{name}"

    st.markdown("**Review the draft.** Every field can be changed; nothing is saved yet.")
    values = {
        **identity_fields(draft, props, key),
        **when_and_who_fields(draft, props, key, ctx),
        **assessment_fields(draft, props, key),
    }
    values["sources"] = [source_fields(draft, props["sources"][0], key)]
    geometry = geometry_field(draft, key)
    feature = feature_from_values(values, geometry)
    check_and_save(ctx, feature, round_)


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
        format_func=lambda k: EVENT_KINDS.get(k, "— choose a kind —"),
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
    values["aircraft"] = aircraft_field(props["aircraft"], key("aircraft"))
    field_notes(draft, "aircraft")
    values["units"] = lines(
        st.text_area("Units (one per line)", "\n".join(props["units"]), key=key("units"))
    )
    field_notes(draft, "units")
    base_names = dict(zip(ctx.frames["bases"]["id"], ctx.frames["bases"]["name"], strict=True))
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
    rows = []
    for row in edited.to_dict("records"):
        kind = "" if pd.isna(row["type"]) else str(row["type"]).strip()
        if not kind:
            continue
        count = None if pd.isna(row["count"]) else int(row["count"])
        operator = "" if pd.isna(row["operator"]) else str(row["operator"]).strip()
        rows.append({"type": kind, "count": count, "operator": operator})
    return rows


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
    drafted_shape = shape(drafted) if drafted else None
    if mode == "drafted":
        say.caption("{kind} drafted from the place named in the article.", kind=drafted["type"])
        return drafted
    if mode == "point":
        anchor = drafted_shape.representative_point() if drafted_shape else None
        lat_col, lon_col = st.columns(2)
        lat = lat_col.number_input(
            "Latitude", -90.0, 90.0, anchor.y if anchor else None, format="%.4f", key=key("lat")
        )
        lon = lon_col.number_input(
            "Longitude", -180.0, 360.0, anchor.x if anchor else None, format="%.4f", key=key("lon")
        )
        return None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    prefill = drafted_shape.wkt if drafted_shape is not None else ""
    text = st.text_area("WKT", prefill if len(prefill) <= WKT_PREFILL_CHARS else "", key=key("wkt"))
    try:
        return mapping(shapely.from_wkt(text)) if text.strip() else None
    except (ShapelyError, ValueError) as exc:
        say.error("Not valid WKT: {reason}", reason=exc)
        return None


def feature_from_values(values: dict, geometry: dict | None) -> dict:
    """The GeoJSON Feature the analyst has reviewed (validated when saved)."""
    props = {k: v for k, v in values.items() if not (k == "units" and not v)}
    geometry = json.loads(json.dumps(geometry)) if geometry else None  # tuples → lists
    return {"type": "Feature", "id": props["id"], "properties": props, "geometry": geometry}


def check_and_save(ctx: AppContext, feature: dict, round_: int) -> None:
    """Live check of the edited event, its preview, and the Save button."""
    kwargs = {"data_dir": ctx.data_dir, "base_ids": ctx.base_ids}
    kwargs["reserved_ids"] = catalogue_event_ids(ctx)
    checked = save_draft(feature, dry_run=True, **kwargs)
    shown = previewable(checked, feature)
    if shown:
        st.iframe(preview(shown), height=PREVIEW_HEIGHT, alt="Preview of the draft")
    else:
        st.info("No geometry to preview: give a point or WKT above.")
    if checked.problems:
        st.markdown(f"**Problems if saved now ({len(checked.problems)})**")
        st.dataframe(problems_table(checked.problems), hide_index=True, key="draft_check")
    save_col, drop_col = st.columns(2)
    if save_col.button("Save event", type="primary", key=f"draft_save_{round_}"):
        save(feature, kwargs)
    if drop_col.button("Discard the draft", key=f"draft_discard_{round_}"):
        st.session_state.pop(KEY_DRAFT, None)
        st.rerun()


def previewable(checked, feature: dict) -> list[dict]:
    """What the preview map shows: the checked event, else its geometry if that is sound.

    Another field's error (an empty exercise name) should not hide where the event is.
    """
    if checked.features:
        return list(checked.features)
    geometry_errors = [p for p in checked.errors if (p.field or "").startswith("geometry")]
    return [feature] if feature["geometry"] and not geometry_errors else []


def preview(features) -> str:
    """Preview HTML of the checked feature, rebuilt only when the feature changes."""
    digest = hashlib.sha256(json.dumps(features, sort_keys=True).encode()).hexdigest()
    memo = st.session_state.get(KEY_PREVIEW)
    if memo is None or memo[0] != digest:
        try:
            html = preview_html(features)
        except (ValueError, TypeError, KeyError, AttributeError):  # an unchecked draft
            html = "<p>The preview cannot be drawn until the problems below are fixed.</p>"
        memo = (digest, html)
        st.session_state[KEY_PREVIEW] = memo
    return memo[1]


def save(feature: dict, kwargs: dict) -> None:
    """Save through the import path; on any error show the problems and save nothing."""
    try:
        result = save_draft(feature, **kwargs)
    except (StoreError, OSError) as exc:
        say.error("Nothing was saved: {reason}", reason=exc)
        return
    if not result.accepted:
        st.error("Nothing was saved: fix the problems below.")
        st.dataframe(problems_table(result.problems), hide_index=True, key="draft_save_problems")
        return
    st.session_state.pop(KEY_DRAFT, None)
    text = f"Saved event {feature['properties']['id']} as import {result.import_id}."
    invalidate_and_rerun("success", text, KEY_NOTICE)
