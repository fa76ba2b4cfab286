"""Who may see and do what in the forums.

A forum is seen by its current members only (everyone else gets 404). The chair keeps the members and the rotation
of hosts; the chair and the facilitator run meetings (agenda, attendance, minutes, decisions); every member answers
their own invitations; a decision's owner writes its follow-ups. A ministry referent sits in a forum only as an
observer, and the facilitating engagement's hours are shown only to those who read that engagement on its own pages
(its cluster's CEO and board, its advisor): a referent observer, another cluster's CEO or another advisor never see
them. No engagement text or report ever reaches a forum page.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from accounts.roles import OVERSIGHT_ROLES, Role
from engagements.selectors import engagements_readable_by

from .models import Decision, Forum, ForumMember, Meeting, MeetingAttachment, MemberRole

RUNNERS = (MemberRole.CHAIR, MemberRole.FACILITATOR)


def forums_visible_to(user: User) -> QuerySet[Forum]:
    """The forums this person is a current member of."""
    if not user.is_authenticated:
        return Forum.objects.none()
    mine = ForumMember.objects.current().filter(forum=OuterRef("pk"), user=user)
    return Forum.objects.filter(Exists(mine))


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(forum__in=forums_visible_to(user).values("pk")).select_related(
        "forum", "host__authority"
    )


def attachments_visible_to(user: User) -> QuerySet[MeetingAttachment]:
    return MeetingAttachment.objects.filter(meeting__forum__in=forums_visible_to(user).values("pk"))


def decisions_visible_to(user: User) -> QuerySet[Decision]:
    return Decision.objects.filter(forum__in=forums_visible_to(user).values("pk")).select_related(
        "owner", "meeting", "forum"
    )


def membership_of(user: User, forum: Forum) -> ForumMember | None:
    """The person's current membership (one query; None for a non-member)."""
    if not user.is_authenticated:
        return None
    return ForumMember.objects.current().filter(forum=forum, user=user).order_by("pk").first()


def can_create_forum(user: User) -> bool:
    """A cluster's CEO, an editor of the national unit or a platform admin opens a forum (and chairs it)."""
    return user.has_role(Role.CLUSTER_CEO, Role.KNOWLEDGE_EDITOR, Role.PLATFORM_ADMIN)


def can_manage_forum(member: ForumMember | None) -> bool:
    """Members and the rotation of hosts are the chair's."""
    return member is not None and member.role == MemberRole.CHAIR


def can_run_meetings(member: ForumMember | None) -> bool:
    """The chair and the facilitator plan meetings, keep the agenda, attendance, minutes and decisions."""
    return member is not None and member.role in RUNNERS


def can_reply(user: User, meeting: Meeting) -> bool:
    return meeting.is_planned and meeting.invitations.filter(user=user).exists()


def can_update_decision(user: User, decision: Decision, member: ForumMember | None) -> bool:
    """The owner, the chair and the facilitator write follow-ups and move a decision's status."""
    return member is not None and (decision.owner_id == user.pk or member.role in RUNNERS)


def roles_allowed_for(person: User) -> list[str]:
    """A ministry referent may sit in a forum only as an observer; everyone else in any role."""
    if person.roles.intersection(OVERSIGHT_ROLES):
        return [MemberRole.OBSERVER]
    return list(MemberRole.values)


def can_see_facilitation(user: User, forum: Forum) -> bool:
    """The facilitating engagement's hours: only for people who read that engagement on its own pages."""
    if forum.facilitating_engagement_id is None:
        return False
    return engagements_readable_by(user=user).filter(pk=forum.facilitating_engagement_id).exists()


class ReadableClusters:
    """The clusters whose goals and measures a person reads elsewhere on the platform: as their CEO or board member,
    as their referent (every cluster for the head referent), or as the advisor of one of their engagements. A
    decision's links to other clusters' goals and measures are not shown to them (only how many there are)."""

    def __init__(self, user: User):
        self.everything = user.has_role(Role.HEAD_REFERENT)
        ids = set(user.scope_ids(Role.CLUSTER_CEO, Role.BOARD_MEMBER, Role.REFERENT_INTERIOR, Role.REFERENT_TREASURY))
        if user.has_role(Role.ADVISOR):
            ids.update(engagements_readable_by(user=user).values_list("cluster_id", flat=True))
        self.ids = ids

    def __contains__(self, cluster_id) -> bool:
        return self.everything or cluster_id in self.ids

    def goals(self, queryset):
        """The goals of `queryset` this person may link and see: of their clusters, or published."""
        if self.everything:
            return queryset
        return queryset.filter(Q(service__cluster_id__in=self.ids) | Q(is_public=True))

    def services(self, queryset):
        return queryset if self.everything else queryset.filter(cluster_id__in=self.ids)
