from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters.models import Goal, Measurement, WorkPlan, WorkPlanApproval
from tests.factories.clusters import (
    AuthorityFactory,
    GoalFactory,
    MeasurementFactory,
    MembershipFactory,
    ServiceFactory,
    cluster_with_members,
)

pytestmark = pytest.mark.django_db


def gap_goal(world, participants=2):
    authorities = cluster_with_members(world.cluster, participants)
    service = ServiceFactory(cluster=world.cluster)
    service.participants.set(authorities)
    goal = GoalFactory(service=service, kind=Goal.Kind.GAP, unit="days", baseline_value=Decimal(10), target_percent=50)
    return goal, authorities


def post_measurement(client, goal, **data):
    payload = {"period_kind": "quarter", "period": "2025-Q2", "source": "ledger", **data}
    return client.post(reverse("clusters:measurement_create", kwargs={"pk": goal.pk}), payload)


def test_ceo_enters_a_cost_measurement_and_the_goal_page_shows_it(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    client = english_client(world.ceo)
    response = post_measurement(client, goal, value="900000")
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert (measurement.period_start, measurement.value, measurement.entered_by) == (
        date(2025, 4, 1),
        Decimal(900000),
        world.ceo,
    )
    page = client.get(reverse("clusters:goal", kwargs={"pk": goal.pk}))
    assert page.context["progress"].current == Decimal(900000)
    assert page.context["chart"]["values"] == [900000.0]
    assert page.context["chart"]["labels"] == ["2025 Q2"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"period": "2025-13", "period_kind": "month"}, "period", "“2025-13” is not a month; write it as 2026-03."),
        ({"period": "2025-05"}, "period", "“2025-05” is not a quarter; write it as 2026-Q1."),
        ({"period": "2999-Q1"}, "period", "The period has not started yet."),
        ({"value": "-5"}, "value", "A cost cannot be negative."),
    ],
)
def test_bad_cost_measurement_is_refused_with_a_clear_error_and_nothing_saved(
    world, english_client, data, field, message
):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    response = post_measurement(english_client(world.ceo), goal, **{"value": "900000", **data})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Measurement.objects.count() == 0


def test_duplicate_period_is_refused_and_the_first_value_kept(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    MeasurementFactory(goal=goal, period_start=date(2025, 4, 1), value=Decimal(950000))
    response = post_measurement(english_client(world.ceo), goal, value="900000")
    assert response.context["form"].errors["period"] == [
        "There is already a measurement for 2025-Q2; correct that one instead."
    ]
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal(950000)]


