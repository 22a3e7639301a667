"""Several analysts at once: sessions filtering and importing against one app.

``SESSIONS`` browser contexts (separate Streamlit sessions) open the app together;
for about ``ACTIVE_S`` seconds each moves the date window and saves its own small
imports (unique ids). Afterwards: no Streamlit exception on any page, no console
error, no request off this machine, every import in the store exactly once, and the
store loads cleanly with the catalogue.

Playwright's async API drives the sessions concurrently from one worker thread (the
tier's sync browser lives on the main thread; the two must not share a thread).
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pytest

from layers.catalogue.load import load_catalogue
from layers.catalogue.store import ENV_VAR, load_user_events, read_user_events
from layers.export.browser import CHROMIUM_ARGS, find_chromium
from scripts.appserver import IDLE_JS, MAP_IFRAME, MAP_READY_JS, POLL_MS, running_app
from tests.browser.conftest import ARTIFACTS, VIEWPORT, refuse_off_machine

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "docs" / "templates" / "events_template.geojson"
SESSIONS = int(os.environ.get("BRIEFING_MAP_LOAD_SESSIONS", "8"))
OPENING_AT_ONCE = 2  # pages opened together: 2 cores draw ~2 Streamlit pages at a time
IMPORTS_PER_SESSION = 1
ACTIVE_S = 30.0  # the time the open sessions work together (the test stays under ~90 s)
TIMEOUT_MS = 120_000  # one step on 2 cores shared with 8 pages; a hang, not a pace
# What a stuck page shows: Streamlit's run state, and inside the map's frame whether
# streamlit-folium made the map, whether the basemap failed, and whether it is drawn.
PAGE_STATE_JS = """() => ({
  visibility: document.visibilityState, focus: document.hasFocus(),
  script: document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState,
  tab: document.querySelector('[role="tab"][aria-selected="true"]')?.innerText,
  alerts: [...document.querySelectorAll('[data-testid="stAlert"]')].map(a => a.innerText),
})"""
FRAME_STATE_JS = """() => ({
  leaflet: typeof L, map: !!window.map, ready: window.briefingMapReady === true,
  basemapError: window.briefingMapError || null,
})"""


@dataclass
class Session:
    """What one browser session did and saw."""

    number: int
    step: str = "opening"  # what it was doing (named in a failure)
    map_frame: object = None  # the map's frame as first found (playwright Frame)
    saved: list[str] = field(default_factory=list)  # event ids it saved
    filters: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # not failures; shown when stuck
    outside: list[str] = field(default_factory=list)
    exceptions: int = 0


def import_file(session: int, n: int) -> tuple[str, bytes, str]:
    """A one-event GeoJSON file with ids of its own: (file name, bytes, event id)."""
    fc = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    feature = fc["features"][0]
    event_id = f"load-s{session}-n{n}"
    feature["properties"]["id"] = event_id
    feature["properties"]["exercise_id"] = f"load-exercise-s{session}"
    fc["features"] = [feature]
    return f"load_s{session}_n{n}.geojson", json.dumps(fc).encode(), event_id


async def open_app(context, url: str, record: Session):
    """A page of the app in ``context``, its map drawn, requests and errors recorded."""
    await refuse_off_machine(context, record.outside)
    page = await context.new_page()
    page.on("console", lambda m: m.type == "error" and record.errors.append(m.text))
    page.on("console", lambda m: m.type == "warning" and record.warnings.append(m.text))
    page.on("pageerror", lambda e: record.errors.append(f"pageerror: {e}"))
    try:
        record.step = "loading the page"
        await page.goto(url)
        record.step = "waiting for the map's frame"
        handle = await page.wait_for_selector(MAP_IFRAME, state="attached", timeout=TIMEOUT_MS)
        frame = await handle.content_frame()
        record.map_frame = frame
        record.step = "waiting for the map to be drawn"
        await frame.wait_for_function(MAP_READY_JS, timeout=TIMEOUT_MS, polling=POLL_MS)
        record.step = "waiting for the first run to end"
        await idle(page)
    except Exception as exc:
        raise AssertionError(f"{exc}\n{await describe(page, record)}") from exc
    return page


async def idle(page, timeout_ms: float = TIMEOUT_MS) -> None:
    """Until no script run is in flight (on a first load: the map's second run too)."""
    await page.wait_for_function(IDLE_JS, timeout=timeout_ms, polling=POLL_MS)


async def open_pages(browser, url: str, records: list, open_app) -> list:
    """``open_app(context, url, record)`` for each record, ``OPENING_AT_ONCE`` at a time."""
    opening = asyncio.Semaphore(OPENING_AT_ONCE)

    async def opened(record):
        async with opening:
            context = await browser.new_context(viewport=VIEWPORT)
            return await open_app(context, url, record)

    return await asyncio.gather(*(opened(r) for r in records))


async def move_window(page, record: Session) -> None:
    """Move the date window's left thumb one step right (even moves) or back (odd)."""
    step = record.filters
    record.step = f"moving the window (move {step})"
    thumb = page.locator('.st-key-window input[type="range"]').first
    await thumb.focus()
    await thumb.press("ArrowRight" if step % 2 == 0 else "ArrowLeft")
    await idle(page)


async def save_import(page, record: Session) -> str:
    """Upload a new file in the Import tab and save it; return its event id.

    The file is chosen once: a rerun starting as it is chosen (the date fields echo
    each window move) used to swallow the server's reply and leave the uploader
    empty (ui/upload_replies.py).
    """
    name, data, event_id = import_file(record.number, len(record.saved))
    record.step = f"uploading {name}"
    await page.get_by_role("tab", name="Import data").click()
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Events file")
    await uploader.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "application/geo+json", "buffer": data}
    )
    record.step = f"waiting for {name} to be listed by the uploader"
    await uploader.get_by_text(name).wait_for(timeout=TIMEOUT_MS)
    save = page.get_by_role("button", name="Save the 1 valid event")
    await save.wait_for(state="visible", timeout=TIMEOUT_MS)
    record.step = f"saving {name}"
    await save.click()
    saved = page.get_by_test_id("stAlertContentSuccess").filter(has_text=f"from {name}")
    await saved.wait_for(timeout=TIMEOUT_MS)
    await idle(page)
    return event_id


