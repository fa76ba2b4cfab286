"""An engagement opened from a shortlist entry records the advisor as chosen on the shortlist."""

import pytest
from django.urls import reverse

from advisors import services as advisor_services
from advisors.models import Need, Outcome, ShortlistEntry
from engagements.models import Engagement
from engagements.selection import create_engagement_from_shortlist
from engagements.services import EngagementError
from tests.factories.advisors import make_profile

BUDGET = "management.workplan_budget"


@pytest.fixture
def shortlisted(engaged_world):
    """A shortlist for BUDGET with the world's advisor and a second advisor on it."""
    world = engaged_world
    shortlist = advisor_services.create_shortlist(
        cluster=world.cluster, need=Need.objects.get(code=BUDGET), title="Budget 2026", created_by=world.ceo
    )
    world.extra["shortlist"] = shortlist
    world.extra["entry"] = advisor_services.add_to_shortlist(
        shortlist=shortlist, profile=world.profile, note="Knows the cluster", added_by=world.ceo
    )
    world.extra["second"] = advisor_services.add_to_shortlist(
        shortlist=shortlist,
        profile=make_profile(organisation=world.organisation),
        note="",
        added_by=world.ceo,
    )
    return world


FORM = {
    "scope": "Budget of the waste service",
    "starts_on": "2026-02-01",
    "ends_on": "2026-06-30",
    "budget_hours": "40",
    "hourly_rate": "400",
}


def test_the_shortlist_page_links_each_pending_entry_to_a_new_engagement(shortlisted, client_as):
    page = client_as(shortlisted.ceo).get(reverse("advisors:shortlist_detail", args=[shortlisted.shortlist.pk]))
    html = page.content.decode()
    assert f"{reverse('engagements:new')}?entry={shortlisted.entry.pk}" in html
    assert f"{reverse('engagements:new')}?entry={shortlisted.second.pk}" in html


def test_opening_an_engagement_from_an_entry_records_it_chosen_and_leaves_the_others_pending(shortlisted, client_as):
    client = client_as(shortlisted.ceo)
    url = f"{reverse('engagements:new')}?entry={shortlisted.entry.pk}"
    form = client.get(url).context["form"]
    need = Need.objects.get(code=BUDGET)
    assert form.initial["needs"] == [need.pk]

    response = client.post(url, {**FORM, "needs": [need.pk]})

    engagement = Engagement.objects.exclude(pk=shortlisted.engagement.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("engagements:detail", args=[engagement.pk])
    assert (engagement.cluster_id, engagement.advisor_id) == (shortlisted.cluster.pk, shortlisted.profile.pk)
    entries = {entry.pk: entry for entry in ShortlistEntry.objects.all()}
    chosen = entries[shortlisted.entry.pk]
    assert (chosen.outcome, chosen.decided_by_id) == (Outcome.CHOSEN, shortlisted.ceo.pk)
    assert entries[shortlisted.second.pk].outcome == Outcome.PENDING
    page = client.get(reverse("advisors:shortlist_detail", args=[shortlisted.shortlist.pk])).content.decode()
    assert "An advisor was chosen. 1 advisor is still undecided" in page


def test_an_entry_of_another_clusters_shortlist_is_not_found_and_nothing_is_written(shortlisted, client_as):
    url = f"{reverse('engagements:new')}?entry={shortlisted.entry.pk}"
    need = Need.objects.get(code=BUDGET)
    response = client_as(shortlisted.other_ceo).post(url, {**FORM, "needs": [need.pk]})
    assert response.status_code == 404
    assert Engagement.objects.count() == 1
    assert ShortlistEntry.objects.get(pk=shortlisted.entry.pk).outcome == Outcome.PENDING


def test_a_refused_engagement_records_no_choice(shortlisted, client_as):
    url = f"{reverse('engagements:new')}?entry={shortlisted.entry.pk}"
    need = Need.objects.get(code=BUDGET)
    response = client_as(shortlisted.ceo).post(url, {**FORM, "needs": [need.pk], "budget_hours": ""})
    assert response.status_code == 200
    assert "Give a budget in hours, in shekels, or both." in response.content.decode()
    assert Engagement.objects.count() == 1
    assert ShortlistEntry.objects.get(pk=shortlisted.entry.pk).outcome == Outcome.PENDING


def test_the_service_refuses_an_entry_of_another_advisor(shortlisted):
    from datetime import date
    from decimal import Decimal

    with pytest.raises(EngagementError, match="not for this advisor and cluster"):
        create_engagement_from_shortlist(
            entry=shortlisted.second,
            created_by=shortlisted.ceo,
            cluster=shortlisted.cluster,
            profile=shortlisted.profile,
            model=shortlisted.profile.organisation.relationship_model,
            needs=[Need.objects.get(code=BUDGET)],
            goals=[],
            scope="x",
            starts_on=date(2026, 2, 1),
            ends_on=date(2026, 3, 1),
            budget_hours=Decimal(10),
        )
    assert Engagement.objects.count() == 1
    assert ShortlistEntry.objects.get(pk=shortlisted.second.pk).outcome == Outcome.PENDING


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_a_malformed_or_unknown_entry_is_not_found(shortlisted, client_as, value):
    response = client_as(shortlisted.ceo).get(reverse("engagements:new"), {"entry": value})
    assert response.status_code == 404
