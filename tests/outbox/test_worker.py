"""A real Celery worker process, killed with SIGKILL in the middle of a task: once restarted (or once its pool
replaces the killed child), the task's effect happens exactly once, and its email is sent once, within a minute.

Needs PostgreSQL (the worker and the test share the test database) and Redis; skipped with the reason otherwise,
failed under REQUIRE_SERVICES=1 (CI). Each test has its own queue and unacknowledged-task keys, so tests running in
parallel (pytest-xdist) or other runs on the same Redis never take each other's tasks.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app
from outbox.models import OutboxMessage
from tests.conftest import require_services

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    def __init__(self, tmp_path: Path, queue: str):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.outbox.worker_settings",
            "DEBUG": "1",
            "SECRET_KEY": "worker-test-secret-key-that-is-long-enough-0123456789",
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "TEST_EMAIL_DIR": str(tmp_path / "emails"),
            "LOG_LEVEL": "WARNING",
        }
        self.log = tmp_path / "worker.log"
        self.process = None

    def start(self):
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [str(CELERY), "-A", "config", "worker", "-I", "tests.outbox.worker_tasks", "--concurrency=1",
                 "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def kill(self):
        """SIGKILL the whole worker: the main process and its pool child, as `kill -9` of the service would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


def wait_for(condition, seconds: float, worker: Worker) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out; worker log:\n{worker.log.read_text()}")


@pytest.fixture
def worker_setup(tmp_path):
    require_services(redis=True, postgresql=True)
    queue = f"test-worker-{uuid.uuid4().hex[:12]}"
    worker = Worker(tmp_path, queue)
    eager, broker_url = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = os.environ["REDIS_URL"]
    app._pool = None
    yield worker, queue, tmp_path
    worker.stop()
    app.conf.task_always_eager, app.conf.broker_url = eager, broker_url
    app._pool = None


def runs_of(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("killed", ["worker", "child"])
def test_a_task_killed_mid_run_has_its_effect_exactly_once(worker_setup, killed):
    from tests.outbox.worker_tasks import write_effect

    worker, queue, tmp_path = worker_setup
    key = f"effect:{queue}"
    runs = tmp_path / "runs"
    started = time.monotonic()
    worker.start()
    write_effect.apply_async((key, str(runs)), queue=queue)
    wait_for(lambda: len(runs_of(runs)) == 1, 40, worker)
    if killed == "worker":
        worker.kill()  # the message stays unacknowledged in Redis ...
        assert OutboxMessage.objects.filter(key=key).count() == 0  # ... and the killed run wrote nothing
        worker.start()  # ... and comes back once the visibility timeout has passed
    else:
        os.kill(int(runs_of(runs)[0]), signal.SIGKILL)  # the pool child only: the task is requeued at once

    wait_for(lambda: OutboxMessage.objects.filter(key=key, state="sent").exists(), 45, worker)
    assert time.monotonic() - started < 60
    assert len(runs_of(runs)) == 2  # the task ran twice ...
    message = OutboxMessage.objects.get(key=key)  # ... its effect happened once ...
    assert (message.kind, message.attempts) == ("email", 1)
    emails = list((tmp_path / "emails").iterdir())  # ... and its email was sent once
    assert len(emails) == 1
    assert "Subject: Effect" in emails[0].read_text()
