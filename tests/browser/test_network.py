"""A CEO in a browser finds a call the cluster is eligible for, reads the ministry's playbook page it links to and
records an application; each page passes axe, in Hebrew."""

from decimal import Decimal

import pytest

from clusters.models import Cluster
from network.models import Application
from tests.browser.conftest import axe_violations
from tests.factories.advisors import ensure_needs
from tests.factories.clusters import GoalFactory, ServiceFactory
from tests.factories.network import ensure_ministries, make_call, make_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ceo_finds_a_call_reads_the_playbook_page_and_records_an_application(world, sign_in, page, live_server):
    ensure_needs()
    ensure_ministries()
    Cluster.objects.filter(pk=world.cluster.pk).update(region="north")
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster, domain="waste"), name="עלות הפסולת")
    make_version(slug="environment", by=world.editor, pitfalls="יש לצרף החלטת מליאה על המימון התואם")
    make_call(created_by=world.editor, title="קול קורא למחזור אזורי", regions=["north"], domains=["waste"])
    make_call(created_by=world.editor, title="קול קורא לדרום", regions=["south"])

    sign_in(world.ceo)
    page.get_by_role("link", name="קולות קוראים").first.click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/network/calls/"
    assert axe_violations(page) == []
    eligible = page.locator("main ol")
    assert eligible.get_by_role("link", name="קול קורא למחזור אזורי").count() == 1
    assert eligible.get_by_role("link", name="קול קורא לדרום").count() == 0

    eligible.get_by_role("link", name="קול קורא למחזור אזורי").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.get_by_role("link", name="עבודה מול המשרד להגנת הסביבה: הדף במדריך").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/network/ministries/environment/"
    assert page.get_by_text("יש לצרף החלטת מליאה על המימון התואם").is_visible()
    assert axe_violations(page) == []

    page.go_back()
    page.wait_for_load_state()
    page.get_by_role("link", name="רישום הגשה").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.fill("#id_amount_requested", "250000")
    page.get_by_label("עלות הפסולת", exact=False).check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    application = Application.objects.get()
    assert (application.cluster_id, application.status, application.amount_requested) == (
        world.cluster.pk,
        "intended",
        Decimal("250000.00"),
    )
    assert list(application.goals.all()) == [goal]
    assert page.url == f"{live_server.url}/network/applications/{application.pk}/"
    assert axe_violations(page) == []
