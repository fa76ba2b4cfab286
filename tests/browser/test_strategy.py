"""A CEO drafts a strategic plan and a work-plan pilot serving one of its outcomes, the board approves the plan, and
a referent sees the pilot's nine-month review due on the drill-down; the printable view lists the pilot and downloads
the PDF; every page passes axe."""

import pytest
from django.utils import timezone

from clusters.models import Service, StrategicPlan, WorkPlanItem
from clusters.models.strategy import add_months
from tests.browser.conftest import axe_violations
from tests.factories.clusters import GoalFactory, ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ceo_drafts_a_plan_with_a_pilot_the_board_approves_and_the_referent_sees_the_review_due(
    world, sign_in, page, live_server
):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster, level=Service.Level.CORE), name="חיסכון בפסולת")
    today = timezone.localdate()
    started = add_months(today, -8)
    sign_in(world.ceo)

    page.goto(f"{live_server.url}/clusters/{world.cluster.pk}/strategic-plan/")
    assert axe_violations(page) == []
    page.fill("#id_title", "תוכנית רב־שנתית")
    page.fill("#id_vision", "שירות שווה לכל רשות")
    page.fill("#id_strategic_goals", "צמצום פערים\nחיסכון")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    plan = StrategicPlan.objects.get()
    assert page.url == f"{live_server.url}/clusters/strategic-plans/{plan.pk}/"
    page.select_option("#id_outcome-horizon", "short")
    page.select_option("#id_outcome-channel", "urban")
    page.fill("#id_outcome-title", "מכרז פסולת משותף")
    page.check("#id_outcome-measured_by_0")
    page.locator("form[action$='/outcomes/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("table[data-horizon=short] tr[data-outcome]").count() == 1
    assert axe_violations(page) == []
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#plan-status[data-status=board_review]").count() == 1

    page.goto(f"{live_server.url}/clusters/{world.cluster.pk}/work-plan/")
    page.fill("#id_title", "פיילוט וטרינרי")
    page.fill("#id_budget_amount", "120000")
    page.fill("#id_starts_on", started.isoformat())
    page.fill("#id_ends_on", add_months(started, 12).isoformat())
    page.check(f"input[name=goals][value='{goal.pk}']")
    page.select_option("#id_outcome", str(plan.outcomes.get().pk))
    page.fill("#id_pilot_starts_on", started.isoformat())
    page.locator("main form[novalidate] button[type=submit]").click()
    page.wait_for_load_state()
    item = WorkPlanItem.objects.get()
    assert (item.outcome.title, item.pilot.starts_on) == ("מכרז פסולת משותף", started)
    assert page.locator(f"[data-pilot='{item.pilot.pk}']").count() == 1
    assert axe_violations(page) == []

    page.context.clear_cookies()
    sign_in(world.board_member)
    page.goto(f"{live_server.url}/clusters/strategic-plans/{plan.pk}/")
    page.locator("form[action$='/approve/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#plan-status[data-status=approved]").count() == 1
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/clusters/strategic-plans/{plan.pk}/print/")
    assert page.locator(".plan-document h1").inner_text() == "תוכנית רב־שנתית"
    assert page.locator(f".plan-document tr[data-pilot='{item.pilot.pk}']").count() == 1
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.locator("a[data-plan-pdf]").click()
    assert download.value.suggested_filename == f"strategic-plan-{world.cluster.pk}-v1-he.pdf"
    assert download.value.path().read_bytes().startswith(b"%PDF-")

    page.context.clear_cookies()
    sign_in(world.referent)
    page.goto(f"{live_server.url}/oversight/cluster/{world.cluster.pk}/")
    due = page.locator(f"#pilots tr[data-pilot='{item.pilot.pk}'] td[data-review-due]")
    assert due.get_attribute("data-review-due") == add_months(started, 9).isoformat()
    assert "הבחינה ממתינה" in due.inner_text()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/oversight/strategic-plans/")
    assert page.locator(f"#strategy-queue tr[data-strategic-plan='{plan.pk}'][data-state=awaiting]").count() == 1
    assert axe_violations(page) == []
