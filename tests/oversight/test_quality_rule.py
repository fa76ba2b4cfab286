"""The dashboard reads quality.selectors: a service whose response time worsened two months running is amber."""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse

from quality.models import Measure
from tests.factories.quality import quality_setup


def test_the_dashboard_shows_the_worsening_response_rule(world, english_client, settings):
    settings.OVERSIGHT_RESPONSE_WORSENING_MONTHS = 2
    setup = quality_setup(world.cluster, authorities=1)
    today = date.today()
    months = []
    month = today.replace(day=1)
    for _ in range(3):
        month = (month - timedelta(days=1)).replace(day=1)
        months.insert(0, month)
    for month, value in zip(months, ["10", "20", "30"], strict=True):
        Measure.objects.create(
            service=setup.service,
            authority=setup.authorities[0],
            month=month,
            channel="",
            response_median_hours=Decimal(value),
        )
    response = english_client(world.referent).get(reverse("oversight:home"))
    [row] = [row for row in response.context["rows"] if row.cluster == world.cluster]
    fired = {rule.code: str(rule.message) for rule in row.assessment.fired}
    assert fired["response_worsening"] == "The response time of Welfare worsened 2 months running."