def test_gap_measurement_takes_a_value_per_participating_authority(world, english_client):
    goal, (first, second) = gap_goal(world)
    response = post_measurement(
        english_client(world.ceo), goal, **{f"authority_{first.pk}": "4", f"authority_{second.pk}": "9"}
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert sorted(measurement.authority_values.values_list("authority_id", "value")) == [
        (first.pk, Decimal(4)),
        (second.pk, Decimal(9)),
    ]


def test_value_for_an_authority_not_in_the_service_is_refused_and_nothing_saved(world, english_client):
    goal, (first, second) = gap_goal(world)
    outsider = AuthorityFactory()
    MembershipFactory(cluster=world.cluster, authority=outsider)
    response = post_measurement(
        english_client(world.ceo),
        goal,
        **{f"authority_{first.pk}": "4", f"authority_{second.pk}": "9", f"authority_{outsider.pk}": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Values were sent for an authority that does not take part in this service."
    ]
    assert Measurement.objects.count() == 0


def test_gap_measurement_needs_two_authorities(world, english_client):
    goal, (first, _second) = gap_goal(world)
    response = post_measurement(english_client(world.ceo), goal, **{f"authority_{first.pk}": "4"})
    assert response.context["form"].non_field_errors() == [
        "Enter the values of at least two authorities, so the gap between them can be computed."
    ]
    assert Measurement.objects.count() == 0


def test_board_member_cannot_enter_measurements_and_nothing_is_saved(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    response = post_measurement(english_client(world.board_member), goal, value="900000")
    assert response.status_code == 403
    assert Measurement.objects.count() == 0


def test_other_clusters_ceo_gets_404_for_the_goal_and_nothing_is_saved(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    client = english_client(world.other_ceo)
    assert client.get(reverse("clusters:goal", kwargs={"pk": goal.pk})).status_code == 404
    assert post_measurement(client, goal, value="900000").status_code == 404
    assert Measurement.objects.count() == 0


def test_overview_shows_composition_warnings_with_numbers(world, english_client):
    cluster_with_members(world.cluster, 2, population=9000, socioeconomic_cluster=4)
    response = english_client(world.ceo).get(reverse("clusters:overview", kwargs={"pk": world.cluster.pk}))
    assert [str(w.message) for w in response.context["warnings"]] == [
        "The cluster has 2 member authorities; the programme expects 5 to 10.",
        "The member authorities have 18,000 residents; the programme expects at least 50,000.",
        "All 2 member authorities are of one kind; the programme expects a mix of kinds.",
        "Member authorities range only from socio-economic cluster 4 to 4; "
        "the programme expects a mix of stronger and weaker authorities.",
        "The cluster has no core service; the programme expects 1 to 2 operating.",
    ]
    assert b"18,000 residents" in response.content


def fill_cluster(cluster, services):
    authorities = cluster_with_members(cluster, 3)
    for number in range(services):
        service = ServiceFactory(cluster=cluster)
        service.participants.set(authorities)
        for goal in (GoalFactory(service=service), GoalFactory(service=service)):
            for quarter in (1, 4, 7):
                MeasurementFactory(goal=goal, period_start=date(2025, quarter, 1), value=Decimal(990000 - number))


def count_overview_queries(client, cluster, django_assert_num_queries, expected):
    url = reverse("clusters:overview", kwargs={"pk": cluster.pk})
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_overview_query_count_does_not_grow_with_services_goals_and_measurements(
    world, english_client, django_assert_num_queries
):
    client = english_client(world.ceo)
    fill_cluster(world.cluster, 1)
    response = count_overview_queries(client, world.cluster, django_assert_num_queries, 13)
    assert len(response.context["service_rows"]) == 1
    fill_cluster(world.cluster, 4)
    response = count_overview_queries(client, world.cluster, django_assert_num_queries, 13)
    assert len(response.context["service_rows"]) == 5
    assert len(response.context["members"]) == 6

    # this year's plan read with its approvals and its board counted in one query
    plan = WorkPlan.objects.create(cluster=world.cluster, year=timezone.localdate().year)
    response = count_overview_queries(client, world.cluster, django_assert_num_queries, 12)
    assert "0 of 1 board members approved" in response.content.decode()
    WorkPlanApproval.objects.create(plan=plan, approved_by=world.board_member)
    response = count_overview_queries(client, world.cluster, django_assert_num_queries, 12)
    assert "1 of 1 board members approved" in response.content.decode()


def test_goal_page_query_count_does_not_grow_with_measurements(world, english_client, django_assert_num_queries):
    goal, authorities = gap_goal(world, participants=3)
    client = english_client(world.ceo)
    url = reverse("clusters:goal", kwargs={"pk": goal.pk})

    def add(quarters):
        for quarter in quarters:
            measurement = MeasurementFactory(goal=goal, period_start=date(2025, quarter, 1), value=None)
            for index, authority in enumerate(authorities):
                measurement.authority_values.create(authority=authority, value=Decimal(index * 3 + quarter))

    add([1])
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["rows"]) == 1
    add([4, 7, 10])
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["rows"]) == 4
    assert response.context["progress"].current == Decimal(6)


def test_work_plan_is_drafted_by_the_ceo_and_approved_by_the_whole_board(world, english_client):
    from tests.factories import user_with_role

    second_board_member = user_with_role("board_member", world.cluster)
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    ceo = english_client(world.ceo)
    url = reverse("clusters:work_plan", kwargs={"pk": world.cluster.pk})
    response = ceo.post(
        url,
        {
            "title": "Joint tender",
            "budget_line": "6100",
            "budget_amount": "120000",
            "owner": "CEO",
            "starts_on": "2026-02-01",
            "ends_on": "2026-06-30",
            "goals": [goal.pk],
        },
    )
    assert response.status_code == 302
    plan = WorkPlan.objects.get()
    assert [(i.title, i.budget_amount, list(i.goals.all())) for i in plan.items.all()] == [
        ("Joint tender", Decimal(120000), [goal])
    ]
    ceo.post(reverse("clusters:work_plan_submit", kwargs={"pk": world.cluster.pk}))
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.BOARD_REVIEW

    english_client(world.board_member).post(reverse("clusters:work_plan_approve", kwargs={"pk": world.cluster.pk}))
    plan.refresh_from_db()
    assert (plan.status, plan.approvals.count()) == (WorkPlan.Status.BOARD_REVIEW, 1)

    english_client(second_board_member).post(reverse("clusters:work_plan_approve", kwargs={"pk": world.cluster.pk}))
    plan.refresh_from_db()
    assert (plan.status, plan.approvals.count()) == (WorkPlan.Status.APPROVED, 2)


def test_work_plan_item_ending_before_it_starts_is_refused_and_nothing_saved(world, english_client):
    response = english_client(world.ceo).post(
        reverse("clusters:work_plan", kwargs={"pk": world.cluster.pk}),
        {"title": "Tender", "budget_amount": "10", "starts_on": "2026-06-01", "ends_on": "2026-02-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == ["The item cannot end before it starts."]
    assert WorkPlan.objects.count() == 0


def test_board_member_cannot_add_work_plan_items(world, english_client):
    response = english_client(world.board_member).post(
        reverse("clusters:work_plan", kwargs={"pk": world.cluster.pk}),
        {"title": "Tender", "budget_amount": "10", "starts_on": "2026-02-01", "ends_on": "2026-06-01"},
    )
    assert response.status_code == 403
    assert WorkPlan.objects.count() == 0


def test_home_shows_the_only_cluster_overview(world, english_client):
    response = english_client(world.ceo).get(reverse("clusters:home"))
    assert response.status_code == 200
    assert response.context["cluster"] == world.cluster


def test_measurement_errors_are_shown_in_hebrew_by_default(world, client_as):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    response = post_measurement(client_as(world.ceo), goal, value="-5")
    assert response.context["form"].errors["value"] == ["עלות לא יכולה להיות שלילית."]
    assert Measurement.objects.count() == 0


def test_coverage_measurement_counts_ticked_authorities(world, english_client):
    authorities = cluster_with_members(world.cluster, 4)
    service = ServiceFactory(cluster=world.cluster)
    service.participants.set(authorities)
    goal = GoalFactory(
        service=service,
        kind=Goal.Kind.COVERAGE,
        direction="higher",
        baseline_value=1,
        target_value=4,
        target_percent=None,
    )
    client = english_client(world.ceo)
    response = post_measurement(client, goal, **{f"authority_{a.pk}": "on" for a in authorities[:3]})
    assert response.status_code == 302
    assert sorted(Measurement.objects.get().authority_values.values_list("value", flat=True)) == [0, 1, 1, 1]
    page = client.get(reverse("clusters:goal", kwargs={"pk": goal.pk}))
    assert (page.context["progress"].current, page.context["progress"].percent) == (Decimal(3), 67)


def test_ceo_removes_a_draft_item_but_not_one_under_board_review(world, english_client):
    from clusters.models import WorkPlanItem

    plan = WorkPlan.objects.create(cluster=world.cluster, year=2026)
    draft_item = WorkPlanItem.objects.create(plan=plan, title="A", starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1))
    client = english_client(world.ceo)
    client.post(reverse("clusters:work_plan_item_remove", kwargs={"pk": draft_item.pk}))
    assert WorkPlanItem.objects.count() == 0

    kept = WorkPlanItem.objects.create(plan=plan, title="B", starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1))
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.BOARD_REVIEW)
    client.post(reverse("clusters:work_plan_item_remove", kwargs={"pk": kept.pk}))
    assert list(WorkPlanItem.objects.values_list("title", flat=True)) == ["B"]
