"""Forum workflows: opening a forum, its members and rotation of hosts, meetings from agenda to minutes, decisions
and their follow-ups, and each person's calendar address. Each write is atomic; state changes are conditional
updates; the emails they owe go through the outbox in the same transaction."""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from accounts.services import record_event
from accounts.uploads import check_upload
from clusters.selectors import goals_of_clusters, services_of_clusters
from engagements.selectors import facilitation_engagements

from . import notifications, permissions
from .models import (
    AgendaItem,
    CalendarFeed,
    Decision,
    DecisionMeasure,
    DecisionStatus,
    FollowUp,
    Forum,
    ForumMember,
    Host,
    Invitation,
    Meeting,
    MeetingAttachment,
    MeetingStatus,
    MemberRole,
    Reply,
    ScopeKind,
    new_calendar_token,
)


@transaction.atomic
def create_forum(
    *,
    created_by: User,
    name: str,
    theme: str,
    scope_kind: str,
    cluster=None,
    region: str = "",
    description: str = "",
    meets_every_weeks: int | None = None,
    represents: str = "",
    request=None,
) -> Forum:
    """Open a forum; the person who opens it is its chair."""
    forum = Forum(
        name=name,
        theme=theme,
        scope_kind=scope_kind,
        cluster=cluster if scope_kind == ScopeKind.CLUSTER else None,
        region=region if scope_kind == ScopeKind.REGION else "",
        description=description,
        meets_every_weeks=meets_every_weeks,
        created_by=created_by,
    )
    forum.full_clean(exclude=["created_by", "facilitating_engagement"])
    forum.save()
    ForumMember.objects.create(forum=forum, user=created_by, role=MemberRole.CHAIR, represents=represents)
    record_event(action="forum_created", actor=created_by, target=forum, request=request, data={"theme": theme})
    return forum


@transaction.atomic
def add_member(
    *,
    forum: Forum,
    person: User,
    role: str,
    added_by: User,
    represents: str = "",
    since: date | None = None,
    until: date | None = None,
    request=None,
) -> ForumMember:
    """Seat a person in the forum. A ministry referent sits only as an observer; a person sits once at a time."""
    if role not in permissions.roles_allowed_for(person):
        raise ValidationError(_("A ministry referent may sit in a forum only as an observer."), code="observer_only")
    since = since or timezone.localdate()
    if until is not None and until < since:
        raise ValidationError(_("The end date is before the start date."), code="dates")
    if ForumMember.objects.current(since).filter(forum=forum, user=person).exists():
        raise ValidationError(_("This person is already a member of the forum."), code="duplicate")
    member = ForumMember.objects.create(
        forum=forum, user=person, role=role, represents=represents, since=since, until=until
    )
    record_event(
        action="forum_member_added",
        actor=added_by,
        target=forum,
        request=request,
        data={"user": person.pk, "role": role},
    )
    return member


@transaction.atomic
def end_membership(*, member: ForumMember, ended_by: User, until: date | None = None, request=None) -> ForumMember:
    """The membership ends (it is kept, with its dates). The last chair cannot leave the forum without a chair."""
    until = until or timezone.localdate()
    if member.role == MemberRole.CHAIR:
        chairs = ForumMember.objects.current().filter(forum=member.forum, role=MemberRole.CHAIR).exclude(pk=member.pk)
        if not chairs.exists():
            raise ValidationError(_("A forum keeps at least one chair."), code="last_chair")
    until = max(until, member.since)
    ForumMember.objects.filter(pk=member.pk).update(until=until)
    member.until = until
    record_event(
        action="forum_member_ended", actor=ended_by, target=member.forum, request=request, data={"user": member.user_id}
    )
    return member


@transaction.atomic
def set_facilitating_engagement(*, forum: Forum, engagement_id: int | None, set_by: User, request=None) -> Forum:
    """Link the engagement whose forum-facilitation work logs belong to this forum: one the chair reads, of an
    advisor who facilitates the forum."""
    if engagement_id is not None:
        facilitators = ForumMember.objects.current().filter(forum=forum, role=MemberRole.FACILITATOR).values("user")
        allowed = facilitation_engagements(user=set_by, advisor_person_ids=facilitators)
        if not allowed.filter(pk=engagement_id).exists():
            raise ValidationError(_("Choose an engagement of the forum's facilitator."), code="engagement")
    Forum.objects.filter(pk=forum.pk).update(facilitating_engagement_id=engagement_id)
    forum.facilitating_engagement_id = engagement_id
    record_event(
        action="forum_engagement_set", actor=set_by, target=forum, request=request, data={"engagement": engagement_id}
    )
    return forum


