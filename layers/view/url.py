"""The view as URL query parameters, and back, so a copied link restores the same map.

Only fields that differ from the default view are written, with short keys::

    ?start=2025-12-05&end=2025-12-12&ex=a&ex=b&kind=joint_patrol&who=JPN&ac=F-35
     &layers=bases,events&c=34.0,132.0&z=5&pick=ID&span=2025-12-06..2025-12-09
     &ring=40.70,141.37;555600.0;Misawa&dist=40.70,141.37;13.58,144.93;Misawa;Andersen

List fields repeat their key (``ex=a&ex=b``); ``layers`` is one comma-separated value
(``none`` when every layer is off); the pick, rings and distances are read and written
by ``layers.view.url_marks``. The title and marking are not carried: they are the
briefing's own text (often long, sometimes sensitive, e.g. an operation name), typed
in the export tab, and a link is copied into chats and tickets; the view recipe and
the command line carry them. Reading never raises: each bad field falls back to its
default and adds a human-readable notice for the app to show.

A link is input from a stranger: it can never switch on online map tiles (``bm`` is
reported and ignored: tiles are a choice made on screen), each key keeps at most
``MAX_VALUES`` values of at most ``MAX_VALUE_CHARS`` characters, values are quoted in
notices cut to ``QUOTE_CHARS``, and at most ``MAX_NOTICES`` notices are returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from urllib.parse import urlencode

from layers.catalogue.registry import LAYERS
from layers.catalogue.schema import EVENT_KINDS
from layers.safe_text import plain
from layers.view.url_marks import marks_from_query, marks_to_query
from layers.view.view import BASEMAPS, BriefingView

QueryValue = str | list[str]
_LIST_KEYS = {"exercises": "ex", "kinds": "kind", "participants": "who", "aircraft": "ac"}
_NO_LAYERS = "none"
_COORD_DECIMALS = 5  # about 1 m: enough to restore a map position
MAX_VALUES = 50  # per key: more exercises than the catalogue has series
MAX_VALUE_CHARS = 200
MAX_NOTICES = 6
QUOTE_CHARS = 60
ONLINE_TILES_NOTICE = (
    "This link asks for online map tiles ({name}): they stay off. Online tiles tell the tile "
    "server which area you are looking at; turn them on under Basemap if you choose to."
)


def view_to_query(view: BriefingView, default: BriefingView | None = None) -> dict[str, QueryValue]:
    """The query parameters for ``view``: only fields that differ from ``default``.

    Lists are returned as lists (repeated keys); pass the result to
    ``st.query_params.from_dict`` or :func:`view_to_query_string`.
    """
    default = default or BriefingView()
    query: dict[str, QueryValue] = {}
    for key in ("start", "end"):
        value = getattr(view, key)
        if value != getattr(default, key) and value is not None:
            query[key] = value.isoformat()
    for field, key in _LIST_KEYS.items():
        if getattr(view, field) != getattr(default, field):
            query[key] = list(getattr(view, field))
    if view.layers != default.layers:
        query["layers"] = ",".join(view.layers) or _NO_LAYERS
    if view.center != default.center:
        query["c"] = ",".join(_coord(v) for v in view.center)
    if view.zoom != default.zoom:
        query["z"] = str(view.zoom)
    query.update(marks_to_query(view))
    return query


def view_to_query_string(view: BriefingView, default: BriefingView | None = None) -> str:
    """``view`` as a URL query string (without the leading ``?``)."""
    return urlencode(view_to_query(view, default), doseq=True)


def _coord(value: float) -> str:
    text = f"{round(float(value), _COORD_DECIMALS):.{_COORD_DECIMALS}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def view_from_query(
    params: Mapping[str, QueryValue],
    *,
    known_exercises: Mapping[str, str] | Iterable[str] = (),
    known_kinds: Iterable[str] = tuple(EVENT_KINDS),
    known_layers: Iterable[str] = tuple(spec.key for spec in LAYERS),
    known_participants: Iterable[str] | None = None,
    known_aircraft: Iterable[str] | None = None,
    default: BriefingView | None = None,
) -> tuple[BriefingView, list[str]]:
    """Read a view from URL query parameters; never raises on bad input.

    Parameters
    ----------
    params
        Query parameters; a value may be a string or a list of strings (use
        ``{k: st.query_params.get_all(k) for k in st.query_params}`` so repeated keys
        survive). Unknown keys are ignored.
    known_exercises
        Exercise ids, or a mapping id → name (then a name, in any case, is accepted
        and turned into its id).
    known_kinds, known_layers
        Accepted event kinds and layer keys.
    known_participants, known_aircraft
        Accepted country codes and aircraft names; ``None`` accepts any value.
    default
        The view to fall back to, field by field.

    Returns
    -------
    tuple
        The view, and a list of notices such as
        ``"Unknown exercise 'foo' in the URL was ignored."``.
    """
    default = default or BriefingView()
    notices: list[str] = []
    changes: dict = {}
    start, end = _window(params, default, notices)
    changes.update(start=start, end=end)
    exercise_ids = _exercise_lookup(known_exercises)
    lists = {
        "exercises": ("exercise", exercise_ids),
        "kinds": ("event kind", {k: k for k in known_kinds}),
        "participants": ("participant country", _identity(known_participants, upper=True)),
        "aircraft": ("aircraft type", _identity(known_aircraft)),
    }
    for field, (noun, lookup) in lists.items():
        values = _checked_values(params, _LIST_KEYS[field], notices)
        if values is not None:
            changes[field] = _known(values, lookup, noun, notices)
    changes.update(_layers(params, tuple(known_layers), notices))
    changes.update(_position(params, notices))
    changes.update(
        marks_from_query(lambda key: _checked_values(params, key, notices), _quote, notices)
    )
    basemap = _last(params, "bm")
    if basemap is not None and basemap != "offline":
        name = _quote(basemap) if basemap in BASEMAPS else f"unknown: {_quote(basemap)}"
        notices.append(ONLINE_TILES_NOTICE.format(name=name))
    return default.with_changes(**changes), _capped(notices)


def _quote(value: str) -> str:
    """A value from the link as it may appear in a notice: one line, cut short, quoted."""
    return f"'{plain(value, QUOTE_CHARS)}'"


def _capped(notices: list[str]) -> list[str]:
    """Distinct notices, at most ``MAX_NOTICES`` (the last one says how many were left out)."""
    distinct = list(dict.fromkeys(notices))
    if len(distinct) <= MAX_NOTICES:
        return distinct
    left = len(distinct) - (MAX_NOTICES - 1)
    return [*distinct[: MAX_NOTICES - 1], f"…and {left} more problems with this link."]


def _values(params: Mapping[str, QueryValue], key: str) -> list[str] | None:
    if key not in params:
        return None
    value = params[key]
    values = [value] if isinstance(value, str) else list(value)[: MAX_VALUES + 1]
    kept = [str(v).strip() for v in values if str(v).strip()]
    return [v[: MAX_VALUE_CHARS + 1] for v in kept]


def _checked_values(params, key: str, notices: list[str]) -> list[str] | None:
    """``_values`` with the size rules applied; what breaks them is reported once."""
    values = _values(params, key)
    if values is None:
        return None
    if len(values) > MAX_VALUES:
        notices.append(
            f"The link gives more than {MAX_VALUES} values for '{key}': the rest were ignored."
        )
        values = values[:MAX_VALUES]
    long = [v for v in values if len(v) > MAX_VALUE_CHARS]
    if long:
        notices.append(
            f"A value for '{key}' in the link is too long and was ignored: {_quote(long[0])}."
        )
    return [v for v in values if len(v) <= MAX_VALUE_CHARS]


def _last(params: Mapping[str, QueryValue], key: str) -> str | None:
    values = _values(params, key)
    return values[-1] if values else None


def _window(params, default: BriefingView, notices: list[str]) -> tuple[date | None, date | None]:
    bounds = {}
    for key in ("start", "end"):
        text = _last(params, key)
        bounds[key] = getattr(default, key)
        if text is None:
            continue
        try:
            bounds[key] = date.fromisoformat(text)
        except ValueError:
            notices.append(f"Malformed date {_quote(text)} in the URL: using the full range.")
            return default.start, default.end
    start, end = bounds["start"], bounds["end"]
    if start and end and end < start:
        notices.append(
            f"The window in the URL ends ({end}) before it starts ({start}): using the full range."
        )
        return default.start, default.end
    return start, end


def _exercise_lookup(known: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    if isinstance(known, Mapping):
        lookup = {str(name).casefold(): ex_id for ex_id, name in known.items()}
        lookup.update({ex_id: ex_id for ex_id in known})
        return lookup
    return {ex_id: ex_id for ex_id in known}


def _identity(known: Iterable[str] | None, *, upper: bool = False) -> dict[str, str] | None:
    if known is None:
        return None
    return {(k.upper() if upper else k): k for k in known}


def _known(values: list[str], lookup, noun: str, notices: list[str]) -> tuple[str, ...]:
    kept: list[str] = []
    for value in values:
        resolved = value if lookup is None else lookup.get(value, lookup.get(value.casefold()))
        if resolved is None and lookup is not None:
            resolved = lookup.get(value.upper())
        if resolved is None:
            notices.append(f"Unknown {noun} {_quote(value)} in the URL was ignored.")
        elif resolved not in kept:
            kept.append(resolved)
    return tuple(kept)


def _layers(params, known: tuple[str, ...], notices: list[str]) -> dict:
    text = _last(params, "layers")
    if "layers" not in params:
        return {}
    if text is None or text == _NO_LAYERS:
        return {"layers": ()}
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    return {"layers": _known(wanted, {k: k for k in known}, "layer", notices)}


def _position(params, notices: list[str]) -> dict:
    changes: dict = {}
    centre = _last(params, "c")
    if centre is not None:
        try:
            lat, lon = (float(part) for part in centre.split(","))
            if not (-90 <= lat <= 90 and -180 <= lon <= 360):
                raise ValueError(centre)
            changes["center"] = (lat, lon)
        except ValueError:
            notices.append(f"Malformed map centre {_quote(centre)} in the URL: using the default.")
    zoom = _last(params, "z")
    if zoom is not None:
        try:
            value = float(zoom)
            if not (1 <= value <= 18 and value == int(value)):
                raise ValueError(zoom)
            changes["zoom"] = int(value)
        except ValueError:
            notices.append(
                f"Malformed zoom {_quote(zoom)} in the URL (use 1 to 18): using the default."
            )
    return changes
