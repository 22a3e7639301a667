"""Dates in an article's text, absolute or relative to its publication date.

Each date found carries the words it came from and the reasoning, so the analyst can
check it. The rules (the only place they are written down):

* A date without a year ("Dec. 10") takes the year that puts it nearest to the
  publication date (published 2 Jan 2026: "Dec. 30" → 30 Dec 2025).
* A weekday ("on Saturday", "Saturday") is the most recent such day on or before
  publication; "last Saturday" is strictly before it; "next Saturday" / "this coming
  Saturday" is the first one after it.
* "this weekend": the weekend of the publication week when published Tuesday to
  Sunday, the weekend just gone when published on a Monday. "over the weekend",
  "this past weekend" and "last weekend": the most recent Saturday–Sunday that began
  before publication (strictly before when published on a weekend, for "last").
* "last week": Monday–Sunday of the week before publication; "this week" / "earlier
  this week": Monday of the publication week to publication; "last month": the
  previous calendar month; "yesterday", "today", "three days ago", "two weeks ago":
  counted back from publication by dateparser.

Absolute dates are found first; a relative phrase overlapping one is skipped.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
_SEP = r"\s*(?:[-–—]|to|through|until|and)\s*"


def _g(name: str, body: str) -> str:
    return f"(?P<{name}>{body})"


# Most specific first; each regex names its parts m1 d1 (m2) (d2) (y).
_ABSOLUTE = [
    rf"{_g('m1', _MONTH)}\s+{_g('d1', _DAY)}{_SEP}{_g('m2', _MONTH)}\s+{_g('d2', _DAY)}"
    rf"(?:,?\s+{_g('y', _YEAR)})?",
    rf"{_g('d1', _DAY)}\s+{_g('m1', _MONTH)}{_SEP}{_g('d2', _DAY)}\s+{_g('m2', _MONTH)}"
    rf"(?:,?\s+{_g('y', _YEAR)})?",
    rf"{_g('m1', _MONTH)}\s+{_g('d1', _DAY)}{_SEP}{_g('d2', _DAY)}(?:,?\s+{_g('y', _YEAR)})?",
    rf"{_g('d1', _DAY)}{_SEP}{_g('d2', _DAY)}\s+{_g('m1', _MONTH)}(?:,?\s+{_g('y', _YEAR)})?",
    rf"{_g('m1', _MONTH)}\s+{_g('d1', _DAY)}(?:,?\s+{_g('y', _YEAR)})?",
    rf"{_g('d1', _DAY)}\s+{_g('m1', _MONTH)}(?:,?\s+{_g('y', _YEAR)})?",
    _g("y", _YEAR) + "-" + _g("mn", r"[01]\d") + "-" + _g("d1", r"[0-3]\d"),
    rf"{_g('m1', _MONTH)},?\s+{_g('y', _YEAR)}",
]
_ABSOLUTE_RE = [re.compile(rf"(?<![\w.]){p}(?!\w)") for p in _ABSOLUTE]

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_RE = re.compile(
    r"(?<!\w)(?:(?P<q>on|last|this past|next|this coming)\s+)?"
    rf"(?P<wd>{'|'.join(_WEEKDAYS)})(?!\w)",
    re.IGNORECASE,
)
_COUNTED_RE = re.compile(
    r"(?<!\w)(?:yesterday|today|(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?:days?|weeks?)\s+ago)(?!\w)",
    re.IGNORECASE,
)
_PERIOD_RE = re.compile(
    r"(?<!\w)(?P<p>this weekend|over the weekend|this past weekend|last weekend|last week"
    r"|earlier this week|this week|last month)(?!\w)",
    re.IGNORECASE,
)
_DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "STRICT_PARSING": True}


@dataclass(frozen=True)
class FoundDate:
    """A date (or date range) found in the text, with its words and reasoning."""

    start: date
    end: date
    precision: str  # a key of layers.catalogue.schema.TIME_PRECISION
    span: tuple[int, int]
    words: str
    reasoning: str


def fmt(day: date) -> str:
    """A date as "Sat 15 Nov 2025" (weekday shown: relative rules depend on it)."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def find_dates(text: str, published: date) -> list[FoundDate]:
    """Every date in ``text``, in text order, resolved against ``published``."""
    found = _absolute_dates(text, published)
    taken = [f.span for f in found]
    for finder in (_period_dates, _weekday_dates, _counted_dates):
        for item in finder(text, published):
            if not any(item.span[0] < e and s < item.span[1] for s, e in taken):
                found.append(item)
                taken.append(item.span)
    return sorted(found, key=lambda f: f.span)


def _parse_day(day: str, month: str, year: int) -> date | None:
    """The calendar date, checked by dateparser (None for "31 Nov")."""
    digits = re.sub(r"\D", "", day)
    text = f"{digits} {month.rstrip('.')} {year}"
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def _nearest_year(day: str, month: str, published: date) -> tuple[date | None, str]:
    """The date of that day and month nearest to publication, and why."""
    options = [_parse_day(day, month, published.year + k) for k in (-1, 0, 1)]
    options = [d for d in options if d]
    if not options:
        return None, ""
    best = min(options, key=lambda d: (abs((d - published).days), d > published))
    return best, f"no year given → {best.year}, the nearest to publication ({fmt(published)})"


