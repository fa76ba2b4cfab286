"""The pages of the optional requests: posting, answering, deciding, turning a proposal into an engagement."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from advisors.models import AdvisorProfile, Outcome, ShortlistEntry, VettingState
from engagements import requests
from engagements.models import Engagement, Proposal, ProposalState, Request, RequestState
from tests.factories import AdvisorOrganisationFactory
from tests.factories.advisors import make_profile
from tests.factories.engagements import goal_of
from tests.factories.requests import NEED, open_request, proposal_to


@pytest.fixture
def requests_world(world):
    """The advisor's listed profile covers NEED; a second listed advisor covers it too; one open request."""
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    world.extra["profile"] = make_profile(person=world.advisor, organisation=world.organisation)
    world.extra["second"] = make_profile(full_name="Rim Odeh")
    world.extra["goal"] = goal_of(world.cluster)
    world.extra["brief"] = open_request(cluster=world.cluster, ceo=world.ceo, goals=[world.goal])
    return world


def detail_url(brief):
    return reverse("engagements:request_detail", args=[brief.pk])


# --- the CEO posts -------------------------------------------------------------------------------------------------


def test_the_ceo_posts_a_request_through_the_form(requests_world, client_as):
    from advisors.models import Need

    client = client_as(requests_world.ceo)
    answer_by = timezone.localdate() + timedelta(days=10)
    response = client.post(
        reverse("engagements:request_new"),
        {
            "need": Need.objects.get(code=NEED).pk,
            "title": "Procurement support",
            "text": "A joint tender for waste collection.",
            "goals": [requests_world.goal.pk],
            "budget_hint": "About 60 hours",
            "answer_by": answer_by.isoformat(),
        },
    )
    brief = Request.objects.get(title="Procurement support")
    assert response.status_code == 302
    assert response["Location"] == detail_url(brief)
    assert (brief.answer_by, brief.budget_hint, brief.created_by) == (answer_by, "About 60 hours", requests_world.ceo)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"answer_by": "2020-01-01"}, "The answer-by date must not be in the past."),
        ({"answer_by": "not a date"}, "Enter a valid date."),
        ({"need": "999999"}, "Select a valid choice."),
    ],
)
def test_a_bad_request_is_refused_and_nothing_is_written(requests_world, client_as, values, message):
    from advisors.models import Need

    data = {
        "need": Need.objects.get(code=NEED).pk,
        "title": "Procurement support",
        "text": "A joint tender.",
        "answer_by": (timezone.localdate() + timedelta(days=10)).isoformat(),
        **values,
    }
    response = client_as(requests_world.ceo).post(reverse("engagements:request_new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Request.objects.count() == 1


# --- the advisor answers -------------------------------------------------------------------------------------------


def test_a_covering_advisor_answers_from_the_request_page(requests_world, client_as):
    client = client_as(requests_world.advisor)
    page = client.get(detail_url(requests_world.brief)).content.decode()
    assert requests_world.brief.text in page
    assert "Send the proposal" in page
    response = client.post(detail_url(requests_world.brief), {"text": "Two workshops", "hours": "12"})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.advisor, proposal.text, proposal.hours) == (requests_world.profile, "Two workshops", 12)
    again = client.post(detail_url(requests_world.brief), {"text": "Once more"})
    assert again.status_code == 403
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"text": ""}, "This field is required."),
        ({"text": "x" * 2001}, "Ensure this value has at most 2000 characters (it has 2001)."),
        ({"text": "Plan", "hours": "-3"}, "Enter a number from 0.25 to 10,000."),
    ],
)
def test_a_bad_proposal_is_refused_and_nothing_is_written(requests_world, client_as, values, message):
    response = client_as(requests_world.advisor).post(detail_url(requests_world.brief), values)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Proposal.objects.count() == 0


def test_past_the_answer_by_date_the_page_takes_no_proposal(requests_world, client_as):
    Request.objects.filter(pk=requests_world.brief.pk).update(answer_by=timezone.localdate() - timedelta(days=1))
    client = client_as(requests_world.advisor)
    assert "This request takes no more proposals." in client.get(detail_url(requests_world.brief)).content.decode()
    assert client.post(detail_url(requests_world.brief), {"text": "Late"}).status_code == 403
    assert Proposal.objects.count() == 0


