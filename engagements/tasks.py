"""Background work of the engagements app. Tasks take ids, read the current state and are safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from clusters.selectors import leadership
from outbox.services import send_email

from . import services
from .models import TRANSITIONS, Engagement, WorkLog, WorkLogState

# Who hears about each transition: the other side from the one who acted.
TELLS_ADVISOR = {"propose", "withdraw", "complete", "terminate"}
SUBJECTS = {
    "propose": _("An engagement was proposed to you"),
    "withdraw": _("A proposed engagement was withdrawn"),
    "accept": _("Your proposed engagement was accepted"),
    "decline": _("Your proposed engagement was declined"),
    "complete": _("An engagement was completed"),
    "terminate": _("An engagement was terminated"),
}

ESCALATION_BODY = "emails/engagements/escalation_body.txt"


def _send(person, subject, template: str, context: dict, *, cause: str) -> None:
    """Owe one email in the recipient's preferred language (subject and body from a template, both translated);
    the outbox sends it once per cause and recipient."""
    if person is None or not person.email:
        return
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {**context, "recipient": person, "platform_url": settings.PLATFORM_URL})
        send_email(key=f"{cause}:{person.pk}", to=person.email, subject=str(subject), body=body)


@shared_task
def send_transition_email(engagement_id: int, action: str) -> bool:
    """Tell the other side of the engagement about a transition; nothing if the state has moved on since."""
    engagement = Engagement.objects.for_lists().filter(pk=engagement_id).first()
    if engagement is None or action not in TRANSITIONS or engagement.state != TRANSITIONS[action][1]:
        return False
    recipient = engagement.advisor.person if action in TELLS_ADVISOR else leadership(cluster=engagement.cluster).ceo
    context = {"engagement": engagement, "action": action}
    _send(
        recipient,
        SUBJECTS[action],
        "emails/engagements/transition_body.txt",
        context,
        cause=f"engagement-transition:{engagement.pk}:{action}",
    )
    return True


@shared_task
def escalate_waiting_work_logs() -> int:
    """Remind the CEO of entries waiting too long and tell the board chair; each entry is escalated once."""
    escalated = 0
    for entry_id in list(services.entries_to_escalate().values_list("pk", flat=True)):
        with transaction.atomic():
            marked = WorkLog.objects.filter(
                pk=entry_id, state=WorkLogState.SUBMITTED, escalated_at__isnull=True
            ).update(escalated_at=timezone.now())
            if not marked:
                continue
            entry = WorkLog.objects.select_related("engagement__cluster", "engagement__advisor__person").get(
                pk=entry_id
            )
            people = leadership(cluster=entry.engagement.cluster)
            # Owed in the transaction that marks the entry escalated: both or neither.
            cause = f"work-log-escalation:{entry.pk}:{entry.submitted_at.timestamp()}"
            _send(
                people.ceo,
                _("Work logs are waiting for your approval"),
                ESCALATION_BODY,
                {"entry": entry, "to_ceo": True},
                cause=f"{cause}:ceo",
            )
            _send(
                people.chair,
                _("Work logs have waited long for approval"),
                ESCALATION_BODY,
                {"entry": entry, "to_ceo": False},
                cause=f"{cause}:chair",
            )
            escalated += 1
    return escalated


MANDATE_CONFLICT_BODY = "emails/engagements/mandate_conflict_body.txt"


def send_mandate_conflict(engagement: Engagement) -> None:
    """Tell the cluster's CEO that a control mandate now bars the advisor's organisation from the engagement."""
    mandate = services.mandate_conflict(engagement)
    if mandate is None:
        return
    _send(
        leadership(cluster=engagement.cluster).ceo,
        _("An engagement must be closed: the advisor's organisation now holds a mandate over the cluster"),
        MANDATE_CONFLICT_BODY,
        {"engagement": engagement, "mandate": mandate},
        cause=f"mandate-conflict:{engagement.pk}:{mandate.pk}",
    )


@shared_task
def notify_mandate_conflicts() -> int:
    """Tell each CEO, once per engagement, that an active engagement is barred by a mandate that began since."""
    notified = 0
    for engagement_id in list(services.engagements_barred_by_a_mandate().values_list("pk", flat=True)):
        with transaction.atomic():
            marked = Engagement.objects.filter(pk=engagement_id, mandate_conflict_notified_at__isnull=True).update(
                mandate_conflict_notified_at=timezone.now()
            )
            if not marked:
                continue
            # owed in the same transaction as the mark: the outbox sends it after commit, once
            send_mandate_conflict(Engagement.objects.for_lists().get(pk=engagement_id))
            notified += 1
    return notified


@shared_task
def reveal_reviews() -> int:
    """Reveal reviews whose window has passed."""
    return services.reveal_due_reviews()


# The requests' notification tasks live with their workflows; importing them here registers them with the worker.
from .requests import announce_request, send_proposal_decisions, send_proposal_received  # noqa: E402, F401
