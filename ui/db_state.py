"""The app on a shared database: the store, the stamp of each rerun, large catalogues, the author.

Only used when ``BRIEFING_MAP_DATABASE_URL`` is set (``database_url()``); without it
the app runs on files exactly as before.

* One ``PostgisStore`` per app process (``st.cache_resource``): its few connections
  are shared by the sessions' threads.
* Each rerun asks the database one indexed question, the write stamp (``stamp``): an
  import, edit or removal saved by any app server or command changes it, so every
  process reloads at its next rerun. No polling loop: nothing runs between reruns.
* Above ``LARGE_EVENTS`` events the events stay in the database: ``remote()`` is the
  handle the panels query (``ui.db_large``), and the sidebar's choices come from one
  summary query per data version.
* The author of a change: the header the site's reverse proxy sets, when
  ``BRIEFING_MAP_AUTHOR_HEADER`` names it, else the sidebar's name field. The name
  field is a label, not authentication.
"""

from __future__ import annotations

import os

import streamlit as st

from layers.catalogue.db.connect import database_url
from ui import say

AUTHOR_HEADER_ENV = "BRIEFING_MAP_AUTHOR_HEADER"
KEY_AUTHOR = "db_author_name"
KEY_STAMP = "db_stamp"  # the write stamp read at the start of this session's current run


def failures() -> tuple[type[BaseException], ...]:
    """What "the database cannot be used" raises (no psycopg import when on files)."""
    import sys

    from layers.catalogue.db.connect import DatabaseError

    psycopg = sys.modules.get("psycopg")
    return (DatabaseError, psycopg.Error) if psycopg else (DatabaseError,)


def reason(exc: BaseException) -> str:
    """One line for a database failure, without the password."""
    from layers.catalogue.db.connect import DatabaseError, explain

    return str(exc) if isinstance(exc, DatabaseError) else str(explain(exc, url() or ""))


def url() -> str | None:
    """The database URL of this app process, or ``None`` (files)."""
    return database_url()


@st.cache_resource(show_spinner=False)
def _store(address: str):
    from layers.catalogue.db.store import PostgisStore

    return PostgisStore(address)


def store():
    """The process's ``PostgisStore`` (``None`` when the app runs on files)."""
    address = url()
    return None if address is None else _store(address)


def refresh() -> tuple:
    """Ask the database its write stamp: the one query of a rerun (``ui.state.load_data``)."""
    value = ("database", url(), *store().version())
    st.session_state[KEY_STAMP] = value
    return value


def stamp() -> tuple:
    """``("database", url, counter, time)``: the cache key of the data, as read this run."""
    return st.session_state.get(KEY_STAMP) or refresh()


@st.cache_resource(show_spinner=False, max_entries=4)
def large(stamp_: tuple) -> bool:
    """True when the database holds too many events to load (they stay there)."""
    from layers.catalogue.db.store import LARGE_EVENTS

    return store().event_count() > LARGE_EVENTS


def load(stamp_: tuple) -> tuple[dict, tuple[str, ...]]:
    """The frames (events left out when ``large``) and the user data's problems."""
    problems: list[str] = []
    catalogue = store().load_catalogue(
        on_problem=lambda p: problems.append(str(p)), events=not large(stamp_)
    )
    return catalogue.frames, tuple(problems)


@st.cache_resource(show_spinner="Reading the catalogue's choices…", max_entries=4)
def _summary(stamp_: tuple):
    """Exercises, kinds, countries, aircraft, span and count: one pass, per data version."""
    from layers.catalogue.db.remote import RemoteEvents

    return RemoteEvents(store()).summary()


def remote():
    """The query handle of a large database catalogue (this version's, cached answers)."""
    from layers.catalogue.db.remote import RemoteEvents
    from ui.db_remote import CachedRemote

    return CachedRemote(RemoteEvents(store(), _summary(stamp())), stamp())


