"""Publication at scale (accounts/scale.py): two synthetic clusters in three publish their goals and their
service-quality measures, as their CEOs would on the publication page, so the public pages, the open data and the
API lists are measured at each size."""

from accounts.scale import ScaleContext
from clusters import services as cluster_services

PUBLISHING_SHARE = (0, 1)  # of each three clusters, the first two publish


def seed(ctx: ScaleContext) -> None:
    clusters, ceos = ctx.data["clusters"], ctx.data["ceos"]
    goals_by_cluster = ctx.data["goals_by_cluster"]
    published = 0
    for position, cluster in enumerate(clusters):
        ceo = ceos.get(cluster.pk)
        if ceo is None or position % 3 not in PUBLISHING_SHARE:
            continue
        goal_ids = [goal.pk for goal in goals_by_cluster[cluster.pk]]
        cluster_services.publish_goals(cluster=cluster, public_goal_ids=goal_ids, published_by=ceo)
        cluster_services.publish_cluster_parts(cluster=cluster, switches={"is_quality_public": True}, published_by=ceo)
        published += 1
    ctx.stdout.write(f"publication: {published} of {len(clusters)} clusters publish their goals and service quality")
