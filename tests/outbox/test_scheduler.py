"""The beat schedule run in-process for the embedded default (outbox/scheduler.py)."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.core import mail

from outbox import scheduler, services
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)  # a Sunday, 11:00 in Jerusalem
RELAY = {"relay": {"task": "outbox.tasks.relay_due", "schedule": timedelta(minutes=1)}}


def test_an_entry_is_due_once_its_interval_or_its_crontab_time_has_come():
    entries = {
        "every-minute": {"task": "outbox.tasks.relay_due", "schedule": timedelta(minutes=1)},
        "nightly": {"task": "outbox.tasks.relay_due", "schedule": crontab(hour=2, minute=30)},
    }
    schedule = scheduler.Schedule(entries, now=START)
    assert schedule.due(START + timedelta(seconds=59)) == []
    assert schedule.due(START + timedelta(minutes=1)) == ["every-minute"]
    # 02:30 in Jerusalem (the Celery time zone) the next night is 00:30 UTC
    assert schedule.next_run("nightly") == datetime(2026, 12, 7, 0, 30, tzinfo=UTC)
    assert schedule.due(datetime(2026, 12, 7, 0, 30, tzinfo=UTC)) == ["every-minute", "nightly"]


def test_the_project_schedule_is_understood_entry_by_entry():
    schedule = scheduler.Schedule(django_settings.CELERY_BEAT_SCHEDULE, now=START)
    assert set(schedule.entries) == set(django_settings.CELERY_BEAT_SCHEDULE)
    assert all(schedule.next_run(name) > START for name in schedule.entries)
    # a week on, every entry, the weekly digests included, is due
    assert sorted(schedule.due(START + timedelta(days=7, minutes=1))) == sorted(schedule.entries)


def test_an_email_whose_first_attempt_failed_is_sent_by_the_next_run_and_only_once(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.outbox.backends.RefusingBackend"}}
    message = services.send_email(key="cause:1", to="ceo@example.org", subject="Subject", body="Body")
    services.deliver(message.pk)
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("pending", 1)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=START)  # its retry time has come

    schedule = scheduler.Schedule(RELAY, now=START)
    assert schedule.run_due(START + timedelta(seconds=30)) == []
    assert mail.outbox == []
    assert schedule.run_due(START + timedelta(minutes=1)) == ["relay"]
    assert schedule.run_due(START + timedelta(minutes=1, seconds=30)) == []  # not due again yet
    assert schedule.run_due(START + timedelta(minutes=2)) == ["relay"]
    assert [m.to for m in mail.outbox] == [["ceo@example.org"]]
    assert OutboxMessage.objects.get(pk=message.pk).state == OutboxMessage.State.SENT


def test_a_failing_entry_is_logged_and_the_others_still_run(monkeypatch, caplog):
    ran = []
    monkeypatch.setattr(services, "relay_due", lambda **kwargs: ran.append("relay") or 0)
    entries = {"broken": {"task": "no.such.task", "schedule": timedelta(minutes=1)}, **RELAY}
    schedule = scheduler.Schedule(entries, now=START)
    with caplog.at_level(logging.ERROR, logger="outbox.scheduler"):
        assert schedule.run_due(START + timedelta(minutes=1)) == ["broken", "relay"]
    assert ran == ["relay"]
    assert "embedded schedule: broken failed" in caplog.text
    assert schedule.due(START + timedelta(minutes=1, seconds=30)) == []  # tried again when next due, not at once


@pytest.mark.parametrize(
    ("switched_on", "eager", "environ", "starts"),
    [
        (True, True, {"RUN_MAIN": "true"}, True),
        (True, True, {}, False),  # the autoreloader's watching process, or a management command
        (False, True, {"RUN_MAIN": "true"}, False),
        (True, False, {"RUN_MAIN": "true"}, False),  # tasks go to Celery workers: beat runs the schedule
    ],
)
def test_only_the_serving_process_of_the_embedded_default_runs_the_schedule(
    settings, switched_on, eager, environ, starts
):
    settings.EMBEDDED_SCHEDULER = switched_on
    settings.CELERY_TASK_ALWAYS_EAGER = eager
    assert scheduler.should_start(environ) is starts
