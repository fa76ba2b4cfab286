"""A task for the real-worker tests (loaded by the worker they start with `-I tests.outbox.worker_tasks`).

Its effect is a database row: an outbox email, written in a transaction. The first run records that it started and
then waits inside the transaction, so a worker killed there leaves nothing behind; a run after that completes.
"""

import os
import time
from pathlib import Path

from celery import shared_task
from django.db import transaction

from outbox.services import send_email


@shared_task(soft_time_limit=50, time_limit=60)
def write_effect(key: str, runs_path: str) -> bool:
    runs = Path(runs_path)
    first_run = not runs.exists()
    with runs.open("a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    with transaction.atomic():
        message = send_email(key=key, to="effect@example.org", subject="Effect", body="Written once.")
        if first_run:
            time.sleep(40)  # killed here by the test
    return message.pk is not None
