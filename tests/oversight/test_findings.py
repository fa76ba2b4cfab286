"""Findings: referents raise and close them; the cluster's CEO answers; the board reads; advisors see nothing."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from oversight.models import AccessLogEntry, Finding
from tests.factories.oversight import FindingFactory


def test_referent_raises_a_finding_on_a_cluster_they_oversee(world, english_client):
    response = english_client(world.referent).post(
        reverse("oversight:finding_create", args=[world.cluster.pk]),
        {"severity": "high", "text": "No tender yet", "due_on": "2030-06-30"},
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert (finding.cluster, finding.raised_by, finding.severity, finding.text, finding.due_on, finding.state) == (
        world.cluster,
        world.referent,
        "high",
        "No tender yet",
        date(2030, 6, 30),
        "open",
    )
    assert AuditEvent.objects.filter(action="finding_raised").count() == 1


def test_referent_cannot_raise_a_finding_on_a_cluster_they_do_not_oversee(world, english_client):
    response = english_client(world.referent).post(
        reverse("oversight:finding_create", args=[world.other_cluster.pk]),
        {"severity": "high", "text": "No tender yet", "due_on": "2030-06-30"},
    )
    assert response.status_code == 404
    assert Finding.objects.count() == 0


def test_ceo_answers_an_open_finding(world, english_client):
    finding = FindingFactory(cluster=world.cluster, raised_by=world.referent)
    response = english_client(world.ceo).post(
        reverse("oversight:finding_answer", args=[finding.pk]), {"answer": "The tender opens next month."}
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.state, finding.answer, finding.answered_by) == (
        "answered",
        "The tender opens next month.",
        world.ceo,
    )


def test_board_member_cannot_answer_and_nothing_changes(world, english_client):
    finding = FindingFactory(cluster=world.cluster, raised_by=world.referent)
    response = english_client(world.board_member).post(
        reverse("oversight:finding_answer", args=[finding.pk]), {"answer": "Done."}
    )
    assert response.status_code == 403
    finding.refresh_from_db()
    assert (finding.state, finding.answer, finding.answered_by) == ("open", "", None)


def test_ceo_cannot_answer_a_closed_finding(world, english_client):
    finding = FindingFactory(
        cluster=world.cluster, raised_by=world.referent, state="closed", closed_at="2026-01-01T00:00Z"
    )
    response = english_client(world.ceo).post(reverse("oversight:finding_answer", args=[finding.pk]), {"answer": "x"})
    assert response.status_code == 403
    finding.refresh_from_db()
    assert (finding.state, finding.answer) == ("closed", "")


def test_referent_closes_an_answered_finding(world, english_client):
    finding = FindingFactory(cluster=world.cluster, raised_by=world.referent, state="answered", answer="Done.")
    response = english_client(world.treasury_referent).post(reverse("oversight:finding_close", args=[finding.pk]))
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.state, finding.closed_by) == ("closed", world.treasury_referent)


def test_ceo_cannot_close_a_finding_and_nothing_changes(world, english_client):
    finding = FindingFactory(cluster=world.cluster, raised_by=world.referent)
    assert english_client(world.ceo).post(reverse("oversight:finding_close", args=[finding.pk])).status_code == 403
    finding.refresh_from_db()
    assert (finding.state, finding.closed_by) == ("open", None)


def test_ceo_and_board_see_their_clusters_findings_only(world, english_client):
    mine = FindingFactory(cluster=world.cluster, raised_by=world.referent)
    FindingFactory(cluster=world.other_cluster, raised_by=world.head_referent)
    for person in (world.ceo, world.board_member):
        rows = english_client(person).get(reverse("oversight:findings")).context["rows"]
        assert [finding for finding, _ in rows] == [mine]
    assert [f for f, can_answer in english_client(world.ceo).get(reverse("oversight:findings")).context["rows"]] == [
        mine
    ]


def test_advisors_and_organisation_managers_never_see_findings(world, english_client):
    finding = FindingFactory(cluster=world.cluster, raised_by=world.referent)
    for person in (world.advisor, world.org_manager):
        client = english_client(person)
        assert client.get(reverse("oversight:findings")).status_code == 403
        assert client.get(reverse("oversight:finding_answer", args=[finding.pk])).status_code == 404


def test_cluster_page_view_is_recorded_in_the_access_log(world, english_client):
    english_client(world.referent).get(reverse("oversight:cluster", args=[world.cluster.pk]))
    english_client(world.referent).get(reverse("oversight:finding_create", args=[world.cluster.pk]))
    entries = list(AccessLogEntry.objects.order_by("pk").values_list("user", "cluster", "page"))
    assert entries == [
        (world.referent.pk, world.cluster.pk, "cluster"),
        (world.referent.pk, world.cluster.pk, "finding_form"),
    ]


def test_referent_not_assigned_gets_404_and_nothing_is_recorded(world, english_client):
    assert (
        english_client(world.referent).get(reverse("oversight:cluster", args=[world.other_cluster.pk])).status_code
        == 404
    )
    assert AccessLogEntry.objects.count() == 0


def test_referents_reading_the_findings_list_is_recorded_but_not_the_ceos(world, english_client):
    english_client(world.referent).get(reverse("oversight:findings"))
    english_client(world.ceo).get(reverse("oversight:findings"))
    assert list(AccessLogEntry.objects.values_list("user", "cluster", "page")) == [
        (world.referent.pk, None, "findings")
    ]


def test_a_finding_due_yesterday_is_refused_on_the_field_and_nothing_is_raised(world, english_client):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = english_client(world.referent).post(
        reverse("oversight:finding_create", args=[world.cluster.pk]),
        {"severity": "high", "text": "No tender yet", "due_on": yesterday.isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"due_on": ["The due date cannot be in the past."]}
    assert Finding.objects.count() == 0


def test_a_finding_due_today_is_accepted(world, english_client):
    today = timezone.localdate()
    response = english_client(world.referent).post(
        reverse("oversight:finding_create", args=[world.cluster.pk]),
        {"severity": "low", "text": "Send the tender", "due_on": today.isoformat()},
    )
    assert response.status_code == 302
    assert list(Finding.objects.values_list("due_on", flat=True)) == [today]
