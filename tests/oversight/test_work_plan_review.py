"""Work-plan review: board-approved plans reach the referent's queue; approve, or return with findings; a returned
plan comes back once the board approves the revision; the cluster sees the outcome and its follow-up list."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import AuditEvent
from clusters import services as cluster_services
from clusters.models import WorkPlan, WorkPlanItem
from oversight import reviews
from oversight.models import AccessLogEntry, Finding, WorkPlanReview
from tests.factories import ClusterFactory, user_with_role
from tests.factories.oversight import FindingFactory
from tests.oversight.xlsx_helpers import xlsx_rows

RETURN = {"decision": "returned", "note": "Please revise.", "severity": "high", "text": "No budget for the tender"}


def approved_plan(cluster, ceo, board_member, *, title="Joint tender") -> WorkPlan:
    """A plan of this year, drafted by the CEO and approved by the (one-member) board, through the services."""
    plan = cluster_services.start_work_plan(cluster=cluster, year=timezone.localdate().year, started_by=ceo)
    WorkPlanItem.objects.create(plan=plan, title=title, starts_on=date(2026, 2, 1), ends_on=date(2026, 6, 30))
    cluster_services.submit_work_plan(plan=plan, submitted_by=ceo)
    cluster_services.approve_work_plan(plan=plan, approved_by=board_member)
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.APPROVED
    return plan


@pytest.fixture
def plan(world):
    return approved_plan(world.cluster, world.ceo, world.board_member)


def due_in(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def queue(client, **params):
    return [(row.plan_id, row.state) for row in client.get(reverse("oversight:plan_queue"), params).context["rows"]]


def test_a_board_approved_plan_arrives_in_the_queues_of_the_referents_overseeing_the_cluster(
    world, plan, english_client
):
    approved_plan(world.other_cluster, world.other_ceo, user_with_role("board_member", world.other_cluster))
    assert queue(english_client(world.referent)) == [(plan.pk, "awaiting")]
    assert queue(english_client(world.treasury_referent)) == [(plan.pk, "awaiting")]
    assert len(queue(english_client(world.head_referent))) == 2


def test_a_plan_still_with_the_board_is_not_in_the_queue(world, english_client):
    plan = cluster_services.start_work_plan(cluster=world.cluster, year=timezone.localdate().year, started_by=world.ceo)
    WorkPlanItem.objects.create(plan=plan, title="Tender", starts_on=date(2026, 2, 1), ends_on=date(2026, 6, 30))
    cluster_services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    assert queue(english_client(world.referent)) == []
    response = english_client(world.referent).get(reverse("oversight:plan_review", args=[plan.pk]))
    assert response.status_code == 404


def test_referent_approves_the_plan_and_the_decision_is_audited(world, plan, english_client):
    earlier = FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2030, 1, 1))
    response = english_client(world.referent).post(
        reverse("oversight:plan_review", args=[plan.pk]), {"decision": "approved", "note": "Well done."}
    )
    review = WorkPlanReview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("oversight:review_outcome", args=[review.pk])
    assert (review.plan_id, review.decision, review.decided_by, review.note, review.plan_approved_at) == (
        plan.pk,
        "approved",
        world.referent,
        "Well done.",
        plan.approved_at,
    )
    event = AuditEvent.objects.get(action="work_plan_review_approved")
    assert (event.actor, event.data) == (world.referent, {"plan": plan.pk, "year": plan.year, "findings": 0})
    outcome = english_client(world.referent).get(response["Location"])
    assert [finding.pk for finding in outcome.context["follow_up"]] == [earlier.pk]
    assert queue(english_client(world.referent)) == [(plan.pk, "approved")]
    # who decided, a name in any script, is isolated from the English text around it on every page that says it
    name = f"<bdi>{escape(str(world.referent))}</bdi>"
    assert name in outcome.content.decode()
    assert name in english_client(world.referent).get(reverse("oversight:plan_queue")).content.decode()
    assert name in english_client(world.referent).get(reverse("oversight:plan_review", args=[plan.pk])).content.decode()


def test_the_queue_row_kept_from_before_a_decision_is_not_shown_after_it(world, plan, english_client):
    client = english_client(world.referent)
    before = client.get(reverse("oversight:plan_queue")).content.decode()
    assert f'data-plan="{plan.pk}" data-state="awaiting"' in before
    client.post(reverse("oversight:plan_review", args=[plan.pk]), {"decision": "approved", "note": "Fine."})
    review = WorkPlanReview.objects.get()
    after = client.get(reverse("oversight:plan_queue")).content.decode()
    assert f'data-plan="{plan.pk}" data-state="approved"' in after and 'data-state="awaiting"' not in after
    assert f'href="{reverse("oversight:review_outcome", args=[review.pk])}">Approved</a>' in after


def test_referent_returns_the_plan_with_a_finding_and_a_follow_up_list(world, plan, english_client):
    earlier = FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2030, 1, 1))
    FindingFactory(cluster=world.cluster, raised_by=world.referent, state="closed", closed_at=timezone.now())
    response = english_client(world.referent).post(
        reverse("oversight:plan_review", args=[plan.pk]), {**RETURN, "due_on": due_in(30)}
    )
    review = WorkPlanReview.objects.get()
    finding = Finding.objects.get(work_plan_review=review)
    assert (review.decision, finding.cluster, finding.severity, finding.text, finding.due_on, finding.state) == (
        "returned",
        world.cluster,
        "high",
        "No budget for the tender",
        timezone.localdate() + timedelta(days=30),
        "open",
    )
    assert sorted(AuditEvent.objects.filter(actor=world.referent).values_list("action", flat=True)) == [
        "finding_raised",
        "work_plan_review_returned",
    ]
    outcome = english_client(world.referent).get(response["Location"])
    assert [f.pk for f in outcome.context["follow_up"]] == [finding.pk, earlier.pk]
    page = outcome.content.decode()
    assert "No budget for the tender" in page
    assert "Follow-up: what the cluster must do next" in page
    assert queue(english_client(world.referent)) == [(plan.pk, "returned")]


def test_returning_without_a_finding_is_refused_with_a_clear_error_and_nothing_is_written(world, plan, english_client):
    response = english_client(world.referent).post(
        reverse("oversight:plan_review", args=[plan.pk]), {**RETURN, "text": "  ", "due_on": due_in(30)}
    )
    assert response.status_code == 400
    assert "To return the work plan, write at least one finding the cluster must fix." in response.content.decode()
    assert (WorkPlanReview.objects.count(), Finding.objects.count()) == (0, 0)
    assert AuditEvent.objects.filter(action__startswith="work_plan_review").count() == 0


def test_a_finding_without_a_due_date_is_refused_and_nothing_is_written(world, plan, english_client):
    response = english_client(world.referent).post(reverse("oversight:plan_review", args=[plan.pk]), RETURN)
    assert response.status_code == 400
    assert "Give the finding a due date." in response.content.decode()
    assert (WorkPlanReview.objects.count(), Finding.objects.count()) == (0, 0)


def test_the_same_board_approval_cannot_be_decided_twice(world, plan, english_client):
    client = english_client(world.referent)
    client.post(reverse("oversight:plan_review", args=[plan.pk]), {"decision": "approved"})
    response = client.post(reverse("oversight:plan_review", args=[plan.pk]), {**RETURN, "due_on": due_in(30)})
    assert response.status_code == 403
    assert list(WorkPlanReview.objects.values_list("decision", flat=True)) == ["approved"]
    assert Finding.objects.count() == 0
    assert reviews.decide_work_plan(plan=plan, decision="approved", decided_by=world.head_referent) is None
    assert WorkPlanReview.objects.count() == 1


def test_the_service_refuses_a_plan_that_is_not_approved_and_a_return_without_findings(world, plan):
    cluster_services.reopen_work_plan(plan=plan, reopened_by=world.ceo)
    assert reviews.decide_work_plan(plan=plan, decision="approved", decided_by=world.referent) is None
    with pytest.raises(ValueError):
        reviews.decide_work_plan(plan=plan, decision="returned", decided_by=world.referent, findings=[])
    assert WorkPlanReview.objects.count() == 0


def test_treasury_referent_reads_but_cannot_decide_and_nothing_changes(world, plan, english_client):
    client = english_client(world.treasury_referent)
    page = client.get(reverse("oversight:plan_review", args=[plan.pk]))
    assert (page.status_code, page.context["form"]) == (200, None)
    response = client.post(reverse("oversight:plan_review", args=[plan.pk]), {"decision": "approved"})
    assert response.status_code == 403
    assert WorkPlanReview.objects.count() == 0


def test_referent_of_another_cluster_finds_nothing(world, english_client):
    other = approved_plan(world.other_cluster, world.other_ceo, user_with_role("board_member", world.other_cluster))
    response = english_client(world.referent).post(
        reverse("oversight:plan_review", args=[other.pk]), {"decision": "approved"}
    )
    assert response.status_code == 404
    assert WorkPlanReview.objects.count() == 0


def test_returned_plan_is_revised_reapproved_by_the_board_and_reviewed_again(world, plan, english_client):
    referent = english_client(world.referent)
    referent.post(reverse("oversight:plan_review", args=[plan.pk]), {**RETURN, "due_on": due_in(30)})
    cluster_services.reopen_work_plan(plan=plan, reopened_by=world.ceo)
    assert queue(referent) == [(plan.pk, "in_revision")]
    assert referent.get(reverse("oversight:plan_review", args=[plan.pk])).context["form"] is None

    cluster_services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    cluster_services.approve_work_plan(plan=plan, approved_by=world.board_member)
    assert queue(referent) == [(plan.pk, "awaiting")]
    referent.post(reverse("oversight:plan_review", args=[plan.pk]), {"decision": "approved"})
    assert queue(referent) == [(plan.pk, "approved")]
    assert list(WorkPlanReview.objects.order_by("pk").values_list("decision", flat=True)) == ["returned", "approved"]


def test_the_awaiting_count_in_the_database_follows_the_queue_through_return_revision_and_approval(
    world, plan, english_client
):
    def awaiting():
        clusters = [world.cluster, world.other_cluster]
        counted = reviews.awaiting_plan_count(cluster_ids=[c.pk for c in clusters])
        assert counted == sum(1 for row in reviews.plan_queue(clusters=clusters) if row.is_awaiting)
        return counted

    approved_plan(world.other_cluster, world.other_ceo, user_with_role("board_member", world.other_cluster))
    assert awaiting() == 2
    referent = english_client(world.referent)
    referent.post(reverse("oversight:plan_review", args=[plan.pk]), {**RETURN, "due_on": due_in(30)})
    assert awaiting() == 1
    cluster_services.reopen_work_plan(plan=plan, reopened_by=world.ceo)
    assert awaiting() == 1
    cluster_services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    cluster_services.approve_work_plan(plan=plan, approved_by=world.board_member)
    assert awaiting() == 2  # the new board approval waits again
    referent.post(reverse("oversight:plan_review", args=[plan.pk]), {"decision": "approved"})
    assert awaiting() == 1


def test_ceo_and_board_read_the_outcome_and_findings_but_not_another_clusters(world, plan, english_client):
    english_client(world.referent).post(
        reverse("oversight:plan_review", args=[plan.pk]), {**RETURN, "due_on": due_in(30)}
    )
    review = WorkPlanReview.objects.get()
    url = reverse("oversight:review_outcome", args=[review.pk])
    for person in (world.ceo, world.board_member):
        client = english_client(person)
        assert "No budget for the tender" in client.get(url).content.decode()
        findings_page = client.get(reverse("oversight:findings"))
        assert list(findings_page.context["work_plan_reviews"]) == [review]
        assert url in findings_page.content.decode()
    assert english_client(world.other_ceo).get(url).status_code == 404
    assert english_client(world.advisor).get(url).status_code == 404
    assert AccessLogEntry.objects.filter(page="review_outcome").count() == 0  # the access log records referents


def test_review_pages_are_recorded_in_the_access_log(world, plan, english_client):
    client = english_client(world.referent)
    client.get(reverse("oversight:plan_queue"))
    client.get(reverse("oversight:plan_review", args=[plan.pk]))
    client.get(reverse("oversight:plan_queue_csv"))
    assert list(AccessLogEntry.objects.order_by("pk").values_list("user", "cluster", "page")) == [
        (world.referent.pk, None, "plan_queue"),
        (world.referent.pk, world.cluster.pk, "plan_review"),
        (world.referent.pk, None, "plan_queue_csv"),
    ]


def test_queue_exports_match_the_filtered_page(world, plan, english_client):
    other = approved_plan(world.other_cluster, world.other_ceo, user_with_role("board_member", world.other_cluster))
    client = english_client(world.head_referent)
    client.post(reverse("oversight:plan_review", args=[other.pk]), {"decision": "approved"})
    page_rows = client.get(reverse("oversight:plan_queue"), {"state": "awaiting"}).context["rows"]
    assert [row.plan_id for row in page_rows] == [plan.pk]
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("oversight:plan_queue_csv"), {"state": "awaiting"}).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0] == [
        "Cluster",
        "Year",
        "Approved by the board on",
        "Items",
        "Budget (₪)",
        "State",
        "Decided by",
        "Decided on",
    ]
    assert rows[1:] == [
        [
            str(world.cluster.name),
            str(plan.year),
            timezone.localtime(plan.approved_at).date().isoformat(),
            "1",
            "0",
            "Awaiting review",
            "",
            "",
        ]
    ]
    assert xlsx_rows(client.get(reverse("oversight:plan_queue_xlsx"), {"state": "awaiting"}).content) == rows


def test_queue_query_count_does_not_grow_with_plans(world, english_client, django_assert_num_queries):
    client = english_client(world.head_referent)
    url = reverse("oversight:plan_queue")
    client.get(url)

    def add_plans(count):
        for _ in range(count):
            cluster = ClusterFactory()
            plan = approved_plan(
                cluster, user_with_role("cluster_ceo", cluster), user_with_role("board_member", cluster)
            )
            WorkPlanItem.objects.create(plan=plan, title="Second", starts_on=date(2026, 2, 1), ends_on=date(2026, 3, 1))

    add_plans(2)
    with django_assert_num_queries(9):  # the plans read with their items counted, not the items and their goals
        assert len(client.get(url).context["rows"]) == 2
    add_plans(4)
    with django_assert_num_queries(9):
        assert len(client.get(url).context["rows"]) == 6


def test_drill_down_links_to_the_review_of_an_approved_plan_and_lists_decisions(world, plan, english_client):
    client = english_client(world.referent)
    url = reverse("oversight:cluster", args=[world.cluster.pk])
    assert reverse("oversight:plan_review", args=[plan.pk]) in client.get(url).content.decode()
    client.post(reverse("oversight:plan_review", args=[plan.pk]), {"decision": "approved"})
    review = WorkPlanReview.objects.get()
    response = client.get(url)
    assert list(response.context["plan_reviews"]) == [review]
    assert reverse("oversight:review_outcome", args=[review.pk]) in response.content.decode()
