from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from outbox.services import send_email

from .models import Invitation


@shared_task
def send_invitation_email(invitation_id: int, token: str, base_url: str) -> bool:
    """Email an invitation's link. Does nothing for an invitation that is no longer pending."""
    invitation = Invitation.objects.pending().filter(pk=invitation_id).first()
    if invitation is None:
        return False
    with translation.override(invitation.language):
        link = base_url.rstrip("/") + reverse("accounts:invitation_accept", args=[token])
        context = {"invitation": invitation, "link": link, "valid_days": settings.INVITATION_VALID_DAYS}
        subject = render_to_string("emails/accounts/invitation_subject.txt", context).strip()
        body = render_to_string("emails/accounts/invitation_body.txt", context)
    send_email(key=f"invitation-email:{invitation.pk}", to=invitation.email, subject=subject, body=body)
    return True
