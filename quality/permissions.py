"""Who sees a cluster's service-quality figures, and who keeps its codes and imports its inquiries.

The cluster's CEO and board members, and the referents who oversee it (the same scope as oversight's), see its
measures: aggregates only. Only the CEO imports inquiries and keeps the service codes.
"""

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import Role
from clusters.models import Cluster, Service
from clusters.permissions import clusters_overseen_by, clusters_visible_to


def clusters_with_quality_visible_to(user: User) -> QuerySet[Cluster]:
    return Cluster.objects.filter(pk__in=clusters_visible_to(user)) | Cluster.objects.filter(
        pk__in=clusters_overseen_by(user)
    )


def quality_services_visible_to(user: User) -> QuerySet[Service]:
    return Service.objects.filter(cluster__in=clusters_with_quality_visible_to(user)).select_related("cluster")


def can_manage_quality(user: User, cluster: Cluster) -> bool:
    """The cluster's CEO imports inquiries, keeps the service codes and links goals to measures."""
    return cluster.pk in user.scope_ids(Role.CLUSTER_CEO)


def can_compare_nationally(user: User) -> bool:
    return user.has_role(Role.HEAD_REFERENT)
