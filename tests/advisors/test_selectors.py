"""The read API other apps use."""

from advisors import selectors, services
from advisors.models import VettingState
from tests.factories import AdvisorOrganisationFactory
from tests.factories.advisors import make_profile


def test_listed_profile_returns_only_catalogue_profiles(world):
    listed = make_profile()
    hidden = make_profile(organisation=AdvisorOrganisationFactory(vetting_state=VettingState.APPLIED))
    assert selectors.listed_profile(profile_id=listed.pk) == listed
    assert selectors.listed_profile(profile_id=hidden.pk) is None


def test_profile_of_finds_a_persons_profile_whatever_its_state(world):
    profile = make_profile(person=world.advisor, organisation=world.organisation)
    assert selectors.profile_of(person_id=world.advisor.pk) == profile
    assert selectors.profile_of(person_id=world.ceo.pk) is None


def test_is_vetted_organisation_follows_the_curators_decisions(world):
    organisation = AdvisorOrganisationFactory()
    assert selectors.is_vetted_organisation(organisation_id=organisation.pk) is False
    services.vet_organisation(organisation=organisation, decided_by=world.curator)
    assert selectors.is_vetted_organisation(organisation_id=organisation.pk) is True
    services.suspend_organisation(organisation=organisation, decided_by=world.curator, reason="Conflict of interest")
    assert selectors.is_vetted_organisation(organisation_id=organisation.pk) is False
