"""Background work of the oversight app: each task is idempotent and safe to run again after a worker restart."""

from celery import shared_task

from . import (
    digests,
    notifications,  # noqa: F401  (its tasks live beside the workflows; imported so workers register them)
    reminders,
)


# Every cluster's dashboard rules in one run: the longest tasks of the platform (config/settings: 540 / 600 s).
@shared_task(soft_time_limit=540, time_limit=600)
def record_statuses() -> int:
    """Recompute and keep today's red / amber / green status of every cluster."""
    return digests.record_statuses()


@shared_task(soft_time_limit=540, time_limit=600)
def send_referent_digests() -> int:
    """Send each referent this week's digest (once a week per referent)."""
    digests.record_statuses()
    return sum(digests.send_digest(user=user) for user in digests.referents())


@shared_task
def send_report_reminders() -> int:
    """Remind each CEO of periodic reports due soon and of their latest overdue report (each reminder once)."""
    return reminders.send_report_reminders()
