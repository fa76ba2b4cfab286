"""The forum pages run a fixed number of queries whatever the number of members, meetings, decisions and goals."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import MemberRole
from tests.factories import UserFactory
from tests.factories.engagements import goal_of
from tests.factories.forums import at, seat

pytestmark = pytest.mark.django_db


def _grow(world, count):
    """`count` more members, meetings (each with an agenda item), decisions with two goals each, and follow-ups."""
    forum = world.forum
    for index in range(count):
        seat(forum, UserFactory(email=f"member{index}@example.org"), MemberRole.MEMBER, by=world.ceo)
    for index in range(count):
        day = timezone.localdate() + timedelta(days=20 + index)
        meeting = services.schedule_meeting(
            forum=forum, starts_at=at(day, 9), ends_at=at(day, 11), created_by=world.ceo
        )
        services.add_agenda_item(
            meeting=meeting, starts_at=at(day, 9).time(), duration_minutes=30, title=f"Item {index}", added_by=world.ceo
        )
        decision = services.record_decision(
            meeting=world.past,
            text=f"Decision {index}",
            owner=world.ceo,
            due_on=day,
            goals=[goal_of(world.cluster), world.goal],
            recorded_by=world.advisor,
        )
        services.follow_up_decision(decision=decision, note="Under way", status="in_progress", written_by=world.ceo)


@pytest.mark.parametrize("count", [1, 6])
def test_the_forum_page_runs_a_fixed_number_of_queries(forum_world, client_as, django_assert_num_queries, count):
    _grow(forum_world, count)
    client = client_as(forum_world.ceo)
    url = reverse("forums:forum_detail", args=[forum_world.forum.pk])
    client.get(url)
    with django_assert_num_queries(20):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_the_meeting_page_runs_a_fixed_number_of_queries(forum_world, client_as, django_assert_num_queries, count):
    _grow(forum_world, count)
    client = client_as(forum_world.advisor)
    url = reverse("forums:meeting_detail", args=[forum_world.past.pk])
    client.get(url)
    with django_assert_num_queries(17):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_the_forum_list_runs_a_fixed_number_of_queries(forum_world, client_as, django_assert_num_queries, count):
    _grow(forum_world, count)
    client = client_as(forum_world.ceo)
    client.get(reverse("forums:forum_list"))
    with django_assert_num_queries(7):
        assert client.get(reverse("forums:forum_list")).status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_the_calendar_feed_runs_a_fixed_number_of_queries(forum_world, client, django_assert_num_queries, count):
    _grow(forum_world, count)
    url = reverse("forums:calendar_feed", args=[services.calendar_feed_of(forum_world.ceo).token])
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
