"""Spending against the work plan: approved engagement cost attributed to the lines serving its goals, the CEO's
other spending, burn per line, goal and core service against the time elapsed, and the off-plan rule."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters import services as cluster_services
from clusters.models import Service, Spending, WorkPlan, WorkPlanItem
from engagements import services as engagement_services
from engagements.spending import burn_by_cluster, elapsed_share
from oversight.rules import ClusterFacts, assess
from tests.factories.advisors import make_profile
from tests.factories.clusters import GoalFactory, ServiceFactory
from tests.factories.engagements import active_engagement

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def plan_with_spending(world):
    service = ServiceFactory(cluster=world.cluster, level=Service.Level.CORE, name_en="Waste")
    first, second = GoalFactory(service=service, name="Cost"), GoalFactory(service=service, name="Gap")
    plan = WorkPlan.objects.create(cluster=world.cluster, year=YEAR)
    whole = WorkPlanItem.objects.create(
        plan=plan,
        title="Tender",
        budget_amount=Decimal(100_000),
        starts_on=date(YEAR, 1, 1),
        ends_on=date(YEAR, 12, 31),
    )
    whole.goals.set([first])
    half = WorkPlanItem.objects.create(
        plan=plan, title="Pilot", budget_amount=Decimal(50_000), starts_on=date(YEAR, 1, 1), ends_on=date(YEAR, 6, 30)
    )
    half.goals.set([first, second])
    cluster_services.record_spending(
        item=half, amount=Decimal(30_000), spent_on=date(YEAR, 3, 1), description="vet", recorded_by=world.ceo
    )
    profile = make_profile()
    engagement = active_engagement(
        cluster=world.cluster,
        ceo=world.ceo,
        profile=profile,
        goals=[first],
        starts_on=date(YEAR, 1, 1),
        ends_on=date(YEAR, 12, 31),
        hourly_rate=Decimal(400),
    )
    entry = engagement_services.log_work(
        engagement=engagement,
        advisor=profile.person,
        worked_on=timezone.localdate(),
        hours=Decimal(10),
        activity="advice",
        text="private",
    )
    engagement_services.approve_work_log(entry=entry, approved_by=world.ceo)
    return whole, half


def rows(burns):
    return [(b.label, b.budget, b.engagement_cost, b.other_spending, b.spent, b.share, b.expected_share) for b in burns]


def test_elapsed_share_counts_both_ends():
    assert elapsed_share(starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 10), today=date(2026, 1, 5)) == Decimal(
        "0.5"
    )
    assert elapsed_share(starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 10), today=date(2025, 12, 1)) == 0
    assert elapsed_share(starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 10), today=date(2026, 3, 1)) == 1


def test_burn_per_line_goal_and_core_service_with_exact_figures(world):
    plan_with_spending(world)
    today = date(YEAR, 4, 30)  # 120 days into the year; the pilot line runs 181 days to June 30
    burn = burn_by_cluster(cluster_ids=[world.cluster.pk], year=YEAR, today=today)[world.cluster.pk]
    year_days = (date(YEAR, 12, 31) - date(YEAR, 1, 1)).days + 1
    whole_expected = (Decimal(120) / Decimal(year_days)).quantize(Decimal("0.0001"))
    half_days = (date(YEAR, 6, 30) - date(YEAR, 1, 1)).days + 1
    half_expected = (Decimal(120) / Decimal(half_days)).quantize(Decimal("0.0001"))
    # 10 approved hours at ₪400 serve the Cost goal, which both lines serve: ₪2,000 each.
    assert rows(burn.lines) == [
        ("Tender", Decimal(100_000), Decimal(2000), Decimal(0), Decimal(2000), Decimal("0.0200"), whole_expected),
        ("Pilot", Decimal(50_000), Decimal(2000), Decimal(30_000), Decimal(32_000), Decimal("0.6400"), half_expected),
    ]
    # The pilot line serves both goals: its budget and spending are split in half between them.
    cost, gap = burn.goals
    assert (cost.label, cost.budget, cost.spent, cost.share) == (
        "Cost",
        Decimal(125_000),
        Decimal(18_000),
        Decimal("0.1440"),
    )
    assert (gap.label, gap.budget, gap.spent, gap.share) == ("Gap", Decimal(25_000), Decimal(16_000), Decimal("0.6400"))
    (service,) = burn.services
    assert (service.label, service.budget, service.spent, service.share) == (
        "Waste",
        Decimal(150_000),
        Decimal(34_000),
        Decimal("0.2267"),
    )
    assert (burn.total.budget, burn.total.spent, burn.total.share, burn.total.percent) == (
        Decimal(150_000),
        Decimal(34_000),
        Decimal("0.2267"),
        23,
    )
    assert burn.unattributed == Decimal(0)


def test_engagement_cost_serving_no_line_is_shown_unattributed(world):
    whole, half = plan_with_spending(world)
    whole.goals.clear()
    half.goals.clear()
    burn = burn_by_cluster(cluster_ids=[world.cluster.pk], year=YEAR, today=date(YEAR, 4, 30))[world.cluster.pk]
    assert burn.unattributed == Decimal(4000)
    assert burn.total.spent == Decimal(30_000)


def test_far_over_and_under_spending_fire_the_rule_and_close_to_plan_does_not():
    facts = {"today": date(2026, 5, 15), "operating_core_services": 1, "work_plan_status": "approved"}
    over = assess(ClusterFacts(**facts, burn_share=Decimal("0.6267"), expected_burn_share=Decimal("0.4402")))
    under = assess(ClusterFacts(**facts, burn_share=Decimal("0.2267"), expected_burn_share=Decimal("0.8886")))
    close = assess(ClusterFacts(**facts, burn_share=Decimal("0.2267"), expected_burn_share=Decimal("0.4402")))
    assert [(r.code, r.message) for r in over.fired] == [
        (
            "budget_burn_off_plan",
            "The work plan has spent 63% of its budget; the time elapsed calls for 44% (overspending).",
        )
    ]
    assert [(r.code, r.message) for r in under.fired] == [
        (
            "budget_burn_off_plan",
            "The work plan has spent 23% of its budget; the time elapsed calls for 89% (underspending).",
        )
    ]
    assert close.fired == []


def test_the_drill_down_shows_the_burn_tables(world, english_client):
    plan_with_spending(world)
    response = english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk]))
    page = response.content.decode()
    for key in ("lines", "goals", "services", "total"):
        assert f'data-burn="{key}"' in page
    assert response.context["row"].burn.total.spent == Decimal(34_000)


def test_the_ceo_records_spending_and_a_future_date_is_refused(world, english_client):
    whole, _half = plan_with_spending(world)
    client = english_client(world.ceo)
    url = reverse("clusters:spending_create", kwargs={"pk": world.cluster.pk})
    client.post(
        url, {"item": whole.pk, "amount": "1500", "spent_on": date(YEAR, 1, 2).isoformat(), "description": "ad"}
    )
    client.post(url, {"item": whole.pk, "amount": "900", "spent_on": "2999-01-01", "description": "later"})
    client.post(url, {"item": whole.pk, "amount": "-5", "spent_on": date(YEAR, 1, 2).isoformat(), "description": "x"})
    assert list(Spending.objects.filter(item=whole).values_list("amount", "description")) == [(Decimal(1500), "ad")]


def test_a_board_member_cannot_record_spending(world, english_client):
    whole, _half = plan_with_spending(world)
    response = english_client(world.board_member).post(
        reverse("clusters:spending_create", kwargs={"pk": world.cluster.pk}),
        {"item": whole.pk, "amount": "1500", "spent_on": date(YEAR, 1, 2).isoformat(), "description": "ad"},
    )
    assert response.status_code == 403
    assert Spending.objects.count() == 1
