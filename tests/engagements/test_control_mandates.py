"""One rule on every path: an organisation that controls or audits a cluster (a control mandate in force, recorded
to start, or ended within the cooling-off period) does not see the cluster's requests, is not told of them, cannot
answer them, is not recommended to it, cannot be drafted, proposed or accepted for it, and an engagement already
active when the mandate began takes no more work logs while its CEO is told to close it."""

import html
from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from advisors.models import ControlMandate, Need, VettingState
from advisors.selectors import clusters_barred_to, is_barred, organisations_barred_from
from engagements import requests, services, tasks
from engagements.models import Engagement, Proposal, ProposalState, Request, State, WorkLog, WorkLogState
from engagements.requests import RequestError
from engagements.services import EngagementError
from tests.factories.advisors import make_profile
from tests.factories.engagements import active_engagement, draft_engagement, goal_of
from tests.factories.requests import open_request, proposal_to

MANDATE_REFUSAL = "a Control mandate over this cluster for Treasury"
WORK_LOG_REFUSAL = (
    "The advisor's organisation now holds a Control mandate over this cluster for Treasury, so this engagement "
    "takes no more work logs. The CEO must close it, or the mandate must end."
)
PROPOSAL_REFUSAL = (
    "Your organisation holds, or held in the cooling-off period, a control or audit mandate over this cluster, "
    "so you cannot answer its requests."
)


def text(response) -> str:
    return html.unescape(response.content.decode())


def mandate_over(world, *, cluster=None, ends_on=None, starts_on=None):
    return ControlMandate.objects.create(
        organisation=world.organisation,
        cluster=cluster or world.cluster,
        body="Treasury",
        starts_on=starts_on or date(2024, 1, 1),
        ends_on=ends_on,
    )


@pytest.fixture
def listed(world):
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    world.extra["profile"] = make_profile(person=world.advisor, organisation=world.organisation)
    world.extra["goal"] = goal_of(world.cluster)
    return world


@pytest.fixture
def brief(listed):
    return open_request(cluster=listed.cluster, ceo=listed.ceo, goals=[listed.goal])


# --- the rule itself -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ended_months_ago", "barred"), [(None, True), (0, True), (11, True), (12, False), (13, False)]
)
def test_a_mandate_bars_while_in_force_and_for_the_cooling_off_period(listed, ended_months_ago, barred):
    today = timezone.localdate()
    ends_on = None if ended_months_ago is None else today - relativedelta(months=ended_months_ago)
    mandate_over(listed, starts_on=date(2020, 1, 1), ends_on=ends_on)
    organisation, cluster = listed.organisation, listed.cluster
    assert is_barred(organisation_id=organisation.pk, cluster_id=cluster.pk) is barred
    assert list(organisations_barred_from(cluster_id=cluster.pk)) == ([organisation] if barred else [])
    assert list(clusters_barred_to(organisation_id=organisation.pk)) == ([cluster] if barred else [])
    assert is_barred(organisation_id=organisation.pk, cluster_id=listed.other_cluster.pk) is False


def test_a_mandate_is_read_on_the_day_asked(listed):
    mandate_over(listed, starts_on=date(2020, 1, 1), ends_on=date(2024, 6, 30))
    organisation_id, cluster_id = listed.organisation.pk, listed.cluster.pk
    assert is_barred(organisation_id=organisation_id, cluster_id=cluster_id, on=date(2025, 6, 29)) is True
    assert is_barred(organisation_id=organisation_id, cluster_id=cluster_id, on=date(2025, 6, 30)) is False


# --- requests: seeing, emails, proposals ---------------------------------------------------------------------------


