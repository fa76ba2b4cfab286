"""Reminders to cluster CEOs of periodic reports due soon or overdue; each reminder is recorded and sent once.

The reminder is recorded (ReportReminder) and its email owed to the outbox in one transaction, keyed
`report-reminder:<cluster>:<period>:<kind>:<user>`: nothing is marked sent before it is. A refused SMTP connection
leaves the email pending, and the next run (of this task, or of the outbox relay every minute) sends it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from clusters.models import Cluster
from clusters.selectors import leadership
from outbox.services import relay_due, send_email

from .models import PeriodicReport, ReportReminder
from .reports import cluster_periods

REMINDER_KEY_PREFIX = "report-reminder:"


def reminders_due(*, today) -> list[tuple[Cluster, object, str]]:
    """(cluster, period, kind) for every report due within OVERSIGHT_REPORT_REMINDER_DAYS_BEFORE days and the latest
    overdue one of each cluster, not yet submitted and not yet reminded of that kind."""
    clusters = list(Cluster.objects.exclude(stage=Cluster.Stage.FORMING))
    submitted = set(
        PeriodicReport.objects.filter(cluster__in=clusters, first_submitted_at__isnull=False).values_list(
            "cluster_id", "period_start"
        )
    )
    sent = set(ReportReminder.objects.filter(cluster__in=clusters).values_list("cluster_id", "period_start", "kind"))
    soon = timedelta(days=settings.OVERSIGHT_REPORT_REMINDER_DAYS_BEFORE)
    due = []
    for cluster in clusters:
        waiting = [
            p for p in cluster_periods(cluster, today) if p.is_open(today) and (cluster.pk, p.start) not in submitted
        ]
        overdue = [p for p in waiting if p.is_due(today)]
        # Only the latest overdue period is reminded of, so a first run does not send one mail per past period.
        reminders = [(p, ReportReminder.Kind.OVERDUE) for p in overdue[-1:]]
        reminders += [
            (p, ReportReminder.Kind.DUE_SOON) for p in waiting if not p.is_due(today) and p.due_on - today <= soon
        ]
        due += [(cluster, p, kind) for p, kind in reminders if (cluster.pk, p.start, kind) not in sent]
    return due


def send_report_reminders() -> int:
    """Remind each CEO of reports due soon and of their latest overdue report; returns the number sent."""
    started_at = timezone.now()
    today = timezone.localdate()
    sent = 0
    for cluster, period, kind in reminders_due(today=today):
        ceo = leadership(cluster=cluster).ceo
        if ceo is None:  # nobody to remind yet; tried again on the next run
            continue
        if not ceo.email:
            continue
        with translation.override(ceo.preferred_language or settings.LANGUAGE_CODE):
            if kind == ReportReminder.Kind.OVERDUE:
                subject = _("A periodic report is overdue")
            else:
                subject = _("A periodic report is due soon")
            body = _("%(cluster)s: the report for %(period)s is due on %(due)s.") % {
                "cluster": cluster.name,
                "period": period.label,
                "due": formats.date_format(period.due_on, "SHORT_DATE_FORMAT"),
            }
        try:
            with transaction.atomic():
                ReportReminder.objects.create(cluster=cluster, period_start=period.start, kind=kind)
                send_email(
                    key=f"{REMINDER_KEY_PREFIX}{cluster.pk}:{period.start.isoformat()}:{kind}:{ceo.pk}",
                    to=ceo.email,
                    subject=str(subject),
                    body=body,
                )
        except IntegrityError:  # another worker reminded at the same moment
            continue
        sent += 1
    # Reminders owed earlier whose send failed (SMTP refused, broker down) and whose retry time has come.
    relay_due(key_prefix=REMINDER_KEY_PREFIX, created_before=started_at)
    return sent
