"""A request in a browser: the CEO posts it, the advisor answers, the CEO shortlists and turns the proposal into an
engagement; each page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisors.models import Need, ShortlistEntry, VettingState
from engagements.models import Engagement, Proposal, ProposalState, Request, RequestState
from tests.browser.conftest import axe_violations
from tests.factories.advisors import make_profile
from tests.factories.clusters import GoalFactory, ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEED = "management.workplan_budget"


def test_ceo_posts_advisor_answers_ceo_shortlists_and_engages(world, sign_in, page, live_server):
    if not Need.objects.exists():
        from importlib import import_module

        from django.apps import apps

        import_module("advisors.migrations.0003_load_needs").load_needs(apps, None)
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    profile = make_profile(person=world.advisor, organisation=world.organisation)
    GoalFactory(service=ServiceFactory(cluster=world.cluster), name="Waste cost")
    today = timezone.localdate()

    sign_in(world.ceo)
    page.goto(f"{live_server.url}/engagements/requests/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/engagements/requests/new/")
    assert axe_violations(page) == []
    page.select_option("#id_need", str(Need.objects.get(code=NEED).pk))
    page.fill("#id_title", "תוכנית עבודה לשירות הפסולת")
    page.fill("#id_text", "ליווי בהכנת תוכנית העבודה והתקציב")
    page.locator("input[name=goals]").first.check()
    page.fill("#id_answer_by", (today + timedelta(days=7)).isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    brief = Request.objects.get()
    assert page.url == f"{live_server.url}/engagements/requests/{brief.pk}/"
    assert axe_violations(page) == []

    page.context.clear_cookies()
    sign_in(world.advisor)
    page.goto(f"{live_server.url}/engagements/requests/open/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="תוכנית עבודה לשירות הפסולת").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.fill("#id_text", "ארבע סדנאות וטיוטת תוכנית")
    page.fill("#id_hours", "40")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    proposal = Proposal.objects.get()
    assert proposal.advisor == profile
    page.goto(f"{live_server.url}/engagements/requests/proposals/")
    assert axe_violations(page) == []

    page.context.clear_cookies()
    sign_in(world.ceo)
    page.goto(f"{live_server.url}/engagements/requests/{brief.pk}/")
    page.locator("main form[action$='/shortlist/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert ShortlistEntry.objects.get().profile == profile
    page.get_by_role("link", name="הפיכה להתקשרות").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    assert page.locator("#id_scope").input_value().startswith("תוכנית עבודה לשירות הפסולת")
    page.fill("#id_starts_on", today.isoformat())
    page.fill("#id_ends_on", (today + timedelta(days=90)).isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    engagement = Engagement.objects.get()
    assert page.url == f"{live_server.url}/engagements/{engagement.pk}/"
    assert Proposal.objects.get().state == ProposalState.CHOSEN
    assert Request.objects.get().state == RequestState.CLOSED
