"""A CEO in Hebrew: the recommendations page for the cluster's open need, then an engagement from the shortlist;
each page passes axe."""

import pytest

from advisors import services as advisor_services
from advisors.models import Need, Outcome, ShortlistEntry, VettingState
from engagements.models import Engagement
from tests.browser.conftest import axe_violations
from tests.factories.advisors import make_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORUMS = "partnership.forums"


def test_ceo_sees_recommendations_for_an_open_need_and_engages_from_the_shortlist(world, sign_in, page, live_server):
    if not Need.objects.exists():
        # An earlier transactional test flushed the tables, taking the needs the data migration loads.
        from importlib import import_module

        from django.apps import apps

        import_module("advisors.migrations.0003_load_needs").load_needs(apps, None)
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    profile = make_profile(person=world.advisor, organisation=world.organisation, needs=[FORUMS])
    need = Need.objects.get(code=FORUMS)
    shortlist = advisor_services.create_shortlist(
        cluster=world.cluster, need=need, title="פורומים אזוריים", created_by=world.ceo
    )
    entry = advisor_services.add_to_shortlist(shortlist=shortlist, profile=profile, note="", added_by=world.ceo)

    sign_in(world.ceo)
    page.goto(f"{live_server.url}/engagements/recommendations/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert axe_violations(page) == []
    assert page.locator("main").get_by_text(need.label_he).first.is_visible()
    assert page.locator("main ol li").count() == 1

    page.goto(f"{live_server.url}/advisors/shortlists/{shortlist.pk}/")
    assert axe_violations(page) == []
    page.locator(f"main a[href$='?entry={entry.pk}']").click()
    page.wait_for_load_state()
    assert page.locator(f"input[name=needs][value='{need.pk}']").is_checked()
    page.fill("#id_scope", "הנחיית הפורומים")
    page.fill("#id_starts_on", "2026-02-01")
    page.fill("#id_ends_on", "2026-06-30")
    page.fill("#id_budget_hours", "30")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    engagement = Engagement.objects.get()
    assert page.url == f"{live_server.url}/engagements/{engagement.pk}/"
    assert ShortlistEntry.objects.get(pk=entry.pk).outcome == Outcome.CHOSEN
