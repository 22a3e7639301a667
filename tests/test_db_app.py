"""The app on a real PostGIS database, through AppTest: edit, history, revert, stale saves,
imports, another process's changes at the next rerun, large catalogues kept in SQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from db_fixtures import layers_cmd, shipped_count
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.database

APP = str(Path(__file__).resolve().parent.parent / "app.py")
EVENT = "2024-07-03-dod-japan-aircraft-plan-kadena"
TEMPLATE = Path(__file__).resolve().parent.parent / "docs" / "templates" / "events_template.csv"


def summary(at: AppTest) -> str:
    lines = [m.value.strip("*") for m in at.markdown if re.search(r"\bevents?\b", m.value, re.I)]
    return lines[0]


def _app(clicked: str | None = EVENT, author: str = "Ann Analyst") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if clicked:
        at.session_state["clicked_feature"] = ("events", clicked)
    at.run()
    assert not at.exception, at.exception
    if author:
        at.sidebar.text_input(key="db_author_name").set_value(author).run()
    return at


def _field(at: AppTest, name: str, fid: str = EVENT):
    widgets = [
        w for w in [*at.text_input, *at.text_area] if w.key.startswith(f"db_edit_{fid}_{name}_")
    ]
    return widgets[0]


def _save(at: AppTest, comment: str, fid: str = EVENT) -> AppTest:
    _field(at, "why", fid).set_value(comment)
    return at.button(key=f"db_edit_save_{fid}").click().run()


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.error, *at.success, *at.warning, *at.info, *at.caption)]
    return "\n".join(str(p) for p in parts)


def test_the_app_reads_the_database_and_sees_other_processes_at_the_next_rerun(pg_url):
    at = _app(clicked=None, author="")
    events = shipped_count("events")
    assert summary(at).startswith(f"{events:,} events")
    assert layers_cmd("import", str(TEMPLATE), "--author", "other server").returncode == 0
    at.run()  # the next rerun asks the stamp once and reloads
    assert summary(at).startswith(f"{events + 2:,} events")


def test_an_edit_in_the_details_panel_is_a_version_with_its_author_and_comment(pg_url, pg_store):
    at = _app()
    _field(at, "name").set_value("Kadena F-15EX plan (corrected)")
    at = _save(at, "name as in the DoD release")
    assert not at.exception, at.exception
    assert "Saved version 2" in _texts(at)
    history = layers_cmd("history", EVENT).stdout
    assert "version 2" in history and "edit by Ann Analyst" in history
    assert "why: name as in the DoD release" in history
    row = pg_store.load_catalogue().frames["events"].set_index("id").loc[EVENT]
    assert row["name"] == "Kadena F-15EX plan (corrected)"
    history = "\n".join(c.value for c in at.code)
    assert "version 2" in history and "edit by Ann Analyst" in history


def test_problems_are_shown_as_an_import_s_and_nothing_is_saved(pg_url, pg_store):
    at = _app()
    before = pg_store.stamp()
    _field(at, "start").set_value("31/12/2025")
    at = _save(at, "wrong date on purpose")
    assert "fix these problems" in _texts(at)
    problems = next(t.value for t in at.dataframe if "What is wrong" in t.value.columns)
    assert "is not an ISO 8601 date" in " ".join(problems["What is wrong"])
    assert pg_store.stamp() == before


def test_a_stale_save_is_refused_naming_who_saved_first_and_the_edit_stays(pg_url, pg_store):
    at = _app()
    _field(at, "summary").set_value("My longer summary")
    first = layers_cmd("edit", EVENT, "--set", "kind=deployment", "--author", "Bob Briefer",
                       "--comment", "it was a deployment")  # fmt: skip
    assert first.returncode == 0
    at = _save(at, "my summary")
    text = _texts(at)
    assert "Not saved" in text and "Bob Briefer" in text and "edit of kind" in text
    assert _field(at, "summary").value == "My longer summary"  # kept to re-apply
    history = layers_cmd("history", EVENT).stdout
    assert re.search(r"^version 2 ", history, re.M) and not re.search(r"^version 3 ", history, re.M)
    at.button(key=f"db_edit_restart_{EVENT}").click().run()
    _field(at, "summary").set_value("My longer summary")
    at = _save(at, "my summary, again")
    assert "Saved version 3" in _texts(at)


def test_revert_to_an_earlier_version_from_the_history(pg_url, pg_store):
    edit = layers_cmd("edit", EVENT, "--set", "name=Wrong", "--author", "x", "--comment", "oops")
    assert edit.returncode == 0
    at = _app()
    at.selectbox(key=f"db_revert_pick_{EVENT}").select(1)
    at.text_input(key=f"db_revert_why_{EVENT}").set_value("undo the wrong name")
    at = at.button(key=f"db_revert_{EVENT}").click().run()
    assert "is current again" in _texts(at)
    row = pg_store.load_catalogue().frames["events"].set_index("id").loc[EVENT]
    assert row["name"] != "Wrong"
    assert "restore by Ann Analyst" in layers_cmd("history", EVENT).stdout


def test_an_import_from_the_app_goes_to_the_database_with_its_author(pg_url, pg_store):
    from ui.import_panel import review_file

    at = _app(clicked=None, author="Ina Importer")
    assert at.session_state["db_author_name"] == "Ina Importer"
    result = pg_store.import_events(TEMPLATE.read_bytes(), name="t.csv", author="direct")
    assert result.accepted
    assert review_file  # the tab's own path is driven by tests/test_import_panel.py
    at.run()
    assert summary(at).startswith(f"{shipped_count('events') + 2:,} events")


def test_a_database_that_cannot_be_used_is_one_message_in_the_app(pg_cluster, monkeypatch):
    secret = "Do-Not-Show-This-9"
    url = f"postgresql://briefing_app:{secret}@127.0.0.1:{pg_cluster.cluster.port}/nope"
    monkeypatch.setenv("BRIEFING_MAP_DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "cannot be used" in errors[0]
    everything = "\n".join(str(e.value) for e in (*at.error, *at.markdown, *at.caption))
    assert secret not in everything


def test_a_large_database_catalogue_is_queried_not_loaded(pg_url, monkeypatch):
    import layers.catalogue.db.store as db_store

    monkeypatch.setattr(db_store, "LARGE_EVENTS", 10)  # the shipped events count as large
    monkeypatch.setattr("layers.catalogue.db.remote.FETCH_LIMIT", 5)
    at = _app(clicked=None, author="")
    events = shipped_count("events")
    assert summary(at).startswith(f"{events:,} events")
    captions = _texts(at)
    assert "counted by the database" in captions  # the timeline's counts
    assert "in view, aggregated into" in captions or "shown individually" in captions
    at.sidebar.multiselect(key="kinds").select("joint_patrol").run()
    assert not at.exception, at.exception
    assert re.match(r"\d+ events?, 1 exercise", summary(at))


def test_a_draft_saved_in_the_database_is_a_draft_version(pg_store):
    import json

    from layers.draft.event import save_draft

    fc = json.loads((TEMPLATE.parent / "events_template.geojson").read_text())
    feature = fc["features"][0]
    feature["properties"]["id"] = "drafted-from-an-article"
    result = save_draft(feature, store=pg_store, author="Dee Drafter")
    assert result.accepted, result.problems
    history = layers_cmd("history", "drafted-from-an-article").stdout
    assert "draft (import drafted-from-an-article" in history and "by Dee Drafter" in history
    assert "draft" in layers_cmd("db", "status").stdout


def test_the_author_comes_from_the_proxy_header_when_a_setting_names_it(monkeypatch):
    from types import SimpleNamespace

    import streamlit

    from ui import db_state

    context = SimpleNamespace(headers={"X-Forwarded-User": "  jane.doe@unit.example  "})
    monkeypatch.setattr(streamlit, "context", context)
    assert db_state.header_author() == ""  # no setting: the header is not trusted
    monkeypatch.setenv(db_state.AUTHOR_HEADER_ENV, "X-Forwarded-User")
    assert db_state.header_author() == "jane.doe@unit.example"
    context.headers = {}
    assert db_state.header_author() == ""  # no header: the sidebar's name field is used


def test_each_rerun_asks_the_database_one_question(pg_url, monkeypatch):
    from layers.catalogue.db.store import PostgisStore

    asked = []
    real = PostgisStore.version
    monkeypatch.setattr(PostgisStore, "version", lambda self: asked.append(1) or real(self))
    at = _app(clicked=None, author="")
    for _ in range(3):
        asked.clear()
        at.sidebar.multiselect(key="kinds").select("joint_patrol").run()
        assert len(asked) == 1
        at.sidebar.multiselect(key="kinds").unselect("joint_patrol").run()
