"""The strategic plan's public part and the service-quality open data: shown only behind the CEO's switches, never
oversight's review, the pilots' reasons and evidence, or budgets the CEO did not publish."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from clusters.models import Cluster
from quality.models import Measure
from tests.api.helpers import published_goal, published_strategic_plan
from tests.factories import ClusterFactory
from tests.factories.clusters import MembershipFactory

pytestmark = pytest.mark.django_db

PARTS = ("is_strategic_plan_public", "is_plan_budget_public", "is_quality_public")


def page_of(client, cluster, language="en") -> str:
    client.cookies["language"] = language
    return client.get(reverse("public:cluster", kwargs={"pk": cluster.pk})).content.decode()


def test_an_unpublished_plan_is_not_on_the_public_page(world, client):
    published_strategic_plan(world.cluster, world.ceo, world.board_member)
    Cluster.objects.filter(pk=world.cluster.pk).update(is_strategic_plan_public=False)
    page = page_of(client, world.cluster)
    assert "A cluster where every resident gets the service" not in page
    assert "data-public-strategic-plan" not in page
    document = client.get(reverse("public:cluster_json", kwargs={"pk": world.cluster.pk})).json()
    assert document["strategic_plan"] is None


def test_a_published_plan_shows_its_vision_outcomes_channels_timeline_and_pilots(world, client):
    goal = published_goal(world.cluster, name="Published saving")
    plan = published_strategic_plan(world.cluster, world.ceo, world.board_member, goals=[goal])
    page = page_of(client, world.cluster)
    assert f'data-public-strategic-plan="{plan.pk}"' in page
    for text in (
        "A cluster where every resident gets the service",
        "Cheaper waste",
        "Joint tender signed",
        "Tender published",
        "Recycling pilot",
        "Scale up",
        "Short term",
        "Urban",
        "1 outcome, 1 milestone",
    ):
        assert text in page, text
    assert "Worked" not in page  # the pilot's reason stays with the CEO
    assert "120,000" not in page and "120000" not in page  # budgets are not published


@pytest.mark.parametrize(
    ("language", "heading", "decision"), [("he", "תוכנית אסטרטגית", "הרחבה"), ("ar", "الخطة الاستراتيجية", "توسيع")]
)
def test_the_published_plan_reads_in_hebrew_and_arabic(world, client, language, heading, decision):
    published_strategic_plan(world.cluster, world.ceo, world.board_member)
    page = page_of(client, world.cluster, language)
    assert heading in page
    assert decision in page


def test_budgets_are_shown_only_when_the_ceo_publishes_them(world, client):
    published_strategic_plan(world.cluster, world.ceo, world.board_member)
    Cluster.objects.filter(pk=world.cluster.pk).update(is_plan_budget_public=True)
    page = page_of(client, world.cluster)
    assert page.count("120,000.00") == 2  # the pilot and its work-plan line
    document = client.get(reverse("public:cluster_json", kwargs={"pk": world.cluster.pk})).json()
    assert document["strategic_plan"]["pilots"][0]["budget"] == "120000.00"
    assert document["work_plan"]["items"][0]["budget"] == "120000.00"


def test_the_open_data_carries_the_published_plan_without_budgets(world, client):
    goal = published_goal(world.cluster, name="Published saving")
    published_strategic_plan(world.cluster, world.ceo, world.board_member, goals=[goal])
    document = client.get(reverse("public:cluster_json", kwargs={"pk": world.cluster.pk})).json()
    today = timezone.localdate()
    assert document["strategic_plan"] == {
        "title": "Growing together",
        "version": 1,
        "starts_year": 2026,
        "ends_year": 2030,
        "approved_at": document["strategic_plan"]["approved_at"],
        "vision": "A cluster where every resident gets the service",
        "strategic_goals": ["Cheaper waste", "More coverage"],
        "outcomes": [{"horizon": "short", "channel": "urban", "title": "Joint tender signed", "goal_ids": [goal.pk]}],
        "milestones": [{"due_on": "2027-03-01", "channel": "urban", "title": "Tender published"}],
        "pilots": [
            {
                "title": "Recycling pilot",
                "starts_on": date(today.year, 1, 15).isoformat(),
                "measurement_due_on": date(today.year, 7, 15).isoformat(),
                "review_due_on": date(today.year, 10, 15).isoformat(),
                "decision": "scale",
                "decided_on": today.isoformat(),
            }
        ],
    }
    assert "budget" not in document["work_plan"]["items"][0]


def test_the_ceo_turns_the_switches_on_and_off_in_the_preview(world, client_as):
    published_strategic_plan(world.cluster, world.ceo, world.board_member)
    Cluster.objects.filter(pk=world.cluster.pk).update(is_strategic_plan_public=False)
    preview = reverse("public:preview", kwargs={"pk": world.cluster.pk})
    client = client_as(world.ceo)
    shown = client.get(preview).content.decode()
    assert 'name="part" value="is_strategic_plan_public"' in shown
    assert "data-public-strategic-plan" not in shown
    assert client.post(preview, {"part": ["is_strategic_plan_public", "is_quality_public"]}).status_code == 302
    cluster = Cluster.objects.get(pk=world.cluster.pk)
    assert [getattr(cluster, name) for name in PARTS] == [True, False, True]
    assert "data-public-strategic-plan" in client.get(preview).content.decode()
    assert "Joint tender signed" in page_of(client_as(None), world.cluster)  # the cache was cleared
    client = client_as(world.ceo)
    client.post(preview, {"part": ["is_quality_public"]})
    cluster.refresh_from_db()
    assert [getattr(cluster, name) for name in PARTS] == [False, False, True]
    assert list(
        AuditEvent.objects.filter(action="cluster_parts_published").order_by("pk").values_list("data", flat=True)
    ) == [
        {"is_quality_public": True, "is_strategic_plan_public": True},
        {"is_strategic_plan_public": False},
    ]


def test_the_board_member_cannot_publish_the_plan_and_nothing_changes(world, client_as):
    response = client_as(world.board_member).post(
        reverse("public:preview", kwargs={"pk": world.cluster.pk}), {"part": list(PARTS)}
    )
    assert response.status_code == 403
    cluster = Cluster.objects.get(pk=world.cluster.pk)
    assert [getattr(cluster, name) for name in PARTS] == [False, False, False]
    assert AuditEvent.objects.filter(action="cluster_parts_published").count() == 0


def _plan_cluster_of_size(size: int):
    from tests.api.test_public_pages import cluster_ceo
    from tests.factories import user_with_role

    cluster = ClusterFactory()
    ceo = cluster_ceo(cluster)
    board = user_with_role("board_member", cluster)
    goals = []
    for _index in range(size):
        MembershipFactory(cluster=cluster)
        goals.append(published_goal(cluster, measurements=size))
    plan = published_strategic_plan(cluster, ceo, board, goals=goals)
    from clusters.models import Milestone, Outcome

    for index in range(size - 1):
        outcome = Outcome.objects.create(plan=plan, horizon="long", channel="social", title=f"Outcome {index}")
        outcome.measured_by.set(goals)
        Milestone.objects.create(plan=plan, title=f"Step {index}", due_on=date(2028, 1, 1), channel="economic")
    return cluster


@pytest.mark.parametrize("size", [1, 4])
def test_the_page_with_a_published_plan_costs_the_same_queries_at_any_size(size, client, django_assert_num_queries):
    cluster = _plan_cluster_of_size(size)
    url = reverse("public:cluster", kwargs={"pk": cluster.pk})
    with django_assert_num_queries(15):
        assert client.get(url).status_code == 200


# --- service-quality measures in the open data ---------------------------------------------------------------


def _measure(world):
    membership = MembershipFactory(cluster=world.cluster)
    goal = published_goal(world.cluster)
    return Measure.objects.create(
        service=goal.service,
        authority=membership.authority,
        month=date(2026, 1, 1),
        inquiries=40,
        closed=30,
        close_median_hours=Decimal("12.50"),
        within_sla_share=Decimal("75.0"),
    )


def test_quality_measures_are_open_data_only_when_published(world, client):
    measure = _measure(world)
    csv_url = reverse("public:cluster_quality_csv", kwargs={"pk": world.cluster.pk})
    json_url = reverse("public:cluster_json", kwargs={"pk": world.cluster.pk})
    assert client.get(csv_url).status_code == 404
    assert client.get(json_url).json()["quality_measures"] == []
    assert "quality.csv" not in page_of(client, world.cluster)
    Cluster.objects.filter(pk=world.cluster.pk).update(is_quality_public=True)
    from api.public import pages

    pages.forget_cluster(world.cluster.pk)
    response = client.get(csv_url)
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("# Licence:")
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))
    assert [(r["authority_cbs_code"], r["month"], r["inquiries"], r["close_median_hours"]) for r in rows] == [
        (str(measure.authority.cbs_code), "2026-01-01", "40", "12.50")
    ]
    [record] = json.loads(client.get(json_url).content)["quality_measures"]
    assert (record["service_id"], record["within_sla_share"], record["satisfaction_mean"]) == (
        measure.service_id,
        "75.0",
        None,
    )
    assert "quality.csv" in page_of(client, world.cluster)
