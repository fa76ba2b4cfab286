"""Two relays delivering the same message at the same moment send it once (PostgreSQL, real threads)."""

import threading

import pytest
from django.core import mail
from django.db import connections

from outbox import services
from outbox.models import OutboxMessage
from tests.conftest import require_services

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_relays_at_once_send_the_message_once(settings):
    require_services(postgresql=True)  # SQLite has no concurrent writers to race
    settings.MAILERS = {"default": {"BACKEND": "tests.outbox.backends.SlowBackend"}}
    # Written directly (no relay after commit), so both threads find it pending and due.
    message = OutboxMessage.objects.create(
        kind="email", key="race:1", payload={"to": ["ceo@example.org"], "subject": "S", "body": "B"}
    )
    start = threading.Barrier(2)
    results = []

    def relay():
        start.wait()
        try:
            results.append(services.deliver(message.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=relay) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(results) == [False, True]
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 1)
    assert len(mail.outbox) == 1
