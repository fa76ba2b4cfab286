"""What the national cluster sends, one function per kind of message, each in the recipient's language.

Each takes what it needs, renders subject and body under the recipient's preferred language and owes the email to
the outbox, keyed by its cause and recipient: callers call them inside the transaction that records the reminder,
so the email is sent once after commit and never lost (the tasks in network/tasks.py).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from outbox.services import send_email


def _send(person, subject_template: str, body_template: str, context: dict, *, cause: str) -> bool:
    if person is None or not person.email:
        return False
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        context = {**context, "recipient": person, "platform_url": settings.PLATFORM_URL}
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
        send_email(key=f"{cause}:{person.pk}", to=person.email, subject=subject, body=body)
    return True


def send_deadline_reminder(*, person, application) -> bool:
    """Remind a CEO that a call their cluster intends to apply to closes soon."""
    return _send(
        person,
        "emails/network/deadline_subject.txt",
        "emails/network/deadline_body.txt",
        {"application": application, "call": application.call},
        cause=f"call-deadline:{application.pk}",
    )


def send_playbook_review_reminder(*, person, ministries) -> bool:
    """Remind an editor of the playbook pages due for their twice-yearly review (once per page and due date)."""
    due = "-".join(f"{ministry.pk}.{ministry.review_due_on.isoformat()}" for ministry in ministries)
    return _send(
        person,
        "emails/network/playbook_review_subject.txt",
        "emails/network/playbook_review_body.txt",
        {"ministries": ministries},
        cause=f"playbook-review:{due}",
    )


def send_weekly_digest(*, person, items, calls, week) -> bool:
    """New knowledge items and calls of the week on the person's chosen needs and domains."""
    return _send(
        person,
        "emails/network/digest_subject.txt",
        "emails/network/digest_body.txt",
        {"items": items, "calls": calls},
        cause=f"network-digest:{week.isoformat()}",
    )
