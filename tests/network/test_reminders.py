"""Reminders before a call's deadline and of the playbook's twice-yearly review, and the weekly digest: each sent
once, in the recipient's language."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone

from network import reminders
from network.models import DigestDelivery, Ministry
from network.services.digests import save_digest_preference
from tests.factories.advisors import ensure_needs
from tests.factories.network import make_application, make_call, make_item

pytestmark = pytest.mark.django_db


def test_the_deadline_reminder_is_sent_once(world, settings, django_capture_on_commit_callbacks):
    settings.NETWORK_CALL_REMINDER_DAYS = 14
    world.ceo.preferred_language = "en"
    world.ceo.save(update_fields=["preferred_language"])
    soon = make_call(created_by=world.editor, title="Soon", days=10)
    later = make_call(created_by=world.editor, title="Later", days=30)
    submitted = make_call(created_by=world.editor, title="Submitted", days=5)
    make_application(call=soon, cluster=world.cluster, recorded_by=world.ceo)
    make_application(call=later, cluster=world.cluster, recorded_by=world.ceo)
    make_application(call=submitted, cluster=world.cluster, recorded_by=world.ceo, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_deadline_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_deadline_reminders() == 0
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["ceo@example.org"], "The call “Soon” closes soon")
    ]


def test_the_deadline_reminder_is_in_the_ceos_language(world, django_capture_on_commit_callbacks):
    world.ceo.preferred_language = "he"
    world.ceo.save(update_fields=["preferred_language"])
    call = make_call(created_by=world.editor, title="קול קורא", days=3)
    make_application(call=call, cluster=world.cluster, recorded_by=world.ceo)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_deadline_reminders()
    (message,) = mail.outbox
    assert message.subject == "הקול הקורא “קול קורא” נסגר בקרוב"


def test_the_playbook_review_reminder_is_sent_once_per_due_date(world, settings, django_capture_on_commit_callbacks):
    settings.NETWORK_PLAYBOOK_REVIEW_MONTHS = 6
    today = timezone.localdate()
    Ministry.objects.filter(slug="interior").update(last_reviewed_on=today - relativedelta(months=6))
    Ministry.objects.filter(slug="finance").update(last_reviewed_on=today - relativedelta(months=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_playbook_review_reminders(today=today) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_playbook_review_reminders(today=today + timedelta(days=1)) == 0
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    assert "/network/ministries/interior/edit/" in mail.outbox[0].body
    assert "/network/ministries/finance/" not in mail.outbox[0].body
    # Reviewed again, the page is due six months later, and reminded again then.
    Ministry.objects.filter(slug="interior").update(last_reviewed_on=today)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_playbook_review_reminders(today=today + relativedelta(months=6)) == 2


def test_the_weekly_digest_lists_the_weeks_news_on_what_a_person_follows_once(
    world, django_capture_on_commit_callbacks
):
    ensure_needs()
    from advisors.models import Need

    sunday = date(2026, 12, 6)
    during = datetime(2026, 12, 2, 10, tzinfo=ZoneInfo("Asia/Jerusalem"))
    make_item(author=world.editor, title="On coaching", needs=["management.coaching"], domains=[], published_at=during)
    make_item(author=world.editor, title="On sport", needs=[], domains=["sport"], published_at=during)
    make_item(author=world.editor, title="Old", needs=["management.coaching"], published_at=during - timedelta(days=30))
    call = make_call(created_by=world.editor, title="Waste call", domains=["waste"], days=60)
    type(call).objects.filter(pk=call.pk).update(posted_at=during)
    save_digest_preference(
        user=world.ceo,
        needs=list(Need.objects.filter(code="management.coaching")),
        domains=["waste"],
        is_subscribed=True,
    )
    save_digest_preference(user=world.advisor, needs=[], domains=["education"], is_subscribed=True)
    save_digest_preference(user=world.board_member, needs=[], domains=["sport"], is_subscribed=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_weekly_digests(today=sunday) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_weekly_digests(today=sunday + timedelta(days=2)) == 0
    (message,) = mail.outbox
    assert message.to == ["ceo@example.org"]
    assert "On coaching" in message.body
    assert "Waste call" in message.body
    assert "On sport" not in message.body and "Old" not in message.body
    assert DigestDelivery.objects.count() == 1
