"""`manage.py seed_demo`: the demo every app seeds, run twice once for the module (each seed takes seconds) and read
by each test; the second run must change nothing. The module's data is rolled back at its end."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import AuditEvent, RoleAssignment, User
from accounts.roles import Role
from clusters.models import Cluster
from clusters.permissions import clusters_visible_to
from engagements.models import Engagement, Proposal, Request, RequestState, State
from engagements.needs import open_needs
from forums.models import Decision, Forum, Meeting
from network.models import Application, Call, KnowledgeItem, Ministry
from oversight import reports, reviews
from oversight.models import Finding, PeriodicReport, ReportVersion, WorkPlanReview
from oversight.permissions import clusters_overseen_by
from quality.models import Measure, QualityGoalSource
from quality.selectors import cluster_summary

# every test of the module on one worker, so the demo is seeded once (`--dist loadgroup`, see the Makefile)
pytestmark = pytest.mark.xdist_group("demo")

PROJECT_APPS = ["accounts", "clusters", "advisors", "engagements", "network", "oversight", "forums", "quality", "api"]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if model is not AuditEvent and not model._meta.label.split(".")[1].startswith("Historical")
    }


class Seeded:
    output: str
    first: dict
    second: dict


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        result = Seeded()
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        result.output, result.first = out.getvalue(), row_counts()
        call_command("seed_demo", stdout=io.StringIO())
        result.second = row_counts()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return seeded


def test_a_second_seed_changes_nothing(demo):
    assert demo.second == demo.first
    assert demo.first["engagements.Engagement"] > 0


def test_every_role_has_a_person_who_signs_in_with_the_demo_password(demo):
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    assert "ceo@demo.test" in demo.output
    assert User.objects.get(email="ceo@demo.test").check_password("demo-clusters-2026")


def test_engagements_in_several_states(demo):
    states = sorted(Engagement.objects.values_list("state", flat=True))
    assert states == [State.ACTIVE, State.COMPLETED, State.DRAFT, State.PROPOSED]


def test_the_ceo_cluster_has_an_open_need_for_the_recommendations_page(demo):
    ceo = User.objects.get(email="ceo@demo.test")
    cluster = Cluster.objects.get(pk__in=ceo.scope_ids(Role.CLUSTER_CEO))
    with translation.override("en"):
        needs = open_needs(cluster=cluster)
    assert len(needs) == 1
    assert needs[0].sources == [
        f"shortlist “{needs[0].need.label_he}”",
        "request “ליווי הקמת מוקד שירות משותף לרשויות”",
    ]


def test_one_open_request_with_a_proposal_from_advisor2(demo, client):
    brief = Request.objects.get()
    assert brief.state == RequestState.OPEN
    assert list(Proposal.objects.values_list("advisor__person__email", flat=True)) == ["advisor2@demo.test"]
    for email in ("ceo@demo.test", "advisor@demo.test"):
        client.force_login(User.objects.get(email=email))
        assert client.get(reverse("engagements:request_detail", args=[brief.pk])).status_code == 200


def test_the_roaming_forum(demo):
    forum = Forum.objects.get()
    members = dict(forum.members.values_list("user__email", "role"))
    assert members == {
        "ceo@demo.test": "chair",
        "advisor@demo.test": "facilitator",
        "ceo2@demo.test": "member",
        "board@demo.test": "member",
        "referent@demo.test": "observer",
    }
    assert forum.hosts.count() == 5
    assert forum.facilitating_engagement is not None
    assert forum.facilitating_engagement.advisor.person.email == "advisor@demo.test"
    past, upcoming = Meeting.objects.filter(forum=forum).order_by("starts_at")
    assert (past.status, bool(past.minutes), upcoming.status, upcoming.agenda.count()) == ("closed", True, "planned", 3)
    assert upcoming.host == forum.hosts.get(position=2)  # the rotation's next after the past meeting's host
    assert Decision.objects.filter(meeting=past, goals__isnull=False).distinct().count() == 2


def test_the_national_cluster_content(demo):
    assert (KnowledgeItem.objects.count(), Call.objects.count(), Application.objects.count()) == (7, 3, 1)
    assert KnowledgeItem.objects.filter(status="in_review").values_list("kind", flat=True).get() == "case_study"
    assert Ministry.objects.filter(versions__isnull=False).distinct().count() == 4
    assert Ministry.objects.get(slug="finance").is_review_due is True


def test_two_plain_findings_in_one_cluster(demo):
    plain = Finding.objects.filter(work_plan_review=None, rebaseline_review=None, report_version=None)
    assert sorted(plain.values_list("severity", flat=True)) == ["high", "medium"]
    assert plain.values("cluster").distinct().count() == 1


def test_the_referent_has_a_plan_to_review_a_returned_plan_and_a_rebaselining(demo):
    clusters = clusters_overseen_by(User.objects.get(email="referent@demo.test"))
    assert sorted(row.state for row in reviews.plan_queue(clusters=clusters)) == ["awaiting", "returned"]
    assert WorkPlanReview.objects.get().findings.count() == 1
    assert [row.state for row in reviews.rebaseline_rows(clusters=clusters)] == ["pending"]


def test_reports_in_each_state(demo):
    first, second = Cluster.objects.exclude(cbs_code=None).order_by("cbs_code")[:2]
    today = timezone.localdate()
    due = [p for p in reports.cluster_periods(first, today) if p.is_due(today)]
    states = list(
        ReportVersion.objects.filter(report__cluster=first)
        .order_by("report__period_start")
        .values_list("state", flat=True)
    )
    assert states == ["confirmed", "returned", "submitted"][-len(due) :]
    assert Finding.objects.filter(report_version__report__cluster=first).count() == (1 if len(due) >= 2 else 0)
    facts = reports.report_facts_by_cluster(clusters=[second], today=today)[second.pk]
    assert [p.start for p in facts.overdue][-1:] == [p.start for p in due][-1:]
    assert PeriodicReport.objects.filter(cluster=second, first_submitted_at=None).count() == 1


def test_the_ceo_cluster_has_a_year_of_inquiries_worth_comparing(demo):
    [cluster] = clusters_visible_to(User.objects.get(email="ceo@demo.test"))
    lines = [line for line in cluster_summary(cluster=cluster) if line.month]
    assert lines
    for line in lines:
        # a few authorities clearly better than the others
        assert line.spread.worst > 2 * line.spread.best
    assert Measure.objects.filter(service__cluster=cluster, channel="").values("month").distinct().count() == 12
    source = QualityGoalSource.objects.filter(goal__service__cluster=cluster).get()
    assert source.goal.measurements.count() >= 11
    assert demo.first["quality.Inquiry"] > 0
    assert "not stored" not in demo.output
