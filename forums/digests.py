"""The weekly digest of a person's forums: the meetings of the next two weeks with their reply, the open actions they
own, and the decisions their forums recorded in the past week. One email per person and week, in their language,
sent only when there is something in it; the outbox key (person and ISO week) makes a second run send nothing."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from . import notifications
from .models import Decision, DecisionStatus, ForumMember, Invitation, Meeting, MeetingStatus, Reply

OPEN = (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS)


def send_weekly_digests(*, today: date | None = None) -> int:
    """Every current member's digest of the week; returns how many were written to the outbox. Five queries whatever
    the number of members and forums."""
    today = today or timezone.localdate()
    ahead = today + timedelta(days=settings.FORUMS_DIGEST_DAYS_AHEAD)
    members = list(ForumMember.objects.current(today).select_related("user", "forum").order_by("user_id", "forum_id"))
    forums_of = defaultdict(list)
    people = {}
    for member in members:
        if member.user.is_active and member.user.email:
            forums_of[member.user_id].append(member.forum_id)
            people[member.user_id] = member.user
    forum_ids = {forum_id for ids in forums_of.values() for forum_id in ids}
    meetings = list(
        Meeting.objects.filter(
            forum_id__in=forum_ids, status=MeetingStatus.PLANNED, starts_at__date__gte=today, starts_at__date__lte=ahead
        )
        .select_related("forum", "host__authority")
        .order_by("starts_at", "pk")
    )
    replies = {
        (i.meeting_id, i.user_id): Reply(i.reply)  # its label is rendered in the recipient's language
        for i in Invitation.objects.filter(meeting__in=[m.pk for m in meetings], user_id__in=list(people))
    }
    owned = defaultdict(list)
    for decision in (
        Decision.objects.filter(owner_id__in=list(people), status__in=OPEN, forum_id__in=forum_ids)
        .select_related("forum")
        .order_by("due_on", "pk")
    ):
        owned[decision.owner_id].append(decision)
    recent = list(
        Decision.objects.filter(forum_id__in=forum_ids, decided_on__gt=today - timedelta(days=7), decided_on__lte=today)
        .select_related("forum", "owner")
        .order_by("-decided_on", "pk")
    )
    year, week, _day = today.isocalendar()
    sent = 0
    for person_id, person in people.items():
        mine = set(forums_of[person_id])
        digest = {
            "meetings": [(m, replies.get((m.pk, person_id))) for m in meetings if m.forum_id in mine],
            "owned": owned[person_id],
            "recent": [d for d in recent if d.forum_id in mine],
        }
        if any(digest.values()):
            notifications.send_digest(person=person, digest=digest, today=today, week=f"{year}-W{week:02d}")
            sent += 1
    return sent
