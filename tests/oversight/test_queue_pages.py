"""The referents' queues show a page at a time: every row is on exactly one page, the exports keep every row, and
the work-plan queue reads items only for the plans on the page."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clusters import strategy
from clusters.models import WorkPlanItem
from oversight import review_views
from oversight import views as oversight_views
from tests.factories import ClusterFactory, user_with_role
from tests.factories.oversight import FindingFactory
from tests.html_tables import body_cells
from tests.oversight.test_rebaselines import rebaseline
from tests.oversight.test_work_plan_review import approved_plan

pytestmark = pytest.mark.django_db
FIELDS = {"title": "Plan", "vision": "v", "strategic_goals": "g", "starts_year": 2026, "ends_year": 2030}


def every_page(client, url, key, **params):
    """The rows of every page of a queue, by `key(row)`, and the number of pages."""
    first = client.get(url, params)
    pages = first.context["page"].paginator.num_pages
    rows = list(first.context["rows"])
    for number in range(2, pages + 1):
        rows += list(client.get(url, {**params, "page": number}).context["rows"])
    return [key(row) for row in rows], pages


def csv_rows(response) -> int:
    return len(response.content.decode("utf-8-sig").strip().splitlines()) - 1


def new_cluster():
    cluster = ClusterFactory()
    return cluster, user_with_role("cluster_ceo", cluster), user_with_role("board_member", cluster)


def test_work_plan_queue_pages_hold_every_plan_once_with_their_items(
    world, english_client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(review_views, "QUEUE_PAGE_SIZE", 2)
    client = english_client(world.head_referent)
    url = reverse("oversight:plan_queue")
    plans = [approved_plan(*new_cluster(), title=f"Tender {n}") for n in range(3)]
    client.get(url)
    WorkPlanItem.objects.create(
        plan=plans[0], title="Second", starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 30), budget_amount=1200
    )
    WorkPlanItem.objects.filter(plan=plans[0], title="Tender 0").update(budget_amount=Decimal("300.50"))
    client.get(url)
    with django_assert_num_queries(9):  # every row's keys (2), the page's plans with their items counted, reviews
        small = client.get(url)
    plans += [approved_plan(*new_cluster(), title=f"Tender {n}") for n in range(3, 5)]
    with django_assert_num_queries(9):
        large = client.get(url)
    assert (len(small.context["rows"]), len(large.context["rows"])) == (2, 2)
    assert (small.context["total"], large.context["total"]) == (3, 5)
    shown, pages = every_page(client, url, lambda row: (row.plan_id, row.item_count, row.budget))
    assert pages == 3
    expected = [(plans[0].pk, 2, Decimal("1500.50"))] + [(plan.pk, 1, Decimal(0)) for plan in plans[1:]]
    assert sorted(shown) == sorted(expected)
    cells = [row[3:5] for row in body_cells(client.get(url, {"page": 1}), "plan-queue")]
    cells += [row[3:5] for page in (2, 3) for row in body_cells(client.get(url, {"page": page}), "plan-queue")]
    assert sorted(cells) == sorted([["1", "0.00"]] * 4 + [["2", "1,500.50"]])
    assert csv_rows(client.get(reverse("oversight:plan_queue_csv"))) == 5


def test_a_plans_review_page_reads_only_that_plan(world, english_client, django_assert_num_queries):
    client = english_client(world.head_referent)
    plan = approved_plan(world.cluster, world.ceo, world.board_member)
    url = reverse("oversight:plan_review", args=[plan.pk])
    client.get(url)
    with django_assert_num_queries(expected := len(client_queries(client, url))):
        assert client.get(url).context["row"].plan_id == plan.pk
    for n in range(4):
        approved_plan(*new_cluster(), title=f"Other {n}")
    with django_assert_num_queries(expected):
        assert client.get(url).context["row"].plan_id == plan.pk


def client_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return captured.captured_queries


def test_rebaseline_queue_pages_hold_every_rebaselining_once(world, english_client, monkeypatch):
    monkeypatch.setattr(review_views, "QUEUE_PAGE_SIZE", 3)
    client = english_client(world.head_referent)
    made = []
    for _ in range(4):
        cluster, ceo, _board = new_cluster()
        made += [rebaseline(cluster, ceo).pk, rebaseline(cluster, ceo).pk]
    url = reverse("oversight:rebaseline_queue")
    response = client.get(url)
    assert (len(response.context["rows"]), response.context["total"]) == (3, 8)
    assert "8 rows" in response.content.decode()
    shown, pages = every_page(client, url, lambda row: row[0].rebaseline.pk)
    assert (pages, sorted(shown)) == (3, sorted(made))
    assert csv_rows(client.get(reverse("oversight:rebaseline_queue_csv"))) == 8


def test_strategic_plan_queue_pages_hold_every_version_once(world, english_client, monkeypatch):
    monkeypatch.setattr(review_views, "QUEUE_PAGE_SIZE", 2)
    client = english_client(world.head_referent)
    made = []
    for _ in range(5):
        cluster, ceo, board = new_cluster()
        plan = strategy.start_strategic_plan(cluster=cluster, fields=FIELDS, started_by=ceo)
        strategy.add_outcome(plan=plan, horizon="long", channel="economic", title="Jobs", measured_by=[], added_by=ceo)
        assert strategy.submit_strategic_plan(plan=plan, submitted_by=ceo)
        assert strategy.approve_strategic_plan(plan=plan, approved_by=board)
        made.append(plan.pk)
    url = reverse("oversight:strategy_queue")
    response = client.get(url)
    assert (len(response.context["rows"]), response.context["total"]) == (2, 5)
    shown, pages = every_page(client, url, lambda row: row.plan.pk)
    assert (pages, sorted(shown)) == (3, sorted(made))
    assert csv_rows(client.get(reverse("oversight:strategy_queue_csv"))) == 5
    review = client.get(reverse("oversight:strategy_review", args=[made[-1]]))
    assert review.context["row"].plan.pk == made[-1]


def test_findings_pages_hold_every_finding_once_and_the_export_keeps_all(world, english_client, monkeypatch):
    monkeypatch.setattr(oversight_views, "FINDINGS_PAGE_SIZE", 3)
    made = [FindingFactory(cluster=world.cluster, raised_by=world.referent).pk for _ in range(7)]
    client = english_client(world.referent)
    url = reverse("oversight:findings")
    response = client.get(url)
    assert "7 rows" in response.content.decode()
    assert 'page=2"' in response.content.decode()
    shown, pages = every_page(client, url, lambda row: row[0].pk)
    assert (pages, sorted(shown)) == (3, sorted(made))
    assert csv_rows(client.get(reverse("oversight:findings_csv"))) == 7
    ceo_rows, _pages = every_page(english_client(world.ceo), url, lambda row: (row[0].pk, row[1]))
    assert sorted(ceo_rows) == sorted((pk, True) for pk in made)


def test_the_national_table_shows_a_page_of_clusters_and_counts_and_exports_them_all(
    world, english_client, monkeypatch
):
    monkeypatch.setattr(oversight_views, "DASHBOARD_PAGE_SIZE", 2)
    for _ in range(3):
        ClusterFactory()
    client = english_client(world.head_referent)
    url = reverse("oversight:home")
    response = client.get(url, {"sort": "name"})
    everything = response.context["total"]
    assert everything >= 5 and len(response.context["rows"]) == 2
    assert sum(response.context["counts"].values()) == everything
    assert f"{everything} clusters" in response.content.decode()
    shown, pages = every_page(client, url, lambda row: row.cluster.pk, sort="name")
    assert len(shown) == len(set(shown)) == everything and pages == (everything + 1) // 2
    assert csv_rows(client.get(reverse("oversight:export_csv"), {"sort": "name"})) == everything
