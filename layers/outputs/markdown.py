"""The details model as Markdown in which every piece of data text is escaped.

``details_markdown(model)`` backslash-escapes every ASCII punctuation character of data
text (``layers.safe_text.md``: so ``<script>``, ``[x](javascript:…)``, ``*``, backticks,
``$`` and Streamlit's ``:colour[…]`` directives show literally) and makes links only of
http(s) URLs, percent-encoded. The app shows it with ``st.markdown``.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from layers.outputs.details import first_rows_count
from layers.safe_text import md

_URL_SAFE = ":/?#&=%~+,;@!*'-._"  # parentheses, brackets, spaces and quotes get encoded


def escape_markdown(text) -> str:
    """Data text made inert for Markdown, whole (``layers.safe_text.md`` without a cut)."""
    return md(text, limit=None)


def _source_markdown(source: Mapping) -> str:
    title = escape_markdown(source["title"])
    if source["is_link"]:
        label = f"[{title}]({quote(source['url'], safe=_URL_SAFE)})"
    else:
        label = f"{title} ({escape_markdown(source['url'])})" if source["url"] else title
    meta = [escape_markdown(source[k]) for k in ("publisher", "published") if source[k]]
    return f"{label} — {', '.join(meta)}" if meta else label


def details_markdown(model: Mapping) -> str:
    """The details model as Markdown in which every piece of data text is escaped."""
    number = model.get("number")
    prefix = f"{int(number)} · " if number is not None else ""  # as on the map's callout
    lines = [
        f"#### {prefix}{escape_markdown(model['title'])}",
        f"*{escape_markdown(model['subtitle'])}*",
        "",
    ]
    route = model.get("route")
    if route:
        lines += [
            f"**Route:** {escape_markdown(route['text'])}: "
            f"{escape_markdown(route['distance'])} (geodesic)",
            "",
        ]
    rows = model["rows"]
    first = first_rows_count(rows)  # what, when, who, where; then sources; then the rest
    lines += [_row_markdown(label, text) for label, text in rows[:first]]
    if model["sources"]:
        lines += ["", "**Sources**", ""]
        lines += [f"{n}. {_source_markdown(s)}" for n, s in enumerate(model["sources"], start=1)]
    if rows[first:]:
        lines += ["", *(_row_markdown(label, text) for label, text in rows[first:])]
    lines += _exercise_markdown(model.get("exercise_events"))
    return "\n".join(lines) + "\n"


def _row_markdown(label: str, text: str) -> str:
    return f"- **{escape_markdown(label)}:** {escape_markdown(text)}"


def _exercise_markdown(exercise: Mapping | None) -> list[str]:
    if not exercise:
        return []
    lines = ["", f"**Events of {escape_markdown(exercise['exercise'])}** ({exercise['total']})", ""]
    for item in exercise["items"]:
        text = f"{escape_markdown(item['dates'])}: {escape_markdown(item['name'])}"
        text += f" ({escape_markdown(item['id'])})"
        lines.append(f"- **{text}** (this event)" if item["current"] else f"- {text}")
    hidden = exercise["total"] - len(exercise["items"])
    if hidden > 0:
        lines.append(f"- … and {hidden:,} more")
    return lines
