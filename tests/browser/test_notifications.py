"""A CEO in a browser sees what needs doing on the home page, opens the bell, reads a notification and turns off one
kind of email; each page passes axe, in Hebrew, and fits a 390 px phone."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import EmailPreference, Notification
from advisors.models import VettingState
from engagements import services
from outbox.services import send_email
from tests.browser.conftest import axe_violations
from tests.factories.advisors import make_profile
from tests.factories.engagements import active_engagement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_ceo_sees_the_home_list_reads_a_notification_and_turns_off_one_kind_of_email(world, sign_in, page, live_server):
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    profile = make_profile(person=world.advisor, organisation=world.organisation)
    today = timezone.localdate()
    engagement = active_engagement(
        cluster=world.cluster,
        ceo=world.ceo,
        profile=profile,
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year, 12, 31),
        budget_hours=Decimal(100),
    )
    for day in range(2):
        services.log_work(
            engagement=engagement,
            advisor=world.advisor,
            worked_on=date(today.year, 1, 1) + timedelta(days=day),
            hours=Decimal(1),
            activity="advice",
            text="סדנה",
        )
    Notification.objects.all().delete()  # the engagement's own emails; one clear notification for the test
    type(world.ceo).objects.filter(pk=world.ceo.pk).update(unread_notifications=0)
    with transaction.atomic():
        send_email(
            key=f"work-log-escalation:1:{world.ceo.pk}",
            to=world.ceo.email,
            subject="רישומי עבודה ממתינים לאישורך",
            body=f"לאישור: {settings.PLATFORM_URL}/engagements/approvals/",
        )

    sign_in(world.ceo)
    assert page.url == f"{live_server.url}/clusters/"
    todo = page.locator("section.needs-doing")
    assert todo.get_by_role("heading", name="מה מחכה לך עכשיו").is_visible()
    assert todo.get_by_role("link", name="2 רישומי עבודה ממתינים לאישורך").get_attribute("href") == (
        "/engagements/approvals/"
    )
    assert axe_violations(page) == []

    bell = page.locator("#notification-bell")
    assert bell.locator("[data-testid=unread-count]").inner_text() == "1"
    bell.click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/account/notifications/"
    assert page.get_by_text("רישומי עבודה ממתינים לאישורך", exact=True).is_visible()
    assert axe_violations(page) == []

    page.locator("main form button[name=open]").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/engagements/approvals/"
    assert Notification.objects.get().is_read
    assert page.locator("#notification-bell [data-testid=unread-count]").count() == 0

    page.locator("#notification-bell").click()
    page.wait_for_load_state()
    page.get_by_role("link", name='העדפות דוא"ל').click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/account/notifications/preferences/"
    assert axe_violations(page) == []
    assert page.get_by_label("כניסה, הזמנות, סיסמה ואימות דו-שלבי").is_disabled()
    page.get_by_label("שינויים בהתקשרויות").uncheck()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert list(EmailPreference.objects.filter(user=world.ceo, wants_email=False).values_list("kind", flat=True)) == [
        "engagements"
    ]
    assert page.get_by_label("שינויים בהתקשרויות").is_checked() is False

    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/clusters/", "/account/notifications/", "/account/notifications/preferences/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state()
        assert fits_the_phone(page), path
        assert axe_violations(page) == [], path
