"""Tooltip and popup HTML: complete, readable, and never executable."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from render_fixtures import XSS

from layers.catalogue.registry import LAYERS_BY_KEY
from layers.catalogue.values import is_blank
from layers.map.popups import format_date, popup_html, source_html, tooltip_html

EVENTS = LAYERS_BY_KEY["events"]
RLO, PDF = "\u202e", "\u202c"


def text_of(html: str) -> str:
    """The HTML without the ``<bdi>`` isolates every data value sits in."""
    return re.sub(r"</?bdi>", "", html)


BASES = LAYERS_BY_KEY["bases"]


def _event(**changes) -> dict:
    props = {
        "id": "ev-1",
        "name": "Joint bomber patrol",
        "kind": "joint_patrol",
        "exercise_id": "jp-2024",
        "exercise": "9th joint patrol",
        "start": "2024-11-29",
        "end": "2024-11-30",
        "time_precision": "day",
        "participants": ["CHN", "RUS", "XYZ"],
        "aircraft": [
            {"type": "H-6K", "count": 2, "operator": "PLAAF"},
            {"type": "Tu-95MS", "count": None, "operator": "VKS"},
        ],
        "confidence": "medium",
        "place_precision": "approximate",
        "summary": "Flew over the ECS.",
        "sources": [
            {
                "title": "Press release",
                "publisher": "Japan MoD",
                "url": "https://www.mod.go.jp/js/a.html",
                "published": "2024-11-30",
            }
        ],
        "notes": None,
    }
    props.update(changes)
    return props


def test_tooltip_shows_name_dates_participants_and_confidence():
    html = text_of(tooltip_html(EVENTS, _event()))
    for text in ("Joint bomber patrol", "2024-11-29", "2024-11-30", "China, Russia, XYZ", "Medium"):
        assert text in html


def test_popup_shows_aircraft_confidence_precision_in_words_and_sources():
    html = text_of(popup_html(EVENTS, _event()))
    assert "H-6K × 2 (PLAAF); Tu-95MS (VKS)" in html
    assert "Medium: one reputable report" in html
    assert "Approximate: position or outline not precisely known" in html
    assert "Joint patrol" in html and "9th joint patrol" in html
    assert (
        '<a href="https://www.mod.go.jp/js/a.html" target="_blank" rel="noopener noreferrer">'
        "Press release</a>"
    ) in html


@pytest.mark.parametrize("field", ["name", "summary", "exercise", "notes"])
def test_script_and_onerror_in_any_text_field_show_as_text(field):
    for html in (
        popup_html(EVENTS, _event(**{field: XSS})),
        tooltip_html(EVENTS, _event(name=XSS)),
    ):
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in popup_html(EVENTS, _event(**{field: XSS}))


def test_a_direction_override_in_a_value_cannot_reorder_the_rest():
    """Each value is isolated: an RLO in the name ends at its own ``</bdi>``."""
    html = tooltip_html(EVENTS, _event(name=f"{RLO}evil", exercise=f"x{RLO}y"))
    assert f"<b><bdi>{RLO}evil</bdi></b>" in html
    for value in re.findall(r"<bdi>(.*?)</bdi>", html):
        assert "<" not in value  # nothing but text inside an isolate
    assert html.count("<bdi>") == html.count("</bdi>")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "docs/research/FACTS.md", "data:text/html,<b>x</b>", "http://a b"],
)
def test_only_http_urls_become_links(url):
    html = source_html({"title": "T", "publisher": "P", "url": url})
    assert "<a " not in html
    assert "<b>" not in html
    shown = url.replace("<", "&lt;").replace(">", "&gt;")
    assert f'<span class="bm-src-path">(<bdi>{shown}</bdi>)</span>' in html  # kept, as text


def test_an_http_url_becomes_a_link_to_it():
    html = source_html({"title": "T", "publisher": "P", "url": "https://example.org/r?a=1&b=2"})
    assert html == (
        '<a href="https://example.org/r?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">'
        "<bdi>T</bdi></a> — <bdi>P</bdi>"
    )


def test_a_quote_in_a_url_cannot_leave_the_href():
    html = source_html({"title": "T", "publisher": "P", "url": 'https://x.org/"onmouseover="a()'})
    assert 'href="https://x.org/&quot;onmouseover=&quot;a()"' in html


def test_lists_and_missing_values_from_the_loader_are_handled():
    base = {
        "id": "b",
        "name": "Misawa AB",
        "country": "JPN",
        "operator": "JASDF; USAF",
        "icao": float("nan"),
        "units": [],
        "aircraft": ["F-35A", "F-16C"],
        "confidence": "high",
        "place_precision": "exact",
        "sources": [],
        "notes": pd.NA,
    }
    html = text_of(popup_html(BASES, base))
    assert "F-35A, F-16C" in html and "Japan" in html
    assert "Icao" not in html and "Notes" not in html and "Units" not in html


def test_dates_keep_their_time_and_timestamps_lose_midnight():
    assert format_date("2025-06-07T16:32+09:00") == "2025-06-07T16:32+09:00"
    assert format_date(pd.Timestamp("2025-06-07")) == "2025-06-07"
    assert format_date(pd.Timestamp("2025-06-07 16:32")) == "2025-06-07T16:32"


def test_blank_values():
    assert all(is_blank(v) for v in (None, float("nan"), pd.NA, pd.NaT, "", [], ()))
    assert not any(is_blank(v) for v in (0, "x", ["a"], False))
