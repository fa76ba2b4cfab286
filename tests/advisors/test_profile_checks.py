"""A new profile waits for a curator's check before the catalogue lists it, in any organisation, vetted or not."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from advisors import selectors, services
from advisors.models import AdvisorProfile, VettingState
from tests.factories import AdvisorOrganisationFactory
from tests.factories.advisors import make_profile

PROFILE = {
    "bio_he": "יועצת לניהול פרויקטים באשכולות",
    "needs": ["management.workplan_budget"],
    "regions": ["north"],
    "languages": ["he"],
    "orientation": "both",
    "day_rate": "2400",
    "days_per_month": "5",
    "is_published": "on",
}


@pytest.fixture
def vetted(world):
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    return world


def catalogue_ids(client):
    return [profile.pk for profile in client.get(reverse("advisors:catalogue")).context["page"].object_list]


def test_a_new_profile_in_a_vetted_organisation_waits_for_a_curator(vetted, client_as):
    response = client_as(vetted.advisor).post(reverse("advisors:my_profile"), PROFILE)
    assert response.status_code == 302
    profile = AdvisorProfile.objects.get(person=vetted.advisor)
    assert (profile.is_published, profile.checked_at, profile.is_listed) == (True, None, False)
    assert list(AdvisorProfile.objects.listed()) == []
    ceo = client_as(vetted.ceo)
    assert catalogue_ids(ceo) == []
    assert ceo.get(reverse("advisors:profile_detail", args=[profile.pk])).status_code == 404
    own_page = client_as(vetted.advisor).get(reverse("advisors:profile_detail", args=[profile.pk]))
    assert "it is waiting for a curator's check." in own_page.content.decode().replace("&#x27;", "'")


def test_the_curator_finds_it_in_the_queue_and_checks_it(vetted, client_as):
    profile = make_profile(person=vetted.advisor, organisation=vetted.organisation, checked=False)
    curator = client_as(vetted.curator)
    waiting = curator.get(reverse("advisors:curator_home")).context["profiles_to_check"]
    assert [row["pk"] for row in waiting] == [profile.pk]
    page = curator.get(reverse("advisors:profile_detail", args=[profile.pk])).content.decode()
    assert 'id="check-profile"' in page
    response = curator.post(reverse("advisors:profile_check", args=[profile.pk]))
    assert response["Location"] == reverse("advisors:profile_detail", args=[profile.pk])
    profile.refresh_from_db()
    assert (profile.checked_by, profile.is_listed) == (vetted.curator, True)
    assert list(AdvisorProfile.objects.listed()) == [profile]
    assert curator.get(reverse("advisors:curator_home")).context["profiles_to_check"] == []
    assert catalogue_ids(client_as(vetted.ceo)) == [profile.pk]
    assert AuditEvent.objects.filter(action="profile_checked", actor=vetted.curator).count() == 1


def test_checking_twice_changes_nothing(vetted):
    profile = make_profile(person=vetted.advisor, organisation=vetted.organisation, checked=False)
    assert services.check_profile(profile=profile, checked_by=vetted.curator) is True
    checked_at = profile.checked_at
    assert services.check_profile(profile=profile, checked_by=vetted.curator) is False
    profile.refresh_from_db()
    assert profile.checked_at == checked_at
    assert AuditEvent.objects.filter(action="profile_checked").count() == 1


@pytest.mark.parametrize("name", ["advisor", "org_manager", "ceo", "referent", "admin"])
def test_nobody_but_a_curator_checks_a_profile(vetted, client_as, name):
    profile = make_profile(person=vetted.advisor, organisation=vetted.organisation, checked=False)
    response = client_as(vetted.people[name]).post(reverse("advisors:profile_check", args=[profile.pk]))
    assert response.status_code == 403
    profile.refresh_from_db()
    assert (profile.checked_at, profile.checked_by) == (None, None)
    assert AuditEvent.objects.filter(action="profile_checked").count() == 0


def test_the_service_refuses_a_person_who_is_not_a_curator(vetted):
    profile = make_profile(person=vetted.advisor, organisation=vetted.organisation, checked=False)
    with pytest.raises(services.ValidationError, match="Only a catalogue curator can check a profile."):
        services.check_profile(profile=profile, checked_by=vetted.org_manager)
    profile.refresh_from_db()
    assert profile.checked_at is None


def test_editing_a_checked_profile_keeps_it_listed(vetted, client_as):
    profile = make_profile(person=vetted.advisor, organisation=vetted.organisation)
    client_as(vetted.advisor).post(reverse("advisors:profile_edit", args=[profile.pk]), PROFILE)
    profile.refresh_from_db()
    assert (profile.bio_he, profile.is_listed) == ("יועצת לניהול פרויקטים באשכולות", True)


def test_vetting_an_organisation_checks_the_profiles_the_curator_reviewed_with_it(world):
    organisation = AdvisorOrganisationFactory()
    profile = make_profile(organisation=organisation, checked=False)
    assert list(selectors.profiles_awaiting_check()) == []  # it is in the applications queue instead
    services.vet_organisation(organisation=organisation, decided_by=world.curator)
    profile.refresh_from_db()
    assert (profile.checked_by, profile.is_listed) == (world.curator, True)


def test_existing_profiles_are_kept_listed_by_the_migration(vetted):
    profile = make_profile(person=vetted.advisor, organisation=vetted.organisation, checked=False)
    migration = importlib.import_module("advisors.migrations.0006_profile_checked_by_a_curator")
    migration.keep_existing_profiles_listed(apps, None)
    profile.refresh_from_db()
    assert (profile.checked_at, profile.checked_by, profile.is_listed) == (profile.created_at, None, True)
    assert profile.checked_at <= timezone.now()


def test_the_queue_of_profiles_to_check_is_cut_into_pages_in_the_database(
    vetted, client_as, monkeypatch, django_assert_num_queries
):
    from advisors import views

    monkeypatch.setattr(views, "PROFILES_TO_CHECK_PAGE_SIZE", 2)
    made = [make_profile(organisation=vetted.organisation, checked=False).pk for _ in range(3)]
    curator = client_as(vetted.curator)
    url = reverse("advisors:curator_home")
    curator.get(url)
    with django_assert_num_queries(expected := _queries(curator, url)):
        first = curator.get(url)
    made += [make_profile(organisation=vetted.organisation, checked=False).pk for _ in range(2)]
    with django_assert_num_queries(expected):
        curator.get(url)
    pages = [curator.get(url, {"page": number}).context["profiles_to_check"] for number in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert sorted(row["pk"] for page in pages for row in page) == sorted(made)
    assert "3 profiles waiting" in first.content.decode() and 'page=2"' in first.content.decode()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)
