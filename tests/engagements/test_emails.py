"""Notification emails are written in the recipient's language: subject and body."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import mail
from django.utils import timezone, translation

from engagements import services, tasks
from engagements.models import WorkLog
from tests.factories.engagements import draft_engagement


def test_a_proposal_reaches_a_hebrew_speaking_advisor_in_hebrew(engaged_world, django_capture_on_commit_callbacks):
    engaged_world.advisor.preferred_language = "he"
    engaged_world.advisor.save(update_fields=["preferred_language"])
    draft = draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_engagement(engagement=draft, proposed_by=engaged_world.ceo)
    [message] = mail.outbox
    assert message.to == ["advisor@example.org"]
    assert message.subject == "הוצעה לך התקשרות"
    with translation.override("he"):
        cluster = engaged_world.cluster.name
    assert message.body == (
        f"האשכול {cluster} מציע לך התקשרות, מ־01/01/2026 עד 31/12/2026. "
        "היכנסו לפלטפורמה כדי לקרוא את ההצעה ולקבל או לדחות אותה.\n"
        f"{settings.PLATFORM_URL}/engagements/{draft.pk}/\n\nפלטפורמת האשכולות האזוריים\n"
    )
    assert "proposes" not in message.body


def test_an_acceptance_reaches_an_arabic_speaking_ceo_in_arabic(engaged_world, django_capture_on_commit_callbacks):
    engaged_world.ceo.preferred_language = "ar"
    engaged_world.ceo.save(update_fields=["preferred_language"])
    draft = draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    services.propose_engagement(engagement=draft, proposed_by=engaged_world.ceo)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_engagement(
            engagement=draft, accepted_by=engaged_world.advisor, declaration=services.DECLARATION_TEXT_DEFAULT
        )
    [message] = mail.outbox
    assert message.to == ["ceo@example.org"]
    assert message.subject == "تم قبول التعاقد الذي اقترحته"
    with translation.override("ar"):
        cluster = engaged_world.cluster.name
    assert message.body.startswith(f"قبل {engaged_world.profile.name} التعاقد مع {cluster}. التعاقد نشط الآن")
    assert "منصة العناقيد الإقليمية" in message.body


def test_the_escalation_reaches_the_ceo_in_arabic_and_the_chair_in_hebrew(
    engaged_world, django_capture_on_commit_callbacks
):
    engaged_world.cluster.chair = engaged_world.board_member
    engaged_world.cluster.save(update_fields=["chair"])
    engaged_world.board_member.preferred_language = "he"
    engaged_world.board_member.save(update_fields=["preferred_language"])
    engaged_world.ceo.preferred_language = "ar"
    engaged_world.ceo.save(update_fields=["preferred_language"])
    entry = services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 3, 2),
        hours=Decimal("1.5"),
        activity="advice",
        text="Private advice text",
    )
    WorkLog.objects.filter(pk=entry.pk).update(submitted_at=timezone.now() - timedelta(days=30))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.escalate_waiting_work_logs() == 1
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient["ceo@example.org"].subject == "سجلات عمل بانتظار موافقتك"
    assert by_recipient["ceo@example.org"].body.startswith(f"سجل عمل لـ{engaged_world.profile.name} بتاريخ ")
    assert by_recipient["board@example.org"].body.startswith(f"דיווח עבודה של {engaged_world.profile.name} מיום ")
    # The chair hears that an entry waits, never what the advice was.
    assert all("Private advice text" not in message.body for message in mail.outbox)
