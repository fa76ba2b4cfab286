"""The CEO submits a periodic report, the Interior referent returns it with a finding, the CEO resubmits and the
referent accepts; every page passes axe."""

from datetime import date

import pytest

from clusters.models import Cluster
from oversight.models import Finding, PeriodicReport, ReportStep
from tests.browser.conftest import axe_violations
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, sign_in, user):
    page.context.clear_cookies()
    sign_in(user)


def test_ceo_submits_referent_returns_ceo_resubmits_referent_accepts(world, sign_in, page, live_server, settings):
    settings.OVERSIGHT_REPORTS_START = date(2026, 1, 1)
    settings.OVERSIGHT_REPORT_PERIOD_MONTHS = 3
    Cluster.objects.filter(pk=world.cluster.pk).update(stage=Cluster.Stage.OPERATING)
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    MeasurementFactory(goal=goal, period_start=date(2026, 1, 1))

    _as(page, sign_in, world.ceo)
    page.goto(f"{live_server.url}/oversight/reports/")
    assert axe_violations(page) == []
    page.locator("tr[data-period='2026-01-01'] form button[type=submit]").click()
    page.wait_for_load_state()
    page.fill("#id_narrative", "שירות הפסולת פועל בכל הרשויות.")
    assert axe_violations(page) == []
    page.locator("main form button[name=submit]").click()
    page.wait_for_load_state()
    report = PeriodicReport.objects.get()
    assert page.url == f"{live_server.url}/oversight/reports/{report.pk}/"
    assert page.locator("[data-state=submitted]").count() == 1
    assert axe_violations(page) == []

    _as(page, sign_in, world.referent)
    page.goto(f"{live_server.url}/oversight/reports/queue/")
    assert page.locator("#reports tbody tr").count() == 1
    assert axe_violations(page) == []
    page.locator(f"#reports a[href$='/oversight/reports/{report.pk}/']").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.locator("main a[href$='/return/']").click()
    page.wait_for_load_state()
    page.select_option("#id_findings-0-severity", "high")
    page.fill("#id_findings-0-text", "נא לצרף את עלויות הבסיס.")
    page.fill("#id_findings-0-due_on", "2030-06-30")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-state=returned]").count() == 1
    finding = Finding.objects.get()
    assert page.locator(f"#follow-up [data-finding='{finding.pk}']").count() == 1
    assert axe_violations(page) == []

    _as(page, sign_in, world.ceo)
    page.goto(f"{live_server.url}/oversight/reports/{report.pk}/edit/")
    page.fill("#id_narrative", "שירות הפסולת פועל; עלויות הבסיס צורפו.")
    page.locator("main form button[name=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-state=submitted]").count() == 1

    _as(page, sign_in, world.referent)
    page.goto(f"{live_server.url}/oversight/reports/{report.pk}/")
    page.locator("main form[action$='/accept/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-state=accepted]").count() == 1
    assert axe_violations(page) == []
    assert list(ReportStep.objects.order_by("at", "pk").values_list("action", flat=True)) == [
        "open",
        "submit",
        "return",
        "resubmit",
        "accept",
    ]
