"""Risk-flag recomputation and the referents' weekly digest.

Every day the status of every cluster is recomputed from the same rules as the dashboard and kept as a
``StatusRecord``; once a week each referent receives, in their language, the clusters they oversee that are red or
amber (with the rules that fired) and the ones whose status changed since a week ago. Both are idempotent: a day's
record is written once (updated if recomputed) and a week's digest is sent once per referent.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import RoleAssignment, User
from accounts.roles import OVERSIGHT_ROLES
from accounts.weeks import week_start
from clusters.models import Cluster
from outbox.services import send_email

from .kept import snapshot_digest, snapshot_of
from .models import DigestDelivery, StatusRecord
from .permissions import clusters_overseen_by
from .rules import AMBER, RED, STATUS_LABELS
from .selectors import dashboard_rows

# How far back the digest looks for the status to compare with.
DIGEST_LOOKBACK_DAYS = 7


def record_statuses(*, today: date | None = None) -> int:
    """Recompute every cluster's status and dashboard row and keep them for the day; running again on a day updates
    the same rows (the beat runs it every OVERSIGHT_STATUS_REFRESH_MINUTES minutes, see config/settings/base.py)."""
    today = today or timezone.localdate()
    rows = dashboard_rows(clusters=Cluster.objects.order_by("pk"), today=today)
    records = []
    for row in rows:
        snapshot = snapshot_of(row)
        records.append(
            StatusRecord(
                cluster=row.cluster,
                day=today,
                status=row.status,
                rules=[rule.code for rule in row.assessment.fired],
                snapshot=snapshot,
                snapshot_digest=snapshot_digest(snapshot),
            )
        )
    StatusRecord.objects.bulk_create(
        records,
        update_conflicts=True,
        unique_fields=["cluster", "day"],
        update_fields=["status", "rules", "snapshot", "snapshot_digest"],
        batch_size=500,
    )
    return len(records)


def week_of(day: date) -> date:
    """The first day (Sunday by default) of the week of `day`: a referent's digest covers one such week."""
    return week_start(day)


@dataclass(frozen=True)
class DigestLine:
    cluster: Cluster
    status: str
    label: str
    explanation: str
    previous: str | None  # the label of the status a week ago, when it differs; None when unchanged or unknown


@dataclass(frozen=True)
class Digest:
    attention: list  # red and amber clusters, red first
    changed: list  # clusters whose status differs from a week ago
    counts: dict  # status -> number of clusters


def digest_for(*, user: User, today: date | None = None) -> Digest | None:
    """What a referent's digest says, or None when they oversee no cluster."""
    today = today or timezone.localdate()
    clusters = clusters_overseen_by(user).order_by("name_he")
    rows = dashboard_rows(clusters=clusters, today=today)
    if not rows:
        return None
    cutoff = today - timedelta(days=DIGEST_LOOKBACK_DAYS)
    previous = {}
    for cluster_id, status in (
        StatusRecord.objects.filter(
            cluster_id__in=[row.cluster.pk for row in rows], day__lte=cutoff, day__gt=cutoff - timedelta(days=31)
        )
        .order_by("cluster_id", "-day")
        .values_list("cluster_id", "status")
    ):
        previous.setdefault(cluster_id, status)
    lines = []
    for row in rows:
        before = previous.get(row.cluster.pk)
        lines.append(
            DigestLine(
                cluster=row.cluster,
                status=row.status,
                label=str(row.assessment.label),
                explanation=row.assessment.explanation,
                previous=str(STATUS_LABELS[before]) if before in STATUS_LABELS and before != row.status else None,
            )
        )
    order = {RED: 0, AMBER: 1}
    attention = sorted((line for line in lines if line.status in order), key=lambda line: order[line.status])
    counts = {}
    for line in lines:
        counts[line.status] = counts.get(line.status, 0) + 1
    return Digest(attention=attention, changed=[line for line in lines if line.previous], counts=counts)


def referents(*, today: date | None = None):
    """People who hold an oversight role today."""
    ids = RoleAssignment.objects.active(today).of_roles(OVERSIGHT_ROLES).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("pk")


def send_digest(*, user: User, today: date | None = None) -> bool:
    """Send this week's digest to one referent, once; False when already sent or there is nothing to oversee."""
    today = today or timezone.localdate()
    week = week_of(today)
    if DigestDelivery.objects.filter(user=user, week_of=week).exists():
        return False
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        digest = digest_for(user=user, today=today)
        if digest is None:
            return False
        context = {"user": user, "digest": digest, "week_of": week, "platform_url": settings.PLATFORM_URL}
        subject = render_to_string("emails/oversight/digest_subject.txt", context).strip()
        body = render_to_string("emails/oversight/digest_body.txt", context)
    try:
        # The week's delivery is recorded and its email owed in one transaction; the outbox sends it (and retries).
        with transaction.atomic():
            DigestDelivery.objects.create(user=user, week_of=week)
            send_email(key=f"referent-digest:{week.isoformat()}:{user.pk}", to=user.email, subject=subject, body=body)
    except IntegrityError:
        return False  # another worker sent it a moment ago
    return True
