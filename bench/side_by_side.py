"""Apps side by side for ``bench/bench_filter.py``: an older checkout, and one app's page.

``checkout`` serves a git ref from a temporary worktree (with the static assets copied);
``app_page`` starts ours, the naive mode, the floor or a checkout and opens its map.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from layers.export.browser import launch
from scripts.appserver import running_app, wait_for_idle, wait_for_map

REPO = Path(__file__).resolve().parent.parent
NAIVE_ENV_VAR = "BRIEFING_MAP_NAIVE_RERUN"
FLOOR_APP = "bench/hello_filter_app.py"  # one select box and one st_folium map


@contextmanager
def checkout(ref: str):
    """A detached worktree of ``ref`` with its own static assets; removed after.

    Made by the checkout's own ``make assets`` step (``static/`` is not in git): the files
    and their form change between commits (the basemap became compact JSON), so a copy of
    this checkout's would leave an older one without the basemap it asks for.
    """
    with tempfile.TemporaryDirectory(prefix="bench-before-") as parent:
        tree = Path(parent) / "tree"
        git = ["git", "-C", str(REPO)]
        subprocess.run([*git, "worktree", "add", "--detach", str(tree), ref], check=True,
                       capture_output=True)  # fmt: skip
        try:
            make_assets = "from layers.map.assets import ensure_static_assets as e; e()"
            subprocess.run([sys.executable, "-c", make_assets], cwd=tree, check=True)
            yield tree
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(tree)], check=True)


@contextmanager
def app_page(playwright, mode: str, repo: Path, query: str = ""):
    """One running app (ours, naive or an older checkout) and a page showing its map."""
    env_before = os.environ.pop(NAIVE_ENV_VAR, None)
    if mode == "naive":
        os.environ[NAIVE_ENV_VAR] = "1"  # read by the app's process when it starts
    try:
        script = FLOOR_APP if mode == "floor" else "app.py"
        app_context = running_app(repo=repo, script=script)
        app = app_context.__enter__()
    finally:
        os.environ.pop(NAIVE_ENV_VAR, None)
        if env_before is not None:
            os.environ[NAIVE_ENV_VAR] = env_before
    browser = launch(playwright)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(app.url + query)
        wait_for_map(page)
        wait_for_idle(page)
        yield page
    finally:
        browser.close()
        app_context.__exit__(None, None, None)
