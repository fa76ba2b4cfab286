"""Workflows of the advisors app: profiles, applications, vetting, freshness, shortlists and the track record."""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from accounts.services import grant_role, record_event
from clusters.models import Cluster
from outbox.services import dispatch_task

from .models import (
    AdvisorOrganisation,
    AdvisorProfile,
    Need,
    Outcome,
    RatingDimension,
    Shortlist,
    ShortlistEntry,
    VettingState,
    join_codes,
)
from .search import search_document

PROFILE_FIELDS = (
    "headline",
    "bio_he",
    "bio_ar",
    "bio_en",
    "orientation",
    "day_rate",
    "available_from",
    "days_per_month",
    "is_published",
)
ORGANISATION_FIELDS = ("name", "kind", "relationship_model", "contact_email", "contact_phone", "website")


def refresh_search_text(profile: AdvisorProfile) -> None:
    """Rebuild the profile's normalised search document from the person's name, the organisation and the bios."""
    document = search_document(
        profile.person.full_name,
        profile.organisation.name,
        profile.headline,
        profile.bio_he,
        profile.bio_ar,
        profile.bio_en,
    )
    AdvisorProfile.objects.filter(pk=profile.pk).update(search_text=document)
    profile.search_text = document


@transaction.atomic
def save_profile(
    *,
    person: User,
    organisation: AdvisorOrganisation,
    needs: Iterable[Need],
    domains: Iterable[str],
    regions: Iterable[str],
    languages: Iterable[str],
    day_rate: int,
    bio_he: str = "",
    bio_ar: str = "",
    bio_en: str = "",
    headline: str = "",
    orientation: str = "both",
    available_from: date | None = None,
    days_per_month: int = 0,
    is_published: bool = True,
) -> AdvisorProfile:
    """Create or update a person's catalogue profile and its search document.

    A new profile waits for a curator's check (`check_profile`, or the vetting of its organisation) before the
    catalogue lists it, in any organisation. Saving a profile is not a reconfirmation: freshness changes only
    through `reconfirm_profile`.
    Raises ValidationError when no bio is given.
    """
    if not (bio_he.strip() or bio_ar.strip() or bio_en.strip()):
        raise ValidationError(gettext("Write a bio in at least one language."))
    values = {
        "organisation": organisation,
        "headline": headline.strip(),
        "bio_he": bio_he.strip(),
        "bio_ar": bio_ar.strip(),
        "bio_en": bio_en.strip(),
        "domains": join_codes(domains),
        "regions": join_codes(regions),
        "languages": join_codes(languages),
        "orientation": orientation,
        "day_rate": day_rate,
        "available_from": available_from,
        "days_per_month": days_per_month,
        "is_published": is_published,
    }
    profile, _created = AdvisorProfile.objects.update_or_create(person=person, defaults=values)
    profile.needs.set(needs)
    refresh_search_text(profile)
    return profile


@transaction.atomic
def reconfirm_profile(*, profile: AdvisorProfile, confirmed_by: User) -> AdvisorProfile:
    """The advisor (or their manager) confirms the profile is still accurate: it is fresh again for six months."""
    now = timezone.now()
    AdvisorProfile.objects.filter(pk=profile.pk).update(last_confirmed_at=now, reminder_sent_at=None)
    profile.last_confirmed_at, profile.reminder_sent_at = now, None
    return profile


@transaction.atomic
def update_organisation(*, organisation: AdvisorOrganisation, updated_by: User, **values) -> AdvisorOrganisation:
    """An organisation manager edits the organisation's details (never its vetting state)."""
    for name in ORGANISATION_FIELDS:
        if name in values:
            setattr(organisation, name, values[name])
    organisation.full_clean()
    organisation.save(update_fields=[name for name in ORGANISATION_FIELDS if name in values])
    for profile in organisation.profiles.select_related("person", "organisation"):
        refresh_search_text(profile)
    return organisation


@transaction.atomic
def apply_as_advisor(
    *,
    person: User,
    organisation_values: Mapping,
    profile_values: Mapping,
    request: HttpRequest | None = None,
) -> AdvisorProfile:
    """A person without a role applies to join the catalogue with a new organisation and their profile.

    The organisation waits for a curator's decision; the person becomes its advisor and manager at once,
    so they can complete the profile, but nothing is listed before the organisation is vetted.
    Raises ValidationError if the person already holds a role or the separation rule forbids an advisory one.
    """
    # Lock the person and read their roles afresh, so a double submission cannot create two organisations.
    User.objects.select_for_update().filter(pk=person.pk).first()
    if RoleAssignment.objects.filter(user=person).active().exists():
        raise ValidationError(gettext("You already hold a role on the platform."))
    organisation = AdvisorOrganisation(
        **{name: organisation_values.get(name, "") for name in ORGANISATION_FIELDS},
        vetting_state=VettingState.APPLIED,
        applied_by=person,
    )
    organisation.full_clean()
    organisation.save()
    grant_role(user=person, role=Role.ADVISOR, scope=organisation, request=request)
    grant_role(user=person, role=Role.ORGANISATION_MANAGER, scope=organisation, request=request)
    profile = save_profile(person=person, organisation=organisation, **profile_values)
    record_event(action="advisor_applied", actor=person, target=organisation, request=request)
    return profile


