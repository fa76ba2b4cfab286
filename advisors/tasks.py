"""Background work of the advisors app. Tasks take ids, read the current state and are safe to run twice."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.roles import Role
from outbox.services import send_email

from .models import AdvisorOrganisation, AdvisorProfile, VettingState, freshness_cutoff


def _recipients(organisation: AdvisorOrganisation) -> list[str]:
    emails = {organisation.contact_email} if organisation.contact_email else set()
    if organisation.applied_by_id:
        emails.add(organisation.applied_by.email)
    for assignment in organisation.role_assignments.active().filter(role=Role.ORGANISATION_MANAGER):
        emails.add(assignment.user.email)
    return sorted(emails)


@shared_task
def send_vetting_decision_email(organisation_id: int, state: str) -> bool:
    """Tell an organisation the curator's decision (one email per address and decision). Does nothing if the state
    has changed since."""
    organisation = (
        AdvisorOrganisation.objects.select_related("applied_by").filter(pk=organisation_id, vetting_state=state).first()
    )
    if organisation is None or state == VettingState.APPLIED:
        return False
    language = organisation.applied_by.preferred_language if organisation.applied_by else ""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"organisation": organisation, "state": state}
        subject = render_to_string("emails/advisors/vetting_decision_subject.txt", context).strip()
        body = render_to_string("emails/advisors/vetting_decision_body.txt", context)
    decision = f"vetting-decision:{organisation.pk}:{state}:{organisation.vetting_decided_at.timestamp()}"
    with transaction.atomic():
        for email in _recipients(organisation):
            send_email(key=f"{decision}:{email}", to=email, subject=subject, body=body)
    return True


@shared_task
def send_reconfirmation_reminders() -> int:
    """Remind advisors whose profile is due for reconfirmation soon; each reminder is sent once per period."""
    now = timezone.now()
    window_start = freshness_cutoff(now + timedelta(days=settings.ADVISORS_REMINDER_DAYS_BEFORE))
    due = AdvisorProfile.objects.filter(
        last_confirmed_at__lt=window_start, reminder_sent_at__isnull=True, suspended_at__isnull=True
    ).values_list("pk", flat=True)
    sent = 0
    for profile_id in list(due):
        sent += send_reconfirmation_reminder(profile_id)
    return sent


@shared_task
def send_reconfirmation_reminder(profile_id: int) -> int:
    with transaction.atomic():
        # Claim the reminder and owe its email in one transaction: two workers never both send it, and a failed
        # send is retried by the outbox rather than lost.
        claimed = AdvisorProfile.objects.filter(pk=profile_id, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        )
        if not claimed:
            return 0
        profile = AdvisorProfile.objects.select_related("person").get(pk=profile_id)
        with translation.override(profile.person.preferred_language or settings.LANGUAGE_CODE):
            context = {"profile": profile, "due_at": profile.confirmation_due_at}
            subject = render_to_string("emails/advisors/reconfirm_subject.txt", context).strip()
            body = render_to_string("emails/advisors/reconfirm_body.txt", context)
        send_email(
            key=f"reconfirm-reminder:{profile.pk}:{profile.last_confirmed_at.timestamp()}:{profile.person_id}",
            to=profile.person.email,
            subject=subject,
            body=body,
        )
    return 1
