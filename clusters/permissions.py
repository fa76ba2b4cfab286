"""Which clusters a person may see."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import Role

from .models import Cluster


def clusters_visible_to(user: User) -> QuerySet[Cluster]:
    """A CEO or board member sees the clusters their active roles are scoped to; nobody else sees any here."""
    ids = user.scope_ids(Role.CLUSTER_CEO, Role.BOARD_MEMBER)
    return Cluster.objects.filter(pk__in=ids)