@transaction.atomic
def add_host(*, forum: Forum, authority=None, office: str = "", added_by: User) -> Host:
    """Add a host at the end of the rotation."""
    if (authority is None) == (not office):
        raise ValidationError(_("Choose an authority or name an office, not both."), code="host")
    Forum.objects.select_for_update().filter(pk=forum.pk).first()
    last = forum.hosts.aggregate(last=Max("position"))["last"] or 0
    return Host.objects.create(forum=forum, position=last + 1, authority=authority, office="" if authority else office)


@transaction.atomic
def remove_host(*, host: Host, removed_by: User) -> None:
    """Take a host out of the rotation (past meetings keep it) and close the gap in the order."""
    forum = host.forum
    Forum.objects.select_for_update().filter(pk=forum.pk).first()
    if host.meetings.exists():
        # Past meetings name it: keep the row but move it out of the rotation's order.
        raise ValidationError(_("This host has held meetings; it stays in the forum's record."), code="host_used")
    host.delete()
    for position, other in enumerate(forum.hosts.order_by("position", "pk"), start=1):
        if other.position != position:
            Host.objects.filter(pk=other.pk).update(position=position)


def suggested_host(forum: Forum, hosts: list[Host] | None = None) -> Host | None:
    """The roaming order: the host after the last regional meeting's host in the rotation (the first host when no
    meeting had one, or the last host left the rotation). National meetings do not move the rotation."""
    hosts = list(forum.hosts.order_by("position", "pk")) if hosts is None else hosts
    if not hosts:
        return None
    last = (
        Meeting.objects.filter(forum=forum, host__isnull=False, is_national=False)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at", "-pk")
        .values_list("host_id", flat=True)
        .first()
    )
    ids = [host.pk for host in hosts]
    if last not in ids:
        return hosts[0]
    return hosts[(ids.index(last) + 1) % len(hosts)]


@transaction.atomic
def schedule_meeting(
    *,
    forum: Forum,
    starts_at: datetime,
    ends_at: datetime,
    created_by: User,
    host: Host | None = None,
    location: str = "",
    is_national: bool = False,
    title: str = "",
    request=None,
) -> Meeting:
    """Plan a meeting; every current member is invited and told by email in their language."""
    if ends_at <= starts_at:
        raise ValidationError(_("The meeting must end after it starts."), code="times")
    if host is not None and host.forum_id != forum.pk:
        raise ValidationError(_("Choose a host of this forum's rotation."), code="host")
    meeting = Meeting.objects.create(
        forum=forum,
        starts_at=starts_at,
        ends_at=ends_at,
        host=host,
        location=location,
        is_national=is_national,
        title=title,
        created_by=created_by,
    )
    members = list(ForumMember.objects.current().filter(forum=forum).select_related("user").order_by("pk"))
    people = {member.user_id: member.user for member in members}
    Invitation.objects.bulk_create([Invitation(meeting=meeting, user_id=pk) for pk in people])
    for person in people.values():
        notifications.send_invitation(person=person, meeting=meeting)
    record_event(action="meeting_scheduled", actor=created_by, target=meeting, request=request)
    return meeting


@transaction.atomic
def add_agenda_item(
    *, meeting: Meeting, starts_at, duration_minutes: int, title: str, presenter: str = "", added_by: User
) -> AgendaItem:
    if not meeting.is_planned:
        raise ValidationError(_("The agenda of a closed meeting is kept as it was."), code="closed")
    position = (meeting.agenda.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        position=position,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        title=title,
        presenter=presenter,
    )
    item.full_clean(exclude=["meeting"])
    item.save()
    return item


@transaction.atomic
def remove_agenda_item(*, item: AgendaItem, removed_by: User) -> None:
    if not item.meeting.is_planned:
        raise ValidationError(_("The agenda of a closed meeting is kept as it was."), code="closed")
    item.delete()