@st.cache_resource(show_spinner=False, max_entries=4)
def _choices(stamp_: tuple):
    from layers.view.choices import FilterChoices, quick_choices

    found = _summary(stamp_)
    names = {e: v[0] for e, v in found.exercises.items()}
    spans = _span_frame(found)
    families = tuple(found.aircraft)
    return FilterChoices(
        exercises=names,
        kinds=found.kinds,
        countries=found.countries,
        aircraft=families,
        quick=quick_choices(spans, names),
        span=found.span,
    )


def _span_frame(found):
    """One row per exercise (its first and last day), plus the data's own span."""
    import pandas as pd

    rows = [(e, s, t) for e, (_, s, t) in found.exercises.items()]
    if found.span:
        rows.append((None, *found.span))
    frame = pd.DataFrame(rows, columns=["exercise_id", "start_date", "end_date"])
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def choices():
    """The sidebar's choices for a large database catalogue, once per data version."""
    return _choices(stamp())


def clear() -> None:
    """Forget what is cached per data version (after this session saved something)."""
    from ui import db_remote

    _choices.clear()
    _summary.clear()
    large.clear()
    db_remote.clear()


def header_author() -> str:
    """The name the reverse proxy's header gives (``BRIEFING_MAP_AUTHOR_HEADER``), or ""."""
    header = os.environ.get(AUTHOR_HEADER_ENV, "").strip()
    if not header:
        return ""
    return (st.context.headers.get(header) or "").strip()[:200]


def author(where=st.sidebar) -> str:
    """Who is making changes: the proxy's header when configured, else the name field."""
    value = header_author()
    if value:
        say.caption("Changes are saved as {name} (from the site's sign-in).", where=where,
                    name=value)  # fmt: skip
        return value
    name = where.text_input(
        "Your name (kept with your changes)",
        key=KEY_AUTHOR,
        max_chars=100,
        help="Written into the history of every change you save. It is a label you type, "
        "not a sign-in: anyone can type any name.",
    )
    return name.strip()


def author_name() -> str:
    """The author for a change made without a form of its own (an import, a draft)."""
    return (
        header_author()
        or str(st.session_state.get(KEY_AUTHOR, "")).strip()
        or "app user (no name given)"
    )


# The import and draft tabs call these with the file store's signatures; with a
# database they go to ``PostgisStore`` (same checks, same results) in one transaction.


def import_events(data: bytes, *, name: str, data_dir=None, dry_run: bool = False, **options):
    """``importer.import_events``, or the database's (the author from ``author_name``)."""
    from layers.catalogue import importer

    if not url():
        return importer.import_events(
            data, name=name, data_dir=data_dir, dry_run=dry_run, **options
        )
    keep = options.get("keep_valid_only", True)
    return store().import_events(data, name=name, author=author_name(), dry_run=dry_run,
                                 keep_valid_only=keep)  # fmt: skip


def remove_import(data_dir, import_id: str) -> None:
    """``importer.remove_import``, or a versioned removal in the database."""
    from layers.catalogue import importer

    if not url():
        importer.remove_import(data_dir, import_id)
    else:
        store().remove_import(import_id, author=author_name())


def read_user_events(data_dir, **options):
    """``store.read_user_events``, or the database's imports (what the tab lists).

    The database checked every event when it was written: the list needs no event.
    """
    from layers.catalogue import store as files

    if not url():
        return files.read_user_events(data_dir, **options)
    return files.UserEvents(tuple(store().list_imports()), ())


def signature(data_dir) -> tuple:
    """``store.signature`` (the folder's files), or the database's stamp."""
    from layers.catalogue import store as files

    return files.signature(data_dir) if not url() else stamp()


def where(data_dir) -> str:
    """Where imports are kept, for the tab's caption (never with a password)."""
    return str(data_dir) if not url() else store().where


def draft_options() -> dict:
    """What ``save_draft`` needs to save into the database ({} on files)."""
    return {} if not url() else {"store": store(), "author": author_name()}
