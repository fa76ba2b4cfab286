"""Decisions: owners and due dates, links to goals of the forum's clusters, follow-ups, and whether they moved
anything (each linked goal's progress at the decision date and now)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from forums import services
from forums.models import Decision, DecisionStatus, FollowUp
from tests.factories.clusters import MeasurementFactory
from tests.factories.engagements import goal_of

pytestmark = pytest.mark.django_db


def _month(months_back: int):
    first = timezone.localdate().replace(day=1)
    for _ in range(months_back):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def _measure(goal, months_back, value):
    MeasurementFactory(goal=goal, period_kind="month", period_start=_month(months_back), value=Decimal(value))


def _decided_last_month(world):
    Decision.objects.filter(pk=world.decision.pk).update(decided_on=_month(0) - timedelta(days=1))


def test_a_decisions_goal_shows_its_progress_at_the_decision_date_and_now(forum_world, client_as):
    world = forum_world
    _decided_last_month(world)
    _measure(world.goal, 4, 940_000)
    _measure(world.goal, 0, 880_000)
    response = client_as(world.referent).get(reverse("forums:forum_detail", args=[world.forum.pk]))
    [row] = response.context["decision_rows"]
    [moved] = row["goals"]
    # cost saving: baseline 1,000,000, target 850,000; 940,000 is 40 % of the way, 880,000 is 80 %
    assert (moved.goal, moved.then.percent, moved.now.percent, moved.moved) == (world.goal, 40, 80, 40)
    assert "moved +40 points" in response.content.decode()


def test_a_goal_measured_only_after_the_decision_had_no_progress_then(forum_world):
    from clusters.selectors import progress_then_and_now

    world = forum_world
    _decided_last_month(world)
    _measure(world.goal, 0, 925_000)
    decided = Decision.objects.get(pk=world.decision.pk).decided_on
    result = progress_then_and_now(pairs=[(world.goal.pk, decided)])[(world.goal.pk, decided)]
    assert (result.then.percent, result.now.percent, result.moved) == (None, 50, None)


def test_a_decision_may_link_goals_of_the_clusters_in_the_forum_only(forum_world):
    world = forum_world
    from tests.factories import ClusterFactory

    in_scope = goal_of(world.other_cluster)  # the other cluster's CEO sits in the forum
    outside = goal_of(ClusterFactory())
    before = Decision.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.record_decision(
            meeting=world.past,
            text="x",
            owner=world.ceo,
            due_on=timezone.localdate(),
            goals=[in_scope, outside],
            recorded_by=world.advisor,
        )
    assert refused.value.code == "goals"
    assert Decision.objects.count() == before
    decision = services.record_decision(
        meeting=world.past,
        text="x",
        owner=world.ceo,
        due_on=timezone.localdate(),
        goals=[in_scope, world.goal],
        recorded_by=world.advisor,
    )
    assert set(decision.goals.values_list("pk", flat=True)) == {in_scope.pk, world.goal.pk}
    assert AuditEvent.objects.filter(action="decision_recorded", target_id=decision.pk).count() == 1


def test_the_owner_must_be_a_member(forum_world):
    world = forum_world
    with pytest.raises(ValidationError) as refused:
        services.record_decision(
            meeting=world.past, text="x", owner=world.board_member, due_on=timezone.localdate(), recorded_by=world.ceo
        )
    assert refused.value.code == "owner"


def test_the_decision_form_offers_the_scope_goals_and_records_one(forum_world, client_as):
    world = forum_world
    url = reverse("forums:decision_new", args=[world.upcoming.pk])
    page = client_as(world.advisor).get(url)
    assert list(page.context["form"].fields["goals"].queryset) == [world.goal]
    response = client_as(world.advisor).post(
        url,
        {
            "text": "Share the call-centre data",
            "owner": world.ceo.pk,
            "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "goals": [world.goal.pk],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(text="Share the call-centre data")
    assert (decision.owner, decision.status, decision.meeting) == (world.ceo, "open", world.upcoming)


def test_the_owner_follows_up_at_the_next_meeting(forum_world, client_as):
    world = forum_world
    url = reverse("forums:decision_detail", args=[world.decision.pk])
    response = client_as(world.other_ceo).post(
        url, {"note": "Draft sent round", "status": "in_progress", "meeting": world.upcoming.pk}
    )
    assert response.status_code == 302
    assert list(FollowUp.objects.values_list("note", "status", "meeting_id", "written_by_id")) == [
        ("Draft sent round", "in_progress", world.upcoming.pk, world.other_ceo.pk)
    ]
    assert Decision.objects.get(pk=world.decision.pk).status == DecisionStatus.IN_PROGRESS
    page = client_as(world.referent).get(reverse("forums:meeting_detail", args=[world.upcoming.pk]))
    assert [f.note for f in page.context["follow_ups"]] == ["Draft sent round"]


def test_an_observer_cannot_follow_up_and_nothing_changes(forum_world, client_as):
    world = forum_world
    response = client_as(world.referent).post(
        reverse("forums:decision_detail", args=[world.decision.pk]), {"note": "x", "status": "done"}
    )
    assert response.status_code == 403
    assert FollowUp.objects.count() == 0
    assert Decision.objects.get(pk=world.decision.pk).status == DecisionStatus.OPEN


def test_a_member_from_another_cluster_sees_only_that_a_goal_is_linked(forum_world, client_as):
    """Each CEO sees their own cluster only: the other cluster's CEO learns how many goals are linked, not which or
    how they moved."""
    world = forum_world
    _decided_last_month(world)
    _measure(world.goal, 4, 940_000)
    response = client_as(world.other_ceo).get(reverse("forums:forum_detail", args=[world.forum.pk]))
    [row] = response.context["decision_rows"]
    assert (row["goals"], row["hidden"]) == ([], 1)
    page = response.content.decode()
    assert world.goal.name not in page
    assert "1 linked goal or measure of another cluster is not shown to you." in page
    form = client_as(world.other_ceo).get(reverse("forums:decision_detail", args=[world.decision.pk]))
    assert world.goal.name not in form.content.decode()


def test_a_published_goal_is_shown_to_every_member(forum_world, client_as):
    world = forum_world
    type(world.goal).objects.filter(pk=world.goal.pk).update(is_public=True)
    response = client_as(world.other_ceo).get(reverse("forums:forum_detail", args=[world.forum.pk]))
    [row] = response.context["decision_rows"]
    assert ([item.goal.pk for item in row["goals"]], row["hidden"]) == ([world.goal.pk], 0)