def test_a_deadline_passing_while_the_form_is_open_gives_a_translated_error(requests_world, client_as, monkeypatch):
    client = client_as(requests_world.advisor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "he"
    # The page allowed the proposal; the request closes to proposals before the service runs.
    monkeypatch.setattr(requests, "can_propose", lambda user, brief, profile: True)
    Request.objects.filter(pk=requests_world.brief.pk).update(answer_by=timezone.localdate() - timedelta(days=1))
    response = client.post(detail_url(requests_world.brief), {"text": "Late"}, follow=True)
    due = f"{timezone.localdate() - timedelta(days=1):%d/%m/%Y}"
    assert f"ההצעות לבקשה זו היו אמורות להגיע עד {due}; היא אינה מקבלת עוד הצעות." in response.content.decode()
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize("who", ["not_covering", "suspended", "unvetted", "overdue"])
def test_advisors_out_of_reach_never_see_the_request_even_by_url(requests_world, client_as, who):
    if who == "not_covering":
        profile = make_profile(needs=("partnership.forums",))
    elif who == "unvetted":
        profile = make_profile(organisation=AdvisorOrganisationFactory())
    else:
        profile = make_profile()
        change = (
            {"suspended_at": timezone.now(), "suspension_reason": "Complaint"}
            if who == "suspended"
            else {"last_confirmed_at": timezone.now() - timedelta(days=800)}
        )
        AdvisorProfile.objects.filter(pk=profile.pk).update(**change)
    client = client_as(profile.person)
    assert client.get(detail_url(requests_world.brief)).status_code == 404
    assert client.post(detail_url(requests_world.brief), {"text": "Hello"}).status_code == 404
    page = client.get(reverse("engagements:open_requests")).content.decode()
    assert requests_world.brief.title not in page
    assert Proposal.objects.count() == 0


def test_referents_and_other_ceos_get_nothing(requests_world, client_as):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    for name in ("referent", "head_referent", "other_ceo", "board_member", "curator"):
        client = client_as(requests_world.people[name])
        assert client.get(detail_url(requests_world.brief)).status_code == 404, name
        assert client.post(reverse("engagements:proposal_shortlist", args=[proposal.pk])).status_code == 404, name
    assert client_as(requests_world.referent).get(reverse("engagements:open_requests")).status_code == 403


def test_the_advisor_edits_and_withdraws_their_proposal(requests_world, client_as):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    client = client_as(requests_world.advisor)
    url = reverse("engagements:proposal_edit", args=[proposal.pk])
    assert client.post(url, {"text": ""}).status_code == 200
    proposal.refresh_from_db()
    assert proposal.text == "Four workshops and a draft plan."
    assert client.post(url, {"text": "Five workshops", "amount": "20000"}).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.text, proposal.amount, proposal.hours) == ("Five workshops", 20000, None)
    client.post(reverse("engagements:proposal_withdraw", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN
    assert client.get(url).status_code == 403


# --- the CEO decides -----------------------------------------------------------------------------------------------


def test_the_ceo_shortlists_from_the_request_page(requests_world, client_as):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    client = client_as(requests_world.ceo)
    page = client.get(detail_url(requests_world.brief)).content.decode()
    assert "Four workshops and a draft plan." in page
    client.post(reverse("engagements:proposal_shortlist", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SHORTLISTED
    entry = ShortlistEntry.objects.get()
    assert (entry.profile, entry.shortlist.title) == (requests_world.profile, requests_world.brief.title)
    assert client.post(reverse("engagements:proposal_shortlist", args=[proposal.pk])).status_code == 403
    assert ShortlistEntry.objects.count() == 1


def test_turning_a_proposal_into_an_engagement(requests_world, client_as, django_capture_on_commit_callbacks):
    chosen = proposal_to(requests_world.brief, requests_world.advisor, hours=Decimal(30), hourly_rate=Decimal(350))
    other = proposal_to(requests_world.brief, requests_world.second.person)
    requests.shortlist_proposal(proposal=other, shortlisted_by=requests_world.ceo)
    client = client_as(requests_world.ceo)
    url = f"{reverse('engagements:new')}?proposal={chosen.pk}"
    page = client.get(url).content.decode()
    assert requests_world.brief.text in page
    assert 'value="30' in page
    assert 'value="350' in page
    assert "Saving chooses this proposal" in page
    start = timezone.localdate()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "needs": [requests_world.brief.need_id],
                "goals": [requests_world.goal.pk],
                "scope": "Work plan",
                "starts_on": start.isoformat(),
                "ends_on": (start + timedelta(days=60)).isoformat(),
                "budget_hours": "30",
                "hourly_rate": "350",
            },
        )
    engagement = Engagement.objects.get()
    assert response["Location"] == reverse("engagements:detail", args=[engagement.pk])
    assert (engagement.advisor, engagement.cluster, engagement.hourly_rate) == (
        requests_world.profile,
        requests_world.cluster,
        350,
    )
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.state, chosen.engagement, other.state) == (
        ProposalState.CHOSEN,
        engagement,
        ProposalState.NOT_CHOSEN,
    )
    assert Request.objects.get().state == RequestState.CLOSED
    outcomes = sorted(ShortlistEntry.objects.values_list("profile_id", "outcome"))
    assert outcomes == sorted(
        [(requests_world.profile.pk, Outcome.CHOSEN), (requests_world.second.pk, Outcome.NOT_SUITABLE)]
    )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [requests_world.advisor.email, requests_world.second.person.email]
    )
    # The request is closed: the proposal cannot be chosen twice.
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("raw", ["abc", "999999"])
def test_engagement_from_an_unknown_proposal_is_not_found(requests_world, client_as, raw):
    response = client_as(requests_world.ceo).get(f"{reverse('engagements:new')}?proposal={raw}")
    assert response.status_code == 404


def test_another_ceo_cannot_engage_from_the_proposal(requests_world, client_as):
    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    response = client_as(requests_world.other_ceo).get(f"{reverse('engagements:new')}?proposal={proposal.pk}")
    assert response.status_code == 404
    assert Engagement.objects.count() == 0


