"""Browser tier: the real app (``scripts/serve.py``, as ``make run``) in a real headless Chromium.

One server and one browser per session. Every test gets a fresh page whose
requests are recorded and, when they leave this machine, aborted: the tier runs
exactly as on a network with no internet, and ``test_no_request_leaves_the_machine``
fails on any such attempt. Console errors are collected for the same reason.

In CI (``CI=true``) or with ``BRIEFING_MAP_REQUIRE_BROWSER=1`` a missing browser fails
the tier instead of skipping it.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import pytest

from layers.catalogue.importer import import_events
from layers.catalogue.store import ENV_VAR
from layers.export.browser import BrowserNotFound, launch
from scripts.appserver import AppDidNotStart, running_app, wait_for_idle, wait_for_map

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
HOSTILE_CORPUS = Path(__file__).resolve().parents[1] / "data" / "hostile"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})
VIEWPORT = {"width": 1400, "height": 900}


def browser_required() -> bool:
    """In CI a missing browser is a failure, never a skip."""
    return (
        os.environ.get("CI", "").lower() == "true"
        or os.environ.get("BRIEFING_MAP_REQUIRE_BROWSER") == "1"
    )


def is_local(url: str) -> bool:
    """True for URLs served by this machine (or needing no network at all)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


async def refuse_off_machine(context, outside: list[str]) -> None:
    """Let ``context`` (async Playwright) reach this machine only; note each refused URL."""

    async def on_route(route):
        if is_local(route.request.url):
            await route.continue_()
        else:
            outside.append(route.request.url)
            await route.abort("internetdisconnected")

    await context.route("**/*", on_route)


@dataclass
class PageRecord:
    """What a page did: every URL it asked for, and every console error it logged."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        """Every URL (requests and WebSockets) that is not served by this machine."""
        return [url for url in self.requests if not is_local(url)]


@pytest.fixture(scope="session")
def app_server():
    """The app (as ``make run`` starts it), started once for the session on a free port."""
    try:
        with running_app() as app:
            yield app
    except AppDidNotStart as exc:
        pytest.fail(f"the app did not start:\n{exc}", pytrace=False)


@pytest.fixture(scope="session")
def app_url(app_server) -> str:
    """Base URL of the running app."""
    return app_server.url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = launch(playwright)
        except BrowserNotFound as exc:
            if browser_required():
                pytest.fail(f"browser tests must run here: {exc}", pytrace=False)
            pytest.skip(f"no headless Chromium: {exc}")
        yield chromium
        chromium.close()


def _record(context, record: PageRecord) -> None:
    def on_route(route):
        url = route.request.url
        record.requests.append(url)
        if is_local(url):
            route.continue_()
        else:
            record.blocked.append(url)
            route.abort("internetdisconnected")

    def on_console(message):
        if message.type == "error":
            record.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    context.route("**/*", on_route)
    context.on("page", lambda page: page.on("console", on_console))
    context.on("weberror", lambda error: record.errors.append(f"pageerror: {error.error}"))
    # WebSockets are not routed: record them so the locality test still sees them.
    context.on("page", lambda page: page.on("websocket", lambda ws: record.requests.append(ws.url)))


@pytest.fixture
def page_record() -> PageRecord:
    """Requests and console errors of the test's page."""
    return PageRecord()


@pytest.fixture
def page(browser, page_record, request):
    """A fresh page in a fresh context; a screenshot is saved when the test fails."""
    context = browser.new_context(viewport=VIEWPORT)
    _record(context, page_record)
    page = context.new_page()
    yield page
    if _failed(request):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def _failed(request) -> bool:
    report = getattr(request.node, "rep_call", None)
    return report is not None and report.failed


@pytest.fixture
def app_page(page, app_server, request):
    """The app opened, its map drawn and the script idle; yields ``(page, map_frame)``.

    When the test fails, the server's output is saved beside the screenshot.
    """
    page.goto(app_server.url)
    frame = wait_for_map(page)
    wait_for_idle(page)
    yield page, frame
    if _failed(request):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"{request.node.name}.server.log").write_text(app_server.output())


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory) -> Path:
    """A user store holding the hostile event (saved through the normal import path)."""
    store = tmp_path_factory.mktemp("hostile-store")
    data = (HOSTILE_CORPUS / "hostile_events.geojson").read_bytes()
    assert import_events(data, name="hostile_events.geojson", data_dir=store).accepted
    return store


@pytest.fixture(
    scope="session", params=["files", pytest.param("database", marks=pytest.mark.database)]
)
def hostile_app(request, hostile_store):
    """The app started on the hostile store (its own server: the session's uses none).

    ``database``: the same event imported into a PostGIS store, then edited with hostile
    text (``tests/db_fixtures.hostile_database``): the app reads it from there.
    """
    env = {ENV_VAR: str(hostile_store)}
    if request.param == "database":
        from db_fixtures import hostile_database

        env |= hostile_database(request.getfixturevalue("pg_cluster"), HOSTILE_CORPUS)
    with ExitStack() as stack:
        with mock.patch.dict(os.environ, env):
            app = stack.enter_context(running_app())  # the child copies the environment now
        yield app


@pytest.fixture
def hostile_page(page, hostile_app):
    """The app opened on the hostile store, the map drawn and the script idle."""
    page.goto(hostile_app.url)
    frame = wait_for_map(page)
    wait_for_idle(page)
    return page, frame


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures know whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