def _notify_decision(organisation: AdvisorOrganisation) -> None:
    state = organisation.vetting_state
    dispatch_task(
        key=f"vetting-decision:{organisation.pk}:{state}:{organisation.vetting_decided_at.timestamp()}",
        task="advisors.tasks.send_vetting_decision_email",
        args=(organisation.pk, state),
    )


def _decide(
    *,
    organisation: AdvisorOrganisation,
    decided_by: User,
    from_states: list[str],
    to_state: str,
    reason: str,
    request: HttpRequest | None,
) -> bool:
    reason = reason.strip()
    if to_state in (VettingState.REJECTED, VettingState.SUSPENDED) and not reason:
        raise ValidationError({"reason": gettext("Give the reason for this decision.")})
    # Lock the row and check its state, so two curators deciding at once cannot both succeed.
    locked = AdvisorOrganisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.vetting_state not in from_states:
        organisation.refresh_from_db()
        return False
    locked.vetting_state = to_state
    locked.vetting_decided_at = timezone.now()
    locked.vetting_decided_by = decided_by
    locked.vetting_reason = reason
    locked._history_user = decided_by
    locked.save(update_fields=["vetting_state", "vetting_decided_at", "vetting_decided_by", "vetting_reason"])
    if to_state == VettingState.VETTED:
        # The curator vets the organisation with its profiles in front of them (organisation_review): they are checked.
        AdvisorProfile.objects.filter(organisation=locked).awaiting_check().update(
            checked_at=locked.vetting_decided_at, checked_by=decided_by
        )
    organisation.refresh_from_db()
    record_event(
        action=f"organisation_{to_state}",
        actor=decided_by,
        target=organisation,
        request=request,
        data={"reason": reason[:300]},
    )
    _notify_decision(organisation)
    return True


@transaction.atomic
def vet_organisation(
    *, organisation: AdvisorOrganisation, decided_by: User, reason: str = "", request: HttpRequest | None = None
) -> bool:
    """The curator admits an applied (or reinstates a suspended) organisation. False if its state changed meanwhile."""
    return _decide(
        organisation=organisation,
        decided_by=decided_by,
        from_states=[VettingState.APPLIED, VettingState.SUSPENDED],
        to_state=VettingState.VETTED,
        reason=reason,
        request=request,
    )


@transaction.atomic
def reject_organisation(
    *, organisation: AdvisorOrganisation, decided_by: User, reason: str, request: HttpRequest | None = None
) -> bool:
    """The curator refuses an application, with a reason that is emailed to the applicant."""
    return _decide(
        organisation=organisation,
        decided_by=decided_by,
        from_states=[VettingState.APPLIED],
        to_state=VettingState.REJECTED,
        reason=reason,
        request=request,
    )


@transaction.atomic
def suspend_organisation(
    *, organisation: AdvisorOrganisation, decided_by: User, reason: str, request: HttpRequest | None = None
) -> bool:
    """The curator suspends a vetted organisation: all its profiles leave the catalogue at once."""
    return _decide(
        organisation=organisation,
        decided_by=decided_by,
        from_states=[VettingState.VETTED],
        to_state=VettingState.SUSPENDED,
        reason=reason,
        request=request,
    )


@transaction.atomic
def check_profile(*, profile: AdvisorProfile, checked_by: User, request: HttpRequest | None = None) -> bool:
    """A curator checks a new profile, so the catalogue may list it. False if it was already checked."""
    if not checked_by.has_role(Role.CURATOR):
        raise ValidationError(gettext("Only a catalogue curator can check a profile."))
    now = timezone.now()
    updated = AdvisorProfile.objects.filter(pk=profile.pk, checked_at__isnull=True).update(
        checked_at=now, checked_by=checked_by
    )
    profile.refresh_from_db()
    if updated:
        record_event(action="profile_checked", actor=checked_by, target=profile, request=request)
    return bool(updated)


