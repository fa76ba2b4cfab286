"""What needs doing now, at the top of each role's home page: counts, one line each, a link to where it is done."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.todo import needs_doing
from advisors.models import VettingState
from clusters.models import WorkPlan
from engagements import services
from oversight.models import Finding, ReportVersion
from tests.factories.advisors import make_profile
from tests.factories.engagements import active_engagement, draft_engagement
from tests.factories.network import make_item
from tests.factories.oversight import FindingFactory, PeriodicReportFactory, ReportVersionFactory, report_in_state
from tests.factories.requests import open_request, proposal_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english(client):
    """Pages asked for in English (the browser's language), and texts built outside a request too."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def lines(user) -> list[tuple[int, str]]:
    return [(item.count, item.url) for item in needs_doing(user)]


def engaged(world, *, entries: int = 0):
    """An active engagement of the world's advisor with the world's cluster, with `entries` work logs awaiting."""
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    profile = world.extra.get("profile") or make_profile(person=world.advisor, organisation=world.organisation)
    world.extra["profile"] = profile
    today = timezone.localdate()
    engagement = active_engagement(
        cluster=world.cluster,
        ceo=world.ceo,
        profile=profile,
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year, 12, 31),
        budget_hours=Decimal(1000),
    )
    for number in range(entries):
        services.log_work(
            engagement=engagement,
            advisor=world.advisor,
            worked_on=date(today.year, 1, 1) + timedelta(days=number),
            hours=Decimal(1),
            activity="advice",
            text="Workshop",
        )
    return engagement


def test_a_person_with_nothing_to_do_is_told_so(client_as, world):
    page = client_as(world.no_role).get(reverse("home"))

    assert page.status_code == 200
    assert page.context["needs_doing"] == []
    assert "Nothing needs you now." in page.content.decode()


def test_the_ceo_sees_the_work_logs_awaiting_approval_on_the_home_page(client_as, world):
    engaged(world, entries=2)

    page = client_as(world.ceo).get(reverse("clusters:home"))

    assert page.status_code == 200
    assert [(item.count, item.text, item.url) for item in page.context["needs_doing"]] == [
        (2, "2 work logs awaiting your approval", "/engagements/approvals/")
    ]
    assert 'href="/engagements/approvals/">2 work logs awaiting your approval</a>' in page.content.decode()


def test_the_advisor_sees_an_engagement_to_accept_and_one_without_a_log_this_week(world):
    engaged(world)
    draft = draft_engagement(cluster=world.cluster, ceo=world.ceo, profile=world.profile)
    services.propose_engagement(engagement=draft, proposed_by=world.ceo)

    assert lines(world.advisor) == [(1, "/engagements/"), (1, "/engagements/")]
    assert [item.text for item in needs_doing(world.advisor)] == [
        "1 engagement waiting for your acceptance",
        "1 active engagement without a work log this week",
    ]
    assert needs_doing(world.other_advisor) == []


def test_the_ceo_sees_requests_with_proposals_and_drafts_of_their_own_clusters_only(world):
    engaged(world)
    draft_engagement(cluster=world.cluster, ceo=world.ceo, profile=world.profile)
    open_request(cluster=world.cluster, ceo=world.ceo, title="Unanswered")
    proposal_to(open_request(cluster=world.cluster, ceo=world.ceo), world.advisor)
    draft_engagement(cluster=world.other_cluster, ceo=world.other_ceo, profile=world.profile)

    assert [(item.count, item.text) for item in needs_doing(world.ceo)] == [
        (1, "1 open request with proposals to decide"),
        (1, "1 draft engagement not yet proposed"),
    ]
    assert [(item.count, item.text) for item in needs_doing(world.other_ceo)] == [
        (1, "1 draft engagement not yet proposed")
    ]


