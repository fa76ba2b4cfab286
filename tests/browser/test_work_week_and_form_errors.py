"""In a browser, in Hebrew: the advisor's work-log week runs from Sunday, and a refused entry is summed up above the
form (which takes the focus) with a link to the marked field; at 390 px and on a desktop, without axe violations."""

import os
from datetime import date

import pytest
from django.utils import timezone

from accounts.weeks import week_start
from advisors.models import VettingState
from tests.browser.conftest import axe_violations
from tests.factories.advisors import ensure_needs, make_profile
from tests.factories.engagements import active_engagement, goal_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_week_starts_on_sunday_and_a_refused_entry_marks_its_field(world, sign_in, page, live_server, width):
    ensure_needs()
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    profile = make_profile(person=world.advisor, organisation=world.organisation)
    engagement = active_engagement(
        cluster=world.cluster, ceo=world.ceo, profile=profile, goals=[goal_of(world.cluster)]
    )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(world.advisor)
    page.goto(f"{live_server.url}/engagements/{engagement.pk}/work/")
    first_row = page.locator("main table tbody tr th").first
    assert first_row.inner_text().startswith("ראשון")
    assert week_start(timezone.localdate()).strftime("%d/%m/%Y") in first_row.inner_text()
    assert page.locator("nav[aria-label] [aria-current=page]").inner_text() == "השבוע הנוכחי"
    assert axe_violations(page) == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/work-week-he-{width}.png", full_page=True)

    page.fill("#id_worked_on", date(engagement.starts_on.year - 1, 6, 1).isoformat())
    page.fill("#id_hours", "2")
    page.fill("#id_text", "סדנה")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("element => element === document.activeElement")
    assert page.locator("#id_worked_on").get_attribute("aria-invalid") == "true"
    assert "id_worked_on_error" in page.locator("#id_worked_on").get_attribute("aria-describedby")
    summary.locator("a[href='#id_worked_on']").click()
    assert page.evaluate("document.activeElement.id") == "id_worked_on"
    assert axe_violations(page) == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/form-error-he-{width}.png", full_page=True)
