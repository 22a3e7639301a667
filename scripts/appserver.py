"""Start the Streamlit app on a free local port and wait until it answers.

Shared by the browser tests (``tests/browser/conftest.py``), the start-up benchmark
(``bench/bench_startup.py``) and ``scripts/screenshot_app.py``, so all three measure
and drive the app exactly as ``make run`` starts it (same ``app.py``, same
``.streamlit/config.toml``), only on a free port and without opening a browser.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEALTH_PATH = "/_stcore/health"
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP_READY_JS = "() => window.briefingMapReady === true"
FIRST_PAINT_WAITING = ".st-key-first_paint_waiting"  # ui/first_paint.py's placeholder
# Streamlit loads a widget's code the first time a page shows one of its kind and shows
# a skeleton meanwhile: the widgets that follow the first paint are skeletons for a
# moment after the run has ended.
LOADING = '[data-testid="stSkeleton"]'
IDLE_JS = f"""() => document.querySelector('{APP_IDLE}') !== null
    && document.querySelector('{FIRST_PAINT_WAITING}') === null
    && document.querySelector('{LOADING}') === null"""
# Page waits poll on a timer: Playwright's default (requestAnimationFrame) can stop
# ticking in the map's iframe while other pages load the machine, and the wait then
# times out on a page that is long drawn (seen with 8 sessions on 2 cores).
POLL_MS = 100
# In the map's frame: the viewport position of [lat, lon] on the map (for a click there).
MAP_POINT_JS = """([lat, lon]) => {
    const p = window.map.latLngToContainerPoint([lat, lon]);
    const r = window.map.getContainer().getBoundingClientRect();
    return [r.left + p.x, r.top + p.y];
}"""


# After a filter change the map frames the new selection and reports where it ended
# (250 ms later, a rerun that makes the view's position part of what an export shows):
# a reader sees it move and acts once it rests (bench/soak.py). In the map's own clock.
SETTLE_MS = 600
SETTLED_JS = f"""() => {{
    const w = document.querySelector('{MAP_IFRAME}').contentWindow;
    if (!w || !w.map) {{ return false; }}  // a reloaded page: its map is not there yet
    if (w.__lastMove === undefined) {{  // first look at this page: watch its moves from now
        w.__lastMove = w.performance.now();
        w.map.on("move", () => {{ w.__lastMove = w.performance.now(); }});
    }}
    return w.performance.now() - w.__lastMove > {SETTLE_MS};
}}"""

# The page's link carries the map's position once the server has it (the view an export
# draws): the map at rest is where the link says. Arguments: the default centre and zoom,
# which the link leaves out.
REPORTED_JS = f"""([lat0, lon0, zoom0]) => {{
    const w = document.querySelector('{MAP_IFRAME}').contentWindow;
    if (!w || !w.map) {{ return false; }}
    const query = new URLSearchParams(window.location.search);
    const [lat, lon] = (query.get("c") || `${{lat0}},${{lon0}}`).split(",").map(Number);
    const zoom = Number(query.get("z") || zoom0);
    const at = w.map.getCenter();
    const dlon = (((at.lng - lon) % 360) + 540) % 360 - 180;
    return Math.abs(at.lat - lat) < 1e-3 && Math.abs(dlon) < 1e-3 && w.map.getZoom() === zoom;
}}"""

# In the map's frame: when the renderer painted the map (its ``bm-painted`` mark), on the wall
# clock in ms: exact, where a wait that polls for the map sees it up to ``POLL_MS`` later.
PAINTED_AT_JS = """() => {
    const m = performance.getEntriesByName("bm-painted", "mark")[0];
    return m ? performance.timeOrigin + m.startTime : null;
}"""

# The errors a page shows: Streamlit exceptions and error alerts (their text).
PAGE_ERRORS_JS = """() => [...document.querySelectorAll(
  '[data-testid="stException"], [data-testid="stAlertContentError"]')].map(e => e.innerText)"""


class AppDidNotStart(RuntimeError):
    """The server exited or never answered its health check; the message has its output."""


@dataclass
class RunningApp:
    """A started app: its base URL, process and captured output."""

    url: str
    process: subprocess.Popen
    log_path: Path
    started_at: float

    @property
    def started_wall(self) -> float:
        """``started_at`` on the wall clock, which the browser's ``performance`` marks use."""
        return time.time() - (time.monotonic() - self.started_at)

    def output(self) -> str:
        """Everything the server printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_healthy(app: RunningApp, timeout: float = 60.0) -> float:
    """Poll the health endpoint; return seconds since start, or raise ``AppDidNotStart``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise AppDidNotStart(
                f"streamlit exited with code {app.process.returncode}:\n{app.output()}"
            )
        if _healthy(app.url):
            return time.monotonic() - app.started_at
        time.sleep(0.1)  # polling interval of a readiness check, not a wait for state
    raise AppDidNotStart(
        f"no answer from {app.url}{HEALTH_PATH} in {timeout:.0f} s:\n{app.output()}"
    )


@contextmanager
def running_app(
    port: int | None = None,
    timeout: float = 60.0,
    repo: Path = REPO,
    *,
    streamlit_run: bool = False,
    script: str = "app.py",
) -> Iterator[RunningApp]:
    """Run the app as ``make run`` does (``scripts/serve.py``); always stop it afterwards.

    ``repo`` is the checkout to serve (benchmarks compare this one with an older one);
    ``streamlit_run`` starts it the conventional way instead (``python -m streamlit run
    app.py``, no preparation step), or another ``script`` of the checkout that way
    (``bench/bench_page.py``'s hello-world floor).
    """
    port = port or free_port()
    start = (
        ["-m", "streamlit", "run", script]
        if streamlit_run or script != "app.py"
        else [str(repo / "scripts" / "serve.py")]
    )
    command = [
        sys.executable, *start,
        "--server.port", str(port),
        "--server.headless", "true",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with tempfile.NamedTemporaryFile("w+b", prefix="streamlit-", suffix=".log") as log:
        process = subprocess.Popen(command, cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT)
        app = RunningApp(f"http://127.0.0.1:{port}", process, Path(log.name), time.monotonic())
        try:
            wait_healthy(app, timeout)
            yield app
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for_map(page, timeout_ms: float = 60_000):
    """Wait until the map inside the app is drawn; return the map iframe's ``Frame``.

    "Drawn" is the renderer's own signal (``window.briefingMapReady``), set once
    Leaflet has added every layer, so no fixed sleep is needed.
    """
    handle = page.wait_for_selector(MAP_IFRAME, state="attached", timeout=timeout_ms)
    frame = handle.content_frame()
    frame.wait_for_function(MAP_READY_JS, timeout=timeout_ms, polling=POLL_MS)
    return frame


def wait_for_idle(page, timeout_ms: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script (no rerun in flight).

    On a page's first load that includes the run the map starts once drawn, which
    brings the timeline and the tabs (``ui/first_paint.py``).
    """
    page.wait_for_function(IDLE_JS, timeout=timeout_ms, polling=POLL_MS)
