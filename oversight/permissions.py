"""Who may use the oversight module: ministry referents only."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import OVERSIGHT_ROLES, Role
from clusters.models import Cluster


def is_referent(user: User) -> bool:
    return user.has_role(*OVERSIGHT_ROLES)


def clusters_overseen_by(user: User) -> QuerySet[Cluster]:
    """The head referent oversees every cluster; a referent the clusters assigned to them; anyone else none."""
    if user.has_role(Role.HEAD_REFERENT):
        return Cluster.objects.all()
    return Cluster.objects.filter(pk__in=user.scope_ids(Role.REFERENT_INTERIOR, Role.REFERENT_TREASURY))
