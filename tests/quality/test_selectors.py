"""What oversight reads: services whose response time worsened month after month."""

from datetime import date
from decimal import Decimal

import pytest

from quality.models import Measure
from quality.selectors import worsening_response_by_cluster
from tests.factories.clusters import ServiceFactory
from tests.factories.quality import quality_setup

TODAY = date(2026, 5, 15)  # the last complete month is April: February → March → April are compared


def medians(service, authorities, by_month):
    for month, values in by_month.items():
        for authority, value in zip(authorities, values, strict=True):
            Measure.objects.create(
                service=service, authority=authority, month=month, channel="", response_median_hours=Decimal(value)
            )


@pytest.fixture
def setup(world):
    return quality_setup(world.cluster, authorities=2)


def test_a_service_worse_two_months_running_is_reported(setup):
    feb, mar, apr = date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)
    # the cluster's medians: 10 → 12 (+20 %) → 13 (+8 %)
    medians(setup.service, setup.authorities, {feb: ["8", "12"], mar: ["10", "14"], apr: ["11", "15"]})
    # 10 → 12 → 12.2: the second rise is under 5 %
    medians(setup.other_service, setup.authorities, {feb: ["10", "10"], mar: ["12", "12"], apr: ["12.2", "12.2"]})
    result = worsening_response_by_cluster(cluster_ids=[setup.cluster.pk], today=TODAY, months=2, min_percent=5)
    [item] = result[setup.cluster.pk]
    assert (item.service_id, item.months, item.medians) == (
        setup.service.pk,
        [feb, mar, apr],
        [Decimal("10.00"), Decimal("12.00"), Decimal("13.00")],
    )


def test_a_month_without_measures_reports_nothing(setup, django_assert_num_queries):
    medians(setup.service, setup.authorities, {date(2026, 3, 1): ["10", "14"], date(2026, 4, 1): ["20", "24"]})
    ServiceFactory(cluster=setup.cluster)
    with django_assert_num_queries(1):
        result = worsening_response_by_cluster(cluster_ids=[setup.cluster.pk], today=TODAY)
    assert result == {setup.cluster.pk: []}
