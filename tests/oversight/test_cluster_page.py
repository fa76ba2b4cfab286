"""The drill-down to one cluster: services, goals with progress and their chart, the rules that fired."""

from django.urls import reverse

from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory


def test_cluster_page_shows_services_goals_chart_and_rules(world, english_client):
    service = ServiceFactory(cluster=world.cluster, name_en="Waste collection")
    goal = GoalFactory(service=service, name="Lower waste cost")
    MeasurementFactory(goal=goal)
    response = english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Waste collection" in page
    assert "Lower waste cost" in page
    assert page.count("<polyline") == 1
    codes = [rule.code for rule in response.context["row"].assessment.fired]
    assert "no_recent_measurement" in codes  # measured for 2025 Q2 only
    for rule in response.context["row"].assessment.fired:
        assert f'data-rule="{rule.code}"' in page


def test_cluster_page_offers_no_way_to_edit_cluster_data(world, english_client):
    ServiceFactory(cluster=world.cluster)
    page = english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk])).content.decode()
    assert 'href="/clusters/' not in page
    assert 'action="/clusters/' not in page