def test_an_entry_returned_to_the_advisor_is_to_fix(world):
    engagement = engaged(world, entries=1)
    entry = engagement.work_logs.get()
    services.return_work_log(entry=entry, returned_by=world.ceo, reason="Which workshop?")

    assert "1 work log returned to you: fix it" in [item.text for item in needs_doing(world.advisor)]
    assert needs_doing(world.ceo) == []


def test_an_open_finding_is_for_the_ceo_to_answer_and_an_overdue_one_for_the_referent_to_follow(world):
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=timezone.localdate() - timedelta(days=1))

    assert lines(world.ceo) == [(1, "/oversight/findings/?state=open")]
    assert lines(world.referent) == [(1, "/oversight/findings/")]
    assert lines(world.head_referent) == [(1, "/oversight/findings/")]
    assert needs_doing(world.other_referent) == []
    assert needs_doing(world.other_ceo) == []
    assert needs_doing(world.board_member) == []  # the board reads findings; the CEO answers them


def test_reports_returned_are_for_their_clusters_ceo_to_fix(world):
    returned = report_in_state(world.cluster, world.ceo, ReportVersion.State.RETURNED)
    corrected = PeriodicReportFactory(
        cluster=world.cluster,
        opened_by=world.ceo,
        period_start=date(2025, 10, 1),
        period_end=date(2025, 12, 31),
        due_on=date(2026, 1, 31),
    )
    ReportVersionFactory(report=corrected, number=1, state=ReportVersion.State.ACCEPTED)
    correction = ReportVersionFactory(report=corrected, number=2, state=ReportVersion.State.RETURNED)
    report_in_state(world.other_cluster, world.other_ceo, ReportVersion.State.RETURNED)

    def returned_count(ceo):
        return sum(item.count for item in needs_doing(ceo) if "returned to you" in item.text)

    assert returned_count(world.ceo) == 2
    assert returned_count(world.other_ceo) == 1
    returned.versions.update(state=ReportVersion.State.SUBMITTED)
    assert returned_count(world.ceo) == 1
    correction.state = ReportVersion.State.ACCEPTED
    correction.save(update_fields=["state"])
    assert returned_count(world.ceo) == 0
    assert returned_count(world.other_ceo) == 1


def test_a_closed_finding_needs_nobody(world):
    FindingFactory(
        cluster=world.cluster,
        raised_by=world.referent,
        state=Finding.State.CLOSED,
        closed_at=timezone.now(),
        closed_by=world.referent,
        due_on=timezone.localdate() - timedelta(days=1),
    )

    assert needs_doing(world.ceo) == []
    assert needs_doing(world.referent) == []


def test_the_board_member_sees_the_work_plan_awaiting_their_approval(client_as, world):
    WorkPlan.objects.create(cluster=world.cluster, year=timezone.localdate().year, status=WorkPlan.Status.BOARD_REVIEW)

    assert [item.text for item in needs_doing(world.board_member)] == ["1 work plan awaiting your approval"]
    page = client_as(world.board_member).get(reverse("clusters:home"))
    assert reverse("clusters:work_plan", args=[world.cluster.pk]) in page.content.decode()


def test_the_curator_sees_profiles_awaiting_review(client_as, world):
    make_profile(checked=False)

    page = client_as(world.curator).get(reverse("advisors:curator_home"))

    # the world's two organisations applied and wait for vetting too
    assert [(item.count, item.text) for item in page.context["needs_doing"]] == [
        (2, "2 organisations waiting to be vetted"),
        (1, "1 profile awaiting your review"),
    ]


def test_the_editor_sees_knowledge_items_waiting_for_review(client_as, world):
    make_item(author=world.ceo, status="in_review", cluster=world.cluster)

    page = client_as(world.editor).get(reverse("network:editor_home"))

    texts = [item.text for item in page.context["needs_doing"]]
    assert texts[0] == "1 knowledge item waiting for your review"


