"""Background work of the national cluster. Tasks call the idempotent functions of network.reminders."""

from celery import shared_task

from . import reminders


@shared_task
def send_deadline_reminders() -> int:
    return reminders.send_deadline_reminders()


@shared_task
def send_playbook_review_reminders() -> int:
    return reminders.send_playbook_review_reminders()


@shared_task
def send_weekly_digests() -> int:
    return reminders.send_weekly_digests()
