"""Fetching what a page is about through the scoped querysets: outside the person's scope is 404."""

from django.shortcuts import get_object_or_404

from clusters.models import Authority, Membership

from ..permissions import clusters_with_quality_visible_to, quality_services_visible_to


def cluster_for(request, pk):
    return get_object_or_404(clusters_with_quality_visible_to(request.user), pk=pk)


def service_for(request, pk):
    return get_object_or_404(quality_services_visible_to(request.user), pk=pk)


def authority_for(cluster, authority_pk):
    """An authority that is or was a member of the cluster."""
    members = Membership.objects.filter(cluster=cluster).values("authority_id")
    return get_object_or_404(Authority.objects.filter(pk__in=members), pk=authority_pk)
