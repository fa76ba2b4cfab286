"""Reminders of meetings soon (to the invitees who did not decline) and of overdue actions (to their owners). Each is
claimed by a conditional update before it is written to the outbox, in one transaction, so a second run or a second
worker sends nothing, and a meeting moved to another time, or an action given a new due date, is reminded again."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from . import notifications
from .models import Decision, Invitation, MeetingStatus, Reply


def send_meeting_reminders(*, now=None) -> int:
    """Invitees of planned meetings starting within FORUMS_MEETING_REMINDER_DAYS; returns the reminders claimed."""
    now = now or timezone.now()
    horizon = now + timedelta(days=settings.FORUMS_MEETING_REMINDER_DAYS)
    due = (
        Invitation.objects.filter(
            meeting__status=MeetingStatus.PLANNED, meeting__starts_at__gt=now, meeting__starts_at__lte=horizon
        )
        .exclude(reply=Reply.NO)
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("meeting__starts_at")))
        .values_list("pk", flat=True)
    )
    sent = 0
    for invitation_id in list(due):
        with transaction.atomic():
            invitation = Invitation.objects.select_related("meeting__forum", "user").get(pk=invitation_id)
            starts_at = invitation.meeting.starts_at
            claimed = (
                Invitation.objects.filter(pk=invitation_id)
                .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=starts_at))
                .update(reminded_for=starts_at)
            )
            if claimed and invitation.user.is_active:
                notifications.send_meeting_reminder(person=invitation.user, meeting=invitation.meeting)
                sent += 1
    return sent


def send_overdue_action_reminders(*, today: date | None = None) -> int:
    """Owners of open or in-progress decisions past their due date; returns the reminders claimed."""
    today = today or timezone.localdate()
    due = (
        Decision.objects.overdue(today)
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("due_on")))
        .values_list("pk", flat=True)
    )
    sent = 0
    for decision_id in list(due):
        with transaction.atomic():
            decision = Decision.objects.select_related("forum", "owner").get(pk=decision_id)
            claimed = (
                Decision.objects.filter(pk=decision_id)
                .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=decision.due_on))
                .update(reminded_for=decision.due_on)
            )
            if claimed and decision.owner.is_active:
                notifications.send_overdue_action(person=decision.owner, decision=decision)
                sent += 1
    return sent
