"""Read API of the forums for the apps above them (oversight, api): what a cluster's people agreed in forums and how
it is kept — counts of decisions by status and overdue, per cluster of the forums' scope. Never the minutes' text."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import Decision, DecisionStatus


@dataclass(frozen=True)
class DecisionCounts:
    cluster_id: int
    open: int = 0
    done: int = 0
    overdue: int = 0


def decision_counts(*, cluster_ids) -> dict[int, DecisionCounts]:
    """Decisions of forums scoped to these clusters (a cluster forum), by status; one query."""
    cluster_ids = list(cluster_ids)
    today = timezone.localdate()
    pending = [DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS]
    rows = (
        Decision.objects.filter(forum__cluster_id__in=cluster_ids)
        .values("forum__cluster_id")
        .annotate(
            open=Count("pk", filter=Q(status__in=pending)),
            done=Count("pk", filter=Q(status=DecisionStatus.DONE)),
            overdue=Count("pk", filter=Q(status__in=pending, due_on__lt=today)),
        )
        .order_by()
    )
    result = {cluster_id: DecisionCounts(cluster_id) for cluster_id in cluster_ids}
    for row in rows:
        cluster_id = row["forum__cluster_id"]
        result[cluster_id] = DecisionCounts(cluster_id, row["open"], row["done"], row["overdue"])
    return result
