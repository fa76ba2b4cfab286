"""The programme's rules on the oversight pages: the core-service count, per-authority values of gap goals and
what a re-baselining did to progress."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clusters import services as cluster_services
from clusters.models import Cluster, Goal, Service
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory, cluster_with_members

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("operating", "fires"), [(0, True), (1, False), (2, False), (3, True)])
def test_the_drill_down_warns_outside_one_to_two_operating_core_services(world, english_client, operating, fires):
    Cluster.objects.filter(pk=world.cluster.pk).update(stage=Cluster.Stage.INCORPORATED)
    ServiceFactory.create_batch(operating, cluster=world.cluster, level=Service.Level.CORE)
    response = english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk]))
    codes = [rule.code for rule in response.context["row"].assessment.fired]
    assert ("core_service_count" in codes) is fires
    assert ('data-rule="core_service_count"' in response.content.decode()) is fires


def test_a_forming_cluster_is_not_warned_of_no_core_service(world, english_client):
    response = english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk]))
    assert "core_service_count" not in [rule.code for rule in response.context["row"].assessment.fired]


def test_the_drill_down_shows_a_gap_goals_values_per_member_authority(world, english_client):
    first, second, third = cluster_with_members(world.cluster, 3)
    service = ServiceFactory(cluster=world.cluster)
    service.participants.set([first, second, third])
    goal = GoalFactory(service=service, kind=Goal.Kind.GAP, unit="days", baseline_value=Decimal(10), target_percent=50)
    for period, values in [
        (date(2025, 4, 1), {first: Decimal(12), second: Decimal(4), third: Decimal(7)}),
        (date(2025, 7, 1), {first: Decimal(9), second: Decimal(5), third: Decimal("6.5")}),
    ]:
        cluster_services.record_measurement(
            goal=goal,
            period_kind="quarter",
            period_start=period,
            value=None,
            authority_values=values,
            source="x",
            entered_by=None,
        )
    response = english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk]))
    services = response.context["service_rows"]
    table = services[0][1][0][2]
    assert (table.first_label, table.latest_label) == ("2025 Q2", "2025 Q3")
    assert [(a.pk, old, new) for a, old, new in table.rows] == [
        (first.pk, Decimal(12), Decimal(9)),
        (third.pk, Decimal(7), Decimal("6.5")),
        (second.pk, Decimal(4), Decimal(5)),
    ]
    assert (table.first_gap, table.latest_gap) == (Decimal(8), Decimal(4))
    assert f'data-authority-values="{goal.pk}"' in response.content.decode()


def test_the_rebaseline_queue_shows_progress_before_and_after(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    MeasurementFactory(goal=goal, period_start=date(2025, 4, 1), value=Decimal(900_000))
    cluster_services.rebaseline_goal(
        goal=goal, baseline_value=Decimal(1_100_000), baseline_on=date(2025, 1, 1), reason="x", changed_by=world.ceo
    )
    # before: 100,000 of 150,000 (67 %); after: target 935,000, 200,000 of 165,000: past the target.
    page = english_client(world.referent).get(reverse("oversight:rebaseline_queue")).content.decode()
    assert "Progress: <span data-before>\u206667%\u2069</span> → <span data-after>target exceeded</span>" in page
