from dataclasses import asdict, fields
from datetime import date
from decimal import Decimal

from engagements import services
from engagements.selectors import EngagementSummary, engagement_summaries
from tests.factories.engagements import draft_engagement

PRIVATE_TEXT = "Secret advice about the mayor"


def test_oversight_summary_has_hours_cost_and_goals_but_no_private_fields(engaged_world, django_assert_num_queries):
    entry = services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 3, 2),
        hours=Decimal("2.5"),
        activity="advice",
        text=PRIVATE_TEXT,
    )
    services.approve_work_log(entry=entry, approved_by=engaged_world.ceo)
    services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 3, 3),
        hours=Decimal(1),
        activity="advice",
        text=PRIVATE_TEXT,
    )
    draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    with django_assert_num_queries(3):
        summaries = engagement_summaries(
            cluster_ids=[engaged_world.cluster.pk], period_start=date(2026, 1, 1), period_end=date(2026, 3, 31)
        )
    assert [asdict(summary) for summary in summaries] == [
        {
            "engagement_id": engaged_world.engagement.pk,
            "cluster_id": engaged_world.cluster.pk,
            "advisor_organisation": engaged_world.organisation.name,
            "model": "supplier",
            "needs": ["management.workplan_budget"],
            "goals_served": [engaged_world.goal.name],
            "approved_hours": Decimal("2.5"),
            "approved_cost": Decimal("1000.00"),
            "state": "active",
            "starts_on": date(2026, 1, 1),
            "ends_on": date(2026, 12, 31),
            "goal_ids": (engaged_world.goal.pk,),
        }
    ]
    assert {field.name for field in fields(EngagementSummary)}.isdisjoint(
        {"text", "scope", "reviews", "deliverables", "declaration_text", "close_reason", "work_logs"}
    )
    assert PRIVATE_TEXT not in repr(summaries)


def test_summary_of_another_cluster_or_period_is_empty(engaged_world):
    assert (
        engagement_summaries(
            cluster_ids=[engaged_world.other_cluster.pk], period_start=date(2026, 1, 1), period_end=date(2026, 12, 31)
        )
        == []
    )
    assert (
        engagement_summaries(
            cluster_ids=[engaged_world.cluster.pk], period_start=date(2027, 1, 1), period_end=date(2027, 3, 31)
        )
        == []
    )
