"""A local PostgreSQL + PostGIS cluster in a folder: for ``make db`` and the database tests.

PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres``
user (``runuser -u postgres -- initdb ...``) and its folder is handed to that user
(mode 700); as anyone else it runs as the caller. It listens on 127.0.0.1 only, with
its Unix socket inside the data folder: the superuser reaches it through that socket
(``trust``, so only whoever can open the folder: its owner, and root), every TCP login
needs a password (``scram-sha-256``). Run::

    python scripts/pgcluster.py up FOLDER --port 55432 --database briefing_map
    python scripts/pgcluster.py down FOLDER

``up`` creates and starts the cluster when needed (idempotent) and prints the admin URL
(no password: there is none, the socket is the key).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
DEBIAN_PACKAGES = ("postgresql", "postgresql-15-postgis-3")


class ClusterError(RuntimeError):
    """The cluster could not be created or started; the message says why."""


BINDIR_ENV = "BRIEFING_MAP_PG_BINDIR"  # where initdb/pg_ctl are, when not Debian's folder


def find_bindir() -> Path | None:
    """The folder of ``initdb``/``pg_ctl`` (``None`` when there is none).

    ``$BRIEFING_MAP_PG_BINDIR`` when set, else Debian's newest version, else ``$PATH``.
    """
    chosen = os.environ.get(BINDIR_ENV)
    if chosen:
        return Path(chosen) if (Path(chosen) / "initdb").exists() else None
    root = Path("/usr/lib/postgresql")
    versions = sorted(
        (p for p in root.glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1]
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def postgis_installed(bindir: Path) -> bool:
    """True when the PostGIS extension files are installed for this server version."""
    share = subprocess.run(
        [str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return bool(share) and any(Path(share, "extension").glob("postgis--*.sql"))


def missing_reason() -> str | None:
    """Why a cluster cannot be run here (binaries or PostGIS missing), else ``None``."""
    bindir = find_bindir()
    if bindir is None:
        return "PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql"
    if not postgis_installed(bindir):
        return "PostGIS is not installed: apt-get install postgresql-15-postgis-3"
    return None


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", SUPERUSER, "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], what: str) -> str:
    result = subprocess.run(_as_owner(command), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ClusterError(f"{what} failed: {(result.stderr or result.stdout).strip()[-800:]}")
    return result.stdout


def _check_reachable(folder: Path) -> None:
    """As root the server runs as ``postgres``: every folder above it must let it pass."""
    for parent in folder.resolve().parents:
        if not os.stat(parent).st_mode & 0o001:
            raise ClusterError(
                f"the {SUPERUSER} user cannot reach {folder}: {parent} is closed to others "
                f"(chmod o+x {parent}, or put the cluster elsewhere)"
            )


@dataclass(frozen=True)
class Cluster:
    """A cluster's folder and port; ``data`` holds the files, the socket and the log."""

    folder: Path
    port: int

    @property
    def data(self) -> Path:
        """The data folder (also the socket folder)."""
        return self.folder / "data"

    def admin_url(self, database: str = "postgres") -> str:
        """The superuser's URL through the socket (no password)."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.data}&port={self.port}"

    def running(self) -> bool:
        """True when the server answers on its socket."""
        bindir = find_bindir()
        if bindir is None or not self.data.exists():
            return False
        command = [str(bindir / "pg_isready"), "-q", "-h", str(self.data), "-p", str(self.port)]
        return subprocess.run(command, check=False).returncode == 0

    def init(self, *, durable: bool = True) -> None:
        """``initdb`` when the folder holds no cluster yet (``durable=False``: no fsync)."""
        bindir = find_bindir()
        if bindir is None:
            raise ClusterError(missing_reason() or "PostgreSQL not found")
        if (self.data / "PG_VERSION").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.data.mkdir(mode=0o700, exist_ok=True)
        if os.geteuid() == 0:
            _check_reachable(self.folder)
            shutil.chown(self.folder, SUPERUSER, SUPERUSER)
            shutil.chown(self.data, SUPERUSER, SUPERUSER)
        os.chmod(self.data, 0o700)
        _run(
            [str(bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth-local=trust",
             "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
            "initdb",
        )  # fmt: skip
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"port = {self.port}",
            f"unix_socket_directories = '{self.data}'",
            "password_encryption = 'scram-sha-256'",
        ]
        if not durable:  # throwaway test clusters: a crash of the machine loses them anyway
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        with (self.data / "postgresql.auto.conf").open("a", encoding="utf-8") as conf:
            conf.write("".join(f"{line}\n" for line in settings))

    def start(self) -> None:
        """Start the server (no-op when it runs) and wait until it accepts connections."""
        if self.running():
            return
        bindir = find_bindir()
        assert bindir is not None
        log = self.data / "server.log"
        _run([str(bindir / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-w", "start"], "start")
        deadline = time.monotonic() + 30
        while not self.running():
            if time.monotonic() > deadline:
                raise ClusterError(f"the server did not answer on port {self.port}; see {log}")
            time.sleep(0.1)  # readiness poll of a just-started server

    def stop(self) -> None:
        """Stop the server if it runs."""
        bindir = find_bindir()
        if bindir is not None and (self.data / "postmaster.pid").exists():
            _run([str(bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"], "stop")

    def create_database(self, name: str) -> bool:
        """``CREATE DATABASE name`` unless it exists; True when it was created."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if found:
                return False
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True


def main(argv: list[str] | None = None) -> int:
    """``up`` (create, start, create the database) or ``down``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("up", "down", "status"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--port", type=int, default=55432)
    parser.add_argument("--database", default="briefing_map")
    args = parser.parse_args(argv)
    cluster = Cluster(args.folder.resolve(), args.port)
    try:
        if args.action == "down":
            cluster.stop()
            return 0
        if args.action == "status":
            print("running" if cluster.running() else "stopped")
            return 0 if cluster.running() else 1
        reason = missing_reason()
        if reason:
            raise ClusterError(reason)
        cluster.init()
        cluster.start()
        cluster.create_database(args.database)
    except ClusterError as exc:
        print(f"pgcluster: {exc}", file=sys.stderr)
        return 1
    print(cluster.admin_url(args.database))
    return 0


if __name__ == "__main__":
    sys.exit(main())
