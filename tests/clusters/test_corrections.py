"""The CEO corrects a recorded measurement with a reason; old values stay in history; the page shows it."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clusters import services
from clusters.models import AuthorityValue, Goal, Measurement
from tests.factories.clusters import GoalFactory, ServiceFactory, cluster_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def gap_goal(world):
    service = ServiceFactory(cluster=world.cluster)
    service.participants.set(cluster_with_members(world.cluster, 3))
    return GoalFactory(
        service=service,
        kind=Goal.Kind.GAP,
        unit="t",
        direction="lower",
        baseline_value=Decimal(4),
        target_percent=Decimal(50),
        target_value=None,
    )


def record_gap(goal, values):
    authorities = list(goal.service.participants.order_by("pk"))
    return services.record_measurement(
        goal=goal,
        period_kind="quarter",
        period_start=date(2025, 4, 1),
        value=None,
        authority_values=dict(zip(authorities, values, strict=True)),
        source="municipal reports",
        entered_by=None,
    )


def cost_measurement(world):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    return services.record_measurement(
        goal=goal,
        period_kind="quarter",
        period_start=date(2025, 4, 1),
        value=Decimal(900_000),
        authority_values={},
        source="ledger",
        entered_by=None,
    )


def test_ceo_corrects_per_authority_values_with_a_reason(world, english_client, gap_goal):
    measurement = record_gap(gap_goal, [Decimal(2), Decimal(5), Decimal(7)])
    first, second, third = gap_goal.service.participants.order_by("pk")
    response = english_client(world.ceo).post(
        reverse("clusters:measurement_correct", args=[measurement.pk]),
        {
            f"authority_{first.pk}": "3",
            f"authority_{second.pk}": "5",
            f"authority_{third.pk}": "",
            "source": "audited reports",
            "reason": "the first authority re-weighed its loads",
        },
    )
    assert response.status_code == 302
    assert dict(AuthorityValue.objects.filter(measurement=measurement).values_list("authority_id", "value")) == {
        first.pk: Decimal(3),
        second.pk: Decimal(5),
    }
    assert Measurement.objects.get(pk=measurement.pk).source == "audited reports"
    old = AuthorityValue.history.filter(authority_id=first.pk).order_by("history_id")
    assert [row.value for row in old] == [Decimal(2), Decimal(3)]
    assert AuthorityValue.history.filter(authority_id=third.pk, history_type="-").count() == 1
    page = english_client(world.ceo).get(reverse("clusters:goal", args=[gap_goal.pk])).content.decode()
    assert "the first authority re-weighed its loads" in page


def test_a_correction_needs_a_reason_and_changes_nothing_without_one(world, english_client):
    measurement = cost_measurement(world)
    response = english_client(world.ceo).post(
        reverse("clusters:measurement_correct", args=[measurement.pk]), {"value": "880000", "source": "ledger"}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    measurement.refresh_from_db()
    assert measurement.value == Decimal(900_000)
    assert measurement.history.count() == 1


def test_a_negative_corrected_cost_is_refused(world, english_client):
    measurement = cost_measurement(world)
    response = english_client(world.ceo).post(
        reverse("clusters:measurement_correct", args=[measurement.pk]),
        {"value": "-5", "source": "ledger", "reason": "x"},
    )
    assert response.status_code == 400
    assert "A cost cannot be negative." in response.content.decode()
    measurement.refresh_from_db()
    assert measurement.value == Decimal(900_000)


def test_the_form_starts_from_the_recorded_values(world, english_client, gap_goal):
    measurement = record_gap(gap_goal, [Decimal(2), Decimal(5), Decimal(7)])
    first = gap_goal.service.participants.order_by("pk").first()
    form = english_client(world.ceo).get(reverse("clusters:measurement_correct", args=[measurement.pk])).context["form"]
    assert form[f"authority_{first.pk}"].value() == Decimal(2)
    assert form["source"].value() == "municipal reports"
