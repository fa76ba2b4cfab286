"""What the public pages show, built from the other apps' selectors, and the cache that keeps them cheap.

Each page's content is cached per language for PUBLIC_PAGES_CACHE_SECONDS; the CEO's publish switches clear the
cluster's entries at once, and measurements entered meanwhile appear when the entry expires.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from clusters import selectors as cluster_selectors
from oversight import selectors as oversight_selectors

from .charts import progress_chart


@dataclass(frozen=True)
class PublicGoal:
    item: object  # GoalWithProgress
    chart: dict | None
    measurements: list  # [(period label, value, measured quantity)]

    @property
    def goal(self):
        return self.item.goal

    @property
    def progress(self):
        return self.item.progress

    @property
    def latest(self):
        return self.item.latest


@dataclass(frozen=True)
class ClusterPage:
    public: object  # clusters.selectors.PublicCluster
    goals: list[PublicGoal]
    reports: list  # oversight PublishedReport

    @property
    def cluster(self):
        return self.public.cluster

    @property
    def core_services(self):
        return [s for s in self.public.services if s.level == "core"]

    @property
    def other_services(self):
        return [s for s in self.public.services if s.level != "core"]


def public_goal(item) -> PublicGoal:
    quantities = dict(item.progress.series)
    measurements = [(m.period_label, m.value, quantities.get(m.period_start)) for m in item.goal.measurements.all()]
    return PublicGoal(item, progress_chart(item.progress), sorted(measurements, key=lambda row: row[0]))


def cluster_page(*, cluster_id: int) -> ClusterPage:
    """A cluster's public page: raises the clusters app's DoesNotExist for an unknown cluster (ten queries)."""
    public = cluster_selectors.public_cluster(cluster_id=cluster_id)
    names = {public.cluster.pk: {item.goal.name for item in public.goals}}
    reports = oversight_selectors.published_reports_by_cluster(
        cluster_ids=[public.cluster.pk], published_goal_names=names
    )
    return ClusterPage(public, [public_goal(item) for item in public.goals], reports[public.cluster.pk])


def cache_key(page: str, cluster_id: int | None = None) -> str:
    return f"public:{page}:{cluster_id or 0}:{translation.get_language() or settings.LANGUAGE_CODE}"


def cached(page: str, build, cluster_id: int | None = None):
    """The cached value of one page in the active language, built (and kept) when missing. A build that returns
    None (no such cluster) is not kept: the cluster may exist by the next request."""
    key = cache_key(page, cluster_id)
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, settings.PUBLIC_PAGES_CACHE_SECONDS)
    return value


def forget_cluster(cluster_id: int) -> None:
    """Drop a cluster's cached public pages and the index, in every language (after its CEO publishes)."""
    keys = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            keys += [cache_key("cluster", cluster_id), cache_key("cluster-data", cluster_id)]
            keys += [cache_key("index"), cache_key("national"), cache_key("national-csv"), cache_key("clusters-csv")]
    cache.delete_many(keys)
