"""The organisations a curator has decided on: the latest few of each state on the curator's home, every one of a
state on its own page, by name, a page at a time, with the same queries however many there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisors.models import AdvisorOrganisation, VettingState
from tests.factories.advisors import VettedOrganisationFactory

pytestmark = pytest.mark.django_db


def _decided(count, *, state=VettingState.VETTED, start=0, **fields):
    now = timezone.now()
    return [
        VettedOrganisationFactory(vetting_state=state, vetting_decided_at=now - timedelta(days=start + index), **fields)
        for index in range(count)
    ]


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url, params or {})
    return len(captured)


def test_the_curators_home_shows_the_latest_decided_of_each_state_and_how_many_there_are(world, client_as):
    vetted = _decided(12)  # newest first
    suspended = _decided(1, state=VettingState.SUSPENDED, vetting_reason="Late reports")
    curator = client_as(world.curator)
    response = curator.get(reverse("advisors:curator_home"))
    sections = {state: (count, latest) for state, _label, count, latest in response.context["decided"]}
    all_vetted = AdvisorOrganisation.objects.filter(vetting_state=VettingState.VETTED).count()
    assert sections[VettingState.VETTED][0] == all_vetted >= 12
    assert [organisation.pk for organisation in sections[VettingState.VETTED][1]] == [o.pk for o in vetted[:10]]
    assert sections[VettingState.SUSPENDED] == (1, suspended)
    assert sections[VettingState.REJECTED] == (0, [])
    page = response.content.decode()
    assert vetted[0].name in page and vetted[11].name not in page
    assert f"{reverse('advisors:organisations')}?state=vetted" in page and f"All {all_vetted} organisations" in page
    assert "Late reports" in page


def test_the_curators_home_takes_the_same_queries_however_many_organisations_are_decided(world, client_as):
    curator = client_as(world.curator)
    url = reverse("advisors:curator_home")
    _decided(2)
    curator.get(url)
    # the session, the person, roles; applications, profiles to check (count, page); the count of each state and
    # the latest of each; what needs doing
    assert _queries(curator, url) == 11
    _decided(30, start=2)
    _decided(15, state=VettingState.REJECTED, vetting_reason="Incomplete")
    assert _queries(curator, url) == 11


def test_the_organisations_of_a_state_are_listed_by_name_a_page_at_a_time(world, client_as, monkeypatch):
    from advisors import views

    monkeypatch.setattr(views, "ORGANISATIONS_PAGE_SIZE", 2)
    for name in ("Gamma", "Alpha", "Beta"):
        VettedOrganisationFactory(name=name)
    VettedOrganisationFactory(name="Delta", vetting_state=VettingState.SUSPENDED, vetting_reason="Conflict")
    curator = client_as(world.curator)
    url = reverse("advisors:organisations")
    vetted = list(AdvisorOrganisation.objects.filter(vetting_state=VettingState.VETTED).order_by("name", "pk"))
    pages = [curator.get(url, {"page": number}).context["organisations"] for number in (1, 2, 3)]
    shown = [organisation.pk for page in pages[: (len(vetted) + 1) // 2] for organisation in page]
    assert shown == [organisation.pk for organisation in vetted]
    assert [o.name for o in curator.get(url, {"q": "ph"}).context["organisations"]] == ["Alpha"]
    suspended = curator.get(url, {"state": "suspended"})
    assert [o.name for o in suspended.context["organisations"]] == ["Delta"]
    assert "Conflict" in suspended.content.decode() and suspended.context["state_label"] == "Suspended organisations"
    nothing = curator.get(url, {"q": "no such firm"})
    assert nothing.context["organisations"] == [] and "No organisation matches." in nothing.content.decode()


def test_an_unknown_state_lists_the_vetted_organisations_and_says_the_choice_is_not_valid(world, client_as):
    VettedOrganisationFactory(name="Alpha")
    response = client_as(world.curator).get(reverse("advisors:organisations"), {"state": "applied"})
    assert response.status_code == 200
    assert response.context["state"] == VettingState.VETTED
    assert "state" in response.context["form"].errors
    assert "Alpha" in response.content.decode()


def test_the_organisation_list_takes_the_same_queries_however_many_there_are(world, client_as):
    curator = client_as(world.curator)
    url = reverse("advisors:organisations")
    _decided(3)
    curator.get(url)
    assert _queries(curator, url, {"q": "firm"}) == 5  # the session, the person, roles; the count and the page
    _decided(60, start=3)
    assert _queries(curator, url, {"q": "firm"}) == 5
    assert len(curator.get(url).context["organisations"]) == 50
