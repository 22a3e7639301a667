"""Reaching the database: the URL setting, connections, and one clear line when it fails.

``BRIEFING_MAP_DATABASE_URL`` (or ``--database URL``) names the database; without it
everything stays on files. A URL may carry a password, but it is never printed: every
message shows ``shown_url`` (the password replaced by ``***``), and errors are mapped
to one sentence each (``DatabaseError``) with any trace of the password removed.
Without a password in the URL, libpq reads it from ``PGPASSFILE``; when that is unset
and the checkout holds ``.db/pgpass`` (written by ``make db``), that file is used.
"""

from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

ENV_VAR = "BRIEFING_MAP_DATABASE_URL"
REPO = Path(__file__).resolve().parents[3]
LOCAL_PGPASS = REPO / ".db" / "pgpass"
SCHEMA = "briefing"
CONNECT_TIMEOUT_S = 5
SCHEMES = ("postgresql", "postgres")
_IDLE_CONNECTIONS = 4  # kept open per process and URL (the app's reruns reuse them)


class DatabaseError(RuntimeError):
    """The database cannot be used: one line saying why, with no password in it."""


def database_url(given: str | None = None) -> str | None:
    """The URL to use: ``given`` (``--database``), else the setting, else ``None`` (files)."""
    url = given if given is not None else os.environ.get(ENV_VAR)
    return url.strip() if url and url.strip() else None


def _password(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return None
    query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    return password or (unquote(query["password"]) if "password" in query else None)


def shown_url(url: str) -> str:
    """``url`` as it may be printed: any password replaced by ``***``."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password is not None:
            user, _, host = netloc.rpartition("@")
            netloc = f"{user.split(':', 1)[0]}:***@{host}"
        query = re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query)
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "(a database URL that cannot be read)"


def scrub(text: str, url: str | None) -> str:
    """``text`` with the URL's password (raw and URL-decoded) replaced by ``***``."""
    password = _password(url) if url else None
    for secret in {password, unquote(password or "")} - {None, ""}:
        text = text.replace(secret, "***")
    return text


def check_url(url: str) -> None:
    """Refuse what is not a PostgreSQL URL, before any connection is tried."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise DatabaseError(f"the database URL cannot be read ({scrub(str(exc), url)})") from None
    if parts.scheme not in SCHEMES:
        raise DatabaseError(
            f"the database URL must start with postgresql:// (got {shown_url(url)!r})"
        )


UNREACHABLE = (
    "connection refused",
    "could not connect",
    "timeout expired",
    "no such file or directory",
    "could not translate host",
    "network is unreachable",
    "name or service not known",
)


def explain(exc: Exception, url: str) -> DatabaseError:
    """One line for a failed connection or query: refused login, unreachable, and so on."""
    text = scrub(str(exc).strip(), url)
    where = shown_url(url)
    lower = text.lower()
    if "password authentication failed" in lower or "no password supplied" in lower:
        reason = "the server refused the credentials (user or password)"
    elif "does not exist" in lower and "database" in lower:
        reason = "the database does not exist (create it, then run python -m layers db init)"
    elif "role" in lower and "does not exist" in lower:
        reason = "the server has no such user"
    elif any(s in lower for s in UNREACHABLE):
        reason = "the server cannot be reached (is it running, and is the address right?)"
    elif "invalid" in lower or "missing" in lower or "syntax" in lower:
        reason = "the database URL is not valid"
    else:
        first = text.splitlines()[0] if text else type(exc).__name__
        reason = first[:200]
    return DatabaseError(f"cannot use the database {where}: {reason}")


def _connect_kwargs() -> dict:
    kwargs = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "briefing-map"}
    if not os.environ.get("PGPASSFILE") and LOCAL_PGPASS.is_file():
        kwargs["passfile"] = str(LOCAL_PGPASS)
    return kwargs


def connect(url: str, *, autocommit: bool = False):
    """A new ``psycopg.Connection`` to ``url``; ``DatabaseError`` (one line) when it fails."""
    import psycopg

    check_url(url)
    try:
        return psycopg.connect(url, autocommit=autocommit, **_connect_kwargs())
    except psycopg.Error as exc:
        raise explain(exc, url) from None


class Database:
    """Connections to one database, a few kept open for reuse (one per thread at a time).

    ``with db.connection() as conn:`` lends an idle connection (or opens one); a
    connection that failed is closed rather than returned. Thread-safe: the app's
    sessions run in threads of one process.
    """

    def __init__(self, url: str):
        check_url(url)
        self.url = url
        self._idle: list = []
        self._lock = threading.Lock()

    @contextmanager
    def connection(self):
        """A connection in a transaction: committed on success, rolled back on error."""
        import psycopg

        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None or conn.closed:
            conn = connect(self.url, autocommit=True)
        ok = False
        try:
            with conn.transaction():
                yield conn
            ok = True
        except psycopg.OperationalError as exc:
            raise explain(exc, self.url) from None
        finally:
            if ok and not conn.closed and conn.info.transaction_status == 0:
                with self._lock:
                    if len(self._idle) < _IDLE_CONNECTIONS:
                        self._idle.append(conn)
                        conn = None
            if conn is not None:
                conn.close()

    def close(self) -> None:
        """Close the idle connections."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
