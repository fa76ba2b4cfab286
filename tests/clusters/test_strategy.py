"""The strategic plan: drafted by the CEO, approved by the board, frozen once approved, kept in versions; and
pilots with their six-month measurement and nine-month decision review, reminded once."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from clusters import selectors, strategy
from clusters.models import Milestone, Outcome, Pilot, Service, StrategicPlan, WorkPlan, WorkPlanItem
from clusters.tasks import send_pilot_reminders
from clusters.tasks import send_pilot_reminders as reminders_task
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Plan 2026–2030",
    "vision": "A region where every authority gets the same services",
    "strategic_goals": "Narrow the gaps\nSave on waste",
    "starts_year": 2026,
    "ends_year": 2030,
}


def draft(world, outcomes=1):
    plan = strategy.start_strategic_plan(cluster=world.cluster, fields=FIELDS, started_by=world.ceo)
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster, level=Service.Level.CORE))
    for number in range(outcomes):
        strategy.add_outcome(
            plan=plan,
            horizon=["short", "medium", "long"][number % 3],
            channel="urban",
            title=f"Outcome {number}",
            measured_by=[goal],
            added_by=world.ceo,
        )
    return plan, goal


def approved(world):
    plan, goal = draft(world)
    strategy.add_milestone(plan=plan, title="Tender", due_on=date(2026, 6, 1), channel="urban", added_by=world.ceo)
    assert strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo)
    assert strategy.approve_strategic_plan(plan=plan, approved_by=world.board_member)
    plan.refresh_from_db()
    return plan, goal


def test_the_ceo_drafts_a_plan_with_a_logic_model_through_the_pages(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster, level=Service.Level.CORE))
    client = english_client(world.ceo)
    response = client.post(reverse("clusters:strategic_plan", kwargs={"pk": world.cluster.pk}), FIELDS)
    plan = StrategicPlan.objects.get()
    assert response.status_code == 302
    assert (plan.version, plan.status, plan.goal_lines) == (1, "draft", ["Narrow the gaps", "Save on waste"])
    client.post(
        reverse("clusters:strategic_plan_outcome_add", kwargs={"pk": plan.pk}),
        {
            "outcome-horizon": "medium",
            "outcome-channel": "social",
            "outcome-title": "Equal response times",
            "outcome-measured_by": [goal.pk],
        },
    )
    client.post(
        reverse("clusters:strategic_plan_milestone_add", kwargs={"pk": plan.pk}),
        {"milestone-title": "Joint tender", "milestone-due_on": "2027-03-01", "milestone-channel": "urban"},
    )
    outcome = Outcome.objects.get()
    assert (outcome.horizon, outcome.channel, list(outcome.measured_by.all())) == ("medium", "social", [goal])
    assert list(Milestone.objects.values_list("title", "due_on")) == [("Joint tender", date(2027, 3, 1))]
    page = client.get(reverse("clusters:strategic_plan_version", kwargs={"pk": plan.pk})).content.decode()
    assert f'data-outcome="{outcome.pk}"' in page
    assert "Send to the board for approval" in page


def test_the_plan_is_approved_once_every_board_member_approved(world):
    plan, _goal = draft(world)
    assert strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo)
    assert strategy.approve_strategic_plan(plan=plan, approved_by=world.board_member)
    plan.refresh_from_db()
    assert plan.status == StrategicPlan.Status.APPROVED
    assert plan.approved_at is not None


def test_a_plan_without_outcomes_cannot_go_to_the_board(world):
    plan = strategy.start_strategic_plan(cluster=world.cluster, fields=FIELDS, started_by=world.ceo)
    assert strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo) is False
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_a_refused_outcome_milestone_or_plan_edit_comes_back_with_its_field_errors(world, english_client):
    plan, _goal = draft(world, outcomes=1)
    client = english_client(world.ceo)
    outcome = client.post(
        reverse("clusters:strategic_plan_outcome_add", kwargs={"pk": plan.pk}),
        {"outcome-horizon": "long", "outcome-channel": "economic", "outcome-title": ""},
    )
    milestone = client.post(
        reverse("clusters:strategic_plan_milestone_add", kwargs={"pk": plan.pk}),
        {"milestone-title": "Joint tender", "milestone-due_on": "not a date", "milestone-channel": "urban"},
    )
    edit = client.post(
        reverse("clusters:strategic_plan_edit", kwargs={"pk": plan.pk}),
        {f"plan-{k}": v for k, v in {**FIELDS, "starts_year": "2031", "ends_year": "2030"}.items()},
    )
    assert [outcome.status_code, milestone.status_code, edit.status_code] == [400, 400, 400]
    assert list(outcome.context["outcome_form"].errors) == ["title"]
    assert 'id="id_outcome-title_error"' in outcome.content.decode()
    assert list(milestone.context["milestone_form"].errors) == ["due_on"]
    assert milestone.context["milestone_form"]["title"].value() == "Joint tender"  # what was typed is kept
    assert edit.context["plan_form"].errors
    assert "There is a problem" in edit.content.decode()
    assert (Outcome.objects.count(), Milestone.objects.count()) == (1, 0)
    plan.refresh_from_db()
    assert (plan.starts_year, plan.ends_year) == (FIELDS["starts_year"], FIELDS["ends_year"])


def test_an_edit_of_an_approved_plan_is_refused_and_changes_nothing(world, english_client):
    plan, goal = approved(world)
    before = (
        list(StrategicPlan.objects.values_list("title", "vision", "strategic_goals", "starts_year", "ends_year")),
        list(Outcome.objects.values_list("pk", "title")),
        list(Milestone.objects.values_list("pk", "title")),
        StrategicPlan.history.count(),
    )
    client = english_client(world.ceo)
    edit = client.post(
        reverse("clusters:strategic_plan_edit", kwargs={"pk": plan.pk}),
        {f"plan-{k}": v for k, v in {**FIELDS, "title": "Rewritten"}.items()},
    )
    outcome = client.post(
        reverse("clusters:strategic_plan_outcome_add", kwargs={"pk": plan.pk}),
        {"outcome-horizon": "long", "outcome-channel": "economic", "outcome-title": "New", "outcome-measured_by": []},
    )
    milestone = client.post(
        reverse("clusters:strategic_plan_milestone_add", kwargs={"pk": plan.pk}),
        {"milestone-title": "Late", "milestone-due_on": "2027-01-01", "milestone-channel": "urban"},
    )
    assert [edit.status_code, outcome.status_code, milestone.status_code] == [302, 302, 302]
    assert strategy.update_strategic_plan(plan=plan, fields={**FIELDS, "title": "x"}, updated_by=world.ceo) is False
    after = (
        list(StrategicPlan.objects.values_list("title", "vision", "strategic_goals", "starts_year", "ends_year")),
        list(Outcome.objects.values_list("pk", "title")),
        list(Milestone.objects.values_list("pk", "title")),
        StrategicPlan.history.count(),
    )
    assert after == before
    page = client.get(reverse("clusters:strategic_plan_version", kwargs={"pk": plan.pk})).content.decode()
    assert "Only a draft can be changed; an approved version stays as the board approved it." in page


def test_a_revision_is_a_new_version_drafted_from_the_approved_one(world, english_client):
    plan, goal = approved(world)
    response = english_client(world.ceo).post(
        reverse("clusters:strategic_plan", kwargs={"pk": world.cluster.pk}), {**FIELDS, "title": "Plan v2"}
    )
    assert response.status_code == 302
    second = StrategicPlan.objects.get(version=2)
    assert (second.based_on, second.title, second.status) == (plan, "Plan v2", "draft")
    assert [(o.title, list(o.measured_by.all())) for o in second.outcomes.all()] == [("Outcome 0", [goal])]
    assert list(second.milestones.values_list("title", flat=True)) == ["Tender"]
    plan.refresh_from_db()
    assert (plan.title, plan.status, plan.outcomes.count()) == ("Plan 2026–2030", "approved", 1)


def test_only_one_version_is_drafted_at_a_time(world):
    draft(world)
    assert strategy.start_strategic_plan(cluster=world.cluster, fields=FIELDS, started_by=world.ceo) is None
    assert StrategicPlan.objects.count() == 1


def test_the_board_member_cannot_edit_and_the_ceo_cannot_approve(world, english_client):
    plan, _goal = draft(world)
    strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo)
    board = english_client(world.board_member).post(
        reverse("clusters:strategic_plan_edit", kwargs={"pk": plan.pk}), {"plan-title": "x"}
    )
    ceo = english_client(world.ceo).post(reverse("clusters:strategic_plan_approve", kwargs={"pk": plan.pk}))
    assert (board.status_code, ceo.status_code) == (403, 403)
    plan.refresh_from_db()
    assert (plan.title, plan.status, plan.approvals.count()) == ("Plan 2026–2030", "board_review", 0)


@pytest.mark.parametrize("outcomes", [1, 6])
def test_the_plan_page_query_count_does_not_grow_with_the_plan(world, client_as, django_assert_num_queries, outcomes):
    plan, _goal = draft(world, outcomes=outcomes)
    for number in range(outcomes):
        Milestone.objects.create(plan=plan, title=f"M{number}", due_on=date(2027, 1, 1), channel="social")
    with django_assert_num_queries(5):
        loaded = selectors.strategic_plan(plan_id=plan.pk)
        assert len([g for o in loaded.outcomes.all() for g in o.measured_by.all()]) == outcomes
        assert len(loaded.milestones.all()) == outcomes
    client = client_as(world.board_member)
    client.get(reverse("clusters:strategic_plan_version", kwargs={"pk": plan.pk}))  # warm the session
    with django_assert_num_queries(10):
        response = client.get(reverse("clusters:strategic_plan_version", kwargs={"pk": plan.pk}))
    assert response.status_code == 200


def test_the_printable_view_carries_a_print_stylesheet(world, english_client):
    plan, _goal = approved(world)
    page = english_client(world.board_member).get(reverse("clusters:strategic_plan_print", kwargs={"pk": plan.pk}))
    content = page.content.decode()
    assert "css/print.css" in content
    assert "Plan 2026–2030" in content
    assert 'class="plan-document"' in content


@pytest.mark.parametrize(
    ("language", "goal_names", "service_names", "includes"),
    [
        ("en", {"name_en": "Waste collection: cost saving"}, {"name_en": "waste COLLECTION"}, True),
        ("en", {"name_en": "Cost saving"}, {"name_en": "Waste collection"}, False),
        ("he", {"name": "חיסכון באיסוף פסולת"}, {"name_he": "איסוף פסולת"}, True),
        ("he", {"name": "חיסכון בעלויות"}, {"name_he": "איסוף פסולת"}, False),
        # in the language shown: the English name says the service, the Hebrew one does not
        (
            "he",
            {"name": "חיסכון בעלויות", "name_en": "Waste collection: cost saving"},
            {"name_he": "איסוף פסולת"},
            False,
        ),
        ("ar", {"name": "חיסכון בעלויות", "name_ar": "توفير في جمع النفايات"}, {"name_ar": "جمع النفايات"}, True),
    ],
)
def test_a_goals_name_includes_its_service_in_the_language_shown(world, language, goal_names, service_names, includes):
    service = ServiceFactory(cluster=world.cluster, **{"name_he": "איסוף פסולת", "name_en": "", **service_names})
    goal = GoalFactory(service=service, **{"name_en": "", **goal_names})
    with translation.override(language):
        assert goal.name_includes_service is includes


def two_goals_measuring_one_outcome(world):
    """An approved plan whose outcome is measured by a goal whose name says its service and one whose does not."""
    plan, _goal = draft(world, outcomes=0)
    service = ServiceFactory(cluster=world.cluster, level=Service.Level.CORE, name_en="Veterinary service")
    named = GoalFactory(service=service, name="Veterinary service response time")
    other = GoalFactory(service=service, name="Cost saving")
    strategy.add_outcome(
        plan=plan, horizon="short", channel="urban", title="Outcome", measured_by=[named, other], added_by=world.ceo
    )
    return plan


@pytest.mark.parametrize("url_name", ["clusters:strategic_plan_version", "clusters:strategic_plan_print"])
def test_the_plan_names_the_service_only_where_the_goal_does_not(world, english_client, url_name):
    plan = two_goals_measuring_one_outcome(world)
    page = english_client(world.ceo).get(reverse(url_name, kwargs={"pk": plan.pk})).content.decode()
    cell = re.search(r'<tr data-outcome="\d+">.*?</tr>', page, re.S).group(0)
    shown = re.sub(r"<[^>]+>", "", cell)
    assert "Veterinary service response time; Cost saving (Veterinary service)" in shown
    assert shown.count("Veterinary service") == 2


# Pilots ----------------------------------------------------------------------------------------------------------


def pilot_item(world, starts_on, goals=()):
    plan = WorkPlan.objects.create(cluster=world.cluster, year=starts_on.year)
    from clusters import services

    return services.add_work_plan_item(
        plan=plan,
        title="Shared veterinary pilot",
        budget_line="",
        budget_amount=Decimal(100_000),
        owner="",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=365),
        goals=list(goals),
        pilot_starts_on=starts_on,
    )


@pytest.mark.parametrize(
    ("starts_on", "measurement", "review"),
    [
        (date(2026, 1, 15), date(2026, 7, 15), date(2026, 10, 15)),
        (date(2025, 5, 31), date(2025, 11, 30), date(2026, 2, 28)),
        (date(2023, 5, 31), date(2023, 11, 30), date(2024, 2, 29)),
    ],
)
def test_a_pilot_is_measured_at_six_months_and_reviewed_at_nine(world, starts_on, measurement, review):
    item = pilot_item(world, starts_on)
    assert (item.pilot.measurement_due_on, item.pilot.review_due_on) == (measurement, review)


def test_the_work_plan_form_makes_an_item_a_pilot_serving_an_outcome(world, english_client):
    plan, goal = approved(world)
    outcome = plan.outcomes.get()
    response = english_client(world.ceo).post(
        reverse("clusters:work_plan", kwargs={"pk": world.cluster.pk}),
        {
            "title": "Pilot",
            "budget_amount": "1000",
            "starts_on": "2026-02-01",
            "ends_on": "2026-12-31",
            "goals": [goal.pk],
            "outcome": outcome.pk,
            "pilot_starts_on": "2026-02-01",
        },
    )
    assert response.status_code == 302
    item = WorkPlanItem.objects.get()
    assert (item.outcome, item.pilot.starts_on) == (outcome, date(2026, 2, 1))


def test_pilot_reminders_are_sent_once_each(world, django_capture_on_commit_callbacks):
    def send_pilot_reminders():
        # the outbox sends what the task owed once its transaction commits
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_task()

    today = timezone.localdate()
    pilot = pilot_item(world, strategy_start(today, months_ago=6)).pilot
    assert send_pilot_reminders() == 1
    assert send_pilot_reminders() == 0
    assert [m.to for m in mail.outbox] == [["ceo@example.org"]]
    assert mail.outbox[0].subject == "מועד מדידת חצי השנה של פיילוט מגיע"  # the CEO's language
    pilot.refresh_from_db()
    assert pilot.measurement_reminded_at is not None and pilot.review_reminded_at is None
    Pilot.objects.filter(pk=pilot.pk).update(starts_on=strategy_start(today, months_ago=9))
    assert send_pilot_reminders() == 1
    assert send_pilot_reminders() == 0
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "מועד בחינת ההחלטה על פיילוט מגיע"


def test_a_pilot_far_from_its_checkpoints_is_not_reminded(world):
    pilot_item(world, timezone.localdate())
    assert send_pilot_reminders() == 0
    assert mail.outbox == []


def strategy_start(today, *, months_ago):
    from clusters.models.strategy import add_months

    return add_months(today, -months_ago)


def test_the_decision_review_keeps_the_goals_progress_over_the_pilot(world, english_client):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))  # 1,000,000 → 850,000
    MeasurementFactory(goal=goal, period_start=date(2025, 4, 1), value=Decimal(970_000))  # 20 %
    MeasurementFactory(goal=goal, period_start=date(2025, 10, 1), value=Decimal(880_000))  # 80 %
    pilot = pilot_item(world, date(2025, 7, 1), goals=[goal]).pilot
    response = english_client(world.ceo).post(
        reverse("clusters:pilot_decide", kwargs={"pk": pilot.pk}),
        {"decision": "scale", "reason": "the gap closed"},
    )
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert (pilot.decision, pilot.reason, pilot.decided_by) == ("scale", "the gap closed", world.ceo)
    assert pilot.evidence == [{"goal": goal.pk, "name": goal.name, "at_start": 20, "now": 80}]
    assert strategy.decide_pilot(pilot=pilot, decision="stop", reason="x", decided_by=world.ceo) is False
    pilot.refresh_from_db()
    assert pilot.decision == "scale"
