"""The CEO reopens an approved work plan to revise it: the board's approvals are withdrawn and needed again."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from clusters import services
from clusters.models import WorkPlan, WorkPlanApproval, WorkPlanItem


def approved_plan(world) -> WorkPlan:
    plan = WorkPlan.objects.create(cluster=world.cluster, year=timezone.localdate().year)
    WorkPlanItem.objects.create(plan=plan, title="Joint tender", starts_on=date(2026, 2, 1), ends_on=date(2026, 6, 30))
    services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    services.approve_work_plan(plan=plan, approved_by=world.board_member)
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.APPROVED
    return plan


def test_ceo_reopens_an_approved_plan_and_the_board_must_approve_again(world, english_client):
    plan = approved_plan(world)
    response = english_client(world.ceo).post(reverse("clusters:work_plan_reopen", kwargs={"pk": world.cluster.pk}))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.approved_at, plan.submitted_at) == (WorkPlan.Status.DRAFT, None, None)
    assert WorkPlanApproval.objects.filter(plan=plan).count() == 0
    event = AuditEvent.objects.get(action="work_plan_reopened")
    assert (event.actor, event.data) == (world.ceo, {"approvals_withdrawn": 1})

    services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    services.approve_work_plan(plan=plan, approved_by=world.board_member)
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.APPROVED


def test_work_plan_page_offers_reopening_to_the_ceo_only(world, english_client):
    approved_plan(world)
    url = reverse("clusters:work_plan", kwargs={"pk": world.cluster.pk})
    assert english_client(world.ceo).get(url).context["can_reopen"] is True
    assert english_client(world.board_member).get(url).context["can_reopen"] is False


def test_a_draft_plan_cannot_be_reopened_and_nothing_changes(world, english_client):
    plan = WorkPlan.objects.create(cluster=world.cluster, year=timezone.localdate().year)
    response = english_client(world.ceo).post(
        reverse("clusters:work_plan_reopen", kwargs={"pk": world.cluster.pk}), follow=True
    )
    assert "Only an approved work plan can be reopened." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.DRAFT
    assert AuditEvent.objects.filter(action="work_plan_reopened").count() == 0


def test_board_member_cannot_reopen_and_nothing_changes(world, english_client):
    plan = approved_plan(world)
    response = english_client(world.board_member).post(
        reverse("clusters:work_plan_reopen", kwargs={"pk": world.cluster.pk})
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert (plan.status, plan.approvals.count()) == (WorkPlan.Status.APPROVED, 1)
