"""The beat schedule run in-process, for the embedded default (SQLite, tasks in-process, no beat).

In production Celery beat runs CELERY_BEAT_SCHEDULE and workers take the tasks. `make run` has neither: without this,
a reminder would never be sent and an email whose first attempt failed would wait for `manage.py relay_outbox`.
With EMBEDDED_SCHEDULER on (and tasks run in-process), the development server's serving process starts one daemon
thread that wakes every EMBEDDED_SCHEDULER_TICK seconds and runs each due entry of the schedule in that thread, the
same tasks beat would send, with Celery's own schedule objects deciding what is due. A task that fails is logged and
tried again at its next due time, as under beat.
"""

import logging
import threading
from datetime import datetime

from celery.schedules import crontab, maybe_schedule
from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)

_started = threading.Event()


class Schedule:
    """The entries of a beat schedule with the time each last ran (first: when the schedule was made)."""

    def __init__(self, entries: dict, *, now: datetime | None = None):
        start = now or timezone.now()
        self.entries = {name: {**one, "schedule": maybe_schedule(one["schedule"])} for name, one in entries.items()}
        self.last_run = dict.fromkeys(self.entries, start)

    def next_run(self, name: str) -> datetime:
        schedule, last = self.entries[name]["schedule"], self.last_run[name]
        if isinstance(schedule, crontab):
            start, delta, _now = schedule.remaining_delta(last)
            return start + delta
        return last + schedule.run_every

    def due(self, now: datetime) -> list[str]:
        return [name for name in self.entries if self.next_run(name) <= now]

    def run_due(self, now: datetime | None = None) -> list[str]:
        """Run every due entry now, in this thread; return the names of those that ran."""
        now = now or timezone.now()
        ran = []
        for name in self.due(now):
            entry = self.entries[name]
            self.last_run[name] = now
            try:
                task = services._task_named(entry["task"])  # the dispatcher's own lookup of a task by name
                task.apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}), throw=True)
            except Exception:
                logger.exception("embedded schedule: %s failed; it runs again when next due", name)
            finally:
                if not connection.in_atomic_block:  # a caller's transaction (a test's) keeps its connection
                    close_old_connections()
            ran.append(name)
        return ran


def should_start(environ: dict) -> bool:
    """Only in the serving process of the development server (RUN_MAIN), with tasks in-process, when switched on."""
    return bool(settings.EMBEDDED_SCHEDULER and settings.CELERY_TASK_ALWAYS_EAGER and environ.get("RUN_MAIN") == "true")


def start() -> bool:
    """Start the schedule's thread once per process."""
    if _started.is_set():
        return False
    _started.set()
    schedule = Schedule(settings.CELERY_BEAT_SCHEDULE)
    tick = settings.EMBEDDED_SCHEDULER_TICK

    def loop():
        stop = threading.Event()
        while not stop.wait(tick):
            schedule.run_due()

    threading.Thread(target=loop, name="embedded-schedule", daemon=True).start()
    logger.info("embedded schedule: %d entries, checked every %d s", len(schedule.entries), tick)
    return True
