"""The calls a cluster sees: the facts eligibility reads, its open needs and lagging goals, read through the
public selectors of the apps below (clusters, engagements)."""

from django.utils import timezone

from clusters.models import Cluster, Service
from clusters.progress import AT_RISK, OFF_TRACK
from clusters.selectors import current_members, goal_progress, services_of
from engagements.selectors import cluster_open_needs

from .eligibility import ClusterFacts, MemberFacts, rank_calls
from .models import Application, Call

ACTIVE_SERVICE_STATUSES = {Service.Status.PLANNED, Service.Status.TENDERING, Service.Status.OPERATING}


def cluster_facts(*, cluster: Cluster) -> ClusterFacts:
    """Region, stage, current member authorities and the domains of its planned or running services (two queries)."""
    members = current_members(cluster=cluster)
    return ClusterFacts(
        region=cluster.region,
        stage=cluster.stage,
        members=tuple(MemberFacts(a.kind, a.socioeconomic_cluster, a.peripherality_cluster) for a in members),
        service_domains=frozenset(
            service.domain for service in services_of(cluster=cluster) if service.status in ACTIVE_SERVICE_STATUSES
        ),
    )


def lagging_goals(*, cluster: Cluster) -> list:
    """The cluster's goals at risk or off track, with their service (three queries)."""
    return [item.goal for item in goal_progress(cluster=cluster) if item.progress.status in (AT_RISK, OFF_TRACK)]


def calls_for_cluster(*, cluster: Cluster, calls=None, today=None):
    """(eligible open calls ranked for the cluster, open calls it is not eligible for, its open needs, lagging goals).

    A fixed number of queries whatever the number of calls, needs, goals or members.
    """
    today = today or timezone.localdate()
    calls = list((calls if calls is not None else Call.objects.all()).open_on(today).for_lists())
    needs = [item.need for item in cluster_open_needs(cluster=cluster)]
    goals = lagging_goals(cluster=cluster)
    applications = {a.call_id: a for a in Application.objects.filter(cluster=cluster)}
    eligible, others = rank_calls(
        calls=calls,
        facts=cluster_facts(cluster=cluster),
        open_needs=needs,
        lagging_goals=goals,
        today=today,
        applications=applications,
    )
    return eligible, others, needs, goals
