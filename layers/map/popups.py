"""Tooltip and popup HTML for one feature, built from the schema, every data value escaped.

Leaflet puts tooltip and popup strings into the page as HTML, so nothing from a data
file reaches it unescaped (``layers.safe_text.html``): a name containing ``<script>``
shows as text, and each value sits in ``<bdi>``, so a right-to-left override in one
name cannot reorder the labels around it. Only http(s)
source URLs become links (opened in a new tab with ``rel="noopener noreferrer"``);
any other URL (a repo path, ``javascript:``) is shown as plain text.

The popup lists every field of the layer's schema in order, so a new layer or field
gets a popup without code here; enums are shown in words (``layers.catalogue.schema`` texts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from html import escape

from layers.catalogue.registry import LayerSpec
from layers.catalogue.schema import (
    ENUM_TEXTS,
    Field,
    country_name,
)
from layers.catalogue.values import as_list, is_blank
from layers.map.picking import ref_text
from layers.outputs.words import ship_text
from layers.safe_text import html

# Short enum words for tooltips ("High" rather than the whole definition).
_SHORT = {"confidence", "place_precision"}
_SKIP_IN_POPUP = {"id", "name"}


def format_date(value) -> str:
    """A date or date-time as the source gave it (ISO), no time for midnight Timestamps."""
    if isinstance(value, datetime):
        has_time = (value.hour, value.minute, value.second) != (0, 0, 0)
        return value.isoformat(timespec="minutes") if has_time else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _aircraft_text(item: Mapping) -> str:
    count = item.get("count")
    times = "" if is_blank(count) else f" × {int(count) if float(count).is_integer() else count}"
    operator = item.get("operator")
    suffix = "" if is_blank(operator) else f" ({operator})"
    return f"{item.get('type', '?')}{times}{suffix}"


def source_html(source: Mapping) -> str:
    """One source: a safe link for http(s) URLs, plain text otherwise."""
    title = html(source.get("title") or source.get("url") or "source")
    publisher = source.get("publisher")
    published = source.get("published")
    meta = ", ".join(
        html(format_date(v)) if k == "published" else html(v)
        for k, v in (("publisher", publisher), ("published", published))
        if not is_blank(v)
    )
    url = str(source.get("url") or "").strip()
    if url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url):
        label = (
            f'<a href="{escape(url, quote=True)}" target="_blank" '
            f'rel="noopener noreferrer">{title}</a>'
        )
    else:
        label = f'{title} <span class="bm-src-path">({html(url)})</span>' if url else title
    return f"{label} — {meta}" if meta else label


def format_value(field: Field, value, *, short: bool = False) -> str:
    """Escaped HTML of one field value, formatted by the field's kind."""
    if field.kind == "sources":
        items = "".join(f"<li>{source_html(s)}</li>" for s in as_list(value))
        return f'<ol class="bm-sources">{items}</ol>'
    if field.kind == "aircraft":
        return "; ".join(html(_aircraft_text(a)) for a in as_list(value))
    if field.kind == "ships":
        return "; ".join(html(ship_text(s)) for s in as_list(value))
    if field.kind == "list[country]":
        return ", ".join(html(country_name(c)) for c in as_list(value))
    if field.kind == "list[str]":
        return ", ".join(html(v) for v in as_list(value))
    if field.kind == "country":
        return html(country_name(value))
    if field.kind == "date":
        return html(format_date(value))
    if field.kind == "enum" and field.name in ENUM_TEXTS:
        text = ENUM_TEXTS[field.name].get(str(value), str(value))
        return html(text.split(":")[0] if short and field.name in _SHORT else text)
    return html(value)


def _label(field: Field) -> str:
    return escape(field.name.replace("_", " ").capitalize())


def _rows(fields: Iterable[Field], props: Mapping, *, short: bool) -> str:
    rows = []
    for field in fields:
        value = props.get(field.name)
        if is_blank(value):
            continue
        rows.append(
            f"<tr><th>{_label(field)}</th><td>{format_value(field, value, short=short)}</td></tr>"
        )
    return "".join(rows)


def tooltip_html(spec: LayerSpec, props: Mapping) -> str:
    """Short hover text: the name, then the layer's ``tooltip_fields`` (short words)."""
    fields = {f.name: f for f in spec.schema.all_fields}
    shown = [fields[n] for n in spec.tooltip_fields if n in fields and n != "name"]
    name = html(props.get("name") or props.get("id") or "")
    # The hidden reference tells the app exactly which feature a click reached
    # (``layers.map.picking``); ``hidden`` keeps it off screen, not out of the text.
    ref = html(ref_text(spec.key, str(props.get("id") or "")))
    return (
        f'<div class="bm-tip"><b>{name}</b><table>{_rows(shown, props, short=True)}</table>'
        f'<span class="bm-ref" hidden>{ref}</span></div>'
    )


def popup_html(spec: LayerSpec, props: Mapping) -> str:
    """Click text: every schema field of the layer, sources as safe links."""
    fields = [f for f in spec.schema.all_fields if f.name not in _SKIP_IN_POPUP]
    name = html(props.get("name") or props.get("id") or "")
    ident = html(props.get("id") or "")
    return (
        f'<div class="bm-popup"><h4>{name}</h4>'
        f"<table>{_rows(fields, props, short=False)}</table>"
        f'<div class="bm-id">{escape(spec.title)} · id {ident}</div></div>'
    )
