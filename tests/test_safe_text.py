"""``layers.safe_text``: text from outside stays text in Markdown, HTML and the terminal."""

from __future__ import annotations

import re

import pytest

from layers.safe_text import html, md, md_format, plain, plural, read_md, terminal

PAYLOADS = [
    "![x](http://203.0.113.5/p.png)",
    "[sign in](https://203.0.113.7/login)",
    "<img src=http://203.0.113.5/p.png>",
    "Session expired\n# Sign in again\n[here](http://203.0.113.9)",
    ":red[alert] :material/warning: :smile: $x^2$",
    "www.example.org http://203.0.113.5/x a@b.example",
    "**bold** _it_ `code` ~~s~~ > quote",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_shows_exactly_the_text_on_one_line(payload):
    escaped = md(payload)
    assert "\n" not in escaped
    assert read_md(escaped) == plain(payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_leaves_no_markdown_or_autolink_pattern(payload):
    escaped = md(payload)
    # every ASCII punctuation character is backslash-escaped ...
    assert re.findall(r"(?<!\\)[!-/:-@\[-`{-~]", re.sub(r"\\[!-/:-@\[-`{-~]", "", escaped)) == []
    # ... and what the parser hands on as text matches no GFM autolink or shortcode
    text = re.sub(r"\\(.)", r"\1", escaped)
    assert re.search(r"https?://|www\.|[\w.+-]@[\w-]|:[\w/+-]+:", text) is None


def test_md_cuts_long_values_and_isolates_direction():
    assert read_md(md("x" * 1000, limit=10)) == "x" * 9 + "…"
    assert md("abc") == "abc"  # nothing that could reorder its neighbours: as it is
    assert md("\u202eevil") == "\u2068\u202eevil\u2069"
    assert md("اسم") == "\u2068اسم\u2069"


def test_md_format_escapes_values_but_keeps_numbers():
    text = md_format("**{count:,}** events from {name}", count=12345, name="[x](y)")
    assert text.startswith("**12,345** events from ")
    assert read_md(text) == "**12,345** events from [x](y)"


def test_html_escapes_and_isolates():
    assert str(html("<b>x</b>")) == "<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>"
    assert str(html('"\u202eevil')) == "<bdi>&#34;\u202eevil</bdi>"
    assert str(html("")) == ""


def test_terminal_escapes_control_sequences():
    assert terminal("a\x1b[31mb\x07\x00") == "a\\x1b[31mb\\x07\\x00"
    assert terminal("line\nnext") == "line\\nnext"
    assert terminal("日本海") == "日本海"


def test_plural():
    assert (plural(1, "event"), plural(1200, "event")) == ("1 event", "1,200 events")
