"""Background work of the quality app: each task takes ids and is idempotent."""

from celery import shared_task


@shared_task
def refresh_measures(cluster_id: int) -> int:
    """Recompute the cluster's service-quality measures and the goals computed from them."""
    from .services.goals import sync_cluster_goal_sources
    from .services.measures import recompute_measures

    written = recompute_measures(cluster_id=cluster_id)
    sync_cluster_goal_sources(cluster_id=cluster_id)
    return written
