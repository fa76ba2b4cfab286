"""The dashboard: the national table, its filters and sorting, the access log and a flat query count."""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from clusters.models import Cluster, Service
from oversight.models import AccessLogEntry
from tests.factories import ClusterFactory, user_with_role
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory, cluster_with_members
from tests.factories.oversight import FindingFactory
from tests.oversight.engagement_helpers import engagement_with_work


def _rows(response):
    return [
        (row.cluster.pk, row.status, [rule.code for rule in row.assessment.fired]) for row in response.context["rows"]
    ]


def test_referent_sees_only_the_clusters_assigned_to_them(world, english_client):
    response = english_client(world.referent).get(reverse("oversight:home"))
    assert [row.cluster for row in response.context["rows"]] == [world.cluster]


def test_head_referent_sees_every_cluster(world, english_client):
    response = english_client(world.head_referent).get(reverse("oversight:home"))
    assert {row.cluster.pk for row in response.context["rows"]} == {world.cluster.pk, world.other_cluster.pk}


def test_dashboard_row_shows_members_operating_core_services_and_goal_progress(world, english_client):
    cluster_with_members(world.cluster, 3)
    service = ServiceFactory(cluster=world.cluster, status=Service.Status.OPERATING)
    ServiceFactory(cluster=world.cluster, status=Service.Status.PLANNED)
    ServiceFactory(cluster=world.cluster, level=Service.Level.PREFERRED, status=Service.Status.OPERATING)
    goal = GoalFactory(service=service)
    MeasurementFactory(goal=goal)
    row = english_client(world.referent).get(reverse("oversight:home")).context["rows"][0]
    assert (row.members, row.operating_core_services, len(row.core_services)) == (3, 1, 2)
    assert [item.goal for item in row.goals] == [goal]


def test_dashboard_lists_the_rules_that_fired_with_their_numbers(world, english_client):
    Cluster.objects.filter(pk=world.cluster.pk).update(incorporated_on=timezone.localdate() - timedelta(days=800))
    response = english_client(world.referent).get(reverse("oversight:home"))
    row = response.context["rows"][0]
    assert row.status == "red"
    assert "no_core_service" in [rule.code for rule in row.assessment.fired]
    assert row.assessment.fired[0].message.startswith("No core service is operating, 26 months after incorporation")
    assert row.assessment.fired[0].message in response.content.decode()


def test_overdue_open_findings_count_in_the_status(world, english_client):
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=timezone.localdate() - timedelta(days=1))
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=timezone.localdate() + timedelta(days=1))
    FindingFactory(
        cluster=world.cluster,
        raised_by=world.referent,
        due_on=timezone.localdate() - timedelta(days=5),
        state="closed",
        closed_at=timezone.now(),
    )
    row = english_client(world.referent).get(reverse("oversight:home")).context["rows"][0]
    assert row.overdue_findings == 1
    assert "findings_overdue" in [rule.code for rule in row.assessment.fired]


def test_filters_by_region_stage_status_and_domain(world, english_client, settings):
    settings.OVERSIGHT_REPORTS_START = timezone.localdate() + timedelta(days=400)  # no periodic report due yet
    Cluster.objects.filter(pk=world.cluster.pk).update(region="north", stage=Cluster.Stage.OPERATING)
    Cluster.objects.filter(pk=world.other_cluster.pk).update(region="south", stage=Cluster.Stage.FORMING)
    ServiceFactory(cluster=world.cluster, domain="waste")
    ServiceFactory(cluster=world.other_cluster, domain="transport")
    Cluster.objects.filter(pk=world.other_cluster.pk).update(incorporated_on=date(2020, 1, 1))  # red: no service
    Service.objects.filter(cluster=world.other_cluster).update(status=Service.Status.PLANNED)
    client = english_client(world.head_referent)
    url = reverse("oversight:home")

    def shown(**params):
        return [row.cluster.pk for row in client.get(url, params).context["rows"]]

    assert shown(region="north") == [world.cluster.pk]
    assert shown(stage="forming") == [world.other_cluster.pk]
    assert shown(domain="transport") == [world.other_cluster.pk]
    assert shown(status="red") == [world.other_cluster.pk]


def test_sorting_by_status_puts_red_first(world, english_client):
    Cluster.objects.filter(pk=world.other_cluster.pk).update(name_en="A", name_he="א", incorporated_on=date(2020, 1, 1))
    Cluster.objects.filter(pk=world.cluster.pk).update(name_en="B", name_he="ב")
    client = english_client(world.head_referent)
    by_status = [row.status for row in client.get(reverse("oversight:home"), {"sort": "status"}).context["rows"]]
    assert by_status[0] == "red"
    assert by_status == sorted(by_status, key={"red": 0, "amber": 1, "green": 2}.get)


def test_dashboard_view_is_recorded_in_the_access_log(world, english_client):
    english_client(world.referent).get(reverse("oversight:home"))
    assert list(AccessLogEntry.objects.values_list("user", "cluster", "page")) == [
        (world.referent.pk, None, "dashboard")
    ]


def test_refused_dashboard_records_nothing(world, english_client):
    assert english_client(world.advisor).get(reverse("oversight:home")).status_code == 403
    assert AccessLogEntry.objects.count() == 0


def _add_clusters(count: int, referent):
    for _ in range(count):
        cluster = ClusterFactory(incorporated_on=date(2024, 1, 1))
        cluster_with_members(cluster, 2)
        ceo = user_with_role(Role.CLUSTER_CEO, cluster)
        engagement_with_work(cluster=cluster, ceo=ceo, hours=(2, 3))
        engagement_with_work(cluster=cluster, ceo=ceo, hours=(1,), needs=("core.domain_expertise", "other.media"))
        for _service in range(2):
            service = ServiceFactory(cluster=cluster)
            for _goal in range(2):
                goal = GoalFactory(service=service)
                for quarter in (1, 4, 7):
                    MeasurementFactory(goal=goal, period_start=date(2025, quarter, 1), value=Decimal(900_000))
        FindingFactory(cluster=cluster, raised_by=referent, due_on=date(2020, 1, 1))


def test_dashboard_query_count_does_not_grow_with_clusters_goals_measurements_or_work_logs(
    world, english_client, django_assert_num_queries
):
    """With no status kept for today every row is computed live (tests/oversight/test_kept_statuses.py reads them)."""
    client = english_client(world.head_referent)
    url = reverse("oversight:home")
    client.get(url)  # the session and the person's roles are warm from here on
    _add_clusters(2, world.head_referent)
    # 23 for the dashboard, 5 for what needs doing (reports, the two queues' awaiting counts, overdue findings,
    # forums: the head referent's clusters are a subquery of each)
    with django_assert_num_queries(28):
        assert len(client.get(url).context["rows"]) == 4
    _add_clusters(5, world.head_referent)
    with django_assert_num_queries(28):
        assert len(client.get(url).context["rows"]) == 9
