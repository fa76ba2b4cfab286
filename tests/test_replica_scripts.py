"""The read replica of compose.yaml, without Docker: deploy/postgres/primary-init.sh and replica-entrypoint.sh run
against this machine's PostgreSQL programs (a primary and a replica of their own, on free ports, in a temporary
folder) and give a hot standby that follows the primary by streaming replication and refuses writes.

Needs the PostgreSQL server programs (initdb, pg_ctl, postgres, pg_basebackup); skipped with the reason when they
are missing, failed under REQUIRE_SERVICES=1 (CI). As root, the servers run as the `postgres` user, as in the
containers.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "deploy" / "postgres"
PROGRAMS = ("initdb", "pg_ctl", "postgres", "pg_basebackup", "pg_isready", "psql", "createdb")
USER, DATABASE, REPLICATION_PASSWORD = "clusters", "clusters", "replicator-test"


def server_programs() -> Path | None:
    """The folder of the PostgreSQL server programs: on PATH, or Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which("pg_basebackup")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if all((folder / name).exists() for name in PROGRAMS):
            return folder
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Servers:
    """Two PostgreSQL servers in one temporary folder, stopped and removed at the end."""

    def __init__(self, programs: Path):
        self.programs = programs
        self.root = Path(tempfile.mkdtemp(prefix="replica-test-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self.running: list[Path] = []

    def command(self, command: list[str], env: dict | None = None) -> list[str]:
        """`command` as the postgres user (when run as root), with the server programs first on PATH and `env`."""
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        environment = {"PATH": f"{self.programs}:{os.environ['PATH']}", "LC_ALL": "C.UTF-8", **(env or {})}
        return [*prefix, "env", *(f"{key}={value}" for key, value in environment.items()), *command]

    def run(self, command: list[str], env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(command, env),
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
            **kwargs,
        )

    def check(self, command: list[str], env: dict | None = None) -> str:
        result = self.run(command, env)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        return result.stdout

    def start(self, data: Path, port: int) -> None:
        options = f"-p {port} -k {self.root} -c listen_addresses=127.0.0.1"
        self.check(
            ["pg_ctl", "-D", str(data), "-o", options, "-l", str(data.parent / f"{data.name}.log"), "-w", "start"]
        )
        self.running.append(data)

    def sql(self, port: int, statement: str, *, password: str | None = None, user: str = USER) -> str:
        env = {"PGPASSWORD": password} if password else {}
        return self.check(
            ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", user, "-d", DATABASE, "-Atc", statement], env
        ).strip()

    def stop(self) -> None:
        for data in reversed(self.running):
            self.run(["pg_ctl", "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def servers():
    programs = server_programs()
    if programs is None:
        reason = f"needs the PostgreSQL server programs ({', '.join(PROGRAMS)})"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    started = Servers(programs)
    yield started
    started.stop()


def test_the_deploy_scripts_make_a_streaming_read_replica_that_refuses_writes(servers):
    primary, replica = servers.root / "primary", servers.root / "replica"
    primary_port, replica_port = free_port(), free_port()

    # The primary as the postgres image makes it: password authentication over TCP, then its init scripts.
    password_file = servers.root / "password"
    password_file.write_text("clusters-test\n")
    if servers.as_root:
        shutil.chown(password_file, "postgres", "postgres")
    servers.check(
        ["initdb", "-D", str(primary), "-U", USER, "--auth-local=trust", "--auth-host=scram-sha-256"]
        + ["--pwfile", str(password_file), "--encoding=UTF8", "--locale=C.UTF-8"]
    )
    with (primary / "postgresql.conf").open("a") as conf:
        conf.write("wal_level = replica\nmax_wal_senders = 5\nmax_replication_slots = 5\n")
    servers.start(primary, primary_port)
    servers.check(["createdb", "-h", str(servers.root), "-p", str(primary_port), "-U", USER, DATABASE])
    servers.check(
        ["sh", str(SCRIPTS / "primary-init.sh")],
        {
            "POSTGRES_USER": USER,
            "POSTGRES_DB": DATABASE,
            "REPLICATION_PASSWORD": REPLICATION_PASSWORD,
            "PGDATA": str(primary),
            "PGHOST": str(servers.root),
            "PGPORT": str(primary_port),
        },
    )
    servers.check(["pg_ctl", "-D", str(primary), "reload"])
    servers.sql(primary_port, "CREATE TABLE shape (id int PRIMARY KEY, name text)", password="clusters-test")
    servers.sql(primary_port, "INSERT INTO shape VALUES (1, 'before the replica')", password="clusters-test")

    # The replica's entrypoint: a base backup over the replication connection, then a hot standby. Its last step
    # (`exec postgres`) runs in the background here, on a port of its own (in the containers both use 5432).
    shim = servers.root / "bin"
    shim.mkdir()
    (shim / "postgres").write_text(
        f'#!/bin/sh\nexec "{servers.programs}/postgres" -p {replica_port} -k "{servers.root}"'
        ' -c listen_addresses=127.0.0.1 "$@"\n'
    )
    (shim / "postgres").chmod(0o755)
    if servers.as_root:
        shutil.chown(shim, "postgres", "postgres")
    environment = {
        "PATH": f"{shim}:{servers.programs}:{os.environ['PATH']}",
        "PGDATA": str(replica),
        "PRIMARY_HOST": "127.0.0.1",
        "PGPORT": str(primary_port),
        "REPLICATION_PASSWORD": REPLICATION_PASSWORD,
    }
    log = (servers.root / "replica-entrypoint.log").open("w")
    entrypoint = subprocess.Popen(
        servers.command(["sh", str(SCRIPTS / "replica-entrypoint.sh")], environment),
        cwd=servers.root,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while servers.run(["pg_isready", "-h", "127.0.0.1", "-p", str(replica_port)]).returncode != 0:
            assert entrypoint.poll() is None, (servers.root / "replica-entrypoint.log").read_text()
            assert time.monotonic() < deadline, (servers.root / "replica-entrypoint.log").read_text()
            time.sleep(0.2)

        assert servers.sql(replica_port, "SELECT pg_is_in_recovery()", password="clusters-test") == "t"
        assert servers.sql(replica_port, "SELECT name FROM shape", password="clusters-test") == "before the replica"
        # It follows the primary...
        servers.sql(primary_port, "INSERT INTO shape VALUES (2, 'after')", password="clusters-test")
        deadline = time.monotonic() + 30
        while servers.sql(replica_port, "SELECT count(*) FROM shape", password="clusters-test") != "2":
            assert time.monotonic() < deadline, "the replica did not receive the primary's change"
            time.sleep(0.1)
        # ...by streaming replication, as the replication role, and refuses writes.
        senders = servers.sql(primary_port, "SELECT usename, state FROM pg_stat_replication", password="clusters-test")
        assert senders == "replicator|streaming"
        refused = servers.run(
            ["psql", "-h", "127.0.0.1", "-p", str(replica_port), "-U", USER, "-d", DATABASE, "-Atc"]
            + ["INSERT INTO shape VALUES (3, 'refused')"],
            {"PGPASSWORD": "clusters-test"},
        )
        assert refused.returncode != 0 and "read-only transaction" in refused.stderr
        assert servers.sql(primary_port, "SELECT count(*) FROM shape", password="clusters-test") == "2"
    finally:
        servers.run(["pg_ctl", "-D", str(replica), "-m", "immediate", "stop"])
        try:
            entrypoint.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still in its base backup: stop what this test started
            os.killpg(entrypoint.pid, signal.SIGKILL)
            entrypoint.wait(timeout=30)
        log.close()
