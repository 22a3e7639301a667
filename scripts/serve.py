"""Run the app (``make run``): ``streamlit run app.py`` with the libraries warmed up.

Streamlit imports what ``app.py`` needs only when the first visitor's session runs
the script: pandas, geopandas, folium, altair and friends take about 1.4 s on a
2-core machine, and the first map waits for them. Here a background thread imports
them, and validates the catalogue files, while the server starts and the browser
loads the page, so the first run finds them ready. Arguments are passed to
``streamlit run`` (e.g. ``--server.port 8600``).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The libraries behind app.py, not the ``ui`` panels: streamlit-folium declares its
# component only inside a script run (with a ScriptRunContext), so importing it here
# would leave the map's component unregistered (a 404 in the page). The panels that
# import it stay for the session to import; what they build on is ready by then.
# First what the first map needs, then the catalogue, then the rest: the catalogue was
# warmed after 0.45 s (2 cores) of the timeline's, exports' and drafts' libraries.
# (folium.plugins: most of streamlit-folium's own import, which the first run makes.)
MAP_MODULES = (
    "layers.map.render",
    "layers.map.overlays",
    "layers.map.large_events",
    "folium.plugins",
)
LATER_MODULES = (
    "layers.map.preview",
    "layers.outputs.details",
    "layers.outputs.markdown",
    "layers.outputs.timeline",
    "layers.outputs.table",
    "layers.export.html_file",
    "layers.export.worker",
    "layers.draft.event",
    "layers.draft.review",
    "altair",
)
DATABASE_MODULES = ("psycopg", "layers.catalogue.db.store", "layers.catalogue.db.remote")


def warm_up() -> None:
    """Import the modules, read and validate the catalogue, fill the app's caches of it.

    Python's import lock makes the imports safe beside a session; ``layers.catalogue.load``
    keeps the validated files while they do not change, so the first session's load
    finds them ready. Failures are left for the session to hit and show.
    """
    database = importlib.import_module("layers.catalogue.db.connect").database_url()
    _import((*MAP_MODULES, *(DATABASE_MODULES if database else ())))
    with contextlib.suppress(Exception):  # a broken catalogue is the app's to report
        importlib.import_module("layers.catalogue.load").load_catalogue()
    # The app's caches of the catalogue, or of a large file (BRIEFING_MAP_EVENTS, read and
    # indexed). This thread has no script run: Streamlit's cache warns so, here expected.
    no_run = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = no_run.level
    no_run.setLevel(logging.ERROR)
    try:
        state = importlib.import_module("ui.state")
        with contextlib.suppress(Exception):  # a broken file is the app's to report
            state.warm_catalogue()
        with contextlib.suppress(Exception):
            state.warm_large()
    finally:
        no_run.setLevel(level)
    _import(LATER_MODULES)
    # The process is warm: later collections leave all this out (ui/gc_freeze.py).
    importlib.import_module("ui.gc_freeze").freeze_once()


def _import(names) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:
            print(f"serve.py: warming {name} failed: {exc}", file=sys.stderr)


def main(argv: list[str]) -> int:
    """Start the warm-up thread, then run Streamlit's own command line in this process."""
    sys.path.insert(0, str(REPO))
    from streamlit.web import cli

    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", str(REPO / "app.py"), *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
