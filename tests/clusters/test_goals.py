from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleAssignment
from accounts.roles import Role
from clusters import selectors, services
from clusters.models import Goal, Rebaseline, WorkPlan, WorkPlanApproval
from clusters.progress import OFF_TRACK, ON_TRACK
from tests.factories import user_with_role
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory, cluster_with_members

pytestmark = pytest.mark.django_db

GOAL = {"name": "Cheaper collection", "baseline_on": "2025-01-01", "target_on": "2027-01-01", "unit": ""}


@pytest.fixture
def service(world):
    service = ServiceFactory(cluster=world.cluster)
    service.participants.set(cluster_with_members(world.cluster, 4))
    return service


def create(client, service, **data):
    return client.post(reverse("clusters:goal_create", kwargs={"pk": service.pk}), {**GOAL, **data})


def test_cost_saving_goal_defaults_to_15_percent_and_lower_is_better(world, english_client, service):
    response = create(
        english_client(world.ceo), service, kind="cost_saving", baseline_value="2000000", target_percent=""
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.target_percent, goal.direction, goal.target, goal.is_active) == (
        Decimal(15),
        "lower",
        Decimal("1700000.00"),
        False,
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "cost_saving", "baseline_value": "0"}, "baseline_value", "The baseline must be above zero."),
        (
            {"kind": "gap", "baseline_value": "10", "target_percent": ""},
            "target_percent",
            "Enter a percentage above 0 and below 100.",
        ),
        (
            {"kind": "coverage", "baseline_value": "1", "target_value": "6"},
            "target_value",
            "The service has 4 participating authorities; the target cannot exceed that.",
        ),
        (
            {"kind": "coverage", "baseline_value": "3", "target_value": "2"},
            "target_value",
            "The target must be above the baseline.",
        ),
        (
            {"kind": "custom", "baseline_value": "10", "target_value": "20", "direction": "higher"},
            "unit",
            "Name the unit of the indicator.",
        ),
        (
            {"kind": "custom", "unit": "days", "baseline_value": "10", "target_value": "20", "direction": "lower"},
            "target_value",
            "The target must be better than the baseline in the chosen direction.",
        ),
        (
            {
                "kind": "custom",
                "unit": "days",
                "baseline_value": "10",
                "target_value": "5",
                "direction": "lower",
                "target_on": "2024-01-01",
            },
            "target_on",
            "The target date must come after the baseline date.",
        ),
    ],
)
def test_goal_kind_fields_are_validated_and_nothing_saved(world, english_client, service, data, field, message):
    response = create(english_client(world.ceo), service, **data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Goal.objects.count() == 0


def test_database_refuses_a_coverage_goal_without_target(service):
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(
            service=service,
            kind="coverage",
            name="x",
            baseline_value=1,
            baseline_on=date(2025, 1, 1),
            target_on=date(2026, 1, 1),
        )
    assert Goal.objects.count() == 0


def test_draft_goal_baseline_changes_without_a_rebaselining(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), is_active=False)
    response = english_client(world.ceo).post(
        reverse("clusters:goal_rebaseline", kwargs={"pk": goal.pk}),
        {"baseline_value": "1200000", "baseline_on": "2025-01-01", "reason": "first estimate was low"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.baseline_value == Decimal(1200000)
    assert Rebaseline.objects.count() == 0


def test_active_goal_rebaselining_keeps_old_value_and_reason(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), is_active=True)
    response = english_client(world.ceo).post(
        reverse("clusters:goal_rebaseline", kwargs={"pk": goal.pk}),
        {"baseline_value": "1200000", "baseline_on": "2025-03-01", "reason": "two authorities joined the service"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.baseline_value, goal.baseline_on) == (Decimal(1200000), date(2025, 3, 1))
    change = Rebaseline.objects.get()
    assert (change.old_value, change.new_value, change.reason, change.changed_by) == (
        Decimal(1000000),
        Decimal(1200000),
        "two authorities joined the service",
        world.ceo,
    )
    assert [h.baseline_value for h in goal.history.order_by("history_id")] == [Decimal(1000000), Decimal(1200000)]


def test_rebaselining_without_a_reason_is_refused_and_nothing_changes(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), is_active=True)
    response = english_client(world.ceo).post(
        reverse("clusters:goal_rebaseline", kwargs={"pk": goal.pk}),
        {"baseline_value": "1200000", "baseline_on": "2025-03-01", "reason": ""},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason"]
    goal.refresh_from_db()
    assert goal.baseline_value == Decimal(1000000)
    assert Rebaseline.objects.count() == 0


def test_activating_a_goal_fixes_its_baseline(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), is_active=False)
    english_client(world.ceo).post(reverse("clusters:goal_activate", kwargs={"pk": goal.pk}))
    goal.refresh_from_db()
    assert goal.is_active is True


def test_correcting_a_measurement_keeps_the_old_value_in_history(world):
    measurement = MeasurementFactory(
        goal=GoalFactory(service=ServiceFactory(cluster=world.cluster)), value=Decimal(950000)
    )
    services.correct_measurement(
        measurement=measurement, value=Decimal(940000), source="audited", corrected_by=world.ceo, reason="typo"
    )
    measurement.refresh_from_db()
    assert measurement.value == Decimal(940000)
    assert [h.value for h in measurement.history.order_by("history_id")] == [Decimal(950000), Decimal(940000)]
    assert measurement.history.latest().history_change_reason == "typo"


def test_service_status_changes_are_dated_and_kept(world):
    service = ServiceFactory(cluster=world.cluster, status="planned")
    services.change_service_status(
        service=service, status="tendering", changed_on=date(2025, 3, 1), changed_by=world.ceo
    )
    services.change_service_status(
        service=service, status="operating", changed_on=date(2025, 9, 1), changed_by=world.ceo
    )
    service.refresh_from_db()
    assert (service.status, service.status_since) == ("operating", date(2025, 9, 1))
    assert list(service.status_changes.values_list("status", "changed_on")) == [
        ("tendering", date(2025, 3, 1)),
        ("operating", date(2025, 9, 1)),
    ]


def test_selectors_give_goals_with_progress_latest_measurements_and_work_plan_state(world):
    service = ServiceFactory(cluster=world.cluster)
    saving = GoalFactory(service=service)
    MeasurementFactory(goal=saving, period_start=date(2025, 4, 1), value=Decimal(950000))
    MeasurementFactory(goal=saving, period_start=date(2025, 10, 1), value=Decimal(900000))
    stalled = GoalFactory(service=service)
    MeasurementFactory(goal=stalled, period_start=date(2025, 10, 1), value=Decimal(1010000))
    GoalFactory(service=ServiceFactory(cluster=world.other_cluster))

    items = selectors.goals_with_progress(cluster=world.cluster, today=date(2026, 1, 1))
    assert [(i.goal, i.progress.status, i.latest.value) for i in items] == [
        (saving, ON_TRACK, Decimal(900000)),
        (stalled, OFF_TRACK, Decimal(1010000)),
    ]
    assert {k: v.value for k, v in selectors.latest_measurements(cluster=world.cluster).items()} == {
        saving.pk: Decimal(900000),
        stalled.pk: Decimal(1010000),
    }
    assert list(selectors.services_of(cluster=world.cluster)) == [service]
    state = selectors.work_plan_state(cluster=world.cluster, year=2026)
    assert (state.plan, state.status, state.approvals, state.board_size, state.is_ready_for_oversight) == (
        None,
        None,
        0,
        1,
        False,
    )
    plan = WorkPlan.objects.create(cluster=world.cluster, year=2026)
    assert selectors.work_plan_state(cluster=world.cluster, year=2026).status == "draft"

    # approvals of this plan only; board members of this cluster in office today only
    second = user_with_role(Role.BOARD_MEMBER, world.cluster)
    user_with_role(Role.BOARD_MEMBER, world.other_cluster)
    former = user_with_role(Role.BOARD_MEMBER, world.cluster)
    today = timezone.localdate()
    RoleAssignment.objects.filter(user=former).update(
        starts_on=today - timedelta(days=30), ended_on=today - timedelta(days=1)
    )
    WorkPlanApproval.objects.create(plan=plan, approved_by=second)
    other_plan = WorkPlan.objects.create(cluster=world.other_cluster, year=2026)
    WorkPlanApproval.objects.create(plan=other_plan, approved_by=world.other_ceo)
    state = selectors.work_plan_state(cluster=world.cluster, year=2026)
    assert (state.plan, state.approvals, state.board_size) == (plan, 1, 2)
    WorkPlanApproval.objects.create(plan=plan, approved_by=world.board_member)
    assert selectors.work_plan_state(cluster=world.cluster, year=2026).approvals == 2