def test_a_barred_advisor_does_not_see_the_clusters_requests_in_the_list_or_by_url(listed, brief, client_as):
    mandate_over(listed)
    client = client_as(listed.advisor)
    url = reverse("engagements:request_detail", args=[brief.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Hello", "hours": "5"}).status_code == 404
    listing = client.get(reverse("engagements:open_requests"))
    assert listing.status_code == 200
    assert list(listing.context["page"].object_list) == []
    assert requests.requests_visible_to(listed.advisor).count() == 0
    assert Proposal.objects.count() == 0


def test_the_new_engagement_page_says_nothing_without_a_mandate(listed, client_as):
    mandate_over(listed, cluster=listed.other_cluster)
    page = text(client_as(listed.ceo).get(f"{reverse('engagements:new')}?profile={listed.profile.pk}"))
    assert 'id="engagement-conflict"' not in page


def test_a_request_of_another_cluster_stays_visible(listed, brief, client_as):
    mandate_over(listed, cluster=listed.other_cluster)
    client = client_as(listed.advisor)
    assert client.get(reverse("engagements:request_detail", args=[brief.pk])).status_code == 200
    assert list(client.get(reverse("engagements:open_requests")).context["page"].object_list) == [brief]


def test_a_barred_advisor_is_not_emailed_the_clusters_requests(listed, django_capture_on_commit_callbacks):
    mandate_over(listed, ends_on=timezone.localdate() - relativedelta(months=11))
    other = make_profile(full_name="Rim Odeh")
    with django_capture_on_commit_callbacks(execute=True):
        open_request(cluster=listed.cluster, ceo=listed.ceo)
    assert [message.to for message in mail.outbox] == [[other.person.email]]


def test_a_barred_advisor_cannot_send_a_proposal(listed, brief):
    mandate_over(listed)
    with pytest.raises(RequestError) as refused:
        proposal_to(brief, listed.advisor)
    assert refused.value.messages == [PROPOSAL_REFUSAL]
    assert Proposal.objects.count() == 0
    assert requests.can_propose(listed.advisor, brief, listed.profile) is False


def test_a_barred_advisor_cannot_edit_or_withdraw_a_proposal_sent_before(listed, brief, client_as):
    proposal = proposal_to(brief, listed.advisor)
    mandate_over(listed)
    with pytest.raises(RequestError) as refused:
        requests.update_proposal(proposal=proposal, advisor=listed.advisor, text="Changed", hours=Decimal(5))
    assert refused.value.messages == [PROPOSAL_REFUSAL]
    client = client_as(listed.advisor)
    edit = reverse("engagements:proposal_edit", args=[proposal.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"text": "Changed", "hours": "5"}).status_code == 404
    assert client.post(reverse("engagements:proposal_withdraw", args=[proposal.pk])).status_code == 404
    assert client.get(reverse("engagements:my_proposals")).context["proposals"].count() == 0
    proposal.refresh_from_db()
    assert (proposal.text, proposal.hours, proposal.state) == (
        "Four workshops and a draft plan.",
        Decimal(40),
        ProposalState.SUBMITTED,
    )


def test_the_ceo_cannot_engage_a_barred_advisor_from_their_proposal(listed, brief, client_as):
    proposal = proposal_to(brief, listed.advisor)
    mandate_over(listed)
    url = f"{reverse('engagements:new')}?proposal={proposal.pk}"
    response = client_as(listed.ceo).post(
        url,
        {
            "needs": [brief.need_id],
            "scope": "From the proposal",
            "starts_on": "2027-01-01",
            "ends_on": "2027-03-31",
            "budget_hours": "40",
            "hourly_rate": "400",
        },
        follow=True,
    )
    assert MANDATE_REFUSAL in text(response)
    assert Engagement.objects.count() == 0
    assert Proposal.objects.get().state == ProposalState.SUBMITTED
    assert Request.objects.get().is_open


# --- recommendations ----------------------------------------------------------------------------------------------


def test_a_barred_organisation_is_not_recommended_to_the_cluster(listed, client_as):
    other = make_profile(full_name="Rim Odeh")
    advisor_services_shortlist(listed)
    mandate_over(listed)
    url = reverse("engagements:recommendations")
    rows = client_as(listed.ceo).get(url).context["rows"]
    assert [row["item"].profile for row in rows] == [other]
    # The other cluster, over which there is no mandate, still sees both.
    shortlist_other = advisor_services_shortlist(listed, cluster=listed.other_cluster, ceo=listed.other_ceo)
    assert shortlist_other.cluster == listed.other_cluster
    rows = client_as(listed.other_ceo).get(url).context["rows"]
    assert sorted(row["item"].profile.pk for row in rows) == sorted([listed.profile.pk, other.pk])


def advisor_services_shortlist(world, *, cluster=None, ceo=None):
    """An open need (a shortlist without a choice) for the cluster, so the page recommends for it."""
    from advisors import services as advisor_services

    return advisor_services.create_shortlist(
        cluster=cluster or world.cluster,
        need=Need.objects.get(code="management.workplan_budget"),
        title="Budget help",
        created_by=ceo or world.ceo,
    )


# --- drafts, proposals, acceptance --------------------------------------------------------------------------------


def test_a_barred_advisor_cannot_be_drafted_by_the_service(listed):
    mandate_over(listed)
    with pytest.raises(EngagementError, match=MANDATE_REFUSAL):
        draft_engagement(cluster=listed.cluster, ceo=listed.ceo, profile=listed.profile)
    assert Engagement.objects.count() == 0


def test_a_barred_advisor_cannot_be_drafted_from_the_page(listed, client_as):
    mandate_over(listed, ends_on=timezone.localdate() - relativedelta(months=6))
    url = f"{reverse('engagements:new')}?profile={listed.profile.pk}"
    page = text(client_as(listed.ceo).get(url))
    assert 'id="engagement-conflict"' in page
    assert MANDATE_REFUSAL in page
    response = client_as(listed.ceo).post(
        url,
        {
            "needs": [Need.objects.get(code="management.workplan_budget").pk],
            "scope": "Plan",
            "starts_on": "2027-01-01",
            "ends_on": "2027-03-31",
            "budget_hours": "40",
            "hourly_rate": "400",
        },
    )
    assert response.status_code == 200
    assert MANDATE_REFUSAL in text(response)
    assert Engagement.objects.count() == 0


def test_a_draft_made_before_the_mandate_cannot_be_proposed_from_the_page(listed, client_as):
    draft = draft_engagement(cluster=listed.cluster, ceo=listed.ceo, profile=listed.profile)
    mandate_over(listed)
    response = client_as(listed.ceo).post(reverse("engagements:transition", args=[draft.pk, "propose"]), follow=True)
    assert MANDATE_REFUSAL in text(response)
    assert Engagement.objects.get(pk=draft.pk).state == State.DRAFT
    assert draft.transitions.count() == 0


def test_acceptance_is_refused_when_a_mandate_was_recorded_after_the_proposal(listed):
    draft = draft_engagement(cluster=listed.cluster, ceo=listed.ceo, profile=listed.profile)
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    mandate_over(listed)
    with pytest.raises(EngagementError, match=MANDATE_REFUSAL):
        services.accept_engagement(
            engagement=draft, accepted_by=listed.advisor, declaration=services.DECLARATION_TEXT_DEFAULT
        )
    engagement = Engagement.objects.get(pk=draft.pk)
    assert (engagement.state, engagement.accepted_at, engagement.declared_at, engagement.declaration_text) == (
        State.PROPOSED,
        None,
        None,
        "",
    )
    assert list(engagement.transitions.values_list("to_state", flat=True)) == [State.PROPOSED]


def test_acceptance_is_refused_from_the_page_within_the_cooling_off_period(listed, client_as):
    draft = draft_engagement(cluster=listed.cluster, ceo=listed.ceo, profile=listed.profile)
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    mandate_over(listed, ends_on=timezone.localdate() - relativedelta(months=11))
    response = client_as(listed.advisor).post(
        reverse("engagements:transition", args=[draft.pk, "accept"]),
        {"declaration": services.DECLARATION_TEXT_DEFAULT, "confirm": "on"},
        follow=True,
    )
    assert MANDATE_REFUSAL in text(response)
    assert Engagement.objects.get(pk=draft.pk).state == State.PROPOSED
    assert draft.transitions.count() == 1


def test_acceptance_passes_once_the_cooling_off_period_is_over(listed):
    draft = draft_engagement(cluster=listed.cluster, ceo=listed.ceo, profile=listed.profile)
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    mandate_over(listed, ends_on=timezone.localdate() - relativedelta(months=13))
    services.accept_engagement(
        engagement=draft, accepted_by=listed.advisor, declaration=services.DECLARATION_TEXT_DEFAULT
    )
    assert Engagement.objects.get(pk=draft.pk).state == State.ACTIVE


# --- an engagement already active when the mandate began ----------------------------------------------------------


@pytest.fixture
def active(listed):
    return active_engagement(cluster=listed.cluster, ceo=listed.ceo, profile=listed.profile, goals=[listed.goal])


def log(world, engagement, **values):
    return services.log_work(
        engagement=engagement,
        advisor=world.advisor,
        worked_on=values.pop("worked_on", timezone.localdate() - timedelta(days=1)),
        hours=values.pop("hours", Decimal(2)),
        activity="advice",
        text="Workshop",
        **values,
    )


def test_an_active_engagement_takes_no_work_log_once_a_mandate_begins(listed, active):
    log(listed, active)
    mandate_over(listed, starts_on=timezone.localdate())
    with pytest.raises(EngagementError) as refused:
        log(listed, active, hours=Decimal(3))
    assert refused.value.messages == [WORK_LOG_REFUSAL]
    assert list(WorkLog.objects.values_list("hours", flat=True)) == [Decimal(2)]


def test_the_refusal_is_translated(listed, active):
    mandate_over(listed, starts_on=timezone.localdate())
    with translation.override("he"), pytest.raises(EngagementError) as refused:
        log(listed, active)
    assert refused.value.messages == [
        "הארגון של היועץ מחזיק כעת במינוי בקרה על אשכול זה מטעם Treasury, ולכן לא ניתן עוד לרשום שעות בהתקשרות "
        'זו. על המנכ"ל לסגור אותה, או שהמינוי צריך להסתיים.'
    ]
    assert WorkLog.objects.count() == 0


def test_the_work_page_warns_and_refuses_the_entry(listed, active, client_as):
    mandate_over(listed, starts_on=timezone.localdate())
    client = client_as(listed.advisor)
    url = reverse("engagements:log_work", args=[active.pk])
    page = text(client.get(url))
    assert 'id="mandate-conflict"' in page
    response = client.post(
        url,
        {
            "worked_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "hours": "2",
            "activity": "advice",
            "text": "Workshop",
        },
    )
    assert response.status_code == 400
    assert WORK_LOG_REFUSAL in text(response)
    assert WorkLog.objects.count() == 0


def test_a_returned_entry_cannot_be_resubmitted_once_a_mandate_begins(listed, active, client_as):
    entry = log(listed, active)
    services.return_work_log(entry=entry, returned_by=listed.ceo, reason="Too vague")
    mandate_over(listed, starts_on=timezone.localdate())
    response = client_as(listed.advisor).post(
        reverse("engagements:work_log_fix", args=[entry.pk]),
        {"worked_on": entry.worked_on.isoformat(), "hours": "1", "activity": "advice", "text": "Clearer"},
    )
    assert WORK_LOG_REFUSAL in text(response)
    entry.refresh_from_db()
    assert (entry.state, entry.hours, entry.text) == (WorkLogState.RETURNED, Decimal(2), "Workshop")


def test_the_ceo_sees_a_warning_on_the_engagement_page(listed, active, client_as):
    page = text(client_as(listed.ceo).get(reverse("engagements:detail", args=[active.pk])))
    assert 'id="mandate-conflict"' not in page
    mandate_over(listed, starts_on=timezone.localdate())
    page = text(client_as(listed.ceo).get(reverse("engagements:detail", args=[active.pk])))
    assert 'id="mandate-conflict"' in page
    assert "the CEO must close it, or the mandate must end" in page


def test_the_ceo_is_emailed_once_in_their_language(listed, active, django_capture_on_commit_callbacks):
    listed.ceo.preferred_language = "en"
    listed.ceo.save(update_fields=["preferred_language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.notify_mandate_conflicts() == 0
    mandate_over(listed, starts_on=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.notify_mandate_conflicts() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.notify_mandate_conflicts() == 0
    assert [message.to for message in mail.outbox] == [[listed.ceo.email]]
    message = mail.outbox[0]
    assert message.subject == (
        "An engagement must be closed: the advisor's organisation now holds a mandate over the cluster"
    )
    assert f"/engagements/{active.pk}/" in message.body
    assert "Please close the engagement" in message.body
    assert Engagement.objects.get(pk=active.pk).mandate_conflict_notified_at is not None


def test_a_closed_engagement_is_neither_warned_nor_emailed(listed, active, client_as):
    services.complete_engagement(engagement=active, completed_by=listed.ceo)
    mandate_over(listed, starts_on=timezone.localdate())
    assert tasks.notify_mandate_conflicts() == 0
    page = text(client_as(listed.ceo).get(reverse("engagements:detail", args=[active.pk])))
    assert 'id="mandate-conflict"' not in page
