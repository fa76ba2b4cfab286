"""The cluster's spending against this year's work plan, for its CEO and board: the engagements' approved cost on
the lines serving their goals and the other spending the CEO recorded, against the budget and the time elapsed. The
work-plan page (in clusters, which cannot read engagements) loads it as a fragment."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from clusters.permissions import clusters_visible_to

from .selectors import plan_burn_by_cluster


def plan_burn(request, pk):
    """Burn per line, goal and core service; the whole page, or its burn fragment for an htmx request."""
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    today = timezone.localdate()
    burn = plan_burn_by_cluster(cluster_ids=[cluster.pk], year=today.year, today=today)[cluster.pk]
    template = "engagements/plan_burn.html#burn" if request.htmx else "engagements/plan_burn.html"
    return render(request, template, {"cluster": cluster, "year": today.year, "burn": burn})
