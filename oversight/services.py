"""Oversight workflows: the access log and findings."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import record_event
from clusters.models import Cluster
from outbox.services import dispatch_task

from .models import AccessLogEntry, Finding, StatusRecord


def record_access(*, user: User, page: str, cluster: Cluster | None = None) -> AccessLogEntry:
    """Record one oversight page view (who, which cluster, which page, when)."""
    return AccessLogEntry.objects.create(user=user, cluster=cluster, page=page)


@transaction.atomic
def raise_finding(
    *, cluster: Cluster, raised_by: User, severity: str, text: str, due_on: date, request=None
) -> Finding:
    """A referent raises a finding on a cluster; it starts open."""
    finding = Finding.objects.create(cluster=cluster, raised_by=raised_by, severity=severity, text=text, due_on=due_on)
    StatusRecord.objects.set_aside(cluster_ids=[cluster.pk])  # overdue findings count in the status
    record_event(action="finding_raised", actor=raised_by, target=finding, request=request)
    dispatch_task(
        key=f"finding-raised:{finding.pk}", task="oversight.notifications.notify_finding_raised", args=(finding.pk,)
    )
    return finding


@transaction.atomic
def answer_finding(*, finding: Finding, answered_by: User, answer: str, request=None) -> bool:
    """The cluster's CEO answers an open finding. Returns False when it was no longer open."""
    updated = Finding.objects.filter(pk=finding.pk, state=Finding.State.OPEN).update(
        state=Finding.State.ANSWERED, answer=answer, answered_by=answered_by, answered_at=timezone.now()
    )
    if updated:
        StatusRecord.objects.set_aside(cluster_ids=[finding.cluster_id])
        record_event(action="finding_answered", actor=answered_by, target=finding, request=request)
    return bool(updated)


@transaction.atomic
def close_finding(*, finding: Finding, closed_by: User, request=None) -> bool:
    """A referent closes an open or answered finding. Returns False when it was already closed."""
    updated = (
        Finding.objects.filter(pk=finding.pk)
        .exclude(state=Finding.State.CLOSED)
        .update(state=Finding.State.CLOSED, closed_by=closed_by, closed_at=timezone.now())
    )
    if updated:
        StatusRecord.objects.set_aside(cluster_ids=[finding.cluster_id])
        record_event(action="finding_closed", actor=closed_by, target=finding, request=request)
    return bool(updated)
