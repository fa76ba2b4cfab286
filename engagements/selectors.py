"""Read API of the engagements app for the apps above it (oversight).

Oversight sees what clusters submit about their engagements: who (the advisor's organisation), which model,
needs, goals served, approved hours and cost, state. Never the content of the advice: no work-log text,
no deliverables, no reviews.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from advisors.models import RelationshipModel
from clusters.models import Goal

from .models import Engagement, State, WorkLog, WorkLogState
from .spending import PlanBurn, burn_by_cluster


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
    engagements = Engagement.objects.filter(
        cluster_id__in=list(cluster_ids), starts_on__lte=period_end, ends_on__gte=period_start
    ).exclude(state="draft")
    rows = list(
        engagements.annotate(approved_hours=Coalesce(Subquery(approved_hours), Value(Decimal(0))))
        .order_by("cluster_id", "starts_on", "pk")
        .values_list(
            "pk",
            "cluster_id",
            "advisor__organisation__name",
            "model",
            "state",
            "starts_on",
            "ends_on",
            "hourly_rate",
            "approved_hours",
        )
    )
    # Needs and goals as plain rows too: a national view reads thousands of engagements.
    chosen = engagements.values("pk")
    needs, goals = {}, {}
    if not rows:
        return []
    for engagement_id, code in (
        Engagement.needs.through.objects.filter(engagement_id__in=chosen)
        .order_by("need__group__position", "need__position", "need__code")
        .values_list("engagement_id", "need__code")
    ):
        needs.setdefault(engagement_id, []).append(code)
    goal_ids = {}
    for engagement_id, goal_id, *names in (
        Engagement.goals.through.objects.filter(engagement_id__in=chosen)
        .order_by("goal_id")
        .values_list("engagement_id", "goal_id", "goal__name", "goal__name_ar", "goal__name_en")
    ):
        goals.setdefault(engagement_id, []).append(Goal(name=names[0], name_ar=names[1], name_en=names[2]).display_name)
        goal_ids.setdefault(engagement_id, []).append(goal_id)
    return [
        EngagementSummary(
            engagement_id=pk,
            cluster_id=cluster_id,
            advisor_organisation=organisation,
            model=model,
            state=state,
            needs=needs.get(pk, []),
            goals_served=goals.get(pk, []),
            approved_hours=Decimal(hours),
            approved_cost=(Decimal(hours) * rate).quantize(Decimal("0.01")),
            starts_on=starts_on,
            ends_on=ends_on,
            goal_ids=tuple(sorted(goal_ids.get(pk, []))),
        )
        for pk, cluster_id, organisation, model, state, starts_on, ends_on, rate, hours in rows
    ]


def summary_labels(*, model: str, state: str) -> tuple[str, str]:
    """The labels, in the active language, of a summary's relationship model and state ("" for an unknown code)."""
    return (
        str(RelationshipModel(model).label) if model in RelationshipModel else "",
        str(State(state).label) if state in State else "",
    )


def engagement_summary_rows(*, engagements):
    """These engagements annotated for a summary: organisation, model, needs, goals served, approved hours and
    cost of all their approved work. A queryset (for paging); no advice content is selected."""
    approved = Q(work_logs__state=WorkLogState.APPROVED)
    return (
        Engagement.objects.filter(pk__in=engagements.values("pk"))
        .select_related("advisor__organisation")
        .prefetch_related("needs", Prefetch("goals", queryset=Goal.objects.only("pk", "name", "name_ar", "name_en")))
        .annotate(approved_hours=Coalesce(Sum("work_logs__hours", filter=approved), Value(Decimal(0))))
        .annotate(
            approved_cost=ExpressionWrapper(
                F("approved_hours") * F("hourly_rate"), output_field=DecimalField(max_digits=14, decimal_places=2)
            )
        )
    )


def engagements_readable_by(*, user, overseen_cluster_ids=()):
    """The engagements a person reads: their cluster's or their own (the pages' rule), and for an oversight
    role the submitted engagements (no drafts) of the clusters they oversee."""
    from .permissions import engagements_visible_to

    visible = engagements_visible_to(user).values("pk")
    condition = Q(pk__in=visible)
    if overseen_cluster_ids:
        condition |= Q(cluster_id__in=list(overseen_cluster_ids)) & ~Q(state=State.DRAFT)
    return Engagement.objects.filter(condition)


def plan_burn_by_cluster(*, cluster_ids, year: int, today: date, summaries=None, goals=None) -> dict[int, PlanBurn]:
    """Each cluster's spending against the year's work plan (engagements.spending.PlanBurn), by cluster id: the
    approved engagement cost on the lines serving its goals and the CEO's other spending, per line, goal and core
    service, against the time elapsed (three queries, or one with `summaries` and `goals` given)."""
    return burn_by_cluster(cluster_ids=cluster_ids, year=year, today=today, summaries=summaries, goals=goals)


def cluster_open_needs(*, cluster) -> list:
    """For the apps above (the national cluster's calls): the cluster's open needs, each an OpenNeed with its
    need and where it was expressed (engagements.needs.open_needs; three queries)."""
    from .needs import open_needs

    return open_needs(cluster=cluster)


@dataclass(frozen=True)
class ForumFacilitation:
    """An advisor's forum-facilitation work on one engagement, for the forum it facilitates: counts and hours only,
    never the entries' text."""

    engagement_id: int
    entries: int
    hours: Decimal
    approved_hours: Decimal


def forum_facilitation(*, engagement_id: int) -> ForumFacilitation:
    """The engagement's work logs of activity "forum facilitation" (returned entries left out): how many, their
    hours and the hours approved. One query."""
    from django.db.models import Count

    from .models import ActivityKind

    zero = Value(Decimal(0), output_field=DecimalField(max_digits=10, decimal_places=2))
    row = (
        WorkLog.objects.filter(engagement_id=engagement_id, activity=ActivityKind.FORUM)
        .exclude(state=WorkLogState.RETURNED)
        .aggregate(
            entries=Count("pk"),
            total_hours=Coalesce(Sum("hours"), zero),
            total_approved=Coalesce(Sum("hours", filter=Q(state=WorkLogState.APPROVED)), zero),
        )
    )
    return ForumFacilitation(engagement_id, row["entries"], Decimal(row["total_hours"]), Decimal(row["total_approved"]))


def facilitation_engagements(*, user, advisor_person_ids):
    """Engagements `user` reads on the engagements pages whose advisor is one of these people, active or completed:
    what the chair of a forum may link as its facilitating engagement."""
    return (
        engagements_readable_by(user=user)
        .filter(advisor__person_id__in=advisor_person_ids, state__in=[State.ACTIVE, State.COMPLETED])
        .select_related("cluster")
        .order_by("-starts_on", "pk")
    )
