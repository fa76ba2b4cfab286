"""Engagements with approved work for the oversight tests, made through the engagements services."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from engagements import services
from tests.factories.advisors import make_profile
from tests.factories.engagements import active_engagement

PRIVATE_TEXT = "Private advice about the mayor's budget"


def engagement_with_work(*, cluster, ceo, hours=(Decimal(2),), needs=("management.workplan_budget",), rate=400):
    """An active engagement of this cluster this year with one approved work log per hours value (and one entry
    still awaiting approval, which does not count)."""
    today = timezone.localdate()
    profile = make_profile()
    engagement = active_engagement(
        cluster=cluster,
        ceo=ceo,
        profile=profile,
        needs=needs,
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year, 12, 31),
        hourly_rate=Decimal(rate),
    )
    for value in hours:
        entry = services.log_work(
            engagement=engagement,
            advisor=profile.person,
            worked_on=today,
            hours=Decimal(value),
            activity="advice",
            text=PRIVATE_TEXT,
        )
        services.approve_work_log(entry=entry, approved_by=ceo)
    services.log_work(
        engagement=engagement,
        advisor=profile.person,
        worked_on=today,
        hours=Decimal(1),
        activity="advice",
        text=PRIVATE_TEXT,
    )
    return engagement
