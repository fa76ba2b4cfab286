"""Reminders and the weekly digest. Each is idempotent: a conditional update (or a unique row) claims the message
before it is sent, so a second run, or a second worker, sends nothing."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from accounts.weeks import week_start
from clusters.selectors import leadership

from . import notifications
from .models import (
    Application,
    ApplicationStatus,
    Call,
    DigestDelivery,
    DigestPreference,
    KnowledgeItem,
    Ministry,
)


def applications_to_remind(*, today: date):
    """Applications still only intended whose call closes within NETWORK_CALL_REMINDER_DAYS, not reminded yet."""
    horizon = today + timedelta(days=settings.NETWORK_CALL_REMINDER_DAYS)
    return Application.objects.filter(
        status=ApplicationStatus.INTENDED,
        reminded_at__isnull=True,
        call__deadline__gte=today,
        call__deadline__lte=horizon,
    )


def send_deadline_reminders(*, today: date | None = None) -> int:
    """Remind each such cluster's CEO once; returns the number of reminders claimed."""
    today = today or timezone.localdate()
    sent = 0
    for application_id in list(applications_to_remind(today=today).values_list("pk", flat=True)):
        with transaction.atomic():
            claimed = Application.objects.filter(pk=application_id, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed:
                continue
            application = Application.objects.select_related("call", "cluster").get(pk=application_id)
            ceo = leadership(cluster=application.cluster).ceo
            notifications.send_deadline_reminder(person=ceo, application=application)
            sent += 1
    return sent


def editors() -> list[User]:
    ids = RoleAssignment.objects.active().filter(role=Role.KNOWLEDGE_EDITOR).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def send_playbook_review_reminders(*, today: date | None = None) -> int:
    """Tell the editors which pages are due for review; each page is included once per due date."""
    today = today or timezone.localdate()
    due = []
    with transaction.atomic():
        for ministry in Ministry.objects.filter(last_reviewed_on__isnull=False).order_by("position", "pk"):
            due_on = ministry.review_due_on
            if due_on > today:
                continue
            claimed = (
                Ministry.objects.filter(pk=ministry.pk)
                .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=due_on))
                .update(reminded_for=due_on)
            )
            if claimed:
                due.append(ministry)
        if due:
            people = editors()
            for person in people:
                notifications.send_playbook_review_reminder(person=person, ministries=due)
    return len(due)


def digest_content(preference: DigestPreference, *, since, until) -> tuple[list, list]:
    """Items published and calls posted in [since, until) on the person's needs or domains."""
    need_ids = [need.pk for need in preference.needs.all()]
    codes = preference.domain_codes
    item_match, call_match = Q(pk__in=[]), Q(pk__in=[])
    if need_ids:
        item_match |= Q(needs__in=need_ids)
        call_match |= Q(needs__in=need_ids)
    for code in codes:
        item_match |= Q(domains__contains=f",{code},")
        call_match |= Q(domains__contains=f",{code},")
    items = list(
        KnowledgeItem.objects.published()
        .filter(item_match, published_at__gte=since, published_at__lt=until)
        .distinct()
        .order_by("-published_at", "-pk")
    )
    calls = list(
        Call.objects.posted()
        .filter(call_match, posted_at__gte=since, posted_at__lt=until, deadline__gte=until.date())
        .distinct()
        .order_by("deadline", "pk")
    )
    return items, calls


def send_weekly_digests(*, today: date | None = None) -> int:
    """Each subscribed person gets the week's new items and calls on what they follow, once per week; nobody gets
    an empty digest."""
    today = today or timezone.localdate()
    week = week_start(today)
    until = timezone.make_aware(datetime.combine(week, time.min))
    since = until - timedelta(days=7)
    sent = 0
    preferences = DigestPreference.objects.filter(is_subscribed=True, user__is_active=True).select_related("user")
    for preference in preferences.prefetch_related("needs"):
        items, calls = digest_content(preference, since=since, until=until)
        if not items and not calls:
            continue
        try:
            with transaction.atomic():
                DigestDelivery.objects.create(user=preference.user, week=week)
                notifications.send_weekly_digest(person=preference.user, items=items, calls=calls, week=week)
        except IntegrityError:
            continue
        sent += 1
    return sent
