"""The "Draft from article" tab through AppTest: draft, review, edit, save (or not).

The harness (``tests/data/ui_apps/draft_app.py``) draws the tab over the catalogue
plus a temporary store and prints "user events: N", what every other view loads.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from layers.catalogue.store import read_user_events
from layers.draft import worker as draft_worker
from layers.draft.event import MAX_ARTICLE_CHARS, ArticleTooLong
from layers.draft.worker import draft_in_worker
from layers.safe_text import read_md
from ui import draft_duplicates

REPO = Path(__file__).resolve().parent.parent
HARNESS = str(REPO / "tests" / "data" / "ui_apps" / "draft_app.py")
ARTICLES = REPO / "tests" / "data" / "articles"
# Every value the validator needs is in the text: the draft can be saved as it is
# once the analyst names the exercise.
CLEAR_ARTICLE = (
    "Two USAF B-52H bombers and four JASDF F-15J fighters flew a bilateral exercise "
    "over the Sea of Japan on Dec. 10, Japan's Joint Staff said."
)
PUBLISHED = dt.date(2025, 12, 11)


@pytest.fixture
def app(store) -> AppTest:
    at = AppTest.from_file(HARNESS, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def draft(at: AppTest, text: str, title: str = "Jets fly with US bombers") -> AppTest:
    at.text_area(key="draft_article").input(text)
    at.text_input(key="draft_article_title").input(title)
    at.text_input(key="draft_article_publisher").input("Example News")
    at.text_input(key="draft_article_url").input("https://example.org/news/1")
    at.date_input(key="draft_article_published").set_value(PUBLISHED)
    at.run()
    at.button(key="draft_make").click().run()
    assert not at.exception, at.exception
    return at


def field(at: AppTest, name: str, kind: str = "text_input", round_: int = 1):
    return getattr(at, kind)(key=f"draft_{round_}_{name}")


def user_events(at: AppTest) -> int:
    (line,) = [t.value for t in at.text if t.value.startswith("user events: ")]
    return int(line.split(": ")[1])


def saved(store: Path) -> list[dict]:
    return list(read_user_events(store, validate=False).features)


def unescaped(markdown: str) -> str:
    return read_md(markdown)


def test_draft_shows_each_value_with_its_words_and_flags(app):
    draft(app, (ARTICLES / "bilateral_sea.txt").read_text(encoding="utf-8"))
    captions = [unescaped(c.value) for c in app.caption]
    assert any("2025-12-10" in c and "“Dec. 10”" in c and "no year given" in c for c in captions)
    assert any("3 × B-52H" in c and "“Three B-52H”" in c for c in captions)
    flags = [unescaped(w.value) for w in app.warning]
    assert any("operator not clear for B-52H" in f for f in flags)
    assert any("no exercise or series name" in f for f in flags)
    assert field(app, "confidence", "selectbox").value == "medium"  # single source
    assert field(app, "kind", "selectbox").value == "bilateral_exercise"
    assert field(app, "participants", "multiselect").value == ["JPN", "USA"]
    assert field(app, "s", "date_input").value == dt.date(2025, 12, 10)
    assert field(app, "name").value == "Jets fly with US bombers"


def test_preview_map_of_the_draft_is_offline(app):
    draft(app, CLEAR_ARTICLE)
    (frame,) = app.get("iframe")
    html = frame.proto.srcdoc
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert urls and all(not urlsplit(u).netloc and u.startswith("/app/static/") for u in urls)
    assert "briefingMapReady" in html


def test_edit_then_save_puts_the_event_in_the_store(app, store):
    draft(app, CLEAR_ARTICLE)
    field(app, "exercise").input("US-Japan bilateral bomber flights")
    field(app, "id").input("my-b52-sea-of-japan-2025-12-10")
    field(app, "confidence", "selectbox").set_value("high")
    field(app, "sum", "text_area").input("Two B-52Hs flew with JASDF fighters.")
    app.run()
    assert not app.exception
    app.button(key="draft_save_1").click().run()
    assert not app.exception, app.exception
    (event,) = saved(store)
    props = event["properties"]
    assert props["id"] == "my-b52-sea-of-japan-2025-12-10"
    assert props["exercise"] == "US-Japan bilateral bomber flights"
    assert props["confidence"] == "high"
    assert props["summary"] == "Two B-52Hs flew with JASDF fighters."
    assert props["sources"][0]["url"] == "https://example.org/news/1"
    assert props["start"] == "2025-12-10"
    assert user_events(app) == 1  # on the map, timeline and in briefings
    assert any("Saved event" in s.value for s in app.success)
    assert not app.get("iframe")  # the draft is gone once saved


def test_a_point_can_replace_the_drafted_geometry(app, store):
    draft(app, CLEAR_ARTICLE)
    field(app, "exercise").input("Bilateral flights")
    field(app, "geom_mode", "radio").set_value("point")
    app.run()
    field(app, "lat", "number_input").set_value(39.5)
    field(app, "lon", "number_input").set_value(134.25)
    app.run()
    app.button(key="draft_save_1").click().run()
    assert not app.exception
    (event,) = saved(store)
    assert event["geometry"] == {"type": "Point", "coordinates": [134.25, 39.5]}


def test_draft_with_problems_is_not_saved_and_the_problems_are_listed(app, store):
    draft(app, (ARTICLES / "bilateral_sea.txt").read_text(encoding="utf-8"))
    app.button(key="draft_save_1").click().run()
    assert not app.exception
    (refusal,) = [unescaped(e.value) for e in app.error if "Nothing was saved" in e.value]
    # what to do, and where: the field by its label, the list just above the button
    assert "Fix Exercise (top of the form)" in refusal
    assert "just above the Save button" in refusal and "below" not in refusal
    tables = [df.value for df in app.dataframe if "What is wrong" in df.value.columns]
    (table,) = tables  # listed once, above the button: not again under it
    assert {"Exercise", "Aircraft"} <= set(table["Field in the form"])
    assert "top of the form" in set(table["Where"])
    assert saved(store) == []
    assert user_events(app) == 0


def test_article_with_nothing_known_gives_an_empty_flagged_draft(app):
    draft(app, (ARTICLES / "nothing_known.txt").read_text(encoding="utf-8"))
    flags = " ".join(unescaped(w.value) for w in app.warning)
    for why in ("no date found", "no place found", "no aircraft type found"):
        assert why in flags
    assert not app.get("iframe")
    assert any("No geometry to preview" in i.value for i in app.info)
    assert field(app, "geom_mode", "radio").value == "point"  # nothing drafted to keep


def test_hostile_article_stays_text(app, store):
    text = (ARTICLES / "hostile.txt").read_text(encoding="utf-8")
    title = '<script>alert("t")</script> **x** [a](javascript:alert(1))'
    draft(app, text, title=title)
    assert field(app, "name").value == title
    for element in (*app.markdown, *app.caption, *app.warning):
        assert "<script" not in element.value
        assert "](javascript:" not in element.value


def test_discard_drops_the_draft(app):
    draft(app, CLEAR_ARTICLE)
    app.button(key="draft_discard_1").click().run()
    assert not app.exception
    assert not app.get("iframe")
    assert not [t for t in app.text_input if t.key and t.key.startswith("draft_1_")]


def test_a_second_draft_starts_every_field_afresh(app):
    draft(app, CLEAR_ARTICLE)
    field(app, "name").input("edited")
    app.run()
    draft(app, (ARTICLES / "bomber_deployment.txt").read_text(encoding="utf-8"), title="Second")
    assert field(app, "name", round_=2).value == "Second"
    assert field(app, "kind", "selectbox", round_=2).value == "deployment"


def test_the_article_box_holds_at_most_the_drafter_limit(app):
    """The browser stops pasting at the cap; the drafter refuses more on its own too."""
    assert app.text_area(key="draft_article").proto.max_chars == MAX_ARTICLE_CHARS
    with pytest.raises(ArticleTooLong, match="the drafter reads at most 50,000"):
        draft_in_worker("x" * (MAX_ARTICLE_CHARS + 1), published=PUBLISHED)


def test_drafting_runs_in_a_worker_process():
    """A long draft holds its own interpreter, not the server's (other sessions go on)."""
    result = draft_worker._worker().submit(os.getpid).result(timeout=60)
    assert result != os.getpid()


