"""A CEO of several clusters chooses the cluster with ?cluster=<id>; the first is the default."""

import pytest
from django.urls import reverse

from accounts import services as account_services
from accounts.roles import Role
from advisors.models import Need
from engagements.models import Engagement
from tests.factories import ClusterFactory
from tests.factories.engagements import draft_engagement


@pytest.fixture
def two_clusters(engaged_world):
    """The world's CEO also runs a second cluster, with an engagement of its own."""
    world = engaged_world
    second = ClusterFactory()
    account_services.grant_role(user=world.ceo, role=Role.CLUSTER_CEO, scope=second)
    world.ceo.refresh_from_db()
    world.extra["second"] = second
    world.extra["second_engagement"] = draft_engagement(cluster=second, ceo=world.ceo, profile=world.profile)
    return world


def _ids(response):
    return [engagement.pk for engagement, _step in response.context["rows"]]


def test_the_list_shows_the_first_cluster_by_default_and_the_chosen_one_on_request(two_clusters, client_as):
    client = client_as(two_clusters.ceo)
    first = client.get(reverse("engagements:list"))
    assert _ids(first) == [two_clusters.engagement.pk]
    assert 'name="cluster"' in first.content.decode()
    chosen = client.get(reverse("engagements:list"), {"cluster": two_clusters.second.pk})
    assert _ids(chosen) == [two_clusters.second_engagement.pk]


def test_a_cluster_that_is_not_theirs_is_not_found(two_clusters, client_as):
    client = client_as(two_clusters.ceo)
    for name in ("engagements:list", "engagements:approvals", "engagements:recommendations"):
        assert client.get(reverse(name), {"cluster": two_clusters.other_cluster.pk}).status_code == 404


def test_a_ceo_of_one_cluster_sees_no_chooser(engaged_world, client_as):
    page = client_as(engaged_world.ceo).get(reverse("engagements:list")).content.decode()
    assert 'name="cluster"' not in page


def test_a_new_engagement_goes_to_the_chosen_cluster(two_clusters, client_as):
    need = Need.objects.get(code="management.workplan_budget")
    url = f"{reverse('engagements:new')}?profile={two_clusters.profile.pk}&cluster={two_clusters.second.pk}"
    response = client_as(two_clusters.ceo).post(
        url,
        {
            "needs": [need.pk],
            "scope": "Second cluster's budget",
            "starts_on": "2026-02-01",
            "ends_on": "2026-03-01",
            "budget_hours": "10",
            "hourly_rate": "400",
        },
    )
    assert response.status_code == 302
    assert Engagement.objects.get(scope="Second cluster's budget").cluster_id == two_clusters.second.pk


def test_recommendations_start_from_the_chosen_cluster(two_clusters, client_as):
    two_clusters.second.region = "south"
    two_clusters.second.save(update_fields=["region"])
    response = client_as(two_clusters.ceo).get(
        reverse("engagements:recommendations"), {"cluster": two_clusters.second.pk}
    )
    assert response.context["cluster"] == two_clusters.second
    assert response.context["form"].initial["region"] == "south"


def test_a_request_is_posted_for_the_chosen_cluster(two_clusters, client_as):
    from datetime import timedelta

    from django.utils import timezone

    from engagements.models import Request

    client = client_as(two_clusters.ceo)
    url = f"{reverse('engagements:request_new')}?cluster={two_clusters.second.pk}"
    page = client.get(url)
    assert page.context["cluster"] == two_clusters.second
    assert 'name="cluster"' in page.content.decode()
    response = client.post(
        url,
        {
            "need": Need.objects.get(code="management.workplan_budget").pk,
            "title": "Second cluster's plan",
            "text": "Help with the plan.",
            "answer_by": (timezone.localdate() + timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Request.objects.get(title="Second cluster's plan").cluster_id == two_clusters.second.pk
    assert client.get(reverse("engagements:request_new"), {"cluster": two_clusters.other_cluster.pk}).status_code == 404
