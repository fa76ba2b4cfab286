"""Re-baselined goals: the referent acknowledges or queries each one; a query is a finding the CEO answers."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from clusters import services as cluster_services
from oversight.models import AccessLogEntry, Finding, RebaselineReview
from tests.factories import ClusterFactory, user_with_role
from tests.factories.clusters import GoalFactory, ServiceFactory
from tests.oversight.xlsx_helpers import xlsx_rows


def rebaseline(cluster, ceo, *, reason="The 2024 ledger was incomplete", value=800_000):
    goal = GoalFactory(service=ServiceFactory(cluster=cluster), name="Lower waste cost")
    return cluster_services.rebaseline_goal(
        goal=goal, baseline_value=Decimal(value), baseline_on=date(2025, 1, 1), reason=reason, changed_by=ceo
    )


def states(client, **params):
    rows = client.get(reverse("oversight:rebaseline_queue"), params).context["rows"]
    return [(row.rebaseline.pk, row.state) for row, _can_decide in rows]


def query_data(**overrides):
    return {
        "text": "Why did the baseline drop by 20%?",
        "severity": "medium",
        "due_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
        **overrides,
    }


def test_a_rebaselined_goal_appears_for_the_referents_overseeing_the_cluster(world, english_client):
    mine = rebaseline(world.cluster, world.ceo)
    rebaseline(world.other_cluster, world.other_ceo)
    assert states(english_client(world.referent)) == [(mine.pk, "pending")]
    assert len(states(english_client(world.head_referent))) == 2


def test_referent_acknowledges_a_rebaselining_and_it_is_audited(world, english_client):
    item = rebaseline(world.cluster, world.ceo)
    client = english_client(world.referent)
    response = client.post(reverse("oversight:rebaseline_acknowledge", args=[item.pk]))
    assert response.status_code == 302
    review = RebaselineReview.objects.get()
    assert (review.rebaseline_id, review.cluster_id, review.state, review.decided_by) == (
        item.pk,
        world.cluster.pk,
        "acknowledged",
        world.referent,
    )
    assert AuditEvent.objects.get(action="rebaseline_acknowledged").actor == world.referent
    assert states(client) == [(item.pk, "acknowledged")]


def test_an_acknowledged_rebaselining_cannot_be_acknowledged_or_queried_again(world, english_client):
    item = rebaseline(world.cluster, world.ceo)
    client = english_client(world.referent)
    client.post(reverse("oversight:rebaseline_acknowledge", args=[item.pk]))
    response = client.post(reverse("oversight:rebaseline_acknowledge", args=[item.pk]), follow=True)
    assert "This re-baselining was already acknowledged." in response.content.decode()
    assert client.post(reverse("oversight:rebaseline_query", args=[item.pk]), query_data()).status_code == 403
    assert AuditEvent.objects.filter(action__startswith="rebaseline_").count() == 1
    assert Finding.objects.count() == 0


def test_referent_queries_a_rebaselining_the_ceo_answers_then_it_is_acknowledged(world, english_client):
    item = rebaseline(world.cluster, world.ceo)
    response = english_client(world.referent).post(reverse("oversight:rebaseline_query", args=[item.pk]), query_data())
    assert response.status_code == 302
    review = RebaselineReview.objects.get()
    finding = Finding.objects.get()
    assert (review.state, finding.rebaseline_review, finding.cluster, finding.text, finding.state) == (
        "queried",
        review,
        world.cluster,
        "Why did the baseline drop by 20%?",
        "open",
    )
    assert sorted(AuditEvent.objects.filter(actor=world.referent).values_list("action", flat=True)) == [
        "finding_raised",
        "rebaseline_queried",
    ]
    # The CEO sees the question among the cluster's findings and answers it.
    ceo = english_client(world.ceo)
    assert "Query on a re-baselined goal" in ceo.get(reverse("oversight:findings")).content.decode()
    ceo.post(reverse("oversight:finding_answer", args=[finding.pk]), {"answer": "A merger of two councils."})
    referent = english_client(world.referent)
    assert "A merger of two councils." in referent.get(reverse("oversight:rebaseline_queue")).content.decode()
    referent.post(reverse("oversight:rebaseline_acknowledge", args=[item.pk]))
    assert states(referent) == [(item.pk, "acknowledged")]


def test_a_query_without_a_question_is_refused_with_a_clear_error_and_nothing_is_written(world, english_client):
    item = rebaseline(world.cluster, world.ceo)
    response = english_client(world.referent).post(
        reverse("oversight:rebaseline_query", args=[item.pk]), query_data(text="")
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert (RebaselineReview.objects.count(), Finding.objects.count()) == (0, 0)
    assert AuditEvent.objects.filter(action__startswith="rebaseline_").count() == 0


def test_treasury_referent_reads_the_queue_but_cannot_decide_and_nothing_changes(world, english_client):
    item = rebaseline(world.cluster, world.ceo)
    client = english_client(world.treasury_referent)
    rows = client.get(reverse("oversight:rebaseline_queue")).context["rows"]
    assert [(row.rebaseline.pk, can_decide) for row, can_decide in rows] == [(item.pk, False)]
    assert client.post(reverse("oversight:rebaseline_acknowledge", args=[item.pk])).status_code == 403
    assert client.post(reverse("oversight:rebaseline_query", args=[item.pk]), query_data()).status_code == 403
    assert (RebaselineReview.objects.count(), Finding.objects.count()) == (0, 0)


def test_referent_of_another_cluster_finds_nothing(world, english_client):
    item = rebaseline(world.other_cluster, world.other_ceo)
    assert (
        english_client(world.referent).post(reverse("oversight:rebaseline_acknowledge", args=[item.pk])).status_code
        == 404
    )
    assert RebaselineReview.objects.count() == 0


def test_the_drill_down_shows_each_rebaselinings_state(world, english_client):
    first = rebaseline(world.cluster, world.ceo)
    second = rebaseline(world.cluster, world.ceo, value=700_000)
    client = english_client(world.referent)
    client.post(reverse("oversight:rebaseline_acknowledge", args=[first.pk]))
    response = client.get(reverse("oversight:cluster", args=[world.cluster.pk]))
    assert [(row.rebaseline.pk, row.state) for row in response.context["rebaselines"]] == [
        (first.pk, "acknowledged"),
        (second.pk, "pending"),
    ]
    page = response.content.decode()
    assert f'data-rebaseline="{first.pk}" data-state="acknowledged"' in page
    assert f'data-rebaseline="{second.pk}" data-state="pending"' in page


def test_queue_pages_are_recorded_in_the_access_log(world, english_client):
    item = rebaseline(world.cluster, world.ceo)
    client = english_client(world.referent)
    client.get(reverse("oversight:rebaseline_queue"))
    client.get(reverse("oversight:rebaseline_query", args=[item.pk]))
    client.get(reverse("oversight:rebaseline_queue_xlsx"))
    assert list(AccessLogEntry.objects.order_by("pk").values_list("cluster", "page")) == [
        (None, "rebase_queue"),
        (world.cluster.pk, "rebase_query"),
        (None, "rebase_xlsx"),
    ]


def test_exports_match_the_filtered_page_and_escape_formulas(world, english_client):
    pending = rebaseline(world.cluster, world.ceo, reason="=HYPERLINK(1)")
    done = rebaseline(world.cluster, world.ceo)
    client = english_client(world.referent)
    client.post(reverse("oversight:rebaseline_acknowledge", args=[done.pk]))
    assert states(client, state="pending") == [(pending.pk, "pending")]
    body = client.get(reverse("oversight:rebaseline_queue_csv"), {"state": "pending"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "Cluster",
        "Service",
        "Goal",
        "Old baseline",
        "New baseline",
        "Old baseline date",
        "New baseline date",
        "Progress before (%)",
        "Progress after (%)",
        "Reason",
        "Changed by",
        "Changed on",
        "State",
    ]
    assert len(rows) == 2
    assert (rows[1][0], rows[1][2], rows[1][4], rows[1][6], rows[1][9], rows[1][12]) == (
        str(world.cluster.name),
        "Lower waste cost",
        "800000",
        "2025-01-01",
        "'=HYPERLINK(1)",
        "To acknowledge",
    )
    assert xlsx_rows(client.get(reverse("oversight:rebaseline_queue_xlsx"), {"state": "pending"}).content) == rows


def test_queue_query_count_does_not_grow_with_rebaselinings(world, english_client, django_assert_num_queries):
    client = english_client(world.head_referent)
    url = reverse("oversight:rebaseline_queue")
    client.get(url)

    def add(count):
        for _ in range(count):
            cluster = ClusterFactory()
            ceo = user_with_role("cluster_ceo", cluster)
            item = rebaseline(cluster, ceo)
            rebaseline(cluster, ceo)
            client.post(reverse("oversight:rebaseline_query", args=[item.pk]), query_data())

    add(2)
    with django_assert_num_queries(8):
        assert len(client.get(url).context["rows"]) == 4
    add(3)
    with django_assert_num_queries(8):
        assert len(client.get(url).context["rows"]) == 10
