"""Background work runs on a real Celery worker over Redis when REDIS_URL is set (as in CI)."""

import os
import time

import pytest
from django.core import mail

from accounts import services
from accounts.roles import Role
from config.celery import app
from tests.conftest import require_services
from tests.factories import UserFactory


def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


@pytest.mark.django_db(transaction=True)
def test_invitation_email_is_queued_on_commit_and_sent_by_a_worker():
    require_services(redis=True)
    from celery.contrib.testing.worker import start_worker

    app.conf.task_always_eager = False
    app.conf.broker_url = os.environ["REDIS_URL"]
    try:
        admin = UserFactory()
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            # No transaction is open here, so on_commit enqueues at once; the worker picks it up from Redis.
            services.create_invitation(email="queued@example.org", role=Role.CURATOR, invited_by=admin)
            assert wait_for(lambda: len(mail.outbox) == 1)
        assert mail.outbox[0].to == ["queued@example.org"]
    finally:
        app.conf.task_always_eager = True
