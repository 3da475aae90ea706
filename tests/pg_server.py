"""A throwaway PostgreSQL 15 cluster for tests: a real server on a loopback port.

`initdb` makes a fresh cluster in a temporary folder, `pg_ctl` starts it on a free port of
127.0.0.1 (its Unix socket inside that folder), and everything is removed afterwards. Clients
log in over TCP as a role with a password and scram-sha-256 authentication, as an app server
would, so a wrong password is refused. Administration (creating databases) goes through the
cluster's own Unix socket as the bootstrap superuser, which needs no password there.

Run as root (as CI does), the server runs as the `postgres` user through `runuser`, since
PostgreSQL refuses to run as root; otherwise it runs as the current user.

    with postgres_cluster() as cluster:
        url = cluster.new_database("store_test")   # postgresql://quiz_test:...@127.0.0.1:PORT/...
        cluster.stop()                              # the database goes down (like a crash) ...
        cluster.start()                             # ... and comes back with its data
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

PG_BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER = "postgres"
USER = "quiz_test"
DATABASE = "quiz"
HOST = "127.0.0.1"
START_TIMEOUT = 60.0
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PgServerError(RuntimeError):
    """The test cluster could not be made, started or stopped; the message says why."""


def pg_binaries() -> Path:
    """The folder of PostgreSQL 15's programs; a clear error when it is not installed."""
    missing = [name for name in ("initdb", "pg_ctl", "pg_isready") if not (PG_BIN / name).exists()]
    if missing:
        raise PgServerError(
            f"PostgreSQL 15 is not installed: {', '.join(missing)} not found in {PG_BIN}. "
            "`make test` installs Debian's postgresql package (apt-get install postgresql)."
        )
    return PG_BIN


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PgCluster:
    """A running test cluster: connect with `url`, or make a database per test."""

    base: Path
    port: int
    password: str = field(repr=False)
    host: str = HOST
    user: str = USER
    dbname: str = DATABASE
    running: bool = False

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "socket"

    @property
    def log_file(self) -> Path:
        return self.base / "server.log"

    @property
    def url(self) -> str:
        """`postgresql://USER:PASSWORD@127.0.0.1:PORT/quiz`: the cluster's first database."""
        return self.url_for(self.dbname)

    def url_for(self, dbname: str) -> str:
        """The URL of database `dbname` of this cluster, as the test user."""
        return f"postgresql://{self.user}:{self.password}@{self.host}:{self.port}/{dbname}"

    def start(self) -> None:
        """Start the server (again) on the same port, with the data it had; wait until ready."""
        options = (
            f"-c listen_addresses={self.host} -p {self.port} "
            f"-k {shlex.quote(str(self.socket_dir))} -c fsync=off"
        )
        result = _run_pg(
            "pg_ctl",
            "start",
            "--wait",
            f"--timeout={int(START_TIMEOUT)}",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-o",
            options,
            cwd=self.base,
            check=False,
        )
        if result.returncode != 0:
            raise PgServerError(
                f"pg_ctl start failed (exit {result.returncode}) on port {self.port}:\n"
                f"{result.stdout}{result.stderr}\n--- server log ---\n{self._log_tail()}"
            )
        self._wait_ready()
        self.running = True

    def stop(self) -> None:
        """Stop the server at once (`-m immediate`, like a crash); `start()` brings it back."""
        _run_pg(
            "pg_ctl", "stop", "--wait", "-m", "immediate", "-D", str(self.data_dir), cwd=self.base
        )
        self.running = False

    def new_database(self, name: str) -> str:
        """Create an empty database `name` owned by the test user; return its URL."""
        if not _NAME.match(name):
            raise ValueError(f"database name {name!r}: use a-z, 0-9 and _, at most 63 characters")
        with self.admin() as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(name), sql.Identifier(self.user)
                )
            )
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """Drop database `name`, closing whatever connections it still has."""
        with self.admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def admin(self) -> psycopg.Connection[TupleRow]:
        """A superuser connection (autocommit) through the cluster's Unix socket."""
        return psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        )

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            ready = _run_pg(
                "pg_isready",
                "-q",
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-t",
                "2",
                cwd=self.base,
                check=False,
            )
            if ready.returncode == 0:
                return
            if time.monotonic() > deadline:
                raise PgServerError(
                    f"PostgreSQL on {self.host}:{self.port} not ready after {START_TIMEOUT:g}s\n"
                    f"--- server log ---\n{self._log_tail()}"
                )
            time.sleep(0.1)

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


@contextmanager
def postgres_cluster() -> Iterator[PgCluster]:
    """A fresh PostgreSQL 15 cluster, started, with an empty database; removed afterwards."""
    bin_dir = pg_binaries()
    as_root = os.geteuid() == 0
    # The server runs as `postgres` when we are root: its folder must be reachable by that
    # user, so it goes straight under /tmp (pytest's own temporary folders are private).
    base = Path(tempfile.mkdtemp(prefix="quiz-pg-", dir="/tmp" if as_root else None))
    cluster = PgCluster(base=base, port=0, password=secrets.token_urlsafe(18))
    try:
        cluster.socket_dir.mkdir()
        if as_root:
            shutil.chown(base, SUPERUSER, SUPERUSER)
            shutil.chown(cluster.socket_dir, SUPERUSER, SUPERUSER)
        _init(cluster, bin_dir)
        _start_on_free_port(cluster)
        with cluster.admin() as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(cluster.user), sql.Literal(cluster.password)
                )
            )
        cluster.new_database(cluster.dbname)
        yield cluster
    finally:
        try:
            if cluster.running or (cluster.data_dir / "postmaster.pid").exists():
                cluster.stop()
        finally:
            shutil.rmtree(base, ignore_errors=True)


def _init(cluster: PgCluster, bin_dir: Path) -> None:
    _run_pg(
        "initdb",
        "-D",
        str(cluster.data_dir),
        "-U",
        SUPERUSER,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--encoding=UTF8",
        "--no-locale",
        "--no-sync",
        cwd=cluster.base,
    )


def _start_on_free_port(cluster: PgCluster, tries: int = 5) -> None:
    """Start on a free port; another process may take the port first, so try a few."""
    for attempt in range(tries):
        cluster.port = free_port()
        try:
            cluster.start()
            return
        except PgServerError as error:
            if "already in use" not in str(error) or attempt == tries - 1:
                raise


def _run_pg(
    program: str, *args: str, cwd: Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run one of PostgreSQL's programs, as `postgres` when we are root."""
    command = [str(PG_BIN / program), *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", SUPERUSER, "--", *command]
    # Locale variables of the caller may name a locale this machine lacks; the cluster is C.
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    for name in ("PGDATA", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD"):
        env.pop(name, None)
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if check and result.returncode != 0:
        raise PgServerError(
            f"{program} failed (exit {result.returncode}): {shlex.join(command)}\n"
            f"{result.stdout}{result.stderr}"
        )
    return result
