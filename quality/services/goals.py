"""Goals whose measurements are computed from the service-quality measures, written through clusters' services."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import record_event
from clusters import services as cluster_services
from clusters.models import Goal, Measurement

from ..models import LOWER_IS_BETTER, Metric, QualityGoalSource
from ..selectors import monthly_values

SOURCE_TEXT = "מדדי איכות שירות (מחושב מהפניות)"
REASON = "recomputed from the inquiries after an import"


def _value(source: QualityGoalSource, by_authority: dict) -> tuple[Decimal | None, dict]:
    values = {a: v for a, v in by_authority.items() if v is not None}
    if source.aggregate == QualityGoalSource.Aggregate.AUTHORITIES:
        return None, values
    if not values:
        return None, {}
    numbers = sorted(values.values())
    if source.aggregate == QualityGoalSource.Aggregate.WORST:
        return (numbers[-1] if source.metric in LOWER_IS_BETTER else numbers[0]), {}
    middle = len(numbers) // 2
    value = numbers[middle] if len(numbers) % 2 else (numbers[middle - 1] + numbers[middle]) / 2
    return Decimal(value).quantize(Decimal("0.01")), {}


@transaction.atomic
def sync_goal_source(*, source: QualityGoalSource) -> int:
    """Write the goal's monthly measurements from the measures (recording new months, correcting changed ones).

    Returns the number of measurements recorded or corrected. A month whose value did not change is left alone.
    """
    goal = source.goal
    months = monthly_values(service=goal.service, metric=source.metric)
    existing = {
        m.period_start: m
        for m in Measurement.objects.filter(goal=goal, period_kind=Measurement.PeriodKind.MONTH).prefetch_related(
            "authority_values__authority"
        )
    }
    written = 0
    for month, by_authority in months.items():
        if month < goal.baseline_on.replace(day=1):
            continue
        value, authority_values = _value(source, by_authority)
        if value is None and not authority_values:
            continue
        current = existing.get(month)
        if current is None:
            cluster_services.record_measurement(
                goal=goal,
                period_kind=Measurement.PeriodKind.MONTH,
                period_start=month,
                value=value,
                authority_values=authority_values,
                source=SOURCE_TEXT,
                entered_by=None,
            )
            written += 1
            continue
        old = {v.authority_id: v.value for v in current.authority_values.all()}
        if current.value != value or old != {a.pk: v for a, v in authority_values.items()}:
            cluster_services.correct_measurement(
                measurement=current,
                value=value,
                authority_values=authority_values
                if source.aggregate == QualityGoalSource.Aggregate.AUTHORITIES
                else None,
                source=SOURCE_TEXT,
                corrected_by=None,
                reason=REASON,
            )
            written += 1
    return written


def sync_cluster_goal_sources(*, cluster_id: int) -> int:
    return sum(
        sync_goal_source(source=source)
        for source in QualityGoalSource.objects.filter(goal__service__cluster_id=cluster_id).select_related(
            "goal__service"
        )
    )


@transaction.atomic
def link_goal(*, goal: Goal, metric: str, aggregate: str, linked_by: User | None) -> QualityGoalSource:
    """Compute a gap or custom-indicator goal's measurements from a quality measure from now on."""
    source, _created = QualityGoalSource.objects.update_or_create(
        goal=goal, defaults={"metric": metric, "aggregate": aggregate}
    )
    cluster_services.set_goal_computed(
        goal=goal,
        computed_from=_("the service-quality measures (%(metric)s, %(aggregate)s)")
        % {"metric": Metric(metric).label, "aggregate": QualityGoalSource.Aggregate(aggregate).label},
    )
    record_event(action="quality_goal_source_saved", actor=linked_by, target=goal, data={"metric": metric})
    sync_goal_source(source=source)
    return source
