"""On a 390 px phone, in Hebrew, Arabic and English, the wide tables read as cards: the page never scrolls sideways,
every cell of every row shows its column's name, and the pages pass axe."""

import pytest

from tests.browser.conftest import PASSWORD, axe_violations
from tests.browser.scene import WORK_WEEK, frozen_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# For each cell of a .table-cards body row (a message cell spanning the row excepted): its label, and whether the
# label is shown (the ::before box that renders data-label).
CELL_LABELS = """() => [
  ...document.querySelectorAll("table.table-cards > tbody > tr > td:not([colspan])")
].map(cell => {
  const before = getComputedStyle(cell, "::before");
  return {
    label: cell.dataset.label || "",
    shown: before.display !== "none" && before.content === JSON.stringify(cell.dataset.label || ""),
    visible: cell.getBoundingClientRect().height > 0,
  };
})"""


def pages_by_person(world, scene):
    return [
        (
            world.advisor,
            [
                ("/advisors/", "table.table-cards"),
                ("/engagements/", "table.table-cards"),
                (f"/engagements/{scene.engagement.pk}/work/?week={WORK_WEEK.isoformat()}", "table.table-cards"),
            ],
        ),
        (
            world.ceo,
            [
                ("/engagements/", "table.table-cards"),
                ("/engagements/approvals/", "table.table-cards"),
                (f"/quality/clusters/{world.cluster.pk}/", "#services"),
                (f"/quality/services/{scene.service.pk}/", "#comparison"),
                ("/advisors/catalogue/", "main"),
                ("/account/tokens/", "main"),
            ],
        ),
        (
            world.curator,
            [
                ("/advisors/curation/", "main"),
                ("/advisors/curation/organisations/", "table.table-cards"),
                ("/advisors/curation/statistics/", "main"),
            ],
        ),
        (
            world.head_referent,
            [
                ("/oversight/", "#dashboard"),
                ("/oversight/work-plans/", "#plan-queue"),
                ("/oversight/rebaselines/", "#rebaseline-queue"),
                ("/oversight/reports/queue/", "#reports"),
                ("/quality/national/", "main"),
            ],
        ),
    ]


def listed_profile_with_the_longest_needs():
    """A catalogue card whose needs have the longest names (a badge that would not wrap ran past the screen)."""
    from advisors.models import Need
    from tests.factories.advisors import ensure_needs, make_profile

    ensure_needs()
    longest = sorted(
        Need.objects.all(), key=lambda need: -max(len(need.label_he), len(need.label_ar), len(need.label_en))
    )
    return make_profile(needs=[need.code for need in longest[:4]], regions=("north", "center", "south"))


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_wide_tables_read_as_cards_on_a_phone(browser, live_server, settings, monkeypatch, language):
    world, scene = frozen_scene(monkeypatch, settings)
    listed_profile_with_the_longest_needs()
    csp: list[str] = []
    for person, pages in pages_by_person(world, scene):
        context = browser.new_context(locale=language, viewport=PHONE)
        context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
        page = context.new_page()
        page.on("console", lambda message: csp.append(message.text) if "Content Security Policy" in message.text else 0)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", person.email)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
        for path, table in pages:
            page.goto(f"{live_server.url}{path}")
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator(table).count() >= 1, path
            width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], (path, width)
            cells = page.evaluate(CELL_LABELS)
            if table.startswith("#") or table.startswith("table"):
                assert cells, path
            assert [cell for cell in cells if not (cell["label"] and cell["shown"] and cell["visible"])] == [], path
            assert axe_violations(page) == [], path
        context.close()
    assert csp == []
