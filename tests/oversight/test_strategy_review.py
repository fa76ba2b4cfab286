"""Oversight reviews board-approved strategic plans like work plans, and sees pilots and their missed reviews."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters import services as cluster_services
from clusters import strategy
from clusters.models import Pilot, WorkPlan
from clusters.models.strategy import add_months
from oversight import strategy_reviews
from oversight.models import Finding, StrategicPlanReview
from oversight.rules import ClusterFacts, assess

pytestmark = pytest.mark.django_db
FIELDS = {"title": "Plan", "vision": "v", "strategic_goals": "g", "starts_year": 2026, "ends_year": 2030}


def board_approved(world):
    plan = strategy.start_strategic_plan(cluster=world.cluster, fields=FIELDS, started_by=world.ceo)
    strategy.add_outcome(
        plan=plan, horizon="long", channel="economic", title="Jobs", measured_by=[], added_by=world.ceo
    )
    strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo)
    strategy.approve_strategic_plan(plan=plan, approved_by=world.board_member)
    return plan


def test_a_draft_plan_does_not_reach_the_queue(world, english_client):
    strategy.start_strategic_plan(cluster=world.cluster, fields=FIELDS, started_by=world.ceo)
    response = english_client(world.referent).get(reverse("oversight:strategy_queue"))
    assert response.context["rows"] == []


def test_the_referent_approves_a_board_approved_plan(world, english_client):
    plan = board_approved(world)
    client = english_client(world.referent)
    rows = client.get(reverse("oversight:strategy_queue")).context["rows"]
    assert [(r.plan.pk, r.state) for r in rows] == [(plan.pk, "awaiting")]
    response = client.post(reverse("oversight:strategy_review", args=[plan.pk]), {"decision": "approved"})
    assert response.status_code == 302
    review = StrategicPlanReview.objects.get()
    assert (review.plan_id, review.decision, review.decided_by) == (plan.pk, "approved", world.referent)


def test_a_return_needs_a_finding_and_raises_it(world, english_client):
    plan = board_approved(world)
    client = english_client(world.referent)
    refused = client.post(reverse("oversight:strategy_review", args=[plan.pk]), {"decision": "returned"})
    assert refused.status_code == 400
    assert StrategicPlanReview.objects.count() == 0
    client.post(
        reverse("oversight:strategy_review", args=[plan.pk]),
        {"decision": "returned", "text": "Link the outcomes to goals", "severity": "high", "due_on": "2030-01-01"},
    )
    finding = Finding.objects.get()
    assert (finding.text, finding.strategic_plan_review.decision) == ("Link the outcomes to goals", "returned")


def test_the_awaiting_count_in_the_database_follows_the_queue(world, english_client):
    def awaiting():
        counted = strategy_reviews.awaiting_strategy_count(cluster_ids=[world.cluster.pk, world.other_cluster.pk])
        queued = strategy_reviews.strategy_queue(clusters=[world.cluster, world.other_cluster])
        assert counted == sum(1 for row in queued if row.is_awaiting)
        return counted

    plan = strategy.start_strategic_plan(cluster=world.cluster, fields=FIELDS, started_by=world.ceo)
    assert awaiting() == 0  # a draft
    outcome = {"horizon": "long", "channel": "economic", "title": "Jobs", "measured_by": []}
    strategy.add_outcome(plan=plan, added_by=world.ceo, **outcome)
    strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo)
    strategy.approve_strategic_plan(plan=plan, approved_by=world.board_member)
    assert awaiting() == 1
    english_client(world.referent).post(reverse("oversight:strategy_review", args=[plan.pk]), {"decision": "approved"})
    assert awaiting() == 0


def test_a_decided_version_is_not_decided_again(world, english_client):
    plan = board_approved(world)
    client = english_client(world.referent)
    client.post(reverse("oversight:strategy_review", args=[plan.pk]), {"decision": "approved"})
    again = client.post(reverse("oversight:strategy_review", args=[plan.pk]), {"decision": "returned", "text": "x"})
    assert again.status_code == 403
    assert list(StrategicPlanReview.objects.values_list("decision", flat=True)) == ["approved"]
    assert Finding.objects.count() == 0


def test_the_treasury_referent_reads_but_does_not_decide(world, english_client):
    plan = board_approved(world)
    client = english_client(world.treasury_referent)
    assert client.get(reverse("oversight:strategy_review", args=[plan.pk])).context["form"] is None
    assert (
        client.post(reverse("oversight:strategy_review", args=[plan.pk]), {"decision": "approved"}).status_code == 403
    )
    assert StrategicPlanReview.objects.count() == 0


def pilot(world, starts_on):
    plan = WorkPlan.objects.create(cluster=world.cluster, year=starts_on.year)
    item = cluster_services.add_work_plan_item(
        plan=plan,
        title="Veterinary pilot",
        budget_line="",
        budget_amount=0,
        owner="",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=300),
        goals=[],
        pilot_starts_on=starts_on,
    )
    return item.pilot


def test_the_drill_down_shows_a_pilots_schedule_and_its_review_due(world, english_client):
    today = timezone.localdate()
    started = add_months(today, -8)
    item_pilot = pilot(world, started)
    response = english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk]))
    page = response.content.decode()
    assert f'data-pilot="{item_pilot.pk}"' in page
    assert f'data-review-due="{add_months(started, 9).isoformat()}"' in page
    assert "Review due" in page
    assert "pilot_review_missed" not in [r.code for r in response.context["row"].assessment.fired]


def test_a_missed_pilot_review_fires_a_rule_until_the_pilot_is_decided(world, english_client):
    today = timezone.localdate()
    item_pilot = pilot(world, add_months(today, -10))
    client = english_client(world.referent)
    row = client.get(reverse("oversight:cluster", args=[world.cluster.pk])).context["row"]
    assert "pilot_review_missed" in [r.code for r in row.assessment.fired]
    strategy.decide_pilot(
        pilot=Pilot.objects.get(pk=item_pilot.pk), decision="stop", reason="no effect", decided_by=world.ceo
    )
    row = client.get(reverse("oversight:cluster", args=[world.cluster.pk])).context["row"]
    assert "pilot_review_missed" not in [r.code for r in row.assessment.fired]


def test_the_missed_pilot_rule_counts_and_dates(world):
    facts = ClusterFacts(
        today=date(2026, 5, 15),
        operating_core_services=1,
        work_plan_status="approved",
        missed_pilot_reviews=[date(2026, 3, 1), date(2026, 1, 31)],
    )
    fired = [r for r in assess(facts).fired if r.code == "pilot_review_missed"]
    assert [(r.level, r.message) for r in fired] == [
        ("amber", "2 pilots' decision reviews are overdue; the oldest was due on 31/01/2026.")
    ]


def _cells(response) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_strategic_plan_queue_exports_its_rows_with_the_decision(world, english_client):
    import io

    from openpyxl import load_workbook

    from oversight.models import AccessLogEntry

    decided = board_approved(world)
    client = english_client(world.referent)
    client.post(reverse("oversight:strategy_review", args=[decided.pk]), {"decision": "approved"})
    awaiting = board_approved(world)
    rows = _cells(client.get(reverse("oversight:strategy_queue_csv")))
    today = timezone.localdate().isoformat()
    assert rows == [
        [
            "Cluster",
            "Plan",
            "Version",
            "First year",
            "Last year",
            "Approved by the board on",
            "State",
            "Decided by",
            "Decided on",
        ],
        [str(world.cluster.name), "Plan", str(awaiting.version), "2026", "2030", today, "Awaiting review", "", ""],
        [
            str(world.cluster.name),
            "Plan",
            str(decided.version),
            "2026",
            "2030",
            today,
            "Approved",
            str(world.referent),
            today,
        ],
    ]
    workbook = load_workbook(io.BytesIO(client.get(reverse("oversight:strategy_queue_xlsx")).content))
    assert [cell.value for cell in next(workbook.active.iter_rows(min_row=2, max_row=2))][:3] == [
        str(world.cluster.name),
        "Plan",
        awaiting.version,
    ]
    assert list(
        AccessLogEntry.objects.filter(page__in=["strategy_csv", "strategy_xlsx"])
        .order_by("pk")
        .values_list("page", flat=True)
    ) == ["strategy_csv", "strategy_xlsx"]


def test_the_strategic_plan_export_is_scoped_like_the_queue(world, english_client):
    board_approved(world)
    rows = _cells(english_client(world.other_referent).get(reverse("oversight:strategy_queue_csv")))
    assert len(rows) == 1
    assert len(_cells(english_client(world.head_referent).get(reverse("oversight:strategy_queue_csv")))) == 2
