"""Factories for the engagements app. Engagements are made through the services, so the rules apply."""

from datetime import date
from decimal import Decimal

from advisors.models import Need
from engagements import services
from tests.factories.clusters import GoalFactory, ServiceFactory


def goal_of(cluster, **values):
    """An active goal on a new service of this cluster."""
    return GoalFactory(service=ServiceFactory(cluster=cluster), **values)


def draft_engagement(
    *,
    cluster,
    ceo,
    profile,
    goals=(),
    needs=("management.workplan_budget",),
    starts_on=date(2026, 1, 1),
    ends_on=date(2026, 12, 31),
    budget_hours=Decimal(100),
    budget_amount=None,
    hourly_rate=Decimal(400),
    scope="Work plan and budget for the waste service",
):
    return services.create_engagement(
        cluster=cluster,
        profile=profile,
        model=profile.organisation.relationship_model,
        needs=list(Need.objects.filter(code__in=needs)),
        goals=list(goals),
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        budget_hours=budget_hours,
        budget_amount=budget_amount,
        hourly_rate=hourly_rate,
        created_by=ceo,
    )


def active_engagement(*, cluster, ceo, profile, **values):
    engagement = draft_engagement(cluster=cluster, ceo=ceo, profile=profile, **values)
    services.propose_engagement(engagement=engagement, proposed_by=ceo)
    return services.accept_engagement(
        engagement=engagement, accepted_by=profile.person, declaration=services.DECLARATION_TEXT_DEFAULT
    )
