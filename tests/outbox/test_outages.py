"""Outages delay, never lose and never break: Redis (cache and broker) down, and an SMTP server refusing."""

import logging
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import config.cache
from advisors.models import VettingState
from clusters.models import Cluster
from config.celery import app
from engagements.models import Engagement
from outbox import services
from outbox.models import OutboxMessage
from oversight.models import ReportReminder
from oversight.tasks import send_report_reminders
from tests.factories import UserFactory
from tests.factories.advisors import make_profile
from tests.factories.engagements import draft_engagement

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there: every connection is refused
BASE_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}


def forget_broker_connections():
    """Drop the app's pooled broker connections, so the next publish connects to the broker_url set now."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def redis_down(settings):
    """The cache and the broker both pointed at a closed port, with the production rate limits on."""
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.FallbackRedisCache", "LOCATION": CLOSED_PORT, "KEY_PREFIX": "down"}
    }
    settings.ACCOUNT_RATE_LIMITS = BASE_RATE_LIMITS
    config.cache._down_until.clear()
    broker_url = app.conf.broker_url
    forget_broker_connections()
    app.conf.task_always_eager = False
    app.conf.broker_url = CLOSED_PORT
    yield
    forget_broker_connections()
    app.conf.broker_url = broker_url
    app.conf.task_always_eager = True
    config.cache._down_until.clear()


def broker_is_back():
    """The broker answers again (here: tasks run in-process, as on the embedded default)."""
    forget_broker_connections()
    app.conf.task_always_eager = True


def test_signing_in_works_while_redis_is_down_and_the_outage_is_logged(redis_down, client, caplog):
    UserFactory(email="who@example.org")
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        page = client.get(reverse("account_login"))
        signed_in = client.post(
            reverse("account_login"), {"login": "who@example.org", "password": "a-long-test-password"}
        )
    assert page.status_code == 200
    assert signed_in.status_code == 302
    assert client.get(reverse("home")).status_code in (200, 302)
    assert "cache: Redis cannot be reached" in caplog.text
    assert caplog.text.count("cache: Redis cannot be reached") == 1  # once per outage, not once per call


def test_rate_limits_still_count_in_the_process_while_redis_is_down(redis_down, client):
    UserFactory(email="who@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "who@example.org", "password": "wrong-password-123"})
    refused = client.post(reverse("account_login"), {"login": "who@example.org", "password": "a-long-test-password"})
    assert refused.status_code == 200  # the form again, with the rate-limit error, not a sign-in
    assert "_auth_user_id" not in client.session


def test_health_still_reports_the_cache_outage(redis_down, client):
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"ok": False, "database": True, "cache": False}


def test_a_state_change_answers_normally_while_the_broker_is_down_and_its_email_follows(
    redis_down, world, client_as, caplog, django_capture_on_commit_callbacks
):
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    draft = draft_engagement(
        cluster=world.cluster,
        ceo=world.ceo,
        profile=make_profile(person=world.advisor, organisation=world.organisation),
    )
    client = client_as(world.ceo)
    with caplog.at_level(logging.WARNING, logger="outbox.services"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("engagements:transition", args=[draft.pk, "propose"]))
    assert response.status_code == 302
    assert Engagement.objects.get(pk=draft.pk).state == "proposed"
    message = OutboxMessage.objects.get()
    assert (message.key, message.kind, message.state, message.attempts) == (
        f"engagement-transition:{draft.pk}:propose",
        "task",
        "pending",
        0,
    )
    assert f"message {message.pk} stays pending, the broker cannot be reached" in caplog.text
    assert mail.outbox == []

    broker_is_back()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.relay_due() == 1  # what beat does every minute
    assert [m.to for m in mail.outbox] == [[world.advisor.email]]
    assert sorted(OutboxMessage.objects.values_list("kind", "state")) == [("email", "sent"), ("task", "sent")]


def test_a_refused_smtp_connection_sends_the_report_reminder_on_the_next_run(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    Cluster.objects.filter(pk__in=[world.cluster.pk, world.other_cluster.pk]).update(stage=Cluster.Stage.OPERATING)
    settings.OVERSIGHT_REPORTS_START = timezone.localdate().replace(month=1, day=1) - timedelta(days=365)
    settings.MAILERS = {"default": {"BACKEND": "tests.outbox.backends.RefusingBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert send_report_reminders() == 2  # the CEO of each cluster, of their latest overdue report
    assert mail.outbox == []
    owed = OutboxMessage.objects.filter(key__startswith="report-reminder:").order_by("pk")
    assert [(m.state, m.attempts, m.last_error[:22]) for m in owed] == [("pending", 1, "ConnectionRefusedError")] * 2
    assert ReportReminder.objects.count() == 2

    settings.MAILERS = django_settings.MAILERS | {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_report_reminders() == 0  # nothing new to remind of ...
    # ... but the reminders owed since yesterday go out now, once each, in the CEO's language.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.ceo.email, world.other_ceo.email])
    assert all(m.subject == "דוח תקופתי באיחור" for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        send_report_reminders()
    assert len(mail.outbox) == 2
    assert list(owed.values_list("state", flat=True)) == ["sent", "sent"]
