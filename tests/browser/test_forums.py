"""A facilitator in a browser runs a forum meeting from the agenda to the minutes and a decision: adds an agenda item,
records attendance, records a decision linked to a goal, is refused closing without minutes and closes with them.
Each page passes axe, in Hebrew; the forum page is usable on a 390 px phone."""

import pytest
from django.utils import timezone

from forums.models import Decision, Invitation, Meeting
from tests.browser.conftest import axe_violations
from tests.factories.advisors import ensure_needs
from tests.factories.forums import build_forum_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_facilitator_runs_a_meeting_from_agenda_to_minutes_and_decisions(world, sign_in, page, live_server):
    ensure_needs()
    build_forum_world(world)
    meeting = world.upcoming

    sign_in(world.advisor)
    with page.expect_navigation():  # the next page, not the one the click left
        page.get_by_role("link", name="פורומים").first.click()
    assert page.url == f"{live_server.url}/forums/"
    assert axe_violations(page) == []
    with page.expect_navigation():  # the next page, not the one the click left
        page.get_by_role("link", name=world.forum.name).click()
    assert axe_violations(page) == []
    assert page.get_by_role("heading", name="הנחיית הפורום").is_visible()

    page.goto(f"{live_server.url}/forums/meetings/{meeting.pk}/")
    assert axe_violations(page) == []
    page.get_by_text("הוספת סעיף לסדר היום").click()
    page.fill("#agenda_starts_at", "09:30")
    page.fill("#agenda_duration_minutes", "45")
    page.fill("#agenda_title", "שיתוף מידע בחירום")
    with page.expect_navigation():  # the next page, not the one the click left
        page.get_by_role("button", name="הוספה לסדר היום").click()
    assert page.get_by_role("rowheader", name="שיתוף מידע בחירום").is_visible()
    assert axe_violations(page) == []

    page.get_by_text("רישום נוכחות").click()
    page.get_by_label(world.ceo.get_full_name()).check()
    page.get_by_label(world.referent.get_full_name()).check()
    with page.expect_navigation():  # the next page, not the one the click left
        page.get_by_role("button", name="שמירת הנוכחות").click()
    attended = set(Invitation.objects.filter(meeting=meeting, attended=True).values_list("user_id", flat=True))
    assert attended == {world.ceo.pk, world.referent.pk}

    with page.expect_navigation():  # the next page, not the one the click left
        page.get_by_role("link", name="רישום החלטה").click()
    assert axe_violations(page) == []
    page.fill("#id_text", "להקים צוות משותף לשיתוף מידע")
    page.select_option("#id_owner", str(world.other_ceo.pk))
    page.fill("#id_due_on", (timezone.localdate() + timezone.timedelta(days=30)).isoformat())
    page.get_by_label(world.goal.name, exact=False).check()
    with page.expect_navigation():  # the next page, not the one the click left
        page.get_by_role("button", name="רישום ההחלטה").click()
    decision = Decision.objects.get(text="להקים צוות משותף לשיתוף מידע")
    assert (decision.owner_id, decision.meeting_id, list(decision.goals.all())) == (
        world.other_ceo.pk,
        meeting.pk,
        [world.goal],
    )
    assert page.url == f"{live_server.url}/forums/meetings/{meeting.pk}/"

    page.get_by_text("סגירת המפגש עם הפרוטוקול").click()
    with page.expect_navigation():  # the next page, not the one the click left
        page.get_by_role("button", name="סגירה עם הפרוטוקול הזה").click()
    assert page.locator("[data-error-summary]").is_visible()
    assert "פרוטוקול" in page.locator("[data-error-summary]").inner_text()  # the minutes field is named
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"
    assert axe_violations(page) == []
    page.fill("#id_minutes", "הוחלט להקים צוות משותף; המפגש הבא אצל משרד הבריאות.")
    with page.expect_navigation():  # the next page, not the one the click left
        page.get_by_role("button", name="סגירה עם הפרוטוקול הזה").click()
    closed = Meeting.objects.get(pk=meeting.pk)
    assert (closed.status, closed.closed_by_id) == ("closed", world.advisor.pk)
    assert page.get_by_text("הוחלט להקים צוות משותף").first.is_visible()
    assert axe_violations(page) == []


def test_the_forum_page_fits_a_phone(world, sign_in, page, live_server):
    ensure_needs()
    build_forum_world(world)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(world.referent)
    for path in ("/forums/", f"/forums/{world.forum.pk}/", f"/forums/meetings/{world.past.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert axe_violations(page) == [], path
    page.goto(f"{live_server.url}/forums/{world.forum.pk}/")
    assert page.get_by_role("heading", name="הנחיית הפורום").count() == 0  # an observer never sees the engagement
