"""A work plan shows the ministry's decision: returned with findings to answer and what to do next, approved, or
awaiting review; never "ready for oversight" once the ministry has returned it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters import services
from clusters.models import WorkPlan, WorkPlanItem
from oversight.models import WorkPlanReview

RETURN = {"decision": "returned", "note": "Please revise.", "severity": "high", "text": "No budget for the tender"}
READY = "Approved by the board, ready for oversight"


def as_english(client_as, user):
    client = client_as(user)
    client.cookies["language"] = "en"
    return client


@pytest.fixture
def plan(world):
    plan = services.start_work_plan(cluster=world.cluster, year=timezone.localdate().year, started_by=world.ceo)
    WorkPlanItem.objects.create(
        plan=plan, title="Joint tender", starts_on=timezone.localdate(), ends_on=timezone.localdate()
    )
    services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    services.approve_work_plan(plan=plan, approved_by=world.board_member)
    plan.refresh_from_db()
    return plan


def return_plan(world, client_as, plan, **data):
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = as_english(client_as, world.referent).post(
        reverse("oversight:plan_review", args=[plan.pk]), {**RETURN, "due_on": due, **data}
    )
    assert response.status_code == 302
    return WorkPlanReview.objects.latest("pk")


def plan_page(world, client_as, user=None):
    return as_english(client_as, user or world.ceo).get(reverse("clusters:work_plan", args=[world.cluster.pk]))


def test_a_board_approved_plan_awaits_the_ministrys_review(world, client_as, plan):
    page = plan_page(world, client_as).content.decode()
    assert plan.ministry_state == "awaiting"
    assert "Approved by the board, awaiting the ministry&#x27;s review" in page
    assert "The plan is with the ministry for review" in page


def test_a_returned_plan_reads_returned_with_the_findings_and_what_to_do_next(world, client_as, plan):
    review = return_plan(world, client_as, plan)
    plan.refresh_from_db()
    assert (plan.ministry_state, plan.ministry_decision, plan.ministry_findings, plan.ministry_review_id) == (
        "returned",
        "returned",
        1,
        review.pk,
    )
    for user in (world.ceo, world.board_member):
        response = plan_page(world, client_as, user)
        page = response.content.decode()
        assert 'data-ministry-state="returned"' in page
        assert "Returned by the ministry with findings to answer" in page
        assert READY not in page
        assert "with 1 finding to answer." in page
        assert reverse("oversight:review_outcome", args=[review.pk]) in page
        assert reverse("oversight:findings") in page
        assert "Reopen the work plan and revise it." in page
    outcome = as_english(client_as, world.ceo).get(reverse("oversight:review_outcome", args=[review.pk]))
    assert "No budget for the tender" in outcome.content.decode()


def test_the_drill_down_and_the_review_page_show_the_return(world, client_as, plan):
    review = return_plan(world, client_as, plan)
    client = as_english(client_as, world.referent)
    drill_down = client.get(reverse("oversight:cluster", args=[world.cluster.pk])).content.decode()
    assert "Returned by the ministry with findings to answer · 1 finding to answer" in drill_down
    assert READY not in drill_down
    assert reverse("oversight:review_outcome", args=[review.pk]) in drill_down
    review_page = client.get(reverse("oversight:plan_review", args=[plan.pk])).content.decode()
    assert "Next: the CEO reopens the work plan" in review_page


def test_a_reopened_plan_is_being_revised_and_a_new_board_approval_awaits_a_new_review(world, client_as, plan):
    return_plan(world, client_as, plan)
    assert services.reopen_work_plan(plan=plan, reopened_by=world.ceo)
    plan.refresh_from_db()
    assert (plan.ministry_state, str(plan.status_label)) == (
        "revising",
        "Returned by the ministry, being revised (draft)",
    )
    assert 'data-state="revising"' in plan_page(world, client_as).content.decode()
    services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    plan.refresh_from_db()
    assert str(plan.status_label) == "Returned by the ministry, revised and awaiting board approval"
    services.approve_work_plan(plan=plan, approved_by=world.board_member)
    plan.refresh_from_db()
    assert (plan.ministry_state, str(plan.status_label)) == (
        "awaiting",
        "Approved by the board, awaiting the ministry's review",
    )


def test_an_approved_plan_says_the_ministry_approved_it(world, client_as, plan):
    as_english(client_as, world.referent).post(
        reverse("oversight:plan_review", args=[plan.pk]), {"decision": "approved"}
    )
    plan.refresh_from_db()
    assert (plan.ministry_state, plan.ministry_findings) == ("approved", 0)
    page = plan_page(world, client_as).content.decode()
    assert "Approved by the board and by the ministry" in page
    assert "The ministry approved the plan on" in page


def test_an_earlier_decision_arriving_late_does_not_replace_the_latest(world, plan):
    now = timezone.now()
    common = {"plan_id": plan.pk, "reviewed_approval_at": plan.approved_at, "review_id": 1}
    assert services.record_ministry_decision(decision="approved", decided_at=now, findings=0, **common)
    assert not services.record_ministry_decision(
        decision="returned", decided_at=now - timedelta(minutes=1), findings=2, **common
    )
    assert WorkPlan.objects.get(pk=plan.pk).ministry_decision == "approved"
    with pytest.raises(ValueError):
        services.record_ministry_decision(decision="maybe", decided_at=now, findings=0, **common)
