"""Who may use the oversight module: ministry referents watch; a cluster's CEO and board read its findings."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import OVERSIGHT_ROLES, Role
from clusters.models import Cluster
from clusters.permissions import clusters_overseen_by

from .models import Finding, WorkPlanReview

__all__ = ["clusters_overseen_by"]  # defined in clusters, where quality reads the same scope


def is_referent(user: User) -> bool:
    return user.has_role(*OVERSIGHT_ROLES)


def findings_visible_to(user: User) -> QuerySet[Finding]:
    """Referents see the findings of the clusters they oversee; a CEO or board member those of their cluster.

    Advisors and organisation managers see none.
    """
    findings = Finding.objects.select_related("cluster", "raised_by", "answered_by", "closed_by", "report_version")
    if is_referent(user):
        return findings.filter(cluster__in=clusters_overseen_by(user))
    if user.has_role(Role.CLUSTER_CEO, Role.BOARD_MEMBER):
        return findings.filter(cluster_id__in=user.scope_ids(Role.CLUSTER_CEO, Role.BOARD_MEMBER))
    return findings.none()


def can_read_findings(user: User) -> bool:
    return is_referent(user) or user.has_role(Role.CLUSTER_CEO, Role.BOARD_MEMBER)


def can_raise_finding(user: User, cluster: Cluster) -> bool:
    return is_referent(user) and clusters_overseen_by(user).filter(pk=cluster.pk).exists()


def can_answer_finding(user: User, finding: Finding) -> bool:
    """Only the cluster's CEO answers, and only an open finding."""
    return finding.state == Finding.State.OPEN and finding.cluster_id in user.scope_ids(Role.CLUSTER_CEO)


def can_close_finding(user: User, finding: Finding) -> bool:
    return is_referent(user) and finding.state != Finding.State.CLOSED


def can_review(user: User, cluster: Cluster) -> bool:
    """The cluster's Interior referent, or the head referent, decides on its work plans and re-baselined goals;
    a Treasury referent reads them."""
    return user.has_role(Role.HEAD_REFERENT) or cluster.pk in user.scope_ids(Role.REFERENT_INTERIOR)


def work_plan_reviews_visible_to(user: User) -> QuerySet[WorkPlanReview]:
    """Referents see the reviews of the clusters they oversee; a CEO or board member those of their cluster."""
    reviews = WorkPlanReview.objects.select_related("cluster", "decided_by")
    if is_referent(user):
        return reviews.filter(cluster__in=clusters_overseen_by(user))
    if user.has_role(Role.CLUSTER_CEO, Role.BOARD_MEMBER):
        return reviews.filter(cluster_id__in=user.scope_ids(Role.CLUSTER_CEO, Role.BOARD_MEMBER))
    return reviews.none()
