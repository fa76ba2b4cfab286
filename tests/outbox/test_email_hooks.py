"""The outbox calls the hooks registered by higher apps with every email; they may drop recipients."""

import pytest
from django.db import transaction

from outbox import services
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooks(monkeypatch):
    """The registered hooks replaced by a list of this test's own for its duration."""
    registered = []
    monkeypatch.setattr(services, "EMAIL_HOOKS", registered)
    return registered


def test_the_kind_of_a_key_is_its_first_part():
    assert services.kind_of_key("report-step:12:accept:7") == "report-step"
    assert services.kind_of_key("plain") == "plain"


def test_every_email_passes_through_the_hooks_with_its_kind(hooks):
    seen = []
    services.register_email_hook(lambda **email: seen.append(email) or email["to"])

    with transaction.atomic():
        services.send_email(key="finding-raised:4:7", to="a@example.org", subject="S", body="B")
        services.send_email(key="finding-raised:5:7", to="a@example.org", subject="S", body="B", kind="reviews")

    assert [(email["key"], email["kind"], email["to"]) for email in seen] == [
        ("finding-raised:4:7", "finding-raised", ["a@example.org"]),
        ("finding-raised:5:7", "reviews", ["a@example.org"]),
    ]
    assert OutboxMessage.objects.count() == 2


def test_an_email_whose_hooks_drop_every_recipient_is_not_written(hooks):
    services.register_email_hook(lambda **email: [])

    with transaction.atomic():
        message = services.send_email(key="finding-raised:4:7", to="a@example.org", subject="S", body="B")

    assert message is None
    assert OutboxMessage.objects.count() == 0


def test_a_hook_registered_twice_runs_once(hooks):
    def hook(**email):
        return email["to"]

    services.register_email_hook(hook)
    services.register_email_hook(hook)

    assert hooks == [hook]