def test_the_admin_sees_messages_the_outbox_could_not_deliver(client_as, world):
    from outbox.models import OutboxMessage

    OutboxMessage.objects.create(kind="email", key="x:1", payload={}, state=OutboxMessage.State.DEAD)

    page = client_as(world.admin).get(reverse("accounts:admin_home"))

    assert [(item.count, item.url) for item in page.context["needs_doing"]] == [
        (1, "/admin/outbox/outboxmessage/?delivery=failing")
    ]


# --- a bounded number of queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("entries", [1, 6])
def test_the_ceo_list_takes_the_same_queries_whatever_the_data(world, django_assert_num_queries, entries):
    engaged(world, entries=entries)
    for _ in range(entries):
        FindingFactory(cluster=world.cluster, raised_by=world.referent)
    ceo = type(world.ceo).objects.get(pk=world.ceo.pk)
    ceo.roles  # noqa: B018 — the roles are read once per request, before the page

    # the clusters with entries, requests and drafts counted; the clusters with findings and returned reports
    # counted, report facts, the plan queue (two); forums (one)
    with django_assert_num_queries(6):
        items = needs_doing(ceo)
    assert [item.count for item in items] == [entries, entries]


@pytest.mark.parametrize("entries", [1, 6])
def test_the_advisor_list_takes_the_same_queries_whatever_the_data(world, django_assert_num_queries, entries):
    engagement = engaged(world, entries=entries)
    for entry in engagement.work_logs.all():
        services.return_work_log(entry=entry, returned_by=world.ceo, reason="Which workshop?")
    advisor = type(world.advisor).objects.get(pk=world.advisor.pk)
    advisor.roles  # noqa: B018

    # engagements, returned entries, the listed profile and its needs, its barred clusters and open requests, forums
    with django_assert_num_queries(7):
        items = needs_doing(advisor)
    assert [item.count for item in items] == [entries, 1]  # returned entries; no log this week


@pytest.mark.parametrize("findings", [1, 6])
def test_the_referent_list_takes_the_same_queries_whatever_the_data(world, django_assert_num_queries, findings):
    for _ in range(findings):
        FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=timezone.localdate() - timedelta(days=3))
    referent = type(world.referent).objects.get(pk=world.referent.pk)
    referent.roles  # noqa: B018

    with django_assert_num_queries(6):  # clusters, reports, the two queues' awaiting counts, findings, forums
        items = needs_doing(referent)
    assert [item.count for item in items] == [findings]


def test_one_thing_to_do_reads_as_one_not_as_a_number_in_hebrew_and_arabic():
    """ "רישום עבודה אחד ממתין לאישורך", not "רישום עבודה 1 ממתין": the singular of every needs-doing line says
    "one" in words, in the noun's gender."""
    from django.utils import translation
    from django.utils.translation import ngettext

    line = ("%(count)s work log awaiting your approval", "%(count)s work logs awaiting your approval")
    expected = {
        "he": ("רישום עבודה אחד ממתין לאישורך", "3 רישומי עבודה ממתינים לאישורך"),
        "ar": ("إدخال عمل واحد ينتظر موافقتك", "3 إدخالات عمل تنتظر موافقتك"),
    }
    for language, (one, three) in expected.items():
        with translation.override(language):
            assert ngettext(*line, 1) % {"count": 1} == one
            assert ngettext(*line, 3) % {"count": 3} == three


def test_every_needs_doing_line_says_one_in_words_in_hebrew_and_arabic():
    from pathlib import Path

    import polib

    words = {"he": (0, ("אחד", "אחת")), "ar": (1, ("واحد", "واحدة"))}
    for language, (form, one) in words.items():
        catalogue = polib.pofile(str(Path(__file__).parents[2] / "locale" / language / "LC_MESSAGES" / "django.po"))
        lines = [e for e in catalogue if e.msgid_plural and any("todo.py" in path for path, _ in e.occurrences)]
        assert len(lines) > 20
        for entry in lines:
            singular = entry.msgstr_plural[form]
            assert "%(count)s" not in singular and any(word in singular.split() for word in one), singular
