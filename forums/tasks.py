"""Background work of the forums. Tasks call the idempotent functions of forums.reminders."""

from celery import shared_task

from . import digests, reminders


@shared_task
def send_meeting_reminders() -> int:
    return reminders.send_meeting_reminders()


@shared_task
def send_overdue_action_reminders() -> int:
    return reminders.send_overdue_action_reminders()


@shared_task
def send_weekly_digests() -> int:
    return digests.send_weekly_digests()
