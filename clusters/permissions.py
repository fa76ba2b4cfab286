"""Which clusters, services and goals a person may see, and what they may do there."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import Role

from .models import Cluster, Goal, Pilot, Service, StrategicPlan, WorkPlan


def clusters_visible_to(user: User) -> QuerySet[Cluster]:
    """A CEO or board member sees the clusters their active roles are scoped to; nobody else sees any here."""
    ids = user.scope_ids(Role.CLUSTER_CEO, Role.BOARD_MEMBER)
    return Cluster.objects.filter(pk__in=ids)


def clusters_overseen_by(user: User) -> QuerySet[Cluster]:
    """The head referent oversees every cluster; a referent the clusters assigned to them; anyone else none.

    The one definition of a referent's scope: oversight and quality both use it.
    """
    if user.has_role(Role.HEAD_REFERENT):
        return Cluster.objects.all()
    return Cluster.objects.filter(pk__in=user.scope_ids(Role.REFERENT_INTERIOR, Role.REFERENT_TREASURY))


def services_visible_to(user: User) -> QuerySet[Service]:
    return Service.objects.filter(cluster__in=clusters_visible_to(user)).select_related("cluster")


def goals_visible_to(user: User) -> QuerySet[Goal]:
    return Goal.objects.filter(service__cluster__in=clusters_visible_to(user)).select_related("service__cluster")


def work_plans_visible_to(user: User) -> QuerySet[WorkPlan]:
    return WorkPlan.objects.filter(cluster__in=clusters_visible_to(user)).select_related("cluster")


def can_edit_cluster(user: User, cluster: Cluster) -> bool:
    """Only the cluster's own CEO changes its services, goals, measurements and work plan."""
    return cluster.pk in user.scope_ids(Role.CLUSTER_CEO)


def can_approve_work_plan(user: User, plan: WorkPlan) -> bool:
    """A board member of the cluster approves a plan that awaits the board."""
    return plan.cluster_id in user.scope_ids(Role.BOARD_MEMBER) and plan.status == WorkPlan.Status.BOARD_REVIEW


def strategic_plans_visible_to(user: User) -> QuerySet[StrategicPlan]:
    """The plan versions of the clusters the person reads (CEO and board)."""
    return StrategicPlan.objects.filter(cluster__in=clusters_visible_to(user)).select_related("cluster")


def pilots_visible_to(user: User) -> QuerySet[Pilot]:
    return Pilot.objects.filter(item__plan__cluster__in=clusters_visible_to(user)).select_related("item__plan__cluster")


def can_approve_strategic_plan(user: User, plan: StrategicPlan) -> bool:
    """A board member of the cluster approves a plan version that awaits the board."""
    return plan.cluster_id in user.scope_ids(Role.BOARD_MEMBER) and plan.status == StrategicPlan.Status.BOARD_REVIEW
