"""Engagement effort this year on the dashboard, the drill-down and the exports; the national distribution chart."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.urls import reverse

from clusters.models import Cluster
from clusters.progress import NO_DATA, OFF_TRACK
from oversight.distribution import national_distribution
from oversight.effort import effort_by_cluster
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory
from tests.oversight.engagement_helpers import PRIVATE_TEXT, engagement_with_work


def test_effort_adds_approved_hours_and_cost_and_splits_them_between_need_groups(world):
    engagement_with_work(cluster=world.cluster, ceo=world.ceo, hours=(2, 3))  # management, 5 h at 400
    engagement_with_work(
        cluster=world.cluster, ceo=world.ceo, hours=(4,), needs=("core.domain_expertise", "management.workplan_budget")
    )
    year = date.today().year
    effort = effort_by_cluster(cluster_ids=[world.cluster.pk, world.other_cluster.pk], year=year)
    mine = effort[world.cluster.pk]
    assert (mine.hours, mine.cost, mine.engagements) == (Decimal("9.00"), Decimal("3600.00"), 2)
    assert [(g.label, g.hours, g.cost) for g in mine.groups] == [
        ("Core municipal services", Decimal("2.00"), Decimal("800.00")),
        ("Management", Decimal("7.00"), Decimal("2800.00")),
    ]
    assert (effort[world.other_cluster.pk].hours, effort[world.other_cluster.pk].groups) == (Decimal(0), [])
    assert effort_by_cluster(cluster_ids=[world.cluster.pk], year=year - 1)[world.cluster.pk].engagements == 0


def test_dashboard_shows_each_clusters_effort(world, english_client):
    engagement_with_work(cluster=world.cluster, ceo=world.ceo, hours=(2, 3))
    response = english_client(world.referent).get(reverse("oversight:home"))
    row = response.context["rows"][0]
    assert (row.effort.hours, row.effort.cost) == (Decimal("5.00"), Decimal("2000.00"))
    page = response.content.decode()
    assert 'data-effort-hours="5.00"' in page
    assert "5 h · ₪2,000" in page
    assert PRIVATE_TEXT not in page


def test_drill_down_lists_the_engagement_summaries_without_the_advice(world, english_client):
    engagement = engagement_with_work(cluster=world.cluster, ceo=world.ceo, hours=(2,))
    response = english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk]))
    [summary] = response.context["row"].effort.summaries
    assert (summary.organisation, summary.model, summary.approved_hours, summary.approved_cost, summary.state) == (
        engagement.advisor.organisation.name,
        "Supplier",
        Decimal(2),
        Decimal("800.00"),
        "Active",
    )
    page = response.content.decode()
    assert 'id="engagement-summaries"' in page
    assert engagement.advisor.organisation.name in page
    assert PRIVATE_TEXT not in page
    assert engagement.scope not in page


def test_dashboard_export_carries_the_effort_shown_on_the_page(world, english_client):
    Cluster.objects.filter(pk=world.cluster.pk).update(name_en="Galilee")
    engagement_with_work(cluster=world.cluster, ceo=world.ceo, hours=(2, Decimal("0.5")))
    client = english_client(world.referent)
    page_row = client.get(reverse("oversight:home")).context["rows"][0]
    rows = list(csv.reader(io.StringIO(client.get(reverse("oversight:export_csv")).content.decode("utf-8-sig"))))
    assert rows[1][0] == "Galilee"
    assert rows[1][6:9] == ["2.5", "1000", "Management: 2.50 h, ₪1000.00"]
    assert rows[1][8] == page_row.effort.groups_text


def test_distribution_counts_clusters_by_status_and_goals_by_progress(world, english_client):
    Cluster.objects.filter(pk=world.other_cluster.pk).update(incorporated_on=date(2020, 1, 1))  # red: no service
    service = ServiceFactory(cluster=world.cluster)
    GoalFactory(service=service)  # never measured
    measured = GoalFactory(service=service, baseline_value=Decimal(1_000_000), target_percent=Decimal(15))
    MeasurementFactory(goal=measured, period_start=date(2025, 4, 1), value=Decimal(1_200_000))  # worse: off track, red
    response = english_client(world.head_referent).get(reverse("oversight:home"))
    distribution = response.context["distribution"]
    assert [(bar.code, bar.count) for bar in distribution["clusters"]] == [("red", 2), ("amber", 0), ("green", 0)]
    assert [(bar.code, bar.count) for bar in distribution["goals"]] == [
        ("off_track", 1),
        ("at_risk", 0),
        ("on_track", 0),
        ("no_data", 1),
    ]
    assert [bar.width for bar in distribution["clusters"]] == [200, 0, 0]
    page = response.content.decode()
    assert "National distribution" in page
    assert '<caption class="small">Clusters by status</caption>' in page


def test_distribution_of_no_rows_is_all_zero():
    distribution = national_distribution([])
    assert [bar.count for bar in distribution["clusters"] + distribution["goals"]] == [0] * 7
    assert {bar.code for bar in distribution["goals"]} >= {OFF_TRACK, NO_DATA}


def test_drill_down_engagements_export_matches_the_page_and_carries_no_advice(world, english_client):
    from openpyxl import load_workbook

    from oversight.models import AccessLogEntry

    engagement = engagement_with_work(cluster=world.cluster, ceo=world.ceo, hours=(2, Decimal("0.5")))
    client = english_client(world.referent)
    [summary] = client.get(reverse("oversight:cluster", args=[world.cluster.pk])).context["row"].effort.summaries
    response = client.get(reverse("oversight:cluster_engagements_csv", args=[world.cluster.pk]))
    content = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["Advisor organisation", "Model", "Needs", "Goals served", "Approved hours", "Cost (₪)", "State"]
    assert rows[1:] == [
        [summary.organisation, "Supplier", ", ".join(summary.needs), "", "2.5", "1000", "Active"],
    ]
    assert PRIVATE_TEXT not in content and engagement.scope not in content
    book = load_workbook(
        io.BytesIO(client.get(reverse("oversight:cluster_engagements_xlsx", args=[world.cluster.pk])).content)
    )
    assert [list(row) for row in book.active.iter_rows(values_only=True)][1][0] == summary.organisation
    assert AccessLogEntry.objects.filter(cluster=world.cluster, page="engagements_csv").count() == 1
    assert AccessLogEntry.objects.filter(cluster=world.cluster, page="engagements_xlsx").count() == 1


def test_drill_down_engagements_export_of_a_cluster_not_overseen_is_not_found(world, english_client):
    response = english_client(world.referent).get(
        reverse("oversight:cluster_engagements_csv", args=[world.other_cluster.pk])
    )
    assert response.status_code == 404
