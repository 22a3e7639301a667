"""Soak: several analysts on one app for minutes: filter, export, import, remove.

``--sessions`` browser contexts (default 8) open the app two at a time, then for
``--minutes`` (default 10) each loops: a sidebar filter change, the HTML export (and the
PNG every ``--png-every`` loops) downloaded, a one-event GeoJSON file saved, that import
removed. Every step waits for what the reader would see, never for a fixed time.
Recorded per session: actions, errors shown, console errors, requests off this machine;
the server's RSS every 10 s. Prints a summary, writes ``bench/out/soak.json``, exits 1
on any error. ``make soak``, or::

    PYTHONPATH=. .venv/bin/python bench/soak.py [--minutes 10] [--sessions 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import soak_report
from layers.catalogue.store import ENV_VAR
from layers.export.browser import CHROMIUM_ARGS, find_chromium
from layers.view.view import DEFAULT_CENTER, DEFAULT_ZOOM
from scripts import appserver
from scripts.appserver import MAP_IFRAME, MAP_READY_JS, POLL_MS, running_app
from tests.browser.conftest import refuse_off_machine
from tests.browser.test_concurrent_sessions import idle, import_file, open_pages
from ui.export_files import DOWNLOADS

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "soak.json"
CHANGED = {kind: text for kind, (_, _, text) in DOWNLOADS.items()}  # "the view changed since"
STEP_MS = 120_000  # one step on 2 cores shared with 8 pages; a hang, not a pace
RSS_EVERY_S = 10.0
RECENT = 12  # rerun requests and runs kept per session


@dataclass
class Session:
    """What one browser session did and saw."""

    number: int
    step: str = "opening"
    actions: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # shown in the page, or a stuck step
    console_errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    # The page's last rerun requests (time, request), and when its last runs started and
    # ended in full: what a stuck step is explained by.
    sent: deque = field(default_factory=lambda: deque(maxlen=RECENT), repr=False)
    started: deque = field(default_factory=lambda: deque(maxlen=RECENT), repr=False)
    finished: deque = field(default_factory=lambda: deque(maxlen=RECENT), repr=False)
    seconds: dict[str, list[float]] = field(default_factory=dict)  # each action's duration
    remade: dict[str, int] = field(default_factory=dict)  # presses again: the view had changed
    notes: list[str] = field(default_factory=list)  # why each press was made again
    since: float = field(default_factory=time.monotonic, repr=False)

    def done(self, action: str) -> None:
        self.actions[action] = self.actions.get(action, 0) + 1
        now = time.monotonic()
        self.seconds.setdefault(action, []).append(round(now - self.since, 1))
        self.since = now


def sample_rss(pid: int, started: float, samples: list, stop: threading.Event) -> None:
    """Append (seconds since start, VmRSS KiB of ``pid``) every ``RSS_EVERY_S`` until ``stop``."""
    while True:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return  # the server is gone; the last sample says when
        kib = next(int(line.split()[1]) for line in status.splitlines() if line[:6] == "VmRSS:")
        samples.append((round(time.monotonic() - started, 1), kib))
        if stop.wait(RSS_EVERY_S):  # the sampling period, not a wait for a state
            return


async def open_app(context, url: str, record: Session):
    """A page of the app with its map drawn; console errors and off-machine requests noted."""
    await refuse_off_machine(context, record.outside)
    await context.add_init_script(soak_report.POINTER_LOG_JS)
    page = await context.new_page()
    page.set_default_timeout(STEP_MS)
    page.on("console", lambda m: m.type == "error" and record.console_errors.append(
        f"while {record.step}: {m.text}"))  # fmt: skip
    page.on("pageerror", lambda e: record.console_errors.append(f"pageerror: {e}"))
    page.on("websocket", partial(soak_report.watch_socket, record))
    await page.goto(url)
    handle = await page.wait_for_selector(MAP_IFRAME, state="attached", timeout=STEP_MS)
    frame = await handle.content_frame()
    await frame.wait_for_function(MAP_READY_JS, timeout=STEP_MS, polling=POLL_MS)
    await idle(page, STEP_MS)
    return page


# The sidebar changes, in turn. Each multiselect starts from cleared filters, so no
# exercise is ever combined with a kind it lacks (an empty view cannot be exported).
FILTER_TURNS = ("exercise", "window", "clear", "kind", "window", "clear")


async def change_filter(page, record: Session, loop: int) -> None:
    """One sidebar change: the window's thumb, an exercise, an event kind, or clear."""
    kind = FILTER_TURNS[loop % len(FILTER_TURNS)]
    record.step = f"filter: {kind}"
    if kind == "window":
        thumb = page.locator('.st-key-window input[type="range"]').first
        await thumb.focus()
        await thumb.press("ArrowRight")
    elif kind == "clear":
        await page.locator(".st-key-clear_filters_sidebar button").click()
    else:
        name = "Exercises" if kind == "exercise" else "Event kinds"
        box = page.get_by_test_id("stSidebar").get_by_role("combobox", name=name)
        await box.click()
        options = page.get_by_role("option")
        await options.first.wait_for()
        await options.nth(loop // len(FILTER_TURNS) % await options.count()).click()
        await box.press("Escape")
    await idle(page, STEP_MS)  # then the map frames the new selection; the rerun its move makes:
    await page.wait_for_function(appserver.SETTLED_JS, timeout=STEP_MS, polling=POLL_MS)
    rest = [*DEFAULT_CENTER, DEFAULT_ZOOM]  # and the link says where it came to rest
    await page.wait_for_function(appserver.REPORTED_JS, arg=rest, timeout=STEP_MS, polling=POLL_MS)
    await idle(page, STEP_MS)
    await page.evaluate(soak_report.MOVES_JS, MAP_IFRAME)  # its moves from now, for a stuck step
    record.done(f"filter {kind}")


async def run_of(record: Session, action) -> None:
    """Do ``action`` (a click that asks for a run), then wait until a run asked since has ended.

    The page's idle state alone can pass before the click's run has even started.
    """
    since = time.monotonic()
    await action
    while not soak_report.run_done_since(record, since):
        if time.monotonic() - since > STEP_MS / 1000:
            raise TimeoutError("no run of the page ended after the click")
        await asyncio.sleep(POLL_MS / 1000)


async def download(page, record: Session, make: str, offered: str, changed: str) -> bytes:
    """Press ``make``, then the download button ``offered`` once it shows; the file's bytes.

    When the page says instead that the view changed since the file was made (the map
    framed a filter change after the press: under this load its move can come seconds
    after the page went idle), a reader presses ``make`` again; counted, not an error.
    """
    for _ in range(3):
        await run_of(record, page.get_by_role("button", name=make, exact=True).click())
        button = page.get_by_role("button", name=offered)
        await button.or_(page.get_by_text(changed)).first.wait_for(timeout=STEP_MS)
        if await button.count():
            async with page.expect_download(timeout=STEP_MS) as info:
                await button.click()
            path = await (await info.value).path()
            return Path(path).read_bytes()
        record.remade[make] = record.remade.get(make, 0) + 1
        record.notes.append(f"{make} pressed again; {await soak_report.looked(page, record)}")
    raise TimeoutError(f"{make}: the view changed after each of three presses")


async def export(page, record: Session, png: bool) -> None:
    """The HTML file of the current view (and the PNG when ``png``), downloaded and checked."""
    record.step = "export: HTML"
    await run_of(record, page.get_by_role("tab", name="Briefing export").click())  # built then
    html = await download(page, record, "HTML", "Download HTML", CHANGED["html"])
    if b"<html" not in html[:2000].lower():
        record.errors.append(f"the HTML download is not a page ({len(html)} bytes)")
    record.done("export HTML")
    if png:
        record.step = "export: PNG"
        image = await download(page, record, "Briefing PNG", "Download PNG", CHANGED["png"])
        if not image.startswith(b"\x89PNG"):
            record.errors.append(f"the PNG download is not a PNG ({len(image)} bytes)")
        record.done("export PNG")
    await idle(page, STEP_MS)


async def import_and_remove(page, record: Session, n: int) -> None:
    """Save a one-event file in the Import tab, then remove that import again."""
    name, data, _ = import_file(record.number, n)  # an event id of its own
    record.step = f"import: choosing {name}"
    await run_of(record, page.get_by_role("tab", name="Import data").click())
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Events file")
    await uploader.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "application/geo+json", "buffer": data}
    )
    await uploader.get_by_text(name).wait_for(timeout=STEP_MS)
    record.step = f"import: saving {name}"
    await page.get_by_role("button", name="Save the 1 valid event").click()
    saved = page.get_by_test_id("stAlertContentSuccess").filter(has_text=f"from {name} as import")
    await saved.wait_for(timeout=STEP_MS)
    record.done("import")
    record.step = f"import: removing {name}"
    await idle(page, STEP_MS)  # as a reader: the page has settled after the save
    box = page.locator(".st-key-import_remove_choice").get_by_role("combobox")
    await box.click()
    await box.fill(name)  # the list holds every session's imports: narrow it to this one
    await page.get_by_role("option").filter(has_text=name).first.click()
    await page.locator(".st-key-import_remove button").click()
    await page.locator(".st-key-import_confirm button").click()
    await page.get_by_text(f"Removed the import of {name}.").wait_for(timeout=STEP_MS)
    await idle(page, STEP_MS)
    record.done("remove")


