"""The "Draft from article" tab: paste an article, review the drafted event, save it.

``layers.draft.draft_event`` (run in a worker process, ``layers.draft.worker``, so a long
article never holds up other sessions) proposes every field with the words it came from; the
analyst edits any field (one widget each), sets the confidence and saves through
``layers.draft.save_draft`` (the same validated, atomic path as a file import): on
any error nothing is saved and every problem is listed. Article text, evidence and
values are shown as text, never interpreted.
"""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

import streamlit as st

from layers.catalogue.importer import StoreError
from layers.draft.event import MAX_ARTICLE_CHARS, ArticleTooLong, Draft, save_draft
from layers.draft.review import (
    FORM_COLUMNS,
    feature_from_values,
    form_problems,
    previewable,
    save_refusal,
)
from layers.draft.worker import draft_in_worker
from layers.map.preview import preview_html
from ui import db_state, draft_duplicates, presses, say
from ui.context import AppContext
from ui.draft_form import (
    assessment_fields,
    geometry_field,
    identity_fields,
    source_fields,
    when_and_who_fields,
)
from ui.saving import catalogue_event_ids, invalidate_and_rerun, show_notice

KEY_DRAFT = "draft_current"  # (round, Draft): the draft under review
KEY_ROUND = "draft_round"  # bumped per new draft, so every field widget starts afresh
KEY_PREVIEW = "draft_preview"  # (feature hash, html)
KEY_NOTICE = "draft_notice"  # (level, text) of the last save, until the next draft
PREVIEW_HEIGHT = 320


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
    if presses.button(
        "Draft event", key="draft_make", until_done=True, type="primary", disabled=not text.strip()
    ):
        with presses.working("draft_make"):  # drafted, or the reason shown: not again
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
    draft_duplicates.render(ctx, feature, round_, KEY_NOTICE, KEY_DRAFT)
    check_and_save(ctx, feature, round_)


def check_and_save(ctx: AppContext, feature: dict, round_: int) -> None:
    """Live check of the edited event, its preview, and the Save button."""
    kwargs = {"data_dir": ctx.data_dir, "base_ids": ctx.base_ids}
    kwargs["reserved_ids"] = catalogue_event_ids(ctx)
    kwargs |= db_state.draft_options()  # the shared database, when one is set
    checked = save_draft(feature, dry_run=True, **kwargs)
    shown = previewable(checked, feature)
    if shown:
        st.iframe(preview(shown), height=PREVIEW_HEIGHT, alt="Preview of the draft")
    else:
        st.info("No geometry to preview: give a point or WKT above.")
    if checked.problems:
        st.markdown(f"**Problems if saved now ({len(checked.problems)})**")
        st.dataframe(problems_frame(checked.problems), hide_index=True, key="draft_check")
    save_col, drop_col = st.columns(2)
    if presses.button("Save event", key=f"draft_save_{round_}", where=save_col, type="primary"):
        save(feature, kwargs)
    if presses.button("Discard the draft", key=f"draft_discard_{round_}", where=drop_col):
        st.session_state.pop(KEY_DRAFT, None)
        st.rerun()


def problems_frame(problems):
    """The problems as a table naming each field of the form and where it is."""
    import pandas as pd

    return pd.DataFrame(form_problems(problems), columns=list(FORM_COLUMNS), dtype=str)


def preview(features) -> str:
    """Preview HTML of the checked feature, rebuilt only when the feature changes."""
    digest = hashlib.sha256(json.dumps(features, sort_keys=True).encode()).hexdigest()
    memo = st.session_state.get(KEY_PREVIEW)
    if memo is None or memo[0] != digest:
        try:
            html = preview_html(features)
        except (ValueError, TypeError, KeyError, AttributeError):  # an unchecked draft
            html = "<p>The preview cannot be drawn until the problems under it are fixed.</p>"
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
        say.error("{refusal}", refusal=save_refusal(result.errors or result.problems))
        return
    st.session_state.pop(KEY_DRAFT, None)
    text = f"Saved event {feature['properties']['id']} as import {result.import_id}."
    invalidate_and_rerun("success", text, KEY_NOTICE)
