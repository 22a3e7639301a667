"""What ``bench/soak.py`` records and prints: the figures, and of a stuck step the wait, the
page and the runs the page asked for."""

from __future__ import annotations

import statistics
import time
from dataclasses import fields
from pathlib import Path


def keep_sent(record, payload) -> None:
    """Keep the page's last rerun requests: what made the runs before a stuck step."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
    if message.WhichOneof("type") == "rerun_script":
        record.sent = [*record.sent[-11:], (time.monotonic(), message.rerun_script)]


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
    kept = (f.name for f in fields(record) if f.name not in ("sent", "since"))
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
        for text in (r.errors + r.console_errors)[:5]:
            print(f"    {text[:300]}")
    took: dict[str, list[float]] = {}
    for r in records:
        for action, seconds in r.seconds.items():
            took.setdefault(action, []).extend(seconds)
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
