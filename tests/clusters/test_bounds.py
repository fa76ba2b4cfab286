"""Periods, dates and values beyond the domain's range or their columns are field errors; nothing is written."""

import pytest
from django.urls import reverse

from clusters.models import Goal, Measurement, Service, WorkPlanItem
from tests.factories.clusters import GoalFactory, ServiceFactory, cluster_with_members

pytestmark = pytest.mark.django_db


def post_measurement(client, goal, **data):
    payload = {"period_kind": "month", "period": "2025-05", "source": "ledger", "value": "900000", **data}
    return client.post(reverse("clusters:measurement_create", kwargs={"pk": goal.pk}), payload)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"period": "0000-01"}, "Enter a period between 2000 and 2100."),
        ({"period": "0001-12"}, "Enter a period between 2000 and 2100."),
        ({"period": "1999-12"}, "Enter a period between 2000 and 2100."),
        ({"period": "0000-Q1", "period_kind": "quarter"}, "Enter a period between 2000 and 2100."),
        ({"period": "9999-12"}, "The period has not started yet."),
    ],
)
def test_measurement_period_year_zero_is_a_field_error(world, english_client, data, message):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    response = post_measurement(english_client(world.ceo), goal, **data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"period": [message]}
    assert Measurement.objects.count() == 0


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e309", "Enter a number from -999,999,999,999.99 to 999,999,999,999.99."),
        ("1000000000000", "Enter a number from -999,999,999,999.99 to 999,999,999,999.99."),
        ("NaN", "Enter a number."),
        ("-Infinity", "Enter a number."),
    ],
)
def test_measurement_value_beyond_column_is_a_field_error(world, english_client, value, message):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    response = post_measurement(english_client(world.ceo), goal, value=value)
    assert response.status_code == 200
    assert response.context["form"].errors == {"value": [message]}
    assert Measurement.objects.count() == 0


GOAL = {"kind": "cost_saving", "name": "Cheaper", "baseline_value": "2000000", "target_percent": "15", "unit": ""}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"baseline_on": "0001-01-01", "target_on": "2027-01-01"},
            "baseline_on",
            "Enter a date between 2000 and 2100.",
        ),
        ({"baseline_on": "2025-01-01", "target_on": "9999-12-31"}, "target_on", "Enter a date between 2000 and 2100."),
        (
            {"baseline_on": "2025-01-01", "target_on": "2027-01-01", "baseline_value": "1e309"},
            "baseline_value",
            "Enter a number from -999,999,999,999.99 to 999,999,999,999.99.",
        ),
        (
            {"baseline_on": "2025-01-01", "target_on": "2027-01-01", "target_percent": "1e309"},
            "target_percent",
            "Enter a number from -999.99 to 999.99.",
        ),
    ],
)
def test_goal_dates_and_values_beyond_their_bounds_are_field_errors(world, english_client, data, field, message):
    service = ServiceFactory(cluster=world.cluster)
    service.participants.set(cluster_with_members(world.cluster, 2))
    url = reverse("clusters:goal_create", kwargs={"pk": service.pk})
    response = english_client(world.ceo).post(url, {**GOAL, **data})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Goal.objects.count() == 0


def test_rebaseline_beyond_its_bounds_is_a_field_error(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    before = (goal.baseline_value, goal.baseline_on)
    url = reverse("clusters:goal_rebaseline", kwargs={"pk": goal.pk})
    response = english_client(world.ceo).post(
        url, {"baseline_value": "1e309", "baseline_on": "0001-01-01", "reason": "New count"}
    )
    assert response.context["form"].errors == {
        "baseline_value": ["Enter a number from 0 to 999,999,999,999.99."],
        "baseline_on": ["Enter a date between 2000 and 2100."],
    }
    goal.refresh_from_db()
    assert (goal.baseline_value, goal.baseline_on) == before


def test_work_plan_item_beyond_its_bounds_is_a_field_error(world, english_client):
    url = reverse("clusters:work_plan", kwargs={"pk": world.cluster.pk})
    response = english_client(world.ceo).post(
        url,
        {
            "title": "Tender",
            "budget_line": "Waste",
            "budget_amount": "1e309",
            "owner": "CEO",
            "starts_on": "0001-01-01",
            "ends_on": "9999-12-31",
        },
    )
    assert response.context["form"].errors == {
        "budget_amount": ["Enter a number from -999,999,999,999.99 to 999,999,999,999.99."],
        "starts_on": ["Enter a date between 2000 and 2100."],
        "ends_on": ["Enter a date between 2000 and 2100."],
    }
    assert WorkPlanItem.objects.count() == 0


def test_service_start_outside_the_domain_years_is_a_field_error(world, english_client):
    service = ServiceFactory(cluster=world.cluster)
    url = reverse("clusters:service_status", kwargs={"pk": service.pk})
    response = english_client(world.ceo).post(url, {"status": "operating", "changed_on": "0001-01-01"})
    assert response.context["form"].errors["changed_on"] == ["Enter a date between 2000 and 2100."]
    assert Service.objects.get(pk=service.pk).status == service.status
