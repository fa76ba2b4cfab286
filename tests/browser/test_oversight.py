"""A referent opens the dashboard, filters it, drills down to a cluster and raises a finding; the pages pass axe."""

import pytest

from clusters.models import Cluster
from oversight.models import Finding
from tests.browser.conftest import axe_violations
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_referent_filters_the_dashboard_drills_down_and_raises_a_finding(world, sign_in, page, live_server):
    Cluster.objects.filter(pk=world.cluster.pk).update(region="north", stage=Cluster.Stage.OPERATING)
    Cluster.objects.filter(pk=world.other_cluster.pk).update(region="south")
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    MeasurementFactory(goal=goal)
    sign_in(world.head_referent)

    page.goto(f"{live_server.url}/oversight/")
    assert page.locator("#dashboard tbody tr").count() == 2
    assert axe_violations(page) == []

    page.select_option("#id_region", "north")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#dashboard tbody tr").count() == 1

    page.locator(f"#dashboard a[href$='/oversight/cluster/{world.cluster.pk}/']").click()
    page.wait_for_load_state()
    assert page.locator("svg polyline").count() == 1
    assert page.locator("[data-rule=no_recent_measurement]").count() == 1
    assert axe_violations(page) == []

    page.locator("main a[href$='/findings/new/']").click()
    page.select_option("#id_severity", "high")
    page.fill("#id_text", "מכרז הפסולת לא יצא לדרך")
    page.fill("#id_due_on", "2030-06-30")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url == f"{live_server.url}/oversight/cluster/{world.cluster.pk}/"
    assert list(Finding.objects.values_list("cluster", "severity", "text")) == [
        (world.cluster.pk, "high", "מכרז הפסולת לא יצא לדרך")
    ]
    assert page.locator("[data-finding]").count() == 1
    assert axe_violations(page) == []