@transaction.atomic
def reply_to_invitation(*, invitation: Invitation, reply: str) -> Invitation:
    if reply not in (Reply.YES, Reply.NO, Reply.MAYBE):
        raise ValidationError(_("Answer yes, no or maybe."), code="reply")
    updated = Invitation.objects.filter(pk=invitation.pk, meeting__status=MeetingStatus.PLANNED).update(
        reply=reply, replied_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This meeting no longer takes replies."), code="closed")
    invitation.reply = reply
    return invitation


@transaction.atomic
def record_attendance(*, meeting: Meeting, attended_user_ids, recorded_by: User) -> int:
    """Mark who attended among the invitees (the others did not); returns how many attended."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting has no attendance."), code="cancelled")
    attended = set(attended_user_ids)
    invitations = meeting.invitations.all()
    invitations.filter(user_id__in=attended).update(attended=True)
    invitations.exclude(user_id__in=attended).update(attended=False)
    return invitations.filter(attended=True).count()


@transaction.atomic
def close_meeting(*, meeting: Meeting, minutes: str, closed_by: User, request=None) -> Meeting:
    """Close a meeting with its minutes. Without minutes it is refused and nothing changes."""
    minutes = (minutes or "").strip()
    if not minutes:
        raise ValidationError(_("Write the minutes before closing the meeting."), code="minutes_required")
    now = timezone.now()
    updated = Meeting.objects.filter(pk=meeting.pk, status=MeetingStatus.PLANNED).update(
        status=MeetingStatus.CLOSED, minutes=minutes, closed_at=now, closed_by=closed_by
    )
    if not updated:
        raise ValidationError(_("This meeting is already closed."), code="closed")
    meeting.refresh_from_db()
    record_event(action="meeting_closed", actor=closed_by, target=meeting, request=request)
    return meeting


@transaction.atomic
def add_attachment(*, meeting: Meeting, title: str, upload, added_by: User) -> MeetingAttachment:
    content_type = check_upload(upload, max_bytes=settings.FORUMS_MAX_UPLOAD_BYTES)
    return MeetingAttachment.objects.create(
        meeting=meeting, title=title, file=upload, content_type=content_type, size=upload.size, added_by=added_by
    )


def scope_cluster_ids(forum: Forum) -> set[int]:
    """The clusters of the forum's scope: its own cluster, and the clusters whose CEOs or board members sit in it."""
    ids = {forum.cluster_id} if forum.cluster_id else set()
    members = ForumMember.objects.current().filter(forum=forum).values("user_id")
    ids.update(
        RoleAssignment.objects.active()
        .filter(user_id__in=members, role__in=[Role.CLUSTER_CEO, Role.BOARD_MEMBER])
        .values_list("scope_id", flat=True)
    )
    ids.discard(None)
    return ids


def goals_in_scope(forum: Forum):
    return goals_of_clusters(cluster_ids=scope_cluster_ids(forum))


def services_in_scope(forum: Forum):
    return services_of_clusters(cluster_ids=scope_cluster_ids(forum))


@transaction.atomic
def record_decision(
    *,
    meeting: Meeting,
    text: str,
    owner: User,
    due_on: date,
    recorded_by: User,
    goals=(),
    measures=(),
    request=None,
) -> Decision:
    """Record a decision taken at a meeting, with its owner (a member), due date and the goals, KPIs and
    service-quality measures (service, metric) of the forum's scope it is meant to move."""
    forum = meeting.forum
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting takes no decisions."), code="cancelled")
    if not ForumMember.objects.current().filter(forum=forum, user=owner).exists():
        raise ValidationError(_("The owner must be a member of the forum."), code="owner")
    goal_ids = {goal.pk for goal in goals}
    if goal_ids - set(goals_in_scope(forum).filter(pk__in=goal_ids).values_list("pk", flat=True)):
        raise ValidationError(_("Link only goals of the clusters in the forum."), code="goals")
    service_ids = {service.pk for service, _metric in measures}
    if service_ids - set(services_in_scope(forum).filter(pk__in=service_ids).values_list("pk", flat=True)):
        raise ValidationError(_("Link only services of the clusters in the forum."), code="services")
    decided_on = timezone.localtime(meeting.starts_at).date()
    decision = Decision.objects.create(
        forum=forum,
        meeting=meeting,
        text=text,
        owner=owner,
        due_on=due_on,
        decided_on=decided_on,
        recorded_by=recorded_by,
    )
    decision.goals.set(goal_ids)
    DecisionMeasure.objects.bulk_create(
        [DecisionMeasure(decision=decision, service=service, metric=metric) for service, metric in set(measures)],
        ignore_conflicts=True,
    )
    record_event(
        action="decision_recorded", actor=recorded_by, target=decision, request=request, data={"meeting": meeting.pk}
    )
    return decision


@transaction.atomic
def follow_up_decision(
    *, decision: Decision, note: str, status: str, written_by: User, meeting: Meeting | None = None, request=None
) -> FollowUp:
    """A follow-up note at a later meeting, moving the decision to `status`."""
    if status not in DecisionStatus.values:
        raise ValidationError(_("Choose a status."), code="status")
    if meeting is not None and meeting.forum_id != decision.forum_id:
        raise ValidationError(_("Choose a meeting of this forum."), code="meeting")
    follow_up = FollowUp.objects.create(
        decision=decision, meeting=meeting, note=note, status=status, written_by=written_by
    )
    Decision.objects.filter(pk=decision.pk).update(status=status)
    decision.status = status
    record_event(
        action="decision_followed_up", actor=written_by, target=decision, request=request, data={"status": status}
    )
    return follow_up


def calendar_feed_of(user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def regenerate_calendar_feed(*, user: User, request=None) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_of(user)
    CalendarFeed.objects.filter(pk=feed.pk).update(token=new_calendar_token(), created_at=timezone.now())
    feed.refresh_from_db()
    record_event(action="calendar_feed_regenerated", actor=user, target=user, request=request)
    return feed
