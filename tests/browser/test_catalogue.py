"""A cluster CEO searches the catalogue in Hebrew, filters by region and opens a profile; the pages pass axe."""

import pytest

from tests.browser.conftest import axe_violations
from tests.factories.advisors import VettedOrganisationFactory, make_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ceo_searches_in_hebrew_filters_and_opens_a_profile(world, sign_in, page, live_server):
    organisation = VettedOrganisationFactory(name="ייעוץ הגליל")
    north = make_profile(
        organisation=organisation,
        full_name="מיכל אברהם",
        bio_he="מלווה אשכולות בגליל בהקמת שירות פסיכולוגי חינוכי משותף ובבניית תקציב.",
        regions=["north"],
    )
    make_profile(
        organisation=organisation,
        full_name="יוסי לוי",
        bio_he="ליווי תוכניות חינוך בדרום ובניית תקציב לרשויות.",
        regions=["south"],
    )
    make_profile(organisation=organisation, full_name="דנה כהן", bio_he="מומחית לפסולת ומחזור.", regions=["north"])

    sign_in(world.ceo)
    page.goto(f"{live_server.url}/advisors/catalogue/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=q]", "חינוך")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    # The exact word ranks above the word found inside "חינוכי".
    assert page.locator("article h2").all_inner_texts() == ["יוסי לוי", "מיכל אברהם"]

    page.select_option("select[name=region]", "north")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    assert "q=%D7%97%D7%99%D7%A0%D7%95%D7%9A" in page.url and "region=north" in page.url
    assert page.locator("article h2").all_inner_texts() == ["מיכל אברהם"]
    assert axe_violations(page) == []

    page.get_by_role("link", name="מיכל אברהם").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/advisors/profiles/{north.pk}/"
    assert page.locator("h1").inner_text() == "מיכל אברהם"
    assert axe_violations(page) == []