def test_the_ceo_closes_a_request(requests_world, client_as):
    client = client_as(requests_world.ceo)
    assert client.post(reverse("engagements:request_end", args=[requests_world.brief.pk, "close"])).status_code == 302
    assert Request.objects.get().state == RequestState.CLOSED
    unknown = client.post(reverse("engagements:request_end", args=[requests_world.brief.pk, "reopen"]))
    assert unknown.status_code == 404
    again = client.post(reverse("engagements:request_end", args=[requests_world.brief.pk, "withdraw"]))
    assert again.status_code == 403
    assert Request.objects.get().state == RequestState.CLOSED


# --- lists ---------------------------------------------------------------------------------------------------------


def test_empty_states(world, client_as):
    assert "No requests yet." in client_as(world.ceo).get(reverse("engagements:requests")).content.decode()
    advisor_page = client_as(world.advisor).get(reverse("engagements:open_requests")).content.decode()
    assert "profile is listed in the catalogue" in advisor_page
    mine = client_as(world.advisor).get(reverse("engagements:my_proposals")).content.decode()
    assert "You have not answered any request yet." in mine


def test_open_requests_filter_by_need(requests_world, client_as):
    from advisors.models import Need

    AdvisorProfile.objects.get(pk=requests_world.profile.pk).needs.add(Need.objects.get(code="partnership.forums"))
    open_request(cluster=requests_world.cluster, ceo=requests_world.ceo, need="partnership.forums", title="Forums")
    client = client_as(requests_world.advisor)
    url = reverse("engagements:open_requests")
    page = client.get(url).content.decode()
    assert requests_world.brief.title in page and "Forums" in page
    filtered = client.get(url, {"need": Need.objects.get(code="partnership.forums").pk}).content.decode()
    assert "Forums" in filtered and requests_world.brief.title not in filtered
    bad = client.get(url, {"need": "nonsense"}).content.decode()
    assert "Forums" in bad and requests_world.brief.title in bad


@pytest.mark.parametrize("count", [1, 5])
def test_ceo_request_list_queries_stay_flat(requests_world, client_as, django_assert_num_queries, count):
    for index in range(count):
        brief = open_request(cluster=requests_world.cluster, ceo=requests_world.ceo, title=f"Brief {index}")
        proposal_to(brief, requests_world.advisor)
    client = client_as(requests_world.ceo)
    url = reverse("engagements:requests")
    client.get(url)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.content.decode().count("Brief ") == count


@pytest.mark.parametrize("count", [1, 5])
def test_open_requests_queries_stay_flat(requests_world, client_as, django_assert_num_queries, count):
    for index in range(count):
        open_request(cluster=requests_world.cluster, ceo=requests_world.ceo, title=f"Brief {index}")
    client = client_as(requests_world.advisor)
    url = reverse("engagements:open_requests")
    client.get(url)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count("Brief ") == count


@pytest.mark.parametrize("count", [1, 5])
def test_my_proposals_queries_stay_flat(requests_world, client_as, django_assert_num_queries, count):
    for index in range(count):
        brief = open_request(cluster=requests_world.cluster, ceo=requests_world.ceo, title=f"Brief {index}")
        proposal_to(brief, requests_world.advisor)
    client = client_as(requests_world.advisor)
    url = reverse("engagements:my_proposals")
    client.get(url)
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count("Brief ") == count


@pytest.mark.parametrize("count", [1, 5])
def test_ceo_request_page_queries_stay_flat(requests_world, client_as, django_assert_num_queries, count):
    for _ in range(count):
        proposal_to(requests_world.brief, make_profile().person)
    client = client_as(requests_world.ceo)
    url = detail_url(requests_world.brief)
    client.get(url)
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count("Four workshops and a draft plan.") == count


def test_open_requests_are_paginated_soonest_deadline_first(requests_world, client_as, monkeypatch):
    from engagements import request_views

    monkeypatch.setattr(request_views, "OPEN_REQUESTS_PER_PAGE", 2)
    for days, title in ((3, "Soon"), (30, "Later")):
        open_request(cluster=requests_world.cluster, ceo=requests_world.ceo, title=title, days=days)
    client = client_as(requests_world.advisor)
    url = reverse("engagements:open_requests")
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert "Soon" in first and requests_world.brief.title in first and "Later" not in first
    assert "Later" in second and "Soon" not in second
    assert "Page 2 of 2" in second


def test_the_chosen_advisor_finds_the_engagement_from_the_request(requests_world, client_as):
    from tests.factories.engagements import draft_engagement

    proposal = proposal_to(requests_world.brief, requests_world.advisor)
    engagement = draft_engagement(
        cluster=requests_world.cluster, ceo=requests_world.ceo, profile=requests_world.profile
    )
    requests.choose_proposal(proposal=proposal, engagement=engagement, chosen_by=requests_world.ceo)
    page = client_as(requests_world.advisor).get(detail_url(requests_world.brief)).content.decode()
    assert "Chosen by the cluster" in page
    assert reverse("engagements:detail", args=[engagement.pk]) in page