@transaction.atomic
def suspend_profile(
    *, profile: AdvisorProfile, suspended_by: User, reason: str, request: HttpRequest | None = None
) -> bool:
    """The curator takes one profile out of the catalogue at once, with a reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("Give the reason for this decision.")})
    locked = AdvisorProfile.objects.select_for_update().get(pk=profile.pk)
    updated = locked.suspended_at is None
    if updated:
        locked.suspended_at, locked.suspended_by, locked.suspension_reason = timezone.now(), suspended_by, reason
        locked._history_user = suspended_by
        locked.save(update_fields=["suspended_at", "suspended_by", "suspension_reason"])
    profile.refresh_from_db()
    if updated:
        record_event(
            action="profile_suspended", actor=suspended_by, target=profile, request=request, data={"reason": reason}
        )
    return bool(updated)


@transaction.atomic
def reinstate_profile(*, profile: AdvisorProfile, reinstated_by: User, request: HttpRequest | None = None) -> bool:
    locked = AdvisorProfile.objects.select_for_update().get(pk=profile.pk)
    updated = locked.suspended_at is not None
    if updated:
        locked.suspended_at, locked.suspended_by, locked.suspension_reason = None, None, ""
        locked._history_user = reinstated_by
        locked.save(update_fields=["suspended_at", "suspended_by", "suspension_reason"])
    profile.refresh_from_db()
    if updated:
        record_event(action="profile_reinstated", actor=reinstated_by, target=profile, request=request)
    return bool(updated)


def _average(counts: list[int]) -> Decimal | None:
    total = sum(counts)
    if not total:
        return None
    mean = Decimal(sum(stars * count for stars, count in zip(range(1, 6), counts, strict=True))) / total
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def update_track_record(
    *,
    profile_id: int,
    completed_engagements: int,
    rating_distributions: Mapping[str, list[int]],
    needs_served: Mapping[str, int] | None = None,
) -> AdvisorProfile:
    """Store an advisor's track record as computed from the engagements app's verified reviews.

    The engagements app calls this whenever an engagement is completed or a review is revealed, passing the
    full current totals (not increments), so calling it twice with the same figures changes nothing:

    - `completed_engagements`: how many of the advisor's engagements are completed;
    - `rating_distributions`: per dimension ("expertise", "responsiveness", "goals", "value"), the number of
      revealed reviews giving 1, 2, 3, 4 and 5 stars, e.g. {"expertise": [0, 0, 1, 3, 3], ...};
    - `needs_served`: per need code, how many completed engagements addressed it.

    Averages per dimension are computed here; the review count is the largest dimension total. The overall
    rating (which sorting and the minimum-rating filter read) is set only from ADVISORS_MIN_REVIEWS_SHOWN reviews.
    """
    distributions = {}
    for dimension in RatingDimension.values:
        counts = [int(count) for count in rating_distributions.get(dimension, [0] * 5)]
        if len(counts) != 5 or any(count < 0 for count in counts):
            raise ValidationError(f"{dimension}: five non-negative counts expected")
        distributions[dimension] = counts
    if completed_engagements < 0:
        raise ValidationError("completed_engagements must not be negative")
    averages = {dimension: _average(counts) for dimension, counts in distributions.items()}
    review_count = max(sum(counts) for counts in distributions.values())
    present = [value for value in averages.values() if value is not None]
    overall = None
    if review_count >= settings.ADVISORS_MIN_REVIEWS_SHOWN and present:
        overall = (sum(present) / len(present)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    AdvisorProfile.objects.select_for_update().filter(pk=profile_id).update(
        completed_engagements=completed_engagements,
        review_count=review_count,
        rating_expertise=averages["expertise"],
        rating_responsiveness=averages["responsiveness"],
        rating_goals=averages["goals"],
        rating_value=averages["value"],
        rating_overall=overall,
        rating_distributions=distributions,
        needs_served=dict(needs_served or {}),
    )
    return AdvisorProfile.objects.get(pk=profile_id)


@transaction.atomic
def create_shortlist(*, cluster: Cluster, need: Need, title: str, created_by: User) -> Shortlist:
    """A CEO opens a shortlist of advisors for one of the cluster's needs."""
    return Shortlist.objects.create(
        cluster=cluster, need=need, title=title.strip() or need.label, created_by=created_by
    )


@transaction.atomic
def add_to_shortlist(
    *, shortlist: Shortlist, profile: AdvisorProfile, note: str = "", added_by: User
) -> ShortlistEntry:
    """Put an advisor on a shortlist with a note; adding them again updates the note."""
    entry, created = ShortlistEntry.objects.get_or_create(
        shortlist=shortlist, profile=profile, defaults={"note": note.strip()}
    )
    if not created and note.strip():
        entry.note = note.strip()
        entry.save(update_fields=["note"])
    return entry


@transaction.atomic
def record_outcome(*, entry: ShortlistEntry, outcome: str, reason: str = "", decided_by: User) -> ShortlistEntry:
    """Record what became of a shortlisted advisor: chosen, or not suitable and why."""
    reason = reason.strip()
    if outcome not in Outcome.values:
        raise ValidationError(gettext("Choose an outcome."))
    if outcome == Outcome.NOT_SUITABLE and not reason:
        raise ValidationError(gettext("Say why this advisor is not suitable."))
    entry.outcome = outcome
    entry.outcome_reason = reason
    entry.decided_at = timezone.now() if outcome != Outcome.PENDING else None
    entry.decided_by = decided_by if outcome != Outcome.PENDING else None
    entry.save(update_fields=["outcome", "outcome_reason", "decided_at", "decided_by"])
    return entry