def _absolute_dates(text: str, published: date) -> list[FoundDate]:
    """Calendar dates and ranges written out, each span used once."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []  # an impossible date ("31 Nov") still uses its words
    for regex in _ABSOLUTE_RE:
        for m in regex.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append(m.span())
            item = _absolute_from_match(m, published)
            if item:
                found.append(item)
    return found


def _absolute_from_match(m: re.Match[str], published: date) -> FoundDate | None:
    """One FoundDate from a match of an ``_ABSOLUTE`` regex, or None if invalid."""
    parts = m.groupdict()
    span, words = (m.start(), m.end()), m.group()
    if parts.get("mn"):
        try:
            day = date(int(parts["y"]), int(parts["mn"]), int(parts["d1"]))
        except ValueError:
            return None
        return FoundDate(day, day, "day", span, words, f"ISO date → {fmt(day)}")
    if not parts.get("d1"):
        year, month = int(parts["y"]), _parse_day("1", parts["m1"], int(parts["y"]))
        if not month:
            return None
        last = month.replace(day=calendar.monthrange(year, month.month)[1])
        return FoundDate(month, last, "month", span, words, f"month only → {month:%B %Y}")
    return _day_range(parts, span, words, published)


def _day_range(parts: dict, span: tuple[int, int], words: str, published: date):
    """A single day or a day range from regex parts, the year filled in if missing."""
    m1, m2 = parts["m1"], parts.get("m2") or parts["m1"]
    if parts.get("y"):
        start = _parse_day(parts["d1"], m1, int(parts["y"]))
        why = "date as written"
    else:
        start, why = _nearest_year(parts["d1"], m1, published)
    if not start:
        return None
    end = start
    if parts.get("d2"):
        end = _parse_day(parts["d2"], m2, start.year)
        if end and end < start:  # "Dec. 30 to Jan. 2" runs into the next year
            end = _parse_day(parts["d2"], m2, start.year + 1)
        if not end:
            return None
    shown = fmt(start) if end == start else f"{fmt(start)} – {fmt(end)}"
    return FoundDate(start, end, "day", span, words, f"{why} → {shown}")


def _weekday_dates(text: str, published: date) -> list[FoundDate]:
    """Weekday names resolved to the nearest such day (rules in the module docstring)."""
    found = []
    for m in _WEEKDAY_RE.finditer(text):
        if not m.group("wd")[0].isupper():
            continue
        if re.match(r",?\s*" + _MONTH + r"\s+\d|,?\s*\d{1,2}\s+" + _MONTH, text[m.end() :]):
            continue  # "Saturday, Nov. 15": the written date says it all
        target = _WEEKDAYS.index(m.group("wd").capitalize())
        qualifier = (m.group("q") or "").lower()
        back = (published.weekday() - target) % 7
        if qualifier in ("next", "this coming"):
            day = published + timedelta(days=(target - published.weekday()) % 7 or 7)
            rule = "after"
        else:
            if qualifier in ("last", "this past") and back == 0:
                back = 7
            day = published - timedelta(days=back)
            rule = "before" if qualifier in ("last", "this past") else "on or before"
        why = f"{m.group('wd').capitalize()} {rule} {fmt(published)} (publication) → {fmt(day)}"
        found.append(FoundDate(day, day, "day", (m.start(), m.end()), m.group(), why))
    return found


def _counted_dates(text: str, published: date) -> list[FoundDate]:
    """'yesterday', 'today', 'three days ago', 'two weeks ago' via dateparser."""
    base = datetime.combine(published, datetime.min.time())
    settings = {**_DATEPARSER_SETTINGS, "RELATIVE_BASE": base}
    found = []
    for m in _COUNTED_RE.finditer(text):
        parsed = dateparser.parse(m.group(), languages=["en"], settings=settings)
        if not parsed:
            continue
        day = parsed.date()
        precision = "approximate" if "week" in m.group().lower() else "day"
        why = f"'{m.group()}' counted back from {fmt(published)} (publication) → {fmt(day)}"
        found.append(FoundDate(day, day, precision, (m.start(), m.end()), m.group(), why))
    return found


def _period_dates(text: str, published: date) -> list[FoundDate]:
    """Weekends, weeks and months relative to publication."""
    found = []
    for m in _PERIOD_RE.finditer(text):
        phrase = m.group("p").lower()
        start, end, precision = _period(phrase, published)
        shown = f"{fmt(start)} – {fmt(end)}"
        why = f"'{phrase}' relative to {fmt(published)} (publication) → {shown}"
        found.append(FoundDate(start, end, precision, (m.start(), m.end()), m.group(), why))
    return found


def _period(phrase: str, published: date) -> tuple[date, date, str]:
    """Start, end and precision of a relative period (rules in the module docstring)."""
    monday = published - timedelta(days=published.weekday())
    if phrase == "this weekend":
        saturday = monday + timedelta(days=5) if published.weekday() else monday - timedelta(2)
        return saturday, saturday + timedelta(days=1), "approximate"
    if phrase.endswith("weekend"):
        back = (published.weekday() - 5) % 7
        if phrase == "last weekend" and back in (0, 1):
            back += 7
        saturday = published - timedelta(days=back or 7 * (published.weekday() == 5))
        return saturday, min(saturday + timedelta(days=1), published), "approximate"
    if phrase == "last week":
        return monday - timedelta(days=7), monday - timedelta(days=1), "approximate"
    if phrase.endswith("this week"):
        return monday, published, "approximate"
    last_month_end = published.replace(day=1) - timedelta(days=1)
    return last_month_end.replace(day=1), last_month_end, "month"
