"""The public pages pass axe in Hebrew, Arabic and English and at phone width, without signing in."""

import pytest

from tests.api.helpers import accepted_report, published_goal, published_strategic_plan
from tests.browser.conftest import axe_violations
from tests.factories.clusters import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_public_pages_pass_axe(language, world, page, live_server):
    MembershipFactory(cluster=world.cluster)
    published_goal(world.cluster, measurements=3)
    accepted_report(world.cluster, world.ceo, is_narrative_public=True, is_goals_public=True)
    published_strategic_plan(world.cluster, world.ceo, world.board_member)
    page.context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    for width in (1200, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/public/")
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == []
        page.locator(f"main a[href='/public/clusters/{world.cluster.pk}/']").click()
        page.wait_for_load_state()
        assert page.locator("main svg[role=img]").count() == 1
        assert page.locator("main [data-public-pilots] tbody tr").count() == 1
        assert axe_violations(page) == []


def test_the_ceos_preview_passes_axe(world, sign_in, page, live_server):
    published_goal(world.cluster)
    sign_in(world.ceo)
    page.goto(f"{live_server.url}/public/clusters/{world.cluster.pk}/preview/")
    assert page.locator("input[name=goal]").count() == 1
    assert page.locator("input[name=part]").count() == 3
    assert axe_violations(page) == []


def test_the_work_plan_page_loads_the_spending_against_the_plan(world, sign_in, page, live_server):
    from tests.oversight.test_spending import plan_with_spending

    plan_with_spending(world)
    sign_in(world.ceo)
    for width in (1200, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/clusters/{world.cluster.pk}/work-plan/")
        page.locator(f"[data-plan-burn='{world.cluster.pk}'] table[data-burn='services']").wait_for()
        assert "4,000.00" in page.locator("table[data-burn='services']").inner_text()
        assert axe_violations(page) == []


def test_the_api_docs_load_from_our_own_files_under_the_csp(page, live_server):
    problems = []
    page.on(
        "console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.on(
        "request", lambda request: problems.append(request.url) if not request.url.startswith(live_server.url) else None
    )
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-summary-path")
    assert page.locator(".opblock-summary-path").count() == 20
    assert problems == []


def test_the_token_page_passes_axe_and_shows_a_new_token_once(world, sign_in, page, live_server):
    sign_in(world.referent)
    page.goto(f"{live_server.url}/account/tokens/")
    assert axe_violations(page) == []
    page.fill("#id_name", "Power BI")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("#new-token").input_value().startswith("rcp_")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/account/tokens/")
    assert page.locator("#new-token").count() == 0
