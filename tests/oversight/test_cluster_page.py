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


def test_cluster_page_shows_application_outcomes_as_counts_and_sums_only(world, english_client):
    from decimal import Decimal

    from tests.factories.advisors import ensure_needs
    from tests.factories.network import make_application, make_call

    ensure_needs()
    won = make_call(created_by=world.editor, title="Won call")
    lost = make_call(created_by=world.editor, title="Lost call")
    make_application(call=won, cluster=world.cluster, recorded_by=world.ceo, status="won", amount_won=Decimal(120000))
    application = make_application(call=lost, cluster=world.cluster, recorded_by=world.ceo, status="lost")
    application.note = "Our budget notes"
    application.save(update_fields=["note"])
    response = english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk]))
    page = response.content.decode()
    outcomes = response.context["call_outcomes"]
    assert (outcomes.won, outcomes.lost, outcomes.amount_won) == (1, 1, Decimal("120000.00"))
    assert "₪120,000" in page
    assert "Our budget notes" not in page
    assert "Won call" not in page
