"""Who may see and do what in the advisors app.

Scopes return QuerySets; a view fetches a row through the scope (404 outside it) and then asks a predicate (403).
Ministry referents take no part in choosing or rating advisors, so the catalogue is closed to them.
"""

from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.roles import Role
from clusters.models import Cluster

from .models import AdvisorOrganisation, AdvisorProfile, Shortlist, ShortlistEntry


def organisations_of(user: User) -> QuerySet[AdvisorOrganisation]:
    """The organisations this person's active advisory roles are scoped to."""
    ids = user.scope_ids(Role.ADVISOR, Role.ORGANISATION_MANAGER)
    return AdvisorOrganisation.objects.filter(pk__in=ids)


def organisations_managed_by(user: User) -> QuerySet[AdvisorOrganisation]:
    return AdvisorOrganisation.objects.filter(pk__in=user.scope_ids(Role.ORGANISATION_MANAGER))


def can_search_catalogue(user: User) -> bool:
    """Cluster CEOs choose advisors; curators look after the catalogue. Nobody else searches it."""
    return user.has_role(Role.CLUSTER_CEO, Role.CURATOR)


def can_curate(user: User) -> bool:
    return user.has_role(Role.CURATOR)


def profiles_visible_to(user: User) -> QuerySet[AdvisorProfile]:
    """Profiles whose page this person may open.

    A curator sees every profile; a cluster CEO the listed ones only (vetted organisation, published, fresh,
    not suspended), so an unvetted or suspended profile is a 404 even by direct URL; an advisor their own
    profile; an organisation manager their organisation's profiles. Everyone else: none.
    """
    profiles = AdvisorProfile.objects.select_related("person", "organisation")
    if not user.is_authenticated:
        return profiles.none()
    if user.has_role(Role.CURATOR):
        return profiles
    condition = Q(person=user) if user.has_role(Role.ADVISOR) else Q(pk__in=[])
    managed = user.scope_ids(Role.ORGANISATION_MANAGER)
    if managed:
        condition |= Q(organisation_id__in=managed)
    if user.has_role(Role.CLUSTER_CEO):
        condition |= Q(pk__in=AdvisorProfile.objects.listed().values("pk"))
    return profiles.filter(condition)


def can_edit_profile(user: User, profile: AdvisorProfile) -> bool:
    """The advisor edits their own profile; the organisation's manager edits its advisors' profiles."""
    return (profile.person_id == user.pk and user.has_role(Role.ADVISOR)) or (
        profile.organisation_id in user.scope_ids(Role.ORGANISATION_MANAGER)
    )


def can_edit_organisation(user: User, organisation: AdvisorOrganisation) -> bool:
    return organisation.pk in user.scope_ids(Role.ORGANISATION_MANAGER)


def can_see_track_record(user: User, profile: AdvisorProfile) -> bool:
    """Ratings are for the clients who choose, the curators, and the advisor themselves; never other advisors."""
    return user.has_role(Role.CLUSTER_CEO, Role.CURATOR) or can_edit_profile(user, profile)


def can_apply_as_advisor(user: User) -> bool:
    """A signed-in person who holds no role yet may apply to join the catalogue."""
    return user.is_authenticated and not user.roles


def ceo_clusters(user: User) -> QuerySet[Cluster]:
    """The clusters this person runs as CEO: the only ones they may shortlist advisors for."""
    return Cluster.objects.filter(pk__in=user.scope_ids(Role.CLUSTER_CEO))


def can_shortlist(user: User) -> bool:
    return user.has_role(Role.CLUSTER_CEO) and bool(user.scope_ids(Role.CLUSTER_CEO))


def shortlists_visible_to(user: User) -> QuerySet[Shortlist]:
    """A CEO sees their own clusters' shortlists; nobody else sees any."""
    return Shortlist.objects.filter(cluster_id__in=user.scope_ids(Role.CLUSTER_CEO)).select_related(
        "cluster", "need", "created_by"
    )


def shortlist_entries_visible_to(user: User) -> QuerySet[ShortlistEntry]:
    return ShortlistEntry.objects.filter(shortlist__cluster_id__in=user.scope_ids(Role.CLUSTER_CEO)).select_related(
        "shortlist", "profile__person"
    )
