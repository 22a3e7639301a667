"""The parts of the page link added by the analyst: the timeline pick, rings and distances.

``pick=ID`` (repeated) and ``span=YYYY-MM-DD..YYYY-MM-DD`` carry the timeline's pick;
``ring=LAT,LON;RADIUS_M;LABEL`` and ``dist=LAT,LON;LAT,LON;FROM;TO`` (repeated) the range
rings and measured distances (the text forms of ``layers.view.marks``). Reading never
raises: a bad value is left out with a notice, as for the rest of the link
(``layers.view.url``).
"""

from __future__ import annotations

from collections.abc import Callable

from layers.view.marks import (
    MAX_MARKS,
    MarkError,
    measure_from_text,
    measure_to_text,
    ring_from_text,
    ring_to_text,
)
from layers.view.pick import span_from_text, span_to_text
from layers.view.view import BriefingView, Pick

Values = Callable[[str], list[str] | None]  # the link's checked values of one key
Quote = Callable[[str], str]


def marks_to_query(view: BriefingView) -> dict[str, str | list[str]]:
    """The query parameters of the view's pick, rings and measures (none when empty)."""
    query: dict[str, str | list[str]] = {}
    if view.pick.ids:
        query["pick"] = list(view.pick.ids)
    if view.pick.window is not None:
        query["span"] = span_to_text(view.pick.window)
    if view.rings:
        query["ring"] = [ring_to_text(ring) for ring in view.rings]
    if view.measures:
        query["dist"] = [measure_to_text(measure) for measure in view.measures]
    return query


def marks_from_query(values: Values, quote: Quote, notices: list[str]) -> dict:
    """The view fields the link's ``pick``, ``span``, ``ring`` and ``dist`` give."""
    changes: dict = {}
    ids = values("pick") or []
    spans = values("span") or []
    window = None
    if spans:
        try:
            window = span_from_text(spans[-1])
        except ValueError:
            notices.append(f"Malformed timeline span {quote(spans[-1])} in the URL was ignored.")
    if ids or window is not None:
        changes["pick"] = Pick(window=window, ids=tuple(dict.fromkeys(ids)))
    for key, field, parse, noun in (
        ("ring", "rings", ring_from_text, "range ring"),
        ("dist", "measures", measure_from_text, "distance"),
    ):
        texts = values(key)
        if texts is None:
            continue
        if len(texts) > MAX_MARKS:
            notices.append(
                f"The link gives more than {MAX_MARKS} of '{key}': the rest were ignored."
            )
        kept = []
        for text in texts[:MAX_MARKS]:
            try:
                kept.append(parse(text))
            except MarkError:
                notices.append(f"Malformed {noun} {quote(text)} in the URL was ignored.")
        changes[field] = tuple(kept)
    return changes