async def work(page, url: str, record: Session, deadline: float, png_every: int) -> None:
    """Loop until the deadline; a stuck step is an error, and the page is opened again."""
    loop = 0
    while time.monotonic() < deadline:
        try:
            await change_filter(page, record, loop)
            await export(page, record, png=png_every > 0 and loop % png_every == png_every - 1)
            await import_and_remove(page, record, loop)
        except Exception as exc:
            record.errors.append(f"stuck while {record.step}: {soak_report.why(exc)}")
            record.errors.append(f"    {await soak_report.looked(page, record)}")
            await soak_report.keep_picture(page, record, OUT.parent)
            try:  # as a reader would: reload; the next loop shows whether it recovered
                await page.goto(url)
                await idle(page, STEP_MS)
            except Exception as again:
                record.errors.append(f"reload failed, session ended: {again}")
                return
            record.since = time.monotonic()  # the next action's time starts here
        shown = await page.evaluate(appserver.PAGE_ERRORS_JS)
        record.errors += [f"loop {loop}: {text}" for text in shown]
        loop += 1


async def run_sessions(url: str, sessions: int, minutes: float, png_every: int) -> list[Session]:
    """Open every session (a few at a time), then let them all work until the deadline."""
    from playwright.async_api import async_playwright

    records = [Session(number) for number in range(sessions)]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=find_chromium(), args=list(CHROMIUM_ARGS)
        )
        try:
            pages = await open_pages(browser, url, records, open_app)
            print(f"opened {sessions} sessions; working for {minutes:g} min", flush=True)
            deadline = time.monotonic() + minutes * 60
            await asyncio.gather(
                *(work(p, url, r, deadline, png_every) for p, r in zip(pages, records, strict=True))
            )
        finally:
            await browser.close()
    return records


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--png-every", type=int, default=3, help="PNG every N loops; 0: never")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    samples: list = []
    stop = threading.Event()
    with (
        tempfile.TemporaryDirectory(prefix="soak-store-") as store,
        mock.patch.dict(os.environ, {ENV_VAR: store}),
        running_app() as app,
    ):
        sampler = threading.Thread(
            target=sample_rss, args=(app.process.pid, app.started_at, samples, stop)
        )
        sampler.start()
        try:
            work_ = run_sessions(app.url, args.sessions, args.minutes, args.png_every)
            records = asyncio.run(work_)
        finally:
            stop.set()
            sampler.join()
        log = app.output()
    figures = soak_report.summary(records, samples, log, args.minutes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    soak_report.report(records, figures, log)
    print(f"figures: {args.out}")
    return 1 if figures["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
