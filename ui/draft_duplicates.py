"""Under the draft in the "Draft from article" tab: events the catalogue already holds like it.

``layers.draft.duplicates.similar_events`` compares the reviewed draft with every event
of the catalogue and the saved imports (same days ± 1, an aircraft or ship in common,
within 300 km). Each one found is shown with its days, what it shares and the sources
it cites, with a button that adds the article to that event's sources instead of
saving a second event (``layers.catalogue.add_source``: one line of the catalogue's
events file, or the import file, validated and written atomically; with a database, a
new version of the event under the analyst's name).
"""

from __future__ import annotations

import streamlit as st

from layers.catalogue.add_source import add_in_database, add_to_catalogue, add_to_import
from layers.catalogue.importer import StoreError
from layers.catalogue.problems import GeoDataError
from layers.catalogue.registry import LAYERS_BY_KEY
from layers.draft.duplicates import has_source, similar_events
from ui import db_state, presses, say
from ui.context import AppContext
from ui.saving import invalidate_and_rerun

ADD_LABEL = "Add this article to that event's sources instead"


def render(ctx: AppContext, feature: dict, round_: int, notice_key: str, draft_key: str) -> None:
    """A warning per likely duplicate, with its sources and "add this article instead"."""
    source = feature["properties"]["sources"][0]
    for n, similar in enumerate(similar_events(feature, ctx.catalogue["events"])):
        origin = "your import " + similar.import_id if similar.import_id else "the catalogue"
        say.warning(
            "The catalogue may already hold this event: {what} (in {origin}).",
            icon="⚠️",
            what=similar.describe(),
            origin=origin,
        )
        for cited in similar.sources:
            say.caption(
                "It cites: {title} — {url}", title=cited.get("title") or "", url=cited.get("url")
            )
        if has_source(similar, source):
            say.caption("It already cites this article's URL: nothing to add.")
            continue
        if presses.button(ADD_LABEL, key=f"draft_add_source_{round_}_{n}"):
            add_source(ctx, similar, source, notice_key, draft_key)


def add_source(ctx: AppContext, similar, source: dict, notice_key: str, draft_key: str) -> None:
    """Add the source; on success drop the draft and say where it went."""
    try:
        if db_state.url():  # the shared database: a new version of the event, with its author
            done = add_in_database(
                db_state.store(), similar.event_id, list(similar.sources), source,
                author=db_state.author_name(),
            )  # fmt: skip
            if done is not None and done.version is None:
                reason = "; ".join(p.message for p in done.problems)
                say.error("Nothing was changed: {reason}", reason=reason)
                return
        elif similar.import_id:
            add_to_import(ctx.data_dir, similar.import_id, similar.event_id, source)
        else:
            path = LAYERS_BY_KEY["events"].path
            add_to_catalogue(path, similar.event_id, source, base_ids=ctx.base_ids)
    except (GeoDataError, StoreError, KeyError, OSError, *db_state.failures()) as exc:
        say.error("Nothing was changed: {reason}", reason=exc)
        return
    st.session_state.pop(draft_key, None)
    text = f"Added the article as a source of {similar.event_id}; no new event was saved."
    invalidate_and_rerun("success", text, notice_key)
