r"""Text from links, files, imports and the data, made inert for whatever shows it.

The one rule of the project: no text that came from outside the code (a URL
parameter, a view recipe, an uploaded file's name or content, a catalogue field)
reaches a Markdown or HTML renderer, or a terminal, as anything but text.

* :func:`md` for Markdown (Streamlit's notices, captions, labels). Backslash escapes
  stop CommonMark constructs (links, images, emphasis, headings, HTML, ``$`` maths,
  ``:red[…]`` directives). Some renderers also rewrite the *text* after parsing:
  GFM turns ``www.…``, ``http://…`` and ``a@b.c`` into links, and emoji or icon
  plug-ins turn ``:name:`` into pictures. A word joiner (U+2060, invisible) after
  ``:``, after ``@`` and inside ``www.`` breaks those patterns without changing what a
  reader sees.
* :func:`html` for HTML: ``markupsafe`` escaping inside ``<bdi>``.
* :func:`terminal` for the command line: control characters (ESC sequences that
  would recolour or rewrite the terminal, NUL, CR) shown as ``\\x1b``-style escapes.
* :func:`xml_text` for document text written as XML (the deck's slides and notes): the
  library escapes markup; this drops what XML 1.0 cannot hold at all (control
  characters, lone surrogates, U+FFFE/U+FFFF), which would otherwise make a corrupt file.

Every variant collapses line breaks (a value never starts a new Markdown block or a
new output line), and isolates the writing direction of a value with right-to-left
content (U+2068 … U+2069, or ``<bdi>``): a right-to-left override inside a name cannot
reorder the text around it.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

WORD_JOINER = "\u2060"
FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"
DEFAULT_LIMIT = 300  # characters of one quoted value in a message
# Bidirectional classes that can move the text around a value: right-to-left letters
# and the embedding, override and isolate controls.
_BIDI_RISK = frozenset({"R", "AL", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI"})

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_WWW = re.compile(r"(www)(?=\\\.)", re.IGNORECASE)  # "www" before an escaped dot
_AFTER = re.compile(r"(\\[:@])")  # an escaped ':' or '@'


def plain(value, limit: int | None = None) -> str:
    """``value`` as one line of text: whitespace runs become one space, cut at ``limit``.

    Control characters (NUL, ESC, …) are dropped; a cut value ends with "…".
    """
    text = " ".join(str(value).split())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)].rstrip() + "…"
    return text


def isolate(text: str) -> str:
    """``text`` between Unicode direction isolates when it has right-to-left content.

    Only a value with right-to-left letters or direction controls can reorder the text
    around it; any other value is returned as it is (its letters are never changed).
    """
    if any(unicodedata.bidirectional(ch) in _BIDI_RISK for ch in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_ISOLATE}"
    return text


def md(value, limit: int | None = DEFAULT_LIMIT) -> str:
    """``value`` as Markdown that renders to exactly its text (one line, isolated)."""
    text = _PUNCTUATION.sub(r"\\\1", plain(value, limit))
    text = _AFTER.sub(lambda m: m.group(1) + WORD_JOINER, text)
    text = _WWW.sub(lambda m: m.group(1) + WORD_JOINER, text)
    return isolate(text)


def md_format(template: str, /, **values) -> str:
    r"""``template`` (trusted Markdown) with each ``{name}`` filled by an escaped value.

    Numbers are inserted as they are, so format specs work (``{count:,}``); every
    other value goes through :func:`md`.

    >>> md_format("Unknown exercise {name} in the link was ignored.", name="[x](y)")
    'Unknown exercise \u2068\\[x\\]\\(y\\)\u2069 in the link was ignored.'
    """
    safe = {
        key: value if isinstance(value, int | float) and not isinstance(value, bool) else md(value)
        for key, value in values.items()
    }
    return template.format(**safe)


def html(value, limit: int | None = None) -> Markup:
    """``value`` as escaped HTML inside ``<bdi>`` (its direction isolated)."""
    text = plain(value, limit)
    return Markup("<bdi>{}</bdi>").format(text) if text else Markup("")


def html_text(value) -> Markup:
    """Escaped HTML of ``value`` keeping its line breaks (for multi-line notes)."""
    lines = [escape(plain(line)) for line in str(value).splitlines()]
    return Markup("<bdi>{}</bdi>").format(Markup("<br>").join(lines))


def xml_text(value, limit: int | None = None) -> str:
    """``value`` as one line of text a document's XML can hold, its direction isolated.

    Control characters are dropped (:func:`plain`), and so are lone surrogates (from
    undecodable command-line bytes) and the non-characters U+FFFE and U+FFFF: XML 1.0
    has no way to write them. Markup characters stay as they are (the XML writer
    escapes them: they are text).
    """
    text = "".join(
        ch for ch in str(value) if unicodedata.category(ch) != "Cs" and ch not in _NONCHAR
    )
    return isolate(plain(text, limit))


_NONCHAR = frozenset("\ufffe\uffff")


def terminal(value) -> str:
    """``value`` safe to print: control characters escaped, never interpreted."""
    out = []
    for ch in str(value):
        if unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``"1 event"``, ``"2 events"``, ``"1,200 events"`` (for counts in messages)."""
    word = noun if count == 1 else (plural_form or noun + "s")
    return f"{count:,} {word}"


def read_md(text: str) -> str:
    """What a reader sees of Markdown made by :func:`md`: escapes resolved, joiners gone."""
    return re.sub(r"\\(.)", r"\1", text).translate(_INVISIBLE)


_INVISIBLE = dict.fromkeys(map(ord, WORD_JOINER + FIRST_STRONG_ISOLATE + POP_ISOLATE))
