"""Background work of the clusters app: pilot checkpoint reminders. Safe to run twice: each reminder is claimed by a
conditional update in the transaction that owes its email to the outbox, so it goes out once whatever the number of
runs or workers."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from outbox.services import send_email

from .models import Pilot
from .selectors import leadership
from .strategy import measurement_due_on, review_due_on


def send_pilot_reminder(*, pilot: Pilot, kind: str, due_on) -> None:
    """The one email of a pilot checkpoint, to the cluster's CEO in their language."""
    cluster = pilot.item.plan.cluster
    ceo = leadership(cluster=cluster).ceo
    if ceo is None or not ceo.email:
        return
    with translation.override(ceo.preferred_language or settings.LANGUAGE_CODE):
        values = {
            "cluster": cluster.name,
            "pilot": pilot.item.title,
            "due": formats.date_format(due_on, "SHORT_DATE_FORMAT"),
        }
        if kind == "measurement":
            subject = _("A pilot's six-month measurement is due")
            body = _("%(cluster)s: measure the goals of the pilot “%(pilot)s” by %(due)s.") % values
        else:
            subject = _("A pilot's decision review is due")
            body = (
                _(
                    "%(cluster)s: decide by %(due)s whether to continue, scale up or stop the pilot “%(pilot)s”, "
                    "with the goals' progress over the pilot as evidence."
                )
                % values
            )
        send_email(key=f"pilot-{kind}:{pilot.pk}:{ceo.pk}", to=ceo.email, subject=str(subject), body=body)


@shared_task
def send_pilot_reminders() -> int:
    """Remind CEOs of pilot checkpoints due within CLUSTERS_PILOT_REMINDER_DAYS_BEFORE days (or past): the
    measurement at six months and the decision review at nine, each once. Returns the number sent."""
    today = timezone.localdate()
    soon = today + timedelta(days=settings.CLUSTERS_PILOT_REMINDER_DAYS_BEFORE)
    sent = 0
    pilots = Pilot.objects.filter(decision="").filter(
        Q(measurement_reminded_at__isnull=True) | Q(review_reminded_at__isnull=True)
    )
    for pilot in pilots.select_related("item__plan__cluster"):
        for kind, due_on, field in (
            ("measurement", measurement_due_on(pilot), "measurement_reminded_at"),
            ("review", review_due_on(pilot), "review_reminded_at"),
        ):
            if getattr(pilot, field) is not None or due_on > soon:
                continue
            if kind == "measurement" and review_due_on(pilot) <= today:
                continue  # past the review already: only the review is worth a reminder
            # the claim and the email owed to the outbox commit together: sent once after commit, never lost
            with transaction.atomic():
                claimed = Pilot.objects.filter(pk=pilot.pk, **{f"{field}__isnull": True}).update(
                    **{field: timezone.now()}
                )
                if claimed:
                    send_pilot_reminder(pilot=pilot, kind=kind, due_on=due_on)
                    sent += 1
    return sent
