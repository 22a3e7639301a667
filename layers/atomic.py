"""Atomic file writes: a reader sees the old file or the new one, whole, never half.

Used for everything the project saves: user imports (``layers.catalogue.store``), briefing
PNGs and HTML exports (``layers.cli``). The bytes go to a temporary file
``.NAME.XXXXXXXX.tmp`` in the same folder, are flushed to disk and renamed over the
target; on any error the temporary file is removed. A process killed mid-write
leaves at most such a temporary file, which ``layers.catalogue.store`` clears under its lock.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_atomic(path: Path | str, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that readers see the old or the new file, whole."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # mode as umask allows
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; folders cannot be opened for fsync on every platform."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def folder_stamp(folder: Path | str, pattern: str) -> tuple[tuple[str, int], ...]:
    """Name and modification time of each file matching ``pattern``: a change key.

    Safe beside writers in other sessions: ``write_atomic``'s temporaries are hidden
    ``.tmp`` files (keep them out with the pattern, e.g. ``*.geojson``), and a file
    renamed or removed between the listing and its ``stat`` is skipped.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return ()
    stamps = []
    for path in folder.glob(pattern):
        try:
            stamps.append((path.name, path.stat().st_mtime_ns))
        except FileNotFoundError:  # gone since the listing
            continue
    return tuple(sorted(stamps))
