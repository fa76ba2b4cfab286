"""Which advisor organisations a person belongs to."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import Role

from .models import AdvisorOrganisation


def organisations_of(user: User) -> QuerySet[AdvisorOrganisation]:
    """The organisations this person's active advisory roles are scoped to."""
    ids = user.scope_ids(Role.ADVISOR, Role.ORGANISATION_MANAGER)
    return AdvisorOrganisation.objects.filter(pk__in=ids)
