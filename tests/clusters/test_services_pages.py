from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.roles import Role
from clusters import selectors, services
from clusters.models import Goal, Membership, Service
from tests.factories.clusters import AuthorityFactory, GoalFactory, ServiceFactory, cluster_with_members

pytestmark = pytest.mark.django_db

SERVICE = {"name_he": "וטרינריה אזורית", "level": "core", "domain": "veterinary", "description": "", "source": ""}


def test_ceo_adds_a_service_for_member_authorities(world, english_client):
    members = cluster_with_members(world.cluster, 3)
    response = english_client(world.ceo).post(
        reverse("clusters:service_create", kwargs={"pk": world.cluster.pk}),
        {**SERVICE, "participants": [members[0].pk, members[2].pk]},
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert (service.cluster, service.status, service.status_since) == (world.cluster, "planned", timezone.localdate())
    assert sorted(service.participants.values_list("pk", flat=True)) == sorted([members[0].pk, members[2].pk])


def test_service_cannot_include_an_authority_outside_the_cluster_and_nothing_is_saved(world, english_client):
    cluster_with_members(world.cluster, 2)
    outsider = AuthorityFactory()
    response = english_client(world.ceo).post(
        reverse("clusters:service_create", kwargs={"pk": world.cluster.pk}), {**SERVICE, "participants": [outsider.pk]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["participants"] == [
        f"Select a valid choice. {outsider.pk} is not one of the available choices."
    ]
    assert Service.objects.count() == 0


def test_ceo_changes_the_status_with_a_date_and_it_is_kept(world, english_client):
    service = ServiceFactory(cluster=world.cluster, status="planned", status_since=date(2025, 1, 1))
    response = english_client(world.ceo).post(
        reverse("clusters:service_status", kwargs={"pk": service.pk}),
        {"status": "tendering", "changed_on": "2025-06-01", "note": "tender published"},
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.status, service.status_since) == ("tendering", date(2025, 6, 1))
    assert list(service.status_changes.values_list("status", "changed_on", "note", "changed_by")) == [
        ("tendering", date(2025, 6, 1), "tender published", world.ceo.pk)
    ]


def test_status_change_dated_before_the_current_status_is_refused_and_nothing_changes(world, english_client):
    service = ServiceFactory(cluster=world.cluster, status="planned", status_since=date(2025, 1, 1))
    response = english_client(world.ceo).post(
        reverse("clusters:service_status", kwargs={"pk": service.pk}),
        {"status": "tendering", "changed_on": "2024-06-01"},
    )
    assert response.context["form"].errors["changed_on"] == ["The date cannot come before the current status began."]
    service.refresh_from_db()
    assert (service.status, service.status_changes.count()) == ("planned", 0)


def test_board_member_cannot_edit_a_service_and_nothing_changes(world, english_client):
    service = ServiceFactory(cluster=world.cluster, name_he="שם")
    response = english_client(world.board_member).post(
        reverse("clusters:service_edit", kwargs={"pk": service.pk}), {**SERVICE, "name_he": "שם אחר"}
    )
    assert response.status_code == 403
    service.refresh_from_db()
    assert service.name_he == "שם"


def test_ending_a_membership_keeps_the_row(world):
    (authority,) = cluster_with_members(world.cluster, 1)
    membership = Membership.objects.get()
    assert services.end_membership(membership=membership, left_on=date(2025, 12, 31), ended_by=world.ceo) is True
    assert list(Membership.objects.values_list("authority", "left_on")) == [(authority.pk, date(2025, 12, 31))]
    assert selectors.current_members(cluster=world.cluster) == []


def test_leadership_dates_a_vacant_ceo_seat_from_the_end_of_the_last_ceo(world):
    assert selectors.leadership(cluster=world.cluster).ceo == world.ceo
    assignment = world.ceo.role_assignments.get(role=Role.CLUSTER_CEO)
    account_services.end_role(assignment=assignment, ended_by=world.admin, reason="resigned")
    leadership = selectors.leadership(cluster=world.cluster)
    assert (leadership.ceo, leadership.ceo_vacant_since, leadership.is_ceo_seat_vacant) == (
        None,
        timezone.localdate(),
        True,
    )
    assert leadership.board == [world.board_member]


def test_goals_with_progress_by_cluster_groups_goals_per_cluster(world):
    mine = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    theirs = GoalFactory(service=ServiceFactory(cluster=world.other_cluster))
    result = selectors.goals_with_progress_by_cluster(cluster_ids=[world.cluster.pk, world.other_cluster.pk])
    assert {k: [i.goal for i in v] for k, v in result.items()} == {
        world.cluster.pk: [mine],
        world.other_cluster.pk: [theirs],
    }


def test_goal_progress_read_as_plain_rows_equals_goals_with_progress(world):
    """The overview and the recommendations read progress from plain rows; it is the progress the goal and service
    pages compute from measurement objects, for every kind of goal and measurements entered out of order."""
    from clusters.models import AuthorityValue
    from tests.factories.clusters import MeasurementFactory

    authorities = cluster_with_members(world.cluster, 3)
    service = ServiceFactory(cluster=world.cluster)
    cost = GoalFactory(service=service)
    gap = GoalFactory(service=service, kind=Goal.Kind.GAP, unit="h", baseline_value=Decimal(20))
    coverage = GoalFactory(
        service=service,
        kind=Goal.Kind.COVERAGE,
        unit="",
        baseline_value=Decimal(1),
        target_percent=None,
        target_value=Decimal(3),
        direction="higher",
    )
    GoalFactory(service=ServiceFactory(cluster=world.cluster))  # no measurement
    for start, value in ((date(2025, 10, 1), 900_000), (date(2025, 4, 1), 980_000), (date(2025, 7, 1), 940_000)):
        MeasurementFactory(goal=cost, period_start=start, value=Decimal(value))
    for goal in (gap, coverage):
        for start, values in ((date(2025, 7, 1), (14, 6, 0)), (date(2025, 4, 1), (18, 3, None))):
            measurement = MeasurementFactory(goal=goal, period_start=start, value=None)
            for authority, value in zip(authorities, values, strict=True):
                if value is not None:
                    AuthorityValue.objects.create(measurement=measurement, authority=authority, value=Decimal(value))

    def shown(items):
        return [
            (item.goal.pk, item.progress, item.latest and (item.latest.period_start, item.latest.value))
            for item in items
        ]

    light = shown(selectors.goal_progress(cluster=world.cluster))
    assert light == shown(selectors.goals_with_progress(cluster=world.cluster))
    assert sum(1 for _pk, progress, _latest in light if progress.current is not None) == 3  # the measured goals
