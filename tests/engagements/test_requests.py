"""Optional requests: who sees them, one proposal per advisor, deadlines, shortlisting, choosing and the emails."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts.models import AuditEvent
from advisors.models import AdvisorOrganisation, AdvisorProfile, Need, Outcome, Shortlist, ShortlistEntry, VettingState
from engagements import requests
from engagements.models import Engagement, Proposal, ProposalState, Request, RequestState
from tests.factories import AdvisorOrganisationFactory
from tests.factories.advisors import make_profile
from tests.factories.engagements import goal_of
from tests.factories.requests import NEED, open_request, proposal_to


@pytest.fixture
def requests_world(world):
    """The world's organisation vetted with the advisor's listed profile covering NEED, a second listed advisor
    covering it (Arabic speaker), and an open request of the cluster for NEED."""
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    world.extra["profile"] = make_profile(person=world.advisor, organisation=world.organisation)
    second = make_profile(full_name="Rim Odeh")
    second.person.preferred_language = "ar"
    second.person.save(update_fields=["preferred_language"])
    world.extra["second"] = second
    world.extra["goal"] = goal_of(world.cluster)
    world.extra["brief"] = open_request(cluster=world.cluster, ceo=world.ceo, goals=[world.goal])
    return world


def visible(user, brief) -> bool:
    return requests.requests_visible_to(user).filter(pk=brief.pk).exists()


def engage(world, proposal):
    return requests.engage_from_proposal(
        proposal=proposal,
        created_by=world.ceo,
        cluster=world.cluster,
        profile=proposal.advisor,
        model=proposal.advisor.organisation.relationship_model,
        needs=[world.brief.need],
        goals=[world.goal],
        scope="From the proposal",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + timedelta(days=90),
        budget_hours=Decimal(40),
    )


# --- posting -------------------------------------------------------------------------------------------------------


def test_the_ceo_posts_a_request_and_it_is_audited(requests_world):
    brief = requests_world.brief
    assert (brief.state, brief.cluster_id, brief.need.code) == (RequestState.OPEN, requests_world.cluster.pk, NEED)
    assert list(brief.goals.all()) == [requests_world.goal]
    assert AuditEvent.objects.filter(action="request_posted", target_id=brief.pk).count() == 1


def test_another_clusters_ceo_cannot_post_for_the_cluster(requests_world):
    with pytest.raises(requests.RequestError, match="Only the cluster's CEO can post a request"):
        open_request(cluster=requests_world.cluster, ceo=requests_world.other_ceo)
    assert Request.objects.count() == 1


def test_a_request_cannot_be_answered_by_a_past_date(requests_world):
    with pytest.raises(requests.RequestError, match="must not be in the past"):
        open_request(cluster=requests_world.cluster, ceo=requests_world.ceo, days=-1)
    assert Request.objects.count() == 1


def test_a_request_serves_only_the_clusters_goals(requests_world):
    foreign = goal_of(requests_world.other_cluster)
    with pytest.raises(requests.RequestError, match="Goals served must be goals of this cluster"):
        open_request(cluster=requests_world.cluster, ceo=requests_world.ceo, goals=[foreign])
    assert Request.objects.count() == 1


def test_listed_advisors_covering_the_need_are_told_once_each_in_their_language(
    requests_world, django_capture_on_commit_callbacks
):
    uncovering = make_profile(needs=("partnership.forums",))
    suspended = make_profile()
    AdvisorProfile.objects.filter(pk=suspended.pk).update(suspended_at=timezone.now(), suspension_reason="Complaint")
    unvetted = make_profile(organisation=AdvisorOrganisationFactory())
    requests_world.advisor.preferred_language = "he"
    requests_world.advisor.save(update_fields=["preferred_language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        brief = open_request(cluster=requests_world.cluster, ceo=requests_world.ceo, title="Budget")
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([requests_world.advisor.email, requests_world.second.person.email])
    assert uncovering.person.email not in recipients
    assert suspended.person.email not in recipients
    assert unvetted.person.email not in recipients
    need = Need.objects.get(code=NEED)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[requests_world.advisor.email] == f"בקשה חדשה בנושא {need.label_he}"
    assert subjects[requests_world.second.person.email] == f"طلب جديد بشأن {need.label_ar}"
    assert requests.announce_request(brief.pk) == 0
    assert len(mail.outbox) == 2


# --- visibility ----------------------------------------------------------------------------------------------------


def test_a_listed_advisor_covering_the_need_sees_the_open_request(requests_world):
    assert visible(requests_world.advisor, requests_world.brief)
    assert visible(requests_world.second.person, requests_world.brief)
    assert visible(requests_world.ceo, requests_world.brief)


@pytest.mark.parametrize(
    "change",
    [
        {"suspended_at": "now", "suspension_reason": "Complaint"},
        {"is_published": False},
        {"last_confirmed_at": "overdue"},
    ],
    ids=["suspended", "unpublished", "overdue"],
)
def test_an_advisor_out_of_the_catalogue_does_not_see_the_request(requests_world, change):
    values = {
        key: timezone.now() if value == "now" else timezone.now() - timedelta(days=800) if value == "overdue" else value
        for key, value in change.items()
    }
    AdvisorProfile.objects.filter(pk=requests_world.profile.pk).update(**values)
    assert not visible(requests_world.advisor, requests_world.brief)


def test_an_advisor_of_a_suspended_or_unvetted_organisation_does_not_see_the_request(requests_world):
    for state in (VettingState.SUSPENDED, VettingState.APPLIED):
        organisations = AdvisorOrganisation.objects.filter(pk=requests_world.organisation.pk)
        organisations.update(vetting_state=state, vetting_reason="Under review")
        assert not visible(requests_world.advisor, requests_world.brief)


def test_others_never_see_the_request(requests_world):
    make_profile(person=requests_world.other_advisor, needs=("partnership.forums",))
    for name in ("other_advisor", "other_ceo", "board_member", "referent", "treasury_referent", "head_referent"):
        assert not visible(requests_world.people[name], requests_world.brief), name
        assert requests.proposals_visible_to(requests_world.people[name]).count() == 0


def test_a_closed_request_stays_visible_only_to_the_advisors_who_answered(requests_world):
    proposal_to(requests_world.brief, requests_world.advisor)
    requests.close_request(brief=requests_world.brief, closed_by=requests_world.ceo)
    assert visible(requests_world.advisor, requests_world.brief)
    assert not visible(requests_world.second.person, requests_world.brief)


# --- proposals -----------------------------------------------------------------------------------------------------


def test_an_advisor_answers_once_and_the_ceo_is_told(requests_world, django_capture_on_commit_callbacks):
    requests_world.ceo.preferred_language = "he"
    requests_world.ceo.save(update_fields=["preferred_language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = proposal_to(requests_world.brief, requests_world.advisor, amount=Decimal(16000))
    assert (proposal.state, proposal.hours, proposal.amount) == (ProposalState.SUBMITTED, 40, 16000)
    assert [message.to for message in mail.outbox] == [[requests_world.ceo.email]]
    assert mail.outbox[0].subject == f'הצעה חדשה לבקשה "{requests_world.brief.title}"'
    with pytest.raises(requests.RequestError, match="already answered this request"):
        proposal_to(requests_world.brief, requests_world.advisor)
    assert Proposal.objects.count() == 1


def test_the_database_refuses_a_second_proposal_of_the_same_advisor(requests_world):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.create(request=requests_world.brief, advisor=proposal.advisor, text="Again")
    assert Proposal.objects.count() == 1


def test_no_proposal_after_the_answer_by_date(requests_world):
    Request.objects.filter(pk=requests_world.brief.pk).update(answer_by=timezone.localdate() - timedelta(days=1))
    requests_world.brief.refresh_from_db()
    with pytest.raises(requests.RequestError, match="were due by"):
        proposal_to(requests_world.brief, requests_world.advisor)
    assert Proposal.objects.count() == 0


def test_no_proposal_to_a_closed_request(requests_world):
    requests.close_request(brief=requests_world.brief, closed_by=requests_world.ceo)
    with pytest.raises(requests.RequestError, match="closed and takes no more proposals"):
        proposal_to(requests_world.brief, requests_world.advisor)
    assert Proposal.objects.count() == 0


def test_an_advisor_not_covering_the_need_cannot_answer(requests_world):
    make_profile(person=requests_world.other_advisor, needs=("partnership.forums",))
    with pytest.raises(requests.RequestError, match="Only listed advisors who cover this need"):
        proposal_to(requests_world.brief, requests_world.other_advisor)
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"text": "   "}, "Write a short proposal"),
        ({"text": "x" * 2001}, "at most 2000 characters"),
        ({"hours": Decimal(0)}, "more than zero"),
        ({"hourly_rate": Decimal(-1)}, "must not be negative"),
    ],
)
def test_bad_proposals_are_refused(requests_world, values, message):
    with pytest.raises(requests.RequestError, match=message):
        proposal_to(requests_world.brief, requests_world.advisor, **values)
    assert Proposal.objects.count() == 0


def test_the_advisor_edits_and_withdraws_while_the_request_is_open(requests_world):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    proposal = requests.update_proposal(
        proposal=proposal, advisor=requests_world.advisor, text="Three workshops", hours=Decimal(30)
    )
    assert (proposal.text, proposal.hours) == ("Three workshops", 30)
    proposal = requests.withdraw_proposal(proposal=proposal, advisor=requests_world.advisor)
    assert proposal.state == ProposalState.WITHDRAWN
    with pytest.raises(requests.RequestError, match="Only your pending proposal"):
        requests.update_proposal(proposal=proposal, advisor=requests_world.advisor, text="Back")
    assert Proposal.objects.get().text == "Three workshops"


def test_a_proposal_cannot_change_after_the_answer_by_date(requests_world):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    Request.objects.filter(pk=requests_world.brief.pk).update(answer_by=timezone.localdate() - timedelta(days=1))
    proposal.refresh_from_db()
    with pytest.raises(requests.RequestError, match="were due by"):
        requests.update_proposal(proposal=proposal, advisor=requests_world.advisor, text="Late change")
    proposal.refresh_from_db()
    assert (proposal.text, proposal.updated_at) == ("Four workshops and a draft plan.", None)


def test_a_proposal_cannot_change_once_the_request_is_closed(requests_world):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    requests.close_request(brief=requests_world.brief, closed_by=requests_world.ceo)
    proposal.refresh_from_db()
    for change in (
        lambda: requests.update_proposal(proposal=proposal, advisor=requests_world.advisor, text="Late"),
        lambda: requests.withdraw_proposal(proposal=proposal, advisor=requests_world.advisor),
    ):
        with pytest.raises(requests.RequestError):
            change()
    proposal.refresh_from_db()
    assert (proposal.state, proposal.text) == (ProposalState.NOT_CHOSEN, "Four workshops and a draft plan.")


# --- shortlisting and choosing ------------------------------------------------------------------------------------


def test_shortlisting_puts_the_advisor_on_the_requests_shortlist_for_the_need(requests_world):
    first = proposal_to(requests_world.brief, requests_world.advisor)
    second = proposal_to(requests_world.brief, requests_world.second.person)
    requests.shortlist_proposal(proposal=first, shortlisted_by=requests_world.ceo)
    requests.shortlist_proposal(proposal=second, shortlisted_by=requests_world.ceo)
    shortlist = Shortlist.objects.get()
    assert (shortlist.cluster_id, shortlist.need.code, shortlist.title) == (
        requests_world.cluster.pk,
        NEED,
        requests_world.brief.title,
    )
    entries = list(ShortlistEntry.objects.order_by("pk").values_list("profile_id", "outcome"))
    assert entries == [(requests_world.profile.pk, Outcome.PENDING), (requests_world.second.pk, Outcome.PENDING)]
    first.refresh_from_db()
    assert first.state == ProposalState.SHORTLISTED
    with pytest.raises(requests.RequestError, match="Only a submitted proposal can be shortlisted"):
        requests.shortlist_proposal(proposal=first, shortlisted_by=requests_world.ceo)
    assert ShortlistEntry.objects.count() == 2


def test_only_the_ceo_of_the_cluster_shortlists(requests_world):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    with pytest.raises(requests.RequestError, match="Only the cluster's CEO"):
        requests.shortlist_proposal(proposal=proposal, shortlisted_by=requests_world.other_ceo)
    proposal.refresh_from_db()
    assert (proposal.state, Shortlist.objects.count()) == (ProposalState.SUBMITTED, 0)


def test_choosing_closes_the_request_records_outcomes_and_tells_everyone_in_their_language(
    requests_world, django_capture_on_commit_callbacks
):
    third = make_profile(full_name="Dana Levi")
    requests_world.advisor.preferred_language = "en"
    requests_world.advisor.save(update_fields=["preferred_language"])
    chosen = proposal_to(requests_world.brief, requests_world.advisor)
    other = proposal_to(requests_world.brief, requests_world.second.person)
    withdrawn = proposal_to(requests_world.brief, third.person)
    requests.withdraw_proposal(proposal=withdrawn, advisor=third.person)
    requests.shortlist_proposal(proposal=other, shortlisted_by=requests_world.ceo)
    mail.outbox.clear()
    with translation.override("he"), django_capture_on_commit_callbacks(execute=True):
        engagement = engage(requests_world, chosen)
    chosen.refresh_from_db()
    other.refresh_from_db()
    withdrawn.refresh_from_db()
    requests_world.brief.refresh_from_db()
    assert requests_world.brief.state == RequestState.CLOSED
    assert (chosen.state, chosen.engagement_id) == (ProposalState.CHOSEN, engagement.pk)
    assert (other.state, withdrawn.state) == (ProposalState.NOT_CHOSEN, ProposalState.WITHDRAWN)
    outcomes = dict(ShortlistEntry.objects.values_list("profile_id", "outcome"))
    assert outcomes == {requests_world.profile.pk: Outcome.CHOSEN, requests_world.second.pk: Outcome.NOT_SUITABLE}
    # The reason is recorded in the language of the CEO who chose.
    assert ShortlistEntry.objects.get(profile=requests_world.second).outcome_reason == "נבחרה הצעה אחרת"
    messages = {message.to[0]: message for message in mail.outbox}
    assert sorted(messages) == sorted([requests_world.advisor.email, requests_world.second.person.email])
    assert (
        messages[requests_world.advisor.email].subject == f'Your proposal for "{requests_world.brief.title}" was chosen'
    )
    polite = messages[requests_world.second.person.email]
    assert polite.subject == f"بخصوص عرضك لـ «{requests_world.brief.title}»"
    assert "شكرًا" in polite.body
    assert AuditEvent.objects.filter(action="proposal_chosen", target_id=chosen.pk).count() == 1
    assert requests.send_proposal_decisions(requests_world.brief.pk) == 0


def test_a_failed_choice_leaves_no_engagement(requests_world):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    requests.close_request(brief=requests_world.brief, closed_by=requests_world.ceo)
    proposal.refresh_from_db()
    with pytest.raises(requests.RequestError, match="no longer open"):
        engage(requests_world, proposal)
    assert Engagement.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.NOT_CHOSEN


def test_closing_without_choosing_thanks_the_advisors(requests_world, django_capture_on_commit_callbacks):
    proposal_to(requests_world.brief, requests_world.advisor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        requests.close_request(brief=requests_world.brief, closed_by=requests_world.ceo)
    assert [message.to[0] for message in mail.outbox] == [requests_world.advisor.email]
    assert "בלי לבחור הצעה" in mail.outbox[0].body  # the advisor has no preference: the default, Hebrew
    assert AuditEvent.objects.filter(action="request_closed").count() == 1
    with pytest.raises(requests.RequestError, match="no longer open"):
        requests.withdraw_request(brief=requests_world.brief, withdrawn_by=requests_world.ceo)
    requests_world.brief.refresh_from_db()
    assert requests_world.brief.state == RequestState.CLOSED
