"""The CEO chooses which of the cluster's goals are public; goals of other clusters are never touched."""

import pytest

from accounts.models import AuditEvent
from clusters.models import Goal
from clusters.services import publish_goals
from tests.factories.clusters import GoalFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_publishing_sets_exactly_the_chosen_goals_of_the_cluster(world):
    first, second = (GoalFactory(service=ServiceFactory(cluster=world.cluster)) for _index in range(2))
    foreign = GoalFactory(service=ServiceFactory(cluster=world.other_cluster))
    assert publish_goals(cluster=world.cluster, public_goal_ids={first.pk, foreign.pk}, published_by=world.ceo) == (
        1,
        0,
    )
    assert set(Goal.objects.filter(is_public=True).values_list("pk", flat=True)) == {first.pk}
    assert publish_goals(cluster=world.cluster, public_goal_ids={second.pk}, published_by=world.ceo) == (1, 1)
    assert set(Goal.objects.filter(is_public=True).values_list("pk", flat=True)) == {second.pk}
    events = AuditEvent.objects.filter(action="goals_published").order_by("pk")
    assert [e.data for e in events] == [
        {"published": [first.pk], "withdrawn": []},
        {"published": [second.pk], "withdrawn": [first.pk]},
    ]


def test_publishing_the_same_choice_again_changes_nothing(world):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), is_public=True)
    assert publish_goals(cluster=world.cluster, public_goal_ids={goal.pk}, published_by=world.ceo) == (0, 0)
    assert AuditEvent.objects.filter(action="goals_published").count() == 0
