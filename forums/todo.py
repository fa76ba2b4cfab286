"""What a forum member should act on now (accounts.todo gathers it for the home pages)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.todo import Todo

from .models import Decision, Invitation, MeetingStatus, Reply


def needs_doing(user) -> list[Todo]:
    """Two queries: invitations to upcoming meetings not answered yet, and the person's overdue actions."""
    if not user.is_authenticated:
        return []
    unanswered = Invitation.objects.filter(
        user=user, reply=Reply.PENDING, meeting__status=MeetingStatus.PLANNED, meeting__starts_at__gt=timezone.now()
    ).count()
    overdue = Decision.objects.overdue().filter(owner=user).count()
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
