"""How the drafter matches a name in a text: entries, matches and the word rules.

* case-insensitive, on word boundaries (``term_pattern``);
* hyphens, spaces and full stops inside a name are optional ("B-52" = "B52",
  "U.S. Air Force" = "US Air Force"); aircraft names may take a plural "s";
* a one-word name written with capitals in the data is not found in all-lower-case
  text (``ordinary_word``), so the alias "Bone" (B-1B) does not fire on "bone of
  contention" nor "US" on "us".

What the names are is ``layers.draft.gazetteer``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_DASHES = "-‐‑–—"


@dataclass(frozen=True)
class Entry:
    """One thing the gazetteer knows: a place, an aircraft type or a participant.

    ``kind`` is "place", "aircraft" or "participant"; ``key`` is the catalogue id,
    the type name or the service/state key; ``info`` holds the rest (layer, category,
    geometry, country, family, operators, service ...).
    """

    kind: str
    key: str
    name: str
    info: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Match:
    """A name found in the text: the entry, the span and the exact words."""

    entry: Entry
    start: int
    end: int
    words: str
    term: str  # the catalogue name or alias that matched


def term_pattern(term: str, *, plural: bool = False) -> re.Pattern[str]:
    """Case-insensitive regex for ``term`` on word boundaries.

    Spaces match any whitespace; hyphens, spaces and full stops inside the term are
    optional; typographic and plain apostrophes are the same; ``plural`` allows a
    trailing "s", "es" or "'s".
    """
    parts = []
    for char in term.strip():
        if char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif char in _DASHES:
            parts.append(rf"[{_DASHES}\s]?")
        elif char == ".":
            parts.append(r"\.?")
        elif char in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(char))
    suffix = r"(?:e?s|['’]s)?" if plural else ""
    return re.compile(rf"(?<!\w){''.join(parts)}{suffix}(?!\w)", re.IGNORECASE)


def ordinary_word(term: str, words: str) -> bool:
    """True for a one-word capitalised name written all in lower case ("bone", "bear")."""
    one_word = len(term.split()) == 1
    return one_word and any(c.isupper() for c in term) and not any(c.isupper() for c in words)
