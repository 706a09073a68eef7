"""A throwaway PostgreSQL server for tests and measurements: ``initdb`` into a temporary folder,
``pg_ctl start`` on 127.0.0.1 (and a Unix socket in that folder) on a free port, trust
authentication, and ``pg_ctl stop -m fast`` afterwards. Nothing outside the folder is touched.

PostgreSQL refuses to run as root: when this process is root, the server runs as the existing
``postgres`` user (``runuser``); with no such user, ``PgUnavailable`` says so and tests skip.

Used by tests/store_pg/conftest.py, and from a shell:

    python tests/store_pg/pg_server.py start /tmp/nwpg    # prints the URL of database postgres
                                                          # (fsync on, as a real server)
    python tests/store_pg/pg_server.py stop /tmp/nwpg
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


class PgUnavailable(RuntimeError):
    """PostgreSQL cannot be started here (not installed, or root with no postgres user)."""


def find_bin(name: str) -> str:
    """``initdb``/``pg_ctl`` from PATH, else Debian's /usr/lib/postgresql/*/bin (newest)."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit()
                         else 0, reverse=True):
        if os.access(os.path.join(folder, name), os.X_OK):
            return os.path.join(folder, name)
    raise PgUnavailable(f"PostgreSQL's {name} is not installed (Debian: apt-get install "
                        "postgresql; .ci/run does it)")


def _as_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise PgUnavailable("running as root and there is no 'postgres' user to run the "
                            "server as (PostgreSQL refuses root)") from None
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"]
    raise PgUnavailable("running as root and runuser is missing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """One server in ``folder`` (created; a temporary one when None)."""

    def __init__(self, folder: str | Path | None = None, *, durable: bool = False) -> None:
        # Tests trade durability for speed (fsync off); measurements use the defaults.
        self.durable = durable
        self.initdb, self.pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        self.prefix = _as_user()
        self.folder = Path(folder or tempfile.mkdtemp(prefix="nwpg-"))
        self.data = self.folder / "data"
        self.port = 0

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self.prefix, *args], capture_output=True, text=True,
                              check=check, timeout=120)

    def start(self) -> "PgServer":
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.prefix:
            pw = pwd.getpwnam("postgres")
            os.chown(self.folder, pw.pw_uid, pw.pw_gid)
        self.folder.chmod(0o700)
        try:
            self._run(self.initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust",
                      "--encoding=UTF8", "--no-sync")
            self.port = _free_port()
            opts = f"-k {self.folder} -h 127.0.0.1 -p {self.port} -c max_connections=40"
            if not self.durable:
                opts += " -c fsync=off -c full_page_writes=off"
            self._run(self.pg_ctl, "-D", str(self.data), "-o", opts, "-l",
                      str(self.folder / "log"), "-w", "-t", "60", "start")
        except subprocess.CalledProcessError as exc:
            log = self.folder / "log"
            tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
            raise PgUnavailable(f"PostgreSQL did not start: {exc.stderr.strip()[-400:]} "
                                f"{tail}") from None
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.data.exists():
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit("usage: pg_server.py start|stop FOLDER")
    server = PgServer(sys.argv[2], durable=True)  # the defaults: for measurements
    if sys.argv[1] == "start":
        server.start()
        print(server.url())
    else:
        server.stop()
