"""Row builders shared by every data table in tools/geodata_src (and its series/).

One definition each, so the core tables and the series modules build identical rows.
"""

RESEARCH_FACTS = "docs/research/FACTS.md"


def src(title, publisher, url, published=None, retrieved=None):
    """One source record in the catalogue's shape."""
    return {
        "title": title,
        "publisher": publisher,
        "url": url,
        "published": published,
        "retrieved": retrieved,
    }


def note(anchor, title, publisher, published=None, doc=RESEARCH_FACTS):
    """A citation recorded in a research note (no article URL known)."""
    return src(title, publisher, f"{doc}#{anchor}", published)


def t(type_, name, role, operators, aliases=(), range_=None, notes=None):
    """One aircraft type row."""
    return {
        "type": type_,
        "name": name,
        "aliases": list(aliases),
        "role": role,
        "operators": list(operators),
        "range": range_,
        "notes": notes,
    }


def ev(id_, name, exercise_id, exercise, kind, start, end, time_precision, **kw):
    """One event row; keyword arguments fill the remaining fields.

    ``aircraft`` and ``ships`` are tuples: ``(type, count, operator)`` and
    ``(name, type, count, operator)``, a count of ``None`` where no source gives one.
    ``responders`` are the states whose forces answered (scrambled, shadowed), kept
    apart from the ``participants`` who did the activity.
    """
    row = {
        "id": id_,
        "name": name,
        "aliases": kw.pop("aliases", []),
        "exercise_id": exercise_id,
        "exercise": exercise,
        "kind": kind,
        "start": start,
        "end": end,
        "time_precision": time_precision,
        "participants": kw.pop("participants"),
        "responders": kw.pop("responders", []),
        "aircraft": [
            {"type": t, "count": n, "operator": op} for t, n, op in kw.pop("aircraft", [])
        ],
        "ships": [
            {"name": name_, "type": t, "count": n, "operator": op}
            for name_, t, n, op in kw.pop("ships", [])
        ],
        "units": kw.pop("units", []),
        "staging_base": kw.pop("staging_base", None),
        "home_base": kw.pop("home_base", None),
        "summary": kw.pop("summary"),
        "sources": kw.pop("sources"),
        "confidence": kw.pop("confidence"),
        "place_precision": kw.pop("place_precision", "approximate"),
        "basis": kw.pop("basis", None),
        "notes": kw.pop("notes", None),
        "geometry": kw.pop("geometry"),
    }
    assert not kw, kw
    return row
