"""Who did what in an article: responders apart from participants, report dates apart.

* **Responders.** In a sentence that says forces scrambled, intercepted, shadowed or
  monitored, the forces doing that are responders, not participants of the activity:
  "The Air Self-Defense Force scrambled fighters from Chitose" (JPN responds). The
  responding part of such a sentence runs from its start to "in response to", "to
  intercept", "to monitor"... (what follows is the activity); in the passive ("were
  intercepted by JASDF fighters") it is what follows "by". A base named there is where
  the responders came from, never the event's place.
* **Report dates.** A date right after a verb of saying ("the Joint Staff said on
  Friday", "announced Monday", "said in a statement on Friday") is when the event was
  reported, not when it happened: it does not compete with the event's date.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?=\s+[\"“‘A-Z])|\n\s*\n")
_RESPOND = re.compile(
    r"(?<!\w)(?:scrambl(?:e|ed|es|ing)|intercept(?:ed|ing|s)?|shadow(?:ed|ing|s)?"
    r"|monitor(?:ed|ing|s)?|track(?:ed|ing))(?!\w)",
    re.IGNORECASE,
)
_OBJECT = re.compile(
    r"(?<!\w)(?:in\s+response\s+to|to\s+(?:intercept|monitor|track|shadow|warn)|against"
    r"|after|when)(?!\w)",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"(?<!\w)(?:intercepted|shadowed|monitored|tracked|escorted)\s+by(?!\w)", re.IGNORECASE
)
_REPORTED = re.compile(
    r"(?<!\w)(?:said|says|announced|reported|stated|disclosed|confirmed|added|told\s+\w+)"
    r"(?:\s+in\s+a\s+(?:press\s+)?(?:statement|release|briefing))?\s*(?:on\s+)?$",
    re.IGNORECASE,
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence ("U.S." and "JASDF." do not end one)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def responder_spans(text: str) -> list[tuple[int, int]]:
    """The parts of the text that name the responding forces (rules in the docstring)."""
    spans = []
    for start, end in sentences(text):
        sentence = text[start:end]
        passive = _PASSIVE.search(sentence)
        if passive:
            spans.append((start + passive.end(), end))
            continue
        verb = _RESPOND.search(sentence)
        if not verb:
            continue
        obj = _OBJECT.search(sentence, verb.end())
        spans.append((start, start + obj.start() if obj else end))
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies within one of the spans."""
    return any(s <= start and end <= e for s, e in spans)


_REPORTER = re.compile(
    r"^\s*(?:said|says|announced|reported|stated|disclosed|confirmed|told)(?!\w)", re.IGNORECASE
)


def is_reporter(text: str, end: int) -> bool:
    """True when the name ending at ``end`` is who reports ("the Joint Staff said")."""
    return bool(_REPORTER.match(text[end : end + 20]))


def is_report_date(text: str, start: int) -> bool:
    """True when the date at ``start`` follows a verb of saying ("said on Friday")."""
    return bool(_REPORTED.search(text[max(0, start - 60) : start]))
