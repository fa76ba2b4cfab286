"""The task tests/test_production_shape.py owes (loaded by its workers with `-I tests.shape.tasks`): each run leaves
a file naming the key and the worker process, so the test counts the runs of every key across the workers."""

import os
import uuid
from pathlib import Path

from celery import shared_task


@shared_task(soft_time_limit=20, time_limit=30)
def record_run(key: str, runs_dir: str) -> None:
    (Path(runs_dir) / f"{key}.{os.getpid()}.{uuid.uuid4().hex}").write_text(key)
