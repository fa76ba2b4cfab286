"""The CEO enters a measurement and sees the goal's chart move; the cluster pages pass axe."""

from decimal import Decimal

import pytest

from tests.browser.conftest import axe_violations
from tests.factories.clusters import GoalFactory, ServiceFactory, cluster_with_members

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART_POINTS = "() => Chart.getChart('goal-chart').data.datasets[0].data.filter(v => v !== null)"


def test_ceo_enters_a_measurement_and_the_chart_moves(world, sign_in, page, live_server):
    members = cluster_with_members(world.cluster, 3)
    service = ServiceFactory(cluster=world.cluster)
    service.participants.set(members)
    goal = GoalFactory(service=service, baseline_value=Decimal(1_000_000))
    sign_in(world.ceo)

    page.goto(f"{live_server.url}/clusters/{world.cluster.pk}/")
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/clusters/goals/{goal.pk}/")
    assert page.evaluate(CHART_POINTS) == []
    assert axe_violations(page) == []

    page.locator("main a[href$='/measurements/new/']").click()
    page.select_option("#id_period_kind", "quarter")
    page.fill("#id_period", "2025-Q3")
    page.fill("#id_value", "900000")
    page.fill("#id_source", "מחלקת הכספים")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url == f"{live_server.url}/clusters/goals/{goal.pk}/"
    assert page.evaluate(CHART_POINTS) == [900000]
    assert page.locator("#measurements tbody tr").count() == 1
    assert axe_violations(page) == []
