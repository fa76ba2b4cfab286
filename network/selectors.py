"""Read API of the national cluster for the app above it (oversight).

Oversight sees the outcomes of the clusters' applications to calls: how many were submitted, won and lost and
the sums requested and won. Never the applications' notes or any document.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import Application, ApplicationStatus


@dataclass(frozen=True)
class ApplicationOutcomes:
    cluster_id: int
    intended: int = 0
    submitted: int = 0
    won: int = 0
    lost: int = 0
    amount_won: Decimal = Decimal(0)

    @property
    def decided(self) -> int:
        return self.won + self.lost

    @property
    def total(self) -> int:
        return self.intended + self.submitted + self.won + self.lost


def application_outcomes(*, cluster_ids) -> dict[int, ApplicationOutcomes]:
    """Counts of applications per status and the sum won, per cluster id (one query; zeros for a cluster without
    applications)."""
    cluster_ids = list(cluster_ids)
    zero = Value(Decimal(0), output_field=DecimalField(max_digits=16, decimal_places=2))
    rows = (
        Application.objects.filter(cluster_id__in=cluster_ids)
        .values("cluster_id")
        .annotate(
            intended=Count("pk", filter=Q(status=ApplicationStatus.INTENDED)),
            submitted=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
            won=Count("pk", filter=Q(status=ApplicationStatus.WON)),
            lost=Count("pk", filter=Q(status=ApplicationStatus.LOST)),
            amount_won=Coalesce(Sum("amount_won", filter=Q(status=ApplicationStatus.WON)), zero),
        )
        .order_by("cluster_id")
    )
    result = {cluster_id: ApplicationOutcomes(cluster_id) for cluster_id in cluster_ids}
    for row in rows:
        result[row["cluster_id"]] = ApplicationOutcomes(
            cluster_id=row["cluster_id"],
            intended=row["intended"],
            submitted=row["submitted"],
            won=row["won"],
            lost=row["lost"],
            amount_won=Decimal(row["amount_won"]).quantize(Decimal("0.01")),
        )
    return result
