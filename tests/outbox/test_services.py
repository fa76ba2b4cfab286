"""The outbox: a message is written with its cause, sent once after the commit, retried with backoff, dead after
OUTBOX_MAX_ATTEMPTS, and never raises into the caller."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from outbox import services
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

REFUSING = {"default": {"BACKEND": "tests.outbox.backends.RefusingBackend"}}
NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """The outbox's clock, set by the test."""

    class Clock:
        # A little ahead of real time, so rows written with the real time are due.
        start = now = timezone.now() + timedelta(seconds=1)

        def move(self, **delta):
            self.now += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(services.timezone, "now", lambda: clock.now)
    return clock


def email(key="cause:1", to="ceo@example.org"):
    return services.send_email(key=key, to=to, subject="Subject", body="Body")


def test_an_email_is_sent_once_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = email()
        assert mail.outbox == []  # nothing leaves before the commit
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == ("sent", 1, "")
    assert message.sent_at is not None
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [(["ceo@example.org"], "Subject", "Body")]
    assert message.payload == {"to": ["ceo@example.org"], "subject": "Subject"}  # the text is not kept once sent


def test_the_same_key_twice_is_one_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = email()
        second = services.send_email(key="cause:1", to="ceo@example.org", subject="Other", body="Other")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        email()  # the cause again, after it was sent
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_owes_no_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        email()
        raise RuntimeError("the change fails")
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_an_html_alternative_travels_with_the_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_email(key="k", to=["a@example.org"], subject="S", body="B", html="<p>B</p>")
    assert mail.outbox[0].alternatives[0].content == "<p>B</p>"


def test_a_refused_smtp_connection_is_kept_and_retried_with_backoff(
    settings, clock, django_capture_on_commit_callbacks, caplog
):
    settings.MAILERS = REFUSING
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    with caplog.at_level(logging.WARNING, logger="outbox.services"), django_capture_on_commit_callbacks(execute=True):
        message = email()  # raises nothing into the caller
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("pending", 1)
    assert message.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert message.next_attempt_at == clock.start + timedelta(seconds=60)
    assert f"message {message.pk} (cause:1) failed, attempt 1, retried later" in caplog.text

    assert services.deliver(message.pk) is False  # not due yet: nothing is tried
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 1
    clock.move(seconds=60)
    assert services.deliver(message.pk) is False
    message.refresh_from_db()
    assert (message.attempts, message.next_attempt_at) == (2, clock.start + timedelta(seconds=60 + 120))

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    clock.move(seconds=120)
    assert services.relay_due() == 1
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error, message.sent_at) == ("sent", 3, "", clock.now)
    assert len(mail.outbox) == 1


def test_the_delay_doubles_from_the_base_up_to_the_cap(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600
    delays = [services.retry_delay(attempts).total_seconds() for attempts in range(1, 9)]
    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_a_message_is_dead_after_the_last_attempt_and_an_operator_can_retry_it(
    settings, clock, django_capture_on_commit_callbacks
):
    settings.MAILERS = REFUSING
    settings.OUTBOX_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        message = email()
    for _ in range(2):
        clock.move(hours=1)
        services.deliver(message.pk)
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("dead", 3)
    assert list(OutboxMessage.objects.failing()) == [message]
    clock.move(days=1)
    assert services.deliver(message.pk) is False  # dead: never tried again by itself
    assert services.relay_due() == 0

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_messages(message_ids=[message.pk]) == 1
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 1)
    assert len(mail.outbox) == 1


def test_a_dispatched_task_runs_once_after_the_commit(django_capture_on_commit_callbacks, world):
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_task(key="reveal:1", task="engagements.tasks.reveal_reviews")
        services.dispatch_task(key="reveal:1", task="engagements.tasks.reveal_reviews")
    message = OutboxMessage.objects.get()
    assert (message.kind, message.state, message.payload) == (
        "task",
        "sent",
        {"task": "engagements.tasks.reveal_reviews", "args": [], "kwargs": {}},
    )


def test_a_task_that_does_not_exist_is_refused_at_once():
    with pytest.raises(services.OutboxError):
        services.dispatch_task(key="k", task="engagements.tasks.no_such_task")
    with pytest.raises(services.OutboxError):
        services.dispatch_task(key="k", task="engagements.models.Engagement")
    with pytest.raises(services.OutboxError):
        services.send_email(key="", to="a@example.org", subject="S", body="B")
    assert OutboxMessage.objects.count() == 0


def test_a_failing_task_is_kept_and_retried(django_capture_on_commit_callbacks, monkeypatch):
    from engagements import tasks

    def broken():
        raise RuntimeError("the database went away")

    monkeypatch.setattr(tasks.services, "reveal_due_reviews", broken)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.dispatch_task(key="reveal:2", task="engagements.tasks.reveal_reviews")
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == (
        "pending",
        1,
        "RuntimeError: the database went away",
    )


def test_relay_outbox_sends_what_is_due_and_is_safe_to_repeat(settings, clock):
    settings.MAILERS = REFUSING
    email(key="a")
    email(key="b")  # on_commit never runs here: both wait, as after a broker outage
    out = []
    call_command("relay_outbox", "--dry-run", stdout=FakeOut(out))
    assert out == ["2 due\n"]
    assert OutboxMessage.objects.filter(attempts=0).count() == 2
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("relay_outbox", stdout=FakeOut(out))
    call_command("relay_outbox", stdout=FakeOut(out))
    assert out[1:] == ["2 relayed of 2 due; 0 pending, 0 dead\n", "0 relayed of 0 due; 0 pending, 0 dead\n"]
    assert sorted(m.to[0] for m in mail.outbox) == ["ceo@example.org", "ceo@example.org"]
    assert len(mail.outbox) == 2


class FakeOut:
    def __init__(self, lines):
        self.lines = lines

    def write(self, text):
        self.lines.append(text if text.endswith("\n") else text + "\n")

    def flush(self):
        pass


def test_admin_lists_failing_messages_and_retries_them(world, client_as, settings, django_capture_on_commit_callbacks):
    settings.MAILERS = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        failing = email(key="failing")
    OutboxMessage.objects.create(kind="email", key="fine", payload={}, state="sent", sent_at=NOW)
    client = client_as(world.admin)
    page = client.get(reverse("admin:outbox_outboxmessage_changelist"), {"delivery": "failing"})
    assert page.status_code == 200
    assert [m.key for m in page.context["cl"].result_list] == ["failing"]
    assert "ConnectionRefusedError" in page.content.decode()

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:outbox_outboxmessage_changelist"),
            {"action": "retry", "_selected_action": [failing.pk]},
        )
    assert response.status_code == 302
    failing.refresh_from_db()
    assert (failing.state, failing.attempts) == ("sent", 1)
    assert len(mail.outbox) == 1


def test_owing_a_message_and_delivering_it_take_a_fixed_number_of_queries(django_assert_num_queries):
    # accounts' hook first looks the address up (no account here: no notification, nothing else)
    with django_assert_num_queries(5):  # the address; look up the key; savepoint, insert, release
        message = email()
    with django_assert_num_queries(2):  # the same cause again: the address, the key is found, nothing is written
        email()
    with django_assert_num_queries(3):  # claim, read, mark sent
        assert services.deliver(message.pk) is True
    with django_assert_num_queries(1):  # already sent: the claim finds nothing
        assert services.deliver(message.pk) is False
