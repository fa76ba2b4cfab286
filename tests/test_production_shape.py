"""The production shape on this machine: two gunicorn web processes and two Celery worker processes sharing one
PostgreSQL database and one Redis. Requests to both web processes owe tasks and emails through the outbox; every
one is delivered exactly once across the two workers, also when the same change reaches both web processes.

Needs PostgreSQL and Redis (skipped with the reason otherwise, failed under REQUIRE_SERVICES=1, as in CI). The
processes get a Celery queue and Redis keys of this test's own, so parallel runs never take each other's tasks.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from outbox.models import OutboxMessage
from tests.conftest import require_services
from tests.outbox.test_worker import database_url

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
KEYS = 12  # distinct changes, half sent to each web process
REPEATED = 3  # changes sent to both web processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Processes:
    def __init__(self, tmp_path: Path, queue: str):
        self.tmp_path = tmp_path
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.shape.settings",
            "DEBUG": "1",
            "SECRET_KEY": "shape-test-secret-key-that-is-long-enough-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "CACHE_KEY_PREFIX": queue,
            "TEST_EMAIL_DIR": str(tmp_path / "emails"),
            "MFA_REQUIRED_ROLES": "",
            "LOG_LEVEL": "WARNING",
        }
        self.started = []

    def start(self, name: str, command: list[str]) -> None:
        log = (self.tmp_path / f"{name}.log").open("a")
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append((name, process))

    def web(self, name: str, port: int) -> None:
        self.start(
            name,
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--no-control-socket",
            ],
        )

    def worker(self, name: str) -> None:
        self.start(
            name,
            [str(BIN / "celery"), "-A", "config", "worker", "-I", "tests.shape.tasks", "--concurrency=1",
             f"--hostname={name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--loglevel=WARNING"],
        )  # fmt: skip

    def logs(self) -> str:
        return "\n".join(f"--- {path.name}\n{path.read_text()}" for path in sorted(self.tmp_path.glob("*.log")))

    def stop(self) -> None:
        for _name, process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, 15)
        for _name, process in self.started:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait(5)


def post(port: int, key: str, runs: Path) -> str:
    data = urllib.parse.urlencode({"runs": str(runs)}).encode()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/shape/owe/{key}/", data=data, timeout=10) as response:
        return response.read().decode()


def wait_until(condition, seconds: float, processes: Processes) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out; logs:\n{processes.logs()}")


def serving(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2).close()
    except urllib.error.HTTPError:
        return True  # it answers (503 while the health check finds a service down)
    except OSError:
        return False
    return True


@pytest.mark.django_db(transaction=True)
def test_two_web_processes_and_two_workers_deliver_every_outbox_message_once(tmp_path):
    require_services(redis=True, postgresql=True)
    queue = f"test-shape-{uuid.uuid4().hex[:12]}"
    runs = tmp_path / "runs"
    runs.mkdir()
    (tmp_path / "emails").mkdir()
    processes = Processes(tmp_path, queue)
    ports = [free_port(), free_port()]
    try:
        processes.web("web-1", ports[0])
        processes.web("web-2", ports[1])
        processes.worker("worker-1")
        processes.worker("worker-2")
        wait_until(lambda: all(serving(port) for port in ports), 60, processes)

        keys = [f"{queue}-{number}" for number in range(KEYS)]
        answered = [post(ports[number % 2], key, runs) for number, key in enumerate(keys)]
        assert answered == [str(ports[number % 2]) for number in range(KEYS)]
        for key in keys[:REPEATED]:  # the same change again, through the other web process
            post(ports[1], key, runs)

        owed = OutboxMessage.objects.filter(key__contains=queue)
        wait_until(lambda: owed.filter(state="sent").count() == 2 * KEYS, 60, processes)
        wait_until(lambda: len(list(runs.iterdir())) >= KEYS, 20, processes)
        run_files = list(runs.iterdir())
    finally:
        processes.stop()

    assert owed.count() == 2 * KEYS
    assert sorted(path.read_text() for path in run_files) == sorted(keys)  # each task ran once
    assert all(message.attempts == 1 for message in owed)
    emails = [path.read_text() for path in (tmp_path / "emails").iterdir()]
    subjects = sorted(line for text in emails for line in text.splitlines() if line.startswith("Subject: Shape"))
    assert subjects == sorted(f"Subject: Shape {key}" for key in keys)  # each email sent once
