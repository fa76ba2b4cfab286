"""Factories for the advisors app. Profiles are made through the service, so the search document is built."""

import importlib

import factory
from factory.django import DjangoModelFactory

from accounts.roles import Role
from advisors import services
from advisors.models import AdvisorOrganisation, AdvisorProfile, Need, VettingState
from tests.factories import UserFactory, user_with_role


class VettedOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = AdvisorOrganisation

    name = factory.Sequence(lambda n: f"Vetted firm {n}")
    contact_email = factory.Sequence(lambda n: f"office{n}@firm.example.org")
    vetting_state = VettingState.VETTED


def ensure_needs() -> None:
    """Load the needs taxonomy if a transactional test's flush removed the data migration's rows."""
    if not Need.objects.exists():
        from django.apps import apps

        migration = importlib.import_module("advisors.migrations.0003_load_needs")
        migration.load_needs(apps, None)


def make_profile(
    *,
    person=None,
    organisation=None,
    needs=("management.workplan_budget",),
    domains=("waste",),
    regions=("north",),
    languages=("he",),
    day_rate=3000,
    bio_he="יועצת לתכנון אסטרטגי",
    full_name=None,
    checked=True,
    **values,
) -> AdvisorProfile:
    """A published, fresh profile (of a new vetted organisation unless one is given), made by save_profile and,
    unless `checked=False`, already checked by a curator (a new profile waits for that check before it is listed)."""
    ensure_needs()
    organisation = organisation or VettedOrganisationFactory()
    if person is None:
        person = user_with_role(Role.ADVISOR, organisation, **({"full_name": full_name} if full_name else {}))
    elif full_name:
        person.full_name = full_name
        person.save(update_fields=["full_name"])
    profile = services.save_profile(
        person=person,
        organisation=organisation,
        needs=list(Need.objects.filter(code__in=needs)),
        domains=domains,
        regions=regions,
        languages=languages,
        day_rate=day_rate,
        bio_he=bio_he,
        **values,
    )
    if checked:
        AdvisorProfile.objects.filter(pk=profile.pk).update(checked_at=profile.created_at)
        profile.checked_at = profile.created_at
    return profile


def rate(
    profile: AdvisorProfile, *, stars: list[int], completed: int | None = None, needs_served: dict | None = None
) -> AdvisorProfile:
    """Give a profile the track record of these reviews (the same stars on every dimension)."""
    counts = [stars.count(value) for value in range(1, 6)]
    return services.update_track_record(
        profile_id=profile.pk,
        completed_engagements=len(stars) if completed is None else completed,
        rating_distributions={dimension: counts for dimension in ("expertise", "responsiveness", "goals", "value")},
        needs_served=needs_served,
    )


__all__ = ["VettedOrganisationFactory", "ensure_needs", "make_profile", "rate", "UserFactory"]
