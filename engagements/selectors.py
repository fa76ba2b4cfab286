"""Read API of the engagements app for the apps above it (oversight).

Oversight sees what clusters submit about their engagements: who (the advisor's organisation), which model,
needs, goals served, approved hours and cost, state. Never the content of the advice: no work-log text,
no deliverables, no reviews.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce

from advisors.models import RelationshipModel
from clusters.models import Goal

from .models import Engagement, State, WorkLogState


@dataclass(frozen=True)
class EngagementSummary:
    engagement_id: int
    cluster_id: int
    advisor_organisation: str
    model: str
    needs: list[str]
    goals_served: list[str]
    approved_hours: Decimal
    approved_cost: Decimal
    state: str
    starts_on: date
    ends_on: date
    goal_ids: tuple = ()  # the goals served, for oversight's attribution of cost to work-plan lines


def engagement_summaries(*, cluster_ids, period_start: date, period_end: date) -> list[EngagementSummary]:
    """Engagements of these clusters that overlap the period (drafts excluded), with hours and cost approved
    for work done within the period. Three queries whatever the number of engagements."""
    approved = Q(
        work_logs__state=WorkLogState.APPROVED,
        work_logs__worked_on__gte=period_start,
        work_logs__worked_on__lte=period_end,
    )
    engagements = (
        Engagement.objects.filter(
            cluster_id__in=list(cluster_ids), starts_on__lte=period_end, ends_on__gte=period_start
        )
        .exclude(state="draft")
        .select_related("advisor__organisation")
        .prefetch_related("needs", Prefetch("goals", queryset=Goal.objects.only("pk", "name")))
        .annotate(approved_hours=Coalesce(Sum("work_logs__hours", filter=approved), Value(Decimal(0))))
        .annotate(
            approved_cost=ExpressionWrapper(
                F("approved_hours") * F("hourly_rate"), output_field=DecimalField(max_digits=14, decimal_places=2)
            )
        )
        .order_by("cluster_id", "starts_on", "pk")
    )
    return [
        EngagementSummary(
            engagement_id=engagement.pk,
            cluster_id=engagement.cluster_id,
            advisor_organisation=engagement.advisor.organisation.name,
            model=engagement.model,
            needs=[need.code for need in engagement.needs.all()],
            goals_served=[goal.name for goal in engagement.goals.all()],
            approved_hours=Decimal(engagement.approved_hours),
            approved_cost=Decimal(engagement.approved_cost).quantize(Decimal("0.01")),
            state=engagement.state,
            starts_on=engagement.starts_on,
            ends_on=engagement.ends_on,
            goal_ids=tuple(sorted(goal.pk for goal in engagement.goals.all())),
        )
        for engagement in engagements
    ]


def summary_labels(*, model: str, state: str) -> tuple[str, str]:
    """The labels, in the active language, of a summary's relationship model and state ("" for an unknown code)."""
    return (
        str(RelationshipModel(model).label) if model in RelationshipModel else "",
        str(State(state).label) if state in State else "",
    )
