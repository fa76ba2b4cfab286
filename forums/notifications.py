"""What the forums send, one function per kind of message, each in the recipient's language, keyed by its cause and
recipient so that the outbox sends it once (the keys' first parts are the kinds in accounts.notifications.KINDS)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from outbox.services import send_email


def _send(person, name: str, context: dict, *, cause: str) -> bool:
    if person is None or not person.email:
        return False
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        context = {**context, "recipient": person, "platform_url": settings.PLATFORM_URL}
        subject = " ".join(render_to_string(f"emails/forums/{name}_subject.txt", context).split())
        body = render_to_string(f"emails/forums/{name}_body.txt", context)
        send_email(key=f"{cause}:{person.pk}", to=person.email, subject=subject, body=body)
    return True


def send_invitation(*, person, meeting) -> bool:
    """A member is invited to a meeting of their forum."""
    return _send(
        person, "invitation", {"meeting": meeting, "forum": meeting.forum}, cause=f"forum-invitation:{meeting.pk}"
    )


def send_meeting_reminder(*, person, meeting) -> bool:
    """An invitee is reminded of a meeting soon (once per meeting and start time)."""
    return _send(
        person,
        "meeting_reminder",
        {"meeting": meeting, "forum": meeting.forum},
        cause=f"forum-meeting-reminder:{meeting.pk}:{meeting.starts_at:%Y%m%d%H%M}",
    )


def send_overdue_action(*, person, decision) -> bool:
    """A decision's owner is told its action is overdue (once per decision and due date)."""
    return _send(
        person,
        "overdue_action",
        {"decision": decision, "forum": decision.forum},
        cause=f"forum-action-overdue:{decision.pk}:{decision.due_on.isoformat()}",
    )


def send_digest(*, person, digest: dict, today, week: str) -> bool:
    """A member's weekly digest of their forums (once per person and ISO week)."""
    return _send(person, "digest", {**digest, "today": today}, cause=f"forum-digest:{week}")
