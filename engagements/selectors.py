"""Read API of the engagements app for the apps above it (oversight).

Oversight sees what clusters submit about their engagements: who (the advisor's organisation), which model,
needs, goals served, approved hours and cost, state. Never the content of the advice: no work-log text,
no deliverables, no reviews.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from advisors.models import Need, RelationshipModel
from clusters.models import Goal

from .models import Engagement, State, WorkLog, WorkLogState


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


def engagement_summaries(*, cluster_ids, period_start: date, period_end: date) -> list[EngagementSummary]:
    """Engagements of these clusters that overlap the period (drafts excluded), with hours and cost approved
    for work done within the period. Three queries whatever the number of engagements.

    The approved hours are summed per engagement in a subquery whose dates and state are in its WHERE (so it reads
    only the period's approved entries through the engagement index), and only the columns shown are loaded: the
    advisor's profile (bios, search text) stays out of the rows and of the sort."""
    approved_hours = (
        WorkLog.objects.filter(
            engagement=OuterRef("pk"),
            state=WorkLogState.APPROVED,
            worked_on__gte=period_start,
            worked_on__lte=period_end,
        )
        .order_by()
        .values("engagement")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    engagements = (
        Engagement.objects.filter(
            cluster_id__in=list(cluster_ids), starts_on__lte=period_end, ends_on__gte=period_start
        )
        .exclude(state="draft")
        .select_related("advisor__organisation")
        .only(
            "cluster_id",
            "model",
            "state",
            "starts_on",
            "ends_on",
            "hourly_rate",
            "advisor__organisation",
            "advisor__organisation__name",
        )
        .prefetch_related(
            Prefetch("needs", queryset=Need.objects.only("pk", "code")),
            Prefetch("goals", queryset=Goal.objects.only("pk", "name")),
        )
        .annotate(approved_hours=Coalesce(Subquery(approved_hours), Value(Decimal(0))))
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
        )
        for engagement in engagements
    ]


def summary_labels(*, model: str, state: str) -> tuple[str, str]:
    """The labels, in the active language, of a summary's relationship model and state ("" for an unknown code)."""
    return (
        str(RelationshipModel(model).label) if model in RelationshipModel else "",
        str(State(state).label) if state in State else "",
    )
