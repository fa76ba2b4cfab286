"""Django admin's lists of the tables that grow with the programme show 50 rows a page with the same queries
whatever the number of rows (config/admin_lists.py)."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from outbox.services import send_email
from tests.factories import UserFactory
from tests.factories.advisors import make_profile
from tests.factories.clusters import GoalFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def _users(world, count):
    UserFactory.create_batch(count)


def _profiles(world, count):
    for _ in range(count):
        make_profile()


def _measurements(world, count):
    goal = GoalFactory()
    for index in range(count):
        MeasurementFactory(goal=goal, period_start=date(1990 + index // 4, 1 + 3 * (index % 4), 1))


def _messages(world, count):
    for index in range(count):
        send_email(key=f"admin-list-{index}", to=[f"person{index}@example.test"], subject="s", body="b")


LISTS = {
    "accounts_user": (_users, 5),
    "advisors_advisorprofile": (_profiles, 5),
    "clusters_measurement": (_measurements, 5),
    "outbox_outboxmessage": (_messages, 7),
}


@pytest.mark.parametrize("changelist", sorted(LISTS))
def test_a_large_tables_changelist_shows_50_rows_with_the_same_queries_at_two_sizes(
    world, client_as, django_assert_num_queries, changelist
):
    make_rows, queries = LISTS[changelist]
    User.objects.filter(pk=world.admin.pk).update(is_staff=True, is_superuser=True)
    client = client_as(world.admin)
    url = reverse(f"admin:{changelist}_changelist")
    model = None
    for added in (3, 60):
        make_rows(world, added)
        client.get(url)
        with django_assert_num_queries(queries):
            response = client.get(url)
        changelist_of_page = response.context["cl"]
        model = changelist_of_page.model
        assert response.status_code == 200
        assert changelist_of_page.result_count == model.objects.count()
        assert len(changelist_of_page.result_list) == min(50, model.objects.count())
    assert model.objects.count() > 50
    second = client.get(url, {"p": 2})
    assert len(second.context["cl"].result_list) == min(50, model.objects.count() - 50)
