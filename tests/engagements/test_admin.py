"""Django admin's engagement and work-log lists stay flat: the same queries for 3 rows as for 40."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from tests.engagements.conftest import active_engagement
from tests.engagements.test_views import add_entries

pytestmark = pytest.mark.django_db


def staff(world):
    User.objects.filter(pk=world.admin.pk).update(is_staff=True, is_superuser=True)
    return world.admin


@pytest.mark.parametrize("count", [3, 40])
def test_work_log_changelist_runs_the_same_queries_whatever_the_number_of_entries(
    engaged_world, client_as, django_assert_num_queries, count
):
    add_entries(engaged_world, count, start=date(2026, 1, 1))
    client = client_as(staff(engaged_world))
    url = reverse("admin:engagements_worklog_changelist")
    client.get(url)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == count


@pytest.mark.parametrize("count", [3, 40])
def test_engagement_changelist_runs_the_same_queries_whatever_the_number_of_engagements(
    engaged_world, client_as, django_assert_num_queries, count
):
    for _index in range(count - 1):
        active_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile, goals=[])
    client = client_as(staff(engaged_world))
    url = reverse("admin:engagements_engagement_changelist")
    client.get(url)
    with django_assert_num_queries(7):  # two more than work logs: the date hierarchy's years
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == count
