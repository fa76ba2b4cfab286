"""What a forum member should act on now (accounts.todo gathers it for the home pages)."""

from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.counts import count_of
from accounts.models import User
from accounts.todo import Todo

from .apps import MEMBERS
from .models import Decision, Invitation, MeetingStatus, Reply


def _count(queryset, person_field: str):
    return count_of(queryset.filter(**{person_field: OuterRef("pk")}))


def needs_doing(user) -> list[Todo]:
    """One query (none for the roles that never sit in a forum): invitations to upcoming meetings not answered yet,
    and the person's overdue actions."""
    if not user.is_authenticated or not user.roles.intersection(MEMBERS):
        return []
    pending = Invitation.objects.filter(
        reply=Reply.PENDING, meeting__status=MeetingStatus.PLANNED, meeting__starts_at__gt=timezone.now()
    )
    unanswered, overdue = (
        User.objects.filter(pk=user.pk)
        .annotate(unanswered=_count(pending, "user"), overdue=_count(Decision.objects.overdue(), "owner"))
        .values_list("unanswered", "overdue")
        .get()
    )
    forums = reverse("forums:forum_list")
    return [
        Todo(
            unanswered,
            ngettext(
                "%(count)s forum meeting invitation to answer",
                "%(count)s forum meeting invitations to answer",
                unanswered,
            )
            % {"count": unanswered},
            forums,
        ),
        Todo(
            overdue,
            ngettext("%(count)s forum action of yours overdue", "%(count)s forum actions of yours overdue", overdue)
            % {"count": overdue},
            forums + "#my-actions",
        ),
    ]