def duplicate_warnings(at: AppTest) -> list[str]:
    return [unescaped(w.value) for w in at.warning if "may already hold" in w.value]


def test_a_likely_duplicate_is_shown_and_the_article_can_be_added_to_it(app, store):
    draft(app, CLEAR_ARTICLE)
    (warning,) = duplicate_warnings(app)
    assert "2025-12-10-us-jp-b52h-sea-of-japan" in warning and "the catalogue" in warning
    assert app.button(key="draft_add_source_1_0").label == draft_duplicates.ADD_LABEL
    # saved as the analyst's own event, the same report drafted again finds that one too
    field(app, "exercise").input("US-Japan bilateral bomber flights")
    field(app, "id").input("my-b52-2025-12-10")
    app.run()
    app.button(key="draft_save_1").click().run()
    assert len(saved(store)) == 1
    app.text_input(key="draft_article_url").input("https://example.org/news/2")
    app.run()
    app.button(key="draft_make").click().run()
    warnings = duplicate_warnings(app)
    (mine,) = [i for i, w in enumerate(warnings) if "your import" in w]
    app.button(key=f"draft_add_source_2_{mine}").click().run()
    assert not app.exception, app.exception
    (event,) = saved(store)  # no second event: one more source
    urls = [s["url"] for s in event["properties"]["sources"]]
    assert urls == ["https://example.org/news/1", "https://example.org/news/2"]
    assert any("no new event was saved" in s.value for s in app.success)
