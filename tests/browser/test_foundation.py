"""Sign in as each role in Hebrew, switch to English and Arabic, sign out; pages are RTL and pass axe."""

import pytest
from django.urls import reverse

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_HOME = {
    "ceo": "/clusters/",
    "board_member": "/clusters/",
    "advisor": "/advisors/",
    "org_manager": "/advisors/",
    "curator": "/advisors/curation/",
    "referent": "/oversight/",
    "treasury_referent": "/oversight/",
    "head_referent": "/oversight/",
    "admin": "/people/administration/",
}


def switch_language(page, code):
    page.select_option("#language-select", code)
    page.get_by_role("button", name={"he": "Change language", "en": "Change language"}.get(code, "")).count()
    page.locator("form[action='/language/'] button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("actor", list(ROLE_HOME))
def test_each_role_signs_in_lands_home_switches_language_and_signs_out(actor, world, sign_in, page, live_server):
    user = world.people[actor]
    sign_in(user)
    assert page.url == live_server.url + ROLE_HOME[actor]
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "he"
    assert axe_violations(page) == []

    switch_language(page, "en")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url == live_server.url + ROLE_HOME[actor]
    assert axe_violations(page) == []

    switch_language(page, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert axe_violations(page) == []
    user.refresh_from_db()
    assert user.preferred_language == "ar"

    page.locator("form[action='/accounts/logout/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    if "/accounts/logout/" in page.url:  # allauth asks to confirm on GET; the header form posts directly
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    assert page.url.startswith(live_server.url + reverse("account_login"))
    # The remembered language stays after signing out.
    assert page.locator("html").get_attribute("lang") == "ar"


def test_sign_in_page_is_accessible_in_every_language(page, live_server):
    for code, direction in [("he", "rtl"), ("ar", "rtl"), ("en", "ltr")]:
        page.context.add_cookies([{"name": "language", "value": code, "url": live_server.url}])
        page.goto(f"{live_server.url}/accounts/login/")
        assert page.locator("html").get_attribute("dir") == direction
        assert axe_violations(page) == [], code


def test_skip_link_moves_focus_to_main_content(world, sign_in, page):
    sign_in(world.ceo)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_administration_pages_are_accessible(language, world, sign_in, page, live_server):
    sign_in(world.admin)
    page.context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    for path in [
        reverse("accounts:admin_home"),
        reverse("accounts:invitation_list"),
        reverse("accounts:invitation_create"),
        reverse("accounts:audit_log"),
        reverse("account_email"),
        reverse("mfa_index"),
        reverse("accessibility"),
    ]:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language, path
        assert axe_violations(page) == [], path


def test_invitation_form_shows_only_the_scope_the_chosen_role_needs(world, sign_in, page, live_server):
    sign_in(world.admin)
    page.goto(live_server.url + reverse("accounts:invitation_create"))
    page.select_option("#id_role", "cluster_ceo")
    assert page.locator("#id_cluster").is_visible()
    assert not page.locator("#id_organisation").is_visible()
    page.select_option("#id_role", "advisor")
    assert page.locator("#id_organisation").is_visible()
    assert not page.locator("#id_cluster").is_visible()
    page.select_option("#id_role", "curator")
    assert not page.locator("#id_organisation").is_visible()
    assert not page.locator("#id_cluster").is_visible()
