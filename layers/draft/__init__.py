"""From a news article to a draft event: every value with the words it came from.

* ``event``: ``draft_event`` and the ``Draft``; ``save_draft`` through the import path;
* ``dates`` (absolute and relative dates), ``extract`` (aircraft, participants, units,
  kind, exercise), ``geometry`` (where it happened), ``gazetteer`` and ``names`` (the
  names the drafter knows, from the catalogue and ``data/``);
* ``regional`` (the regional gazetteer), ``route`` (paths and gaps named in words),
  ``ships`` (ships by name), ``roles`` (responders, report dates), ``fields`` (the
  draft's properties and flags), ``duplicates`` (events already in the catalogue);
* ``worker``: drafting in a process of its own; ``review``: the analyst's edits.
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "event": ("ArticleTooLong", "Draft", "check_article", "draft_event", "save_draft"),
        "gazetteer": ("Gazetteer", "catalogue_gazetteer"),
        "worker": ("draft_in_worker",),
        "review": ("evidence_text", "feature_from_values", "previewable"),
        "duplicates": ("Similar", "similar_events"),
    },
)
