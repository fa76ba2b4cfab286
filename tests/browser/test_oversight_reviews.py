"""A referent returns a board-approved work plan with a finding and acknowledges a re-baselined goal; the CEO reads
the outcome; every page passes axe."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clusters import services as cluster_services
from clusters.models import WorkPlanItem
from oversight.models import Finding, RebaselineReview, WorkPlanReview
from tests.browser.conftest import axe_violations
from tests.factories.clusters import GoalFactory, ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_referent_returns_a_work_plan_and_acknowledges_a_rebaselining(world, sign_in, page, live_server):
    plan = cluster_services.start_work_plan(cluster=world.cluster, year=timezone.localdate().year, started_by=world.ceo)
    WorkPlanItem.objects.create(plan=plan, title="מכרז משותף", starts_on=date(2026, 2, 1), ends_on=date(2026, 6, 30))
    cluster_services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    cluster_services.approve_work_plan(plan=plan, approved_by=world.board_member)
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    item = cluster_services.rebaseline_goal(
        goal=goal, baseline_value=Decimal(800_000), baseline_on=date(2025, 1, 1), reason="תיקון", changed_by=world.ceo
    )
    sign_in(world.referent)

    page.goto(f"{live_server.url}/oversight/")
    assert page.locator("#distribution table").count() == 2
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/oversight/work-plans/")
    assert page.locator("#plan-queue tbody tr[data-state=awaiting]").count() == 1
    assert axe_violations(page) == []
    page.locator(f"#plan-queue a[href$='/work-plans/{plan.pk}/']").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.select_option("#id_decision", "returned")
    page.fill("#id_text", "חסר תקציב למדידה")
    page.fill("#id_due_on", (timezone.localdate() + timedelta(days=30)).isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    review = WorkPlanReview.objects.get()
    assert page.url == f"{live_server.url}/oversight/work-plan-reviews/{review.pk}/"
    assert page.locator("#follow-up tbody tr").count() == 1
    assert axe_violations(page) == []
    assert list(Finding.objects.values_list("work_plan_review", "text")) == [(review.pk, "חסר תקציב למדידה")]

    page.goto(f"{live_server.url}/oversight/rebaselines/")
    assert axe_violations(page) == []
    page.locator(f"tr[data-rebaseline='{item.pk}'] form button[type=submit]").click()
    page.wait_for_load_state()
    assert RebaselineReview.objects.get().state == "acknowledged"
    assert page.locator(f"tr[data-rebaseline='{item.pk}'][data-state=acknowledged]").count() == 1

    page.context.clear_cookies()
    sign_in(world.ceo)
    page.goto(f"{live_server.url}/oversight/findings/")
    assert axe_violations(page) == []
    page.locator(f"main a[href$='/work-plan-reviews/{review.pk}/']").first.click()
    page.wait_for_load_state()
    assert page.locator("#decision[data-decision=returned]").count() == 1
    assert axe_violations(page) == []
