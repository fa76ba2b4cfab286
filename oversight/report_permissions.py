"""Who may read and act on periodic reports.

The cluster's CEO drafts, submits, answers and corrects; the cluster's board reads; the Interior referent of the
cluster (or the head referent) accepts or returns; the Treasury referent of the cluster (or the head referent)
confirms. Referents never edit a report's content. Advisors and organisation managers see nothing.
"""

from django.conf import settings
from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import Role
from clusters.models import Cluster

from .models import PeriodicReport, ReportVersion
from .permissions import clusters_overseen_by, is_referent


def reports_visible_to(user: User) -> QuerySet[PeriodicReport]:
    """Referents see the reports of the clusters they oversee; a CEO or board member those of their cluster."""
    reports = PeriodicReport.objects.select_related("cluster")
    if is_referent(user):
        return reports.filter(cluster__in=clusters_overseen_by(user))
    if user.has_role(Role.CLUSTER_CEO, Role.BOARD_MEMBER):
        return reports.filter(cluster_id__in=user.scope_ids(Role.CLUSTER_CEO, Role.BOARD_MEMBER))
    return reports.none()


def report_clusters_of(user: User) -> QuerySet[Cluster]:
    """The clusters whose reports this CEO or board member works on or reads."""
    return Cluster.objects.filter(pk__in=user.scope_ids(Role.CLUSTER_CEO, Role.BOARD_MEMBER)).order_by("pk")


def can_read_cluster_reports(user: User) -> bool:
    return user.has_role(Role.CLUSTER_CEO, Role.BOARD_MEMBER)


def is_ceo_of(user: User, cluster_id: int) -> bool:
    return cluster_id in user.scope_ids(Role.CLUSTER_CEO)


def can_write_report(user: User, version: ReportVersion) -> bool:
    """Only the cluster's CEO writes, and only a draft or a returned version."""
    return version.is_editable and is_ceo_of(user, version.report.cluster_id)


def can_start_correction(user: User, version: ReportVersion) -> bool:
    return is_final(version) and is_ceo_of(user, version.report.cluster_id)


def is_interior_reviewer(user: User, cluster_id: int) -> bool:
    return user.has_role(Role.HEAD_REFERENT) or cluster_id in user.scope_ids(Role.REFERENT_INTERIOR)


def is_treasury_reviewer(user: User, cluster_id: int) -> bool:
    return user.has_role(Role.HEAD_REFERENT) or cluster_id in user.scope_ids(Role.REFERENT_TREASURY)


def can_review_report(user: User, version: ReportVersion) -> bool:
    """The Interior referent of the cluster (or the head referent) accepts or returns a submitted version."""
    return version.state == ReportVersion.State.SUBMITTED and is_interior_reviewer(user, version.report.cluster_id)


def can_confirm_report(user: User, version: ReportVersion) -> bool:
    """The Treasury referent of the cluster (or the head referent) confirms an accepted version, where configured."""
    return (
        settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION
        and version.state == ReportVersion.State.ACCEPTED
        and is_treasury_reviewer(user, version.report.cluster_id)
    )


def is_final(version: ReportVersion) -> bool:
    """Confirmed, or accepted when the Treasury does not confirm: nothing more happens to this version."""
    if version.state == ReportVersion.State.CONFIRMED:
        return True
    return version.state == ReportVersion.State.ACCEPTED and not settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION
