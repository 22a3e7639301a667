"""What ``bench/soak.py`` records and prints: the figures, and of a stuck step the wait, the
page and the runs the page asked for."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import fields
from functools import partial
from pathlib import Path

from scripts.appserver import MAP_IFRAME


def watch_socket(record, socket) -> None:
    """Note what the page's WebSocket carries: rerun requests out, runs starting and ending in."""
    socket.on("framesent", partial(keep_sent, record))
    socket.on("framereceived", partial(keep_runs, record))


def keep_sent(record, payload) -> None:
    """Keep the page's last rerun requests: what made the runs before a stuck step."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
    if message.WhichOneof("type") == "rerun_script":
        record.sent.append((time.monotonic(), message.rerun_script))


def keep_runs(record, payload) -> None:
    """Note when a run of the page started, and when one ended in full (not stopped)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not isinstance(payload, bytes):
        return
    message = ForwardMsg()
    message.ParseFromString(payload)
    kind = message.WhichOneof("type")
    done = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
    if kind == "new_session":  # sent as every run starts, a fragment's too
        record.started.append(time.monotonic())
    elif kind == "script_finished" and message.script_finished in done:
        record.finished.append(time.monotonic())


def run_done_since(record, since: float) -> bool:
    """Whether the run the page asked for after ``since`` has ended: it saw what was done then.

    That run is the first to start after the request; a run already under way when the
    request left (another widget's, the map's report) ends without it.
    """
    asked = [at for at, _ in record.sent if at >= since]
    starts = [at for at in record.started if asked and at > asked[0]]
    return bool(starts) and any(end > starts[0] for end in record.finished)


def runs_asked(record) -> str:
    """The last rerun requests before now: seconds ago, fragment, widgets changed or pressed."""
    now, described, before = time.monotonic(), [], {}
    for at, state in record.sent:
        values = {w.id: w for w in state.widget_states.widgets}
        changed = [
            key.split("-", 2)[-1] if key.startswith("$$ID") else key
            for key, w in values.items()
            if w.WhichOneof("value") in ("trigger_value", "string_trigger_value",
                                         "json_trigger_value") or before.get(key) != w
        ] if before else ["(first)"]  # fmt: skip
        before = values
        scope = f" fragment {state.fragment_id[:8]}" if state.fragment_id else ""
        scope += " auto" if state.is_auto_rerun else ""
        described.append(f"{now - at:.1f}s ago{scope}: {', '.join(changed[:4]) or 'nothing'}")
    return "; ".join(described[-6:])


async def looked(page, record) -> str:
    """What explains a stuck step or a second press: the runs the page asked, and its state."""
    return f"runs asked: {runs_asked(record)}; page: {await state(page)}"


def why(exc: Exception) -> str:
    """The error's first line and the last lines of Playwright's call log (what it waited on)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return " | ".join(lines[:1] + lines[1:][-4:])


async def keep_picture(page, record, folder: Path) -> None:
    """A screenshot of the stuck page beside the figures, to see what the reader saw."""
    shot = folder / f"soak-stuck-{record.number}-{len(record.errors)}.png"
    try:
        await page.screenshot(path=str(shot), full_page=True, timeout=30_000)
    except Exception as exc:  # a page too stuck to draw: the error already says so
        record.errors.append(f"no screenshot: {str(exc).splitlines()[0]}")


def _figures(record) -> dict:
    """A session's record for soak.json: what it did and saw (not its working state)."""
    working = ("sent", "started", "finished", "since")
    kept = (f.name for f in fields(record) if f.name not in working)
    return {name: getattr(record, name) for name in kept}


def summary(records: list, samples: list, log: str, minutes: float) -> dict:
    """The figures written to soak.json; ``failed`` when anything went wrong."""
    kib = dict(samples)
    at = lambda s: next((round(k / 1024, 1) for t, k in samples if t >= s), None)  # noqa: E731
    counts = {
        "errors": sum(len(r.errors) for r in records),
        "console_errors": sum(len(r.console_errors) for r in records),
        "outside_requests": sum(len(r.outside) for r in records),
        "server_tracebacks": log.count("Traceback"),
    }
    rss = {"at_1_min": at(60), "at_3_min": at(180), "end": at(samples[-1][0]) if samples else None}
    rss["max"] = round(max(kib.values()) / 1024, 1) if kib else None
    return {
        "minutes": minutes, "failed": any(counts.values()), **counts,
        "actions": sum(sum(r.actions.values()) for r in records), "rss_mib": rss,
        "sessions": [_figures(r) for r in records], "rss_samples_kib": samples,
    }  # fmt: skip