async def work(page, record: Session, deadline: float) -> None:
    """One analyst: filter, import, then filter until the deadline."""
    step = 0
    try:
        while time.monotonic() < deadline or len(record.saved) < IMPORTS_PER_SESSION:
            if len(record.saved) < IMPORTS_PER_SESSION and step % 2 == 1:
                record.saved.append(await save_import(page, record))
            else:
                await move_window(page, record)
                record.filters += 1
            step += 1
    except Exception as exc:
        raise AssertionError(f"{exc}\n{await describe(page, record)}") from exc
    record.exceptions = await page.get_by_test_id("stException").count()


async def describe(page, record: Session) -> str:
    """A stuck session, for the failure message: its step, page and map state, errors."""
    facts = [f"session {record.number} stuck while {record.step}"]
    try:
        facts.append(f"page: {await page.evaluate(PAGE_STATE_JS)}")
        handle = await page.query_selector(MAP_IFRAME)
        frame = handle and await handle.content_frame()
        facts.append(f"map frame: {frame and await frame.evaluate(FRAME_STATE_JS)}")
        waited_on = record.map_frame  # a remounted map leaves it detached
        if waited_on is not None and waited_on is not frame:
            facts.append(f"the frame waited on is another one; detached: {waited_on.is_detached()}")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"concurrent_session_{record.number}.png"
        await page.screenshot(path=str(shot), full_page=True)
        facts.append(f"screenshot: {shot}")
    except Exception as exc:  # the description must not hide the failure itself
        facts.append(f"(could not read the page: {exc})")
    facts.append(f"console errors: {record.errors}")
    facts.append(f"console warnings (last 10): {record.warnings[-10:]}")
    return "\n".join(facts)


async def run_sessions(url: str) -> list[Session]:
    """Open every session (a few at a time), then let them all work at once."""
    from playwright.async_api import async_playwright

    records = [Session(number) for number in range(SESSIONS)]
    started = time.monotonic()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=find_chromium(), args=list(CHROMIUM_ARGS)
        )
        try:
            pages = await open_pages(browser, url, records, open_app)
            print(f"opened {SESSIONS} sessions in {time.monotonic() - started:.0f} s")
            deadline = time.monotonic() + ACTIVE_S
            await asyncio.gather(
                *(work(p, r, deadline) for p, r in zip(pages, records, strict=True))
            )
        finally:
            await browser.close()
    return records


def in_worker_thread(fn, *args):
    """Run ``fn`` in a fresh thread (no event loop of the sync API there); re-raise errors."""
    outcome = {}

    def target():
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="load-sessions")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture(scope="module")
def load_store(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("load-store")


@pytest.fixture(scope="module")
def load_app(load_store, browser):  # `browser`: skip (or fail in CI) when there is none
    with ExitStack() as stack:
        with mock.patch.dict(os.environ, {ENV_VAR: str(load_store)}):
            app = stack.enter_context(running_app())  # the child copies the environment now
        yield app


def test_sessions_filter_and_import_at_once(load_app, load_store):
    started = time.monotonic()
    try:
        records = in_worker_thread(lambda: asyncio.run(run_sessions(load_app.url)))
    except AssertionError as exc:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        log = ARTIFACTS / "concurrent_sessions.server.log"
        log.write_text(load_app.output())
        tail = "\n".join(load_app.output().splitlines()[-40:])
        pytest.fail(f"{exc}\nserver log ({log}), last lines:\n{tail}", pytrace=False)
    elapsed = time.monotonic() - started
    for record in records:
        assert record.exceptions == 0, f"session {record.number} shows an exception"
        assert record.errors == [], (record.number, record.errors)
        assert record.outside == [], (record.number, record.outside)
        assert record.filters > 0  # every session filtered while others imported
    expected = sorted(event_id for r in records for event_id in r.saved)
    assert len(expected) == SESSIONS * IMPORTS_PER_SESSION
    found = read_user_events(load_store)
    assert found.problems == ()
    ids = [f["properties"]["id"] for f in found.features]
    assert sorted(ids) == expected  # each import exactly once
    assert len(found.imports) == len(expected)
    user = load_user_events(load_store, on_problem=pytest.fail)
    events = load_catalogue(extra_events=[user]).frames["events"]
    assert sorted(events.loc[events["origin"] == "user", "id"]) == expected
    moves = sum(r.filters for r in records)
    print(f"{SESSIONS} sessions: {elapsed:.0f} s, {moves} filter moves, {len(expected)} imports")
    output = load_app.output()
    at = output.find("Traceback")
    assert at < 0, "the server logged an error:\n" + output[max(0, at - 300) : at + 4000]
