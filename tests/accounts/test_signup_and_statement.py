"""Access is by invitation, and the accessibility statement carries what the regulations ask for."""

import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_public_sign_up_form_is_closed_and_creates_no_one(client):
    client.cookies["language"] = "en"
    before = User.objects.count()
    response = client.post(
        reverse("account_signup"),
        {"email": "stranger@example.org", "password1": "a-long-password-1", "password2": "a-long-password-1"},
    )
    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()
    assert User.objects.count() == before


def test_the_sign_in_page_offers_no_sign_up_link(client):
    page = client.get(reverse("account_login")).content.decode()
    assert reverse("account_signup") not in page


def test_a_setting_can_open_the_sign_up_form(client, settings):
    settings.ACCOUNT_PUBLIC_SIGNUP = True
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="password1"' in page


def test_the_statement_names_the_coordinator_the_last_review_and_the_limitations(client, settings):
    settings.ACCESSIBILITY_COORDINATOR_NAME = "Dana Levi"
    settings.ACCESSIBILITY_COORDINATOR_EMAIL = "access@example.org"
    settings.ACCESSIBILITY_COORDINATOR_PHONE = "03-1234567"
    settings.ACCESSIBILITY_LAST_AUDIT = "2026-11-30"
    settings.ACCESSIBILITY_KNOWN_LIMITATIONS = ["Charts have no sonification"]
    client.cookies["language"] = "en"
    page = client.get(reverse("accessibility")).content.decode()
    assert "Dana Levi" in page
    assert 'href="mailto:access@example.org"' in page
    assert 'href="tel:03-1234567"' in page
    assert "last reviewed on 30/11/2026" in page
    assert "Charts have no sonification" in page


def test_without_settings_the_statement_says_what_is_missing(client, settings):
    settings.ACCESSIBILITY_COORDINATOR_NAME = ""
    settings.ACCESSIBILITY_COORDINATOR_EMAIL = ""
    settings.ACCESSIBILITY_COORDINATOR_PHONE = ""
    settings.ACCESSIBILITY_LAST_AUDIT = "not a date"
    settings.ACCESSIBILITY_KNOWN_LIMITATIONS = []
    client.cookies["language"] = "en"
    page = client.get(reverse("accessibility")).content.decode()
    assert "has not been recorded yet" in page
    assert "No accessibility limitations are known at present." in page
    assert "address given by your ministry contact" in page