def report(records: list, figures: dict, log: str) -> None:
    """Per session its actions and first errors; then the totals and the server's RSS."""
    for r in records:
        done = ", ".join(f"{n} {a}" for a, n in sorted(r.actions.items()))
        print(f"session {r.number}: {done}; {len(r.errors)} errors, "
              f"{len(r.console_errors)} console errors")  # fmt: skip
        for text in (r.errors + r.console_errors)[:8]:
            print(f"    {text[:1200]}")
    took: dict[str, list[float]] = {}
    for r in records:
        for action, seconds in r.seconds.items():
            took.setdefault(action, []).extend(seconds)
    remade = sum((Counter(r.remade) for r in records), Counter())
    if remade:
        print("pressed again because the page said the view had changed since the press: "
              + ", ".join(f"{make} {n}" for make, n in sorted(remade.items())))  # fmt: skip
    medians = ", ".join(f"{a} {statistics.median(s):.1f}" for a, s in sorted(took.items()))
    print(f"median seconds per action (a reader's wait, {len(records)} pages at once): {medians}")
    f, rss = figures, figures["rss_mib"]
    print(f"{f['actions']} actions, {f['errors']} errors, {f['console_errors']} console errors, "
          f"{f['outside_requests']} requests off this machine, "
          f"{f['server_tracebacks']} server tracebacks")  # fmt: skip
    print(f"server RSS (MiB): {rss['at_1_min']} at 1 min, {rss['at_3_min']} at 3 min, "
          f"{rss['end']} at the end, {rss['max']} max")  # fmt: skip
    if f["server_tracebacks"]:
        at = log.find("Traceback")
        print(log[max(0, at - 300) : at + 3000])


# Installed in every page and frame before it loads: the last pointer events, each with the
# keyed element it hit and an id per button element (a press whose mousedown and mouseup hit
# two different elements, one replaced by a rerun in between, is no click).
POINTER_LOG_JS = """(() => {
    const log = [], ids = new WeakMap();
    let next = 0;
    window.__soakPointer = log;
    for (const type of ["mousedown", "mouseup", "click"]) {
        document.addEventListener(type, (e) => {
            const t = e.target instanceof Element ? e.target : null;
            const keyed = t && t.closest('[class*="st-key-"]');
            const key = keyed ? [...keyed.classList].find((c) => c.startsWith("st-key-"))
                              : (t ? t.tagName : "?");
            const b = t && t.closest("button");
            if (b && !ids.has(b)) { ids.set(b, ++next); }
            log.push([Math.round(performance.now()), type, key,
                      b ? `button#${ids.get(b)}${b.disabled ? " disabled" : ""}` : "-"]);
            if (log.length > 24) { log.shift(); }
        }, true);
    }
})();"""

# In the page: the map's moves since it was first watched, then the app's state now.
MOVES_JS = """(iframe) => {
    const w = document.querySelector(iframe)?.contentWindow;
    if (w && w.map && !w.__soakMoves) {
        w.__soakMoves = [];
        w.map.on("moveend", () => {
            const c = w.map.getCenter();
            w.__soakMoves.push([Math.round(performance.now()), c.lat.toFixed(3),
                                c.lng.toFixed(3), w.map.getZoom()]);
            if (w.__soakMoves.length > 8) { w.__soakMoves.shift(); }
        });
    }
}"""
STATE_JS = """(iframe) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const w = document.querySelector(iframe)?.contentWindow;
    return JSON.stringify({
        now: Math.round(performance.now()),
        script: app?.dataset.testScriptState, connection: app?.dataset.testConnectionState,
        link: window.location.search.slice(0, 160),
        pointer: (window.__soakPointer || []).slice(-8), moves: (w && w.__soakMoves) || [],
    });
}"""


async def state(page) -> str:
    """The page's state when a step is stuck: its pointer events, map moves, script, link."""
    try:
        return await page.evaluate(STATE_JS, MAP_IFRAME)
    except Exception as exc:  # a page too stuck to answer: the error says so
        return f"no state: {str(exc).splitlines()[0]}"
