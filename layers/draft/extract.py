"""Rules that turn gazetteer matches and words into draft values, each with its evidence.

Aircraft with counts, participants, units, the event kind and the exercise name. Every
function returns ``Evidence`` items: the value, the span and words in the text, and
the reasoning, so nothing reaches the draft without the words it came from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from layers.draft.names import Match

KIND_RULES_FILE = Path(__file__).resolve().parent / "data" / "kind_rules.json"

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "thirty": 30,
    "single": 1, "pair": 2, "dozen": 12,
}  # fmt: skip
_NUMBER = rf"\d{{1,3}}|{'|'.join(_NUMBERS)}"
# A count, then up to five words (no sentence end, no "and"/"of"...), then the type.
_COUNT_BEFORE = re.compile(
    rf"(?<![\w-])(?P<count>(?:a\s+)?(?:pair|couple)\s+of|(?:a\s+)?dozen|a\s+single"
    rf"|(?:an?\s+)?(?P<ship>{_NUMBER})-ship(?:\s+(?:formation|flight))?(?:\s+of)?|{_NUMBER})"
    r"\s+(?:(?!(?:and|or|of|with|to|from|by|in|on|at|the|than)\b)"
    r"(?:(?:[A-Z]\.){2,}|[A-Za-z][\w'’-]*)\s+){0,5}$",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"(?<!\w)(?:\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){0,4}"
    r"(?:Squadron|Wing|Group|Flight|Regiment|Brigade|Division|Fleet|Air\s+Wing)"
    r"|No\.\s?\d{1,3}\s+(?:[A-Z][\w-]*\s+){0,2}Squadron)(?!\w)"
)
_EXERCISE = [
    re.compile(r"(?<!\w)Bomber Task Force(?:\s+\d{2}-\d{1,2})?(?!\w)"),
    re.compile(
        r"(?<!\w)(?:[Ee]xercise|[Oo]peration)\s+(?P<name>[A-Z][\w-]*"
        r"(?:\s+(?:[A-Z][\w-]*|\d{2,4}(?:-\d{1,2})?(?!\w)))*)"
    ),
    re.compile(
        r"(?<![\w.])(?:[Tt]he\s+)?(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}(?:\s+\d{2,4})?)"
        r"\s+(?:exercise|drills?)(?!\w)"
    ),
]
# A state named right after one of these words is where something happened, not who.
_PLACE_WORDS = re.compile(
    r"(?:near|off|around|toward|towards|over|into|approaching|circling|encircling|to"
    r"|(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Evidence:
    """A value found in the text: where (``start``, ``end``), the words, and why."""

    value: Any
    start: int
    end: int
    words: str
    reasoning: str


def count_before(text: str, start: int) -> tuple[int | None, int, str]:
    """The count written just before position ``start``: (count, its start, its words)."""
    window_start = max(0, start - 90)
    m = _COUNT_BEFORE.search(text[window_start:start])
    if not m:
        return None, start, ""
    phrase = " ".join(m.group("count").lower().split())
    word = m.group("ship") or phrase.removeprefix("a ").split(" ")[0]
    if word == "couple":
        return None, start, ""  # "a couple of" is not a number
    count = int(word) if word.isdigit() else _NUMBERS[word.lower()]
    return count, window_start + m.start(), m.group("count")


def aircraft_evidence(text: str, matches: list[Match], participants: dict) -> list[Evidence]:
    """One item per aircraft type: ``{type, count, operator}``, first stated count kept."""
    services = [m for m in matches if m.entry.kind == "participant"]
    by_type: dict[str, Evidence] = {}
    for match in (m for m in matches if m.entry.kind == "aircraft"):
        entry = match.entry
        count, begin, count_words = count_before(text, match.start)
        operator, op_why = _operator(entry, match, begin, services, participants)
        seen = by_type.get(entry.key)
        if seen and (seen.value["count"] is not None or count is None):
            continue
        via = "name" if match.term == entry.key else f"'{match.term}' in the aircraft list"
        why = [f"'{match.words}' → {entry.key} ({via})"]
        why.append(f"'{count_words}' → {count}" if count else "no count stated")
        why.append(op_why)
        value = {"type": entry.key, "count": count, "operator": operator}
        by_type[entry.key] = Evidence(
            value, begin, match.end, text[begin : match.end], "; ".join(why)
        )
    return list(by_type.values())


def _operator(entry, match: Match, begin: int, services: list[Match], table: dict):
    """The operating service of one aircraft mention, and why (empty when unclear)."""
    operators = list(entry.info.get("operators") or [])
    country_of = {row["service"]: row["country"] for row in table.get("services", [])}
    near = [s for s in services if begin - 40 <= s.start and s.end <= match.start]
    for service in reversed(near):
        info = service.entry.info
        if not info["is_state"] and (not operators or info["service"] in operators):
            return info["service"], f"operator '{service.words}' written before it"
        fits = [o for o in operators if country_of.get(o) == info["country"]]
        if info["is_state"] and len(fits) == 1:
            return fits[0], f"'{service.words}' + operators in the aircraft list → {fits[0]}"
    if len(operators) == 1:
        return operators[0], f"only operator in the aircraft list: {operators[0]}"
    named = {s.entry.info["service"] for s in services} & set(operators)
    if len(named) == 1:
        return named.pop(), "the one listed operator named in the text"
    return "", "operator not clear from the text"


def participant_evidence(text: str, matches: list[Match], aircraft: list[Evidence], table: dict):
    """ISO alpha-3 codes of states and services named, and of the aircraft operators."""
    found: list[Evidence] = []
    for match in (m for m in matches if m.entry.kind == "participant"):
        info = match.entry.info
        if info["is_state"] and _PLACE_WORDS.search(text[max(0, match.start - 25) : match.start]):
            continue
        who = info["service"] or "state"
        why = f"{who} → {info['country']}"
        found.append(Evidence(info["country"], match.start, match.end, match.words, why))
    country_of = {row["service"]: row["country"] for row in table.get("services", [])}
    operators = {m.entry.key: m.entry.info.get("operators") or [] for m in matches}
    for item in aircraft:
        kind, operator = item.value["type"], item.value["operator"]
        countries = {country_of.get(o) for o in ([operator] if operator else operators[kind])}
        if len(countries) == 1 and None not in countries:
            country = countries.pop()
            who = operator or " / ".join(operators[kind])
            why = f"{kind} operated by {who} (aircraft list) → {country}"
            found.append(Evidence(country, item.start, item.end, item.words, why))
    return found


def unit_evidence(text: str) -> list[Evidence]:
    """Units named in the text ("9th Bomb Squadron", "7th Bomb Wing", "No. 1 Squadron")."""
    found, seen = [], set()
    for m in _UNIT.finditer(text):
        name = " ".join(m.group().split())
        if name not in seen:
            seen.add(name)
            found.append(Evidence(name, m.start(), m.end(), m.group(), "unit name as written"))
    return found


@cache
def kind_rules(path: Path = KIND_RULES_FILE) -> tuple[tuple[str, str, re.Pattern[str], bool], ...]:
    """(kind, pattern, compiled, by_states) from ``layers/draft/data/kind_rules.json``.

    A rule with ``by_states`` ("flew with ...") gives a bilateral exercise when two
    states acted and a trilateral one for three or more, and nothing with fewer.
    """
    rules = json.loads(path.read_text(encoding="utf-8"))["rules"]
    return tuple(
        (
            rule["kind"],
            pattern,
            re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE),
            bool(rule.get("by_states")),
        )
        for rule in rules
        for pattern in rule["patterns"]
    )


def kind_evidence(text: str, states: list[str] = ()) -> list[Evidence]:
    """Words suggesting a kind; the first item (by rule order) is the suggestion.

    ``states`` are the acting states found (ISO codes), for the ``by_states`` rules.
    """
    found = []
    for kind, pattern, regex, by_states in kind_rules():
        m = regex.search(text)
        if not m:
            continue
        why = f"'{m.group()}' suggests {kind} (rule {pattern!r})"
        if by_states:
            if len(states) < 2:
                continue
            kind = "trilateral_exercise" if len(states) >= 3 else "bilateral_exercise"
            why = f"'{m.group()}' with {len(states)} states acting ({', '.join(states)}) → {kind}"
        if all(e.value != kind for e in found):
            found.append(Evidence(kind, m.start(), m.end(), m.group(), why))
    return found


def exercise_evidence(text: str, matches: list[Match]) -> list[Evidence]:
    """Exercise or series names: the catalogue's own first, then "Exercise X" patterns."""
    found = [
        Evidence(
            {"exercise": m.entry.name, "exercise_id": m.entry.key},
            m.start, m.end, m.words, f"'{m.words}' is the catalogue's exercise {m.entry.key}",
        )
        for m in matches
        if m.entry.kind == "exercise"
    ]  # fmt: skip
    spans = [(m.start, m.end) for m in matches]
    for regex in _EXERCISE:
        for m in regex.finditer(text):
            s, e = m.span("name") if "name" in regex.groupindex else m.span()
            if any(s < end and start < e for start, end in spans):
                continue  # a known place, type or service is not an exercise name
            spans.append((s, e))
            value = {"exercise": text[s:e], "exercise_id": None}
            found.append(Evidence(value, s, e, text[s:e], "named as an exercise in the text"))
    return sorted(found, key=lambda ev: ev.start)
