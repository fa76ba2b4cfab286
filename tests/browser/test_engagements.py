"""The whole engagement path in a browser: the CEO proposes, the advisor accepts and logs hours, the CEO approves
and completes, both review; each page passes axe."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from advisors.models import Need, VettingState
from engagements.models import Engagement, Review, State, WorkLog, WorkLogState
from tests.browser.conftest import axe_violations
from tests.factories.advisors import make_profile
from tests.factories.clusters import GoalFactory, ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, action_suffix):
    """Submit the first form whose action's path ends with this (the approval queue's forms add a query)."""
    path_ends = f"main form[action$='{action_suffix}'], main form[action*='{action_suffix}?']"
    page.locator(path_ends).locator("button[type=submit]").first.click()
    page.wait_for_load_state()


def test_ceo_proposes_advisor_accepts_logs_ceo_approves_completes_and_both_review(world, sign_in, page, live_server):
    if not Need.objects.exists():
        # An earlier transactional test flushed the tables, taking the needs the data migration loads.
        from importlib import import_module

        from django.apps import apps

        import_module("advisors.migrations.0003_load_needs").load_needs(apps, None)
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    profile = make_profile(person=world.advisor, organisation=world.organisation)
    GoalFactory(service=ServiceFactory(cluster=world.cluster), name="Waste cost")
    today = timezone.localdate()

    sign_in(world.ceo)
    page.goto(f"{live_server.url}/engagements/new/?profile={profile.pk}")
    assert axe_violations(page) == []
    page.locator("input[name=needs]").first.check()
    page.locator("input[name=goals]").first.check()
    page.fill("#id_scope", "תוכנית עבודה ותקציב")
    page.fill("#id_starts_on", date(today.year, 1, 1).isoformat())
    page.fill("#id_ends_on", date(today.year, 12, 31).isoformat())
    page.fill("#id_budget_hours", "100")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    engagement = Engagement.objects.get()
    assert page.url == f"{live_server.url}/engagements/{engagement.pk}/"
    assert axe_violations(page) == []
    submit(page, "/state/propose/")
    assert Engagement.objects.get().state == State.PROPOSED

    page.context.clear_cookies()
    sign_in(world.advisor)
    page.goto(f"{live_server.url}/engagements/{engagement.pk}/")
    assert axe_violations(page) == []
    page.locator("#id_confirm").check()
    submit(page, "/state/accept/")
    assert Engagement.objects.get().state == State.ACTIVE

    page.goto(f"{live_server.url}/engagements/{engagement.pk}/work/")
    assert axe_violations(page) == []
    page.fill("#id_worked_on", today.isoformat())
    page.fill("#id_hours", "2.5")
    page.select_option("#id_activity", "analysis")
    page.fill("#id_text", "ניתוח עלויות הפינוי")
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()
    assert list(WorkLog.objects.values_list("hours", "state")) == [(Decimal("2.5"), WorkLogState.SUBMITTED)]

    page.context.clear_cookies()
    sign_in(world.ceo)
    page.goto(f"{live_server.url}/engagements/approvals/")
    assert axe_violations(page) == []
    submit(page, "/approve/")
    assert WorkLog.objects.get().state == WorkLogState.APPROVED
    page.goto(f"{live_server.url}/engagements/{engagement.pk}/")
    submit(page, "/state/complete/")
    assert Engagement.objects.get().state == State.COMPLETED
    for name in ("expertise", "responsiveness", "goals", "value"):
        page.select_option(f"#id_{name}", "4")
    page.fill("#id_text", "עבודה מצוינת")
    submit(page, "/review/")

    page.context.clear_cookies()
    sign_in(world.advisor)
    page.goto(f"{live_server.url}/engagements/{engagement.pk}/")
    page.fill("#id_text", "שיתוף פעולה טוב")
    submit(page, "/review/")
    assert Review.objects.filter(revealed_at__isnull=False).count() == 2
    page.goto(f"{live_server.url}/engagements/{engagement.pk}/")
    assert axe_violations(page) == []
    assert page.locator("main").get_by_text("עבודה מצוינת").count() == 1
