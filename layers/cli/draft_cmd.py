"""``python -m layers draft ARTICLE.txt --published YYYY-MM-DD``: an article → a draft event.

Prints the draft as a one-feature GeoJSON FeatureCollection on stdout (review it, edit
it, then ``python -m layers import`` it) and, on stderr, every value found with the
words it came from, then the flags: fields left empty for lack of evidence or needing
a look, then any catalogue event that looks like the same one (same days ± 1, an
aircraft or ship in common, within 300 km) with the source line to add to it instead.
Exit 0 drafted (even with nothing found), 1 the text is empty or not UTF-8 or
the catalogue cannot be loaded, 2 usage error (bad date, missing file).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from layers.catalogue.problems import GeoDataError
from layers.draft.duplicates import has_source, similar_events
from layers.draft.event import MAX_ARTICLE_CHARS, ArticleTooLong, check_article, draft_event
from layers.draft.gazetteer import catalogue_gazetteer
from layers.safe_text import terminal


def _iso_date(text: str) -> date:
    """Argparse type: a calendar date YYYY-MM-DD (argparse turns the error into exit 2)."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from exc


def add_parser(subparsers) -> None:
    """Register the ``draft`` command."""
    p = subparsers.add_parser(
        "draft",
        help="draft an event from a news article's text (GeoJSON on stdout)",
        description=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument("article", type=Path, metavar="ARTICLE.txt", help="the article, UTF-8 text")
    p.add_argument(
        "--published", required=True, type=_iso_date, metavar="YYYY-MM-DD",
        help="publication date; relative dates in the text count from it",
    )  # fmt: skip
    p.add_argument("--title", default="", help="the article's title (also names the event)")
    p.add_argument("--publisher", default="", help="who published the article")
    p.add_argument("--url", default="", help="the article's URL")
    p.add_argument(
        "--geodata", type=Path, metavar="DIR", default=None,
        help="catalogue folder whose names are recognised (default: the shipped geodata/)",
    )  # fmt: skip
    p.set_defaults(run=run)


def read_article(path: Path) -> tuple[str | None, int, str]:
    """(text, exit code, message): the text, or None with exit 1/2 and the reason."""
    if not path.is_file():
        return None, 2, f"{path}: no such file"
    size = path.stat().st_size
    if size > 4 * MAX_ARTICLE_CHARS:  # more characters than allowed even at 4 bytes each
        return (
            None,
            1,
            f"{path}: {size:,} bytes; the drafter reads at most {MAX_ARTICLE_CHARS:,} characters",
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, 1, f"{path}: not UTF-8 text (byte {exc.start})"
    if not text.strip():
        return None, 1, f"{path}: the article is empty"
    try:
        check_article(text)
    except ArticleTooLong as exc:
        return None, 1, f"{path}: {exc}"
    return text, 0, ""


def run(args: argparse.Namespace) -> int:
    """Draft the event and print it; return the exit code."""
    text, code, message = read_article(args.article)
    if text is None:
        print(f"error: {message}", file=sys.stderr)
        return code
    try:
        gazetteer = catalogue_gazetteer(args.geodata)
    except (GeoDataError, OSError, ValueError) as exc:
        print(f"error: cannot load the catalogue: {terminal(exc)}", file=sys.stderr)
        return 1
    draft = draft_event(
        text,
        published=args.published,
        gazetteer=gazetteer,
        title=args.title,
        publisher=args.publisher,
        url=args.url,
    )
    print(draft.to_geojson())
    for line in draft.review_lines():  # quotes the article: escaped for the terminal
        print(terminal(line), file=sys.stderr)
    for line in duplicate_lines(draft.feature, gazetteer.events):
        print(terminal(line), file=sys.stderr)
    return 0


def duplicate_lines(feature: dict, events) -> list[str]:
    """What the catalogue already holds like this draft, and how to add the source instead."""
    source = feature["properties"]["sources"][0]
    lines = []
    for similar in similar_events(feature, events):
        lines.append(f"POSSIBLE DUPLICATE: {similar.describe()}")
        for cited in similar.sources:
            lines.append(f"  cites: {cited.get('title') or ''} — {cited.get('url') or ''}")
        if has_source(similar, source):
            lines.append("  it already cites this article: nothing to add")
            continue
        lines.append(
            f"  to add this article to {similar.event_id} instead of a new event, append to "
            'its "sources" in geodata/events.geojson, then run python -m layers validate:'
        )
        lines.append("  " + json.dumps(source, ensure_ascii=False))
    return lines
