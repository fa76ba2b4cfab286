"""Which of their clusters a CEO is working on: a CEO of several clusters chooses one with `?cluster=<id>`."""

from dataclasses import dataclass

from django.http import Http404, HttpRequest

from accounts.roles import Role
from clusters.models import Cluster


@dataclass(frozen=True)
class ClusterChoice:
    cluster: Cluster
    clusters: list[Cluster]

    @property
    def has_several(self) -> bool:
        return len(self.clusters) > 1


def ceo_cluster_choice(request: HttpRequest, *, cluster_id: int | None = None) -> ClusterChoice | None:
    """The cluster chosen by `?cluster=<id>` (or `cluster_id`, the cluster of the row acted on) among the clusters
    this person is CEO of (the first by default).

    None if the person is no cluster's CEO; a 404 for an id that is not one of their clusters (one query).
    """
    clusters = list(Cluster.objects.filter(pk__in=request.user.scope_ids(Role.CLUSTER_CEO)).order_by("pk"))
    if not clusters:
        return None
    wanted = str(cluster_id) if cluster_id is not None else request.GET.get("cluster") or ""
    if not wanted:
        return ClusterChoice(clusters[0], clusters)
    chosen = next((cluster for cluster in clusters if str(cluster.pk) == wanted), None)
    if chosen is None:
        raise Http404
    return ClusterChoice(chosen, clusters)
