"""Which rows each person reads through the API: the same rules as the pages, applied in every list's queryset.

A CEO or board member reads their clusters; a referent the clusters they oversee (the head referent all of them);
an advisor their own engagements' summaries and nothing of oversight; anyone else nothing.
"""

from clusters.permissions import clusters_visible_to
from engagements import selectors as engagement_selectors
from oversight import selectors as oversight_selectors


def overseen_cluster_ids(user) -> set[int]:
    if not oversight_selectors.is_referent(user):
        return set()
    return set(oversight_selectors.clusters_overseen_by(user).values_list("pk", flat=True))


def readable_cluster_ids(user) -> set[int]:
    """The clusters whose data (composition, services, goals, measurements, work plans) the person reads."""
    if not user.is_authenticated:
        return set()
    return set(clusters_visible_to(user).values_list("pk", flat=True)) | overseen_cluster_ids(user)


def engagements_of(user):
    if not user.is_authenticated:
        return engagement_selectors.engagements_readable_by(user=user).none()
    return engagement_selectors.engagements_readable_by(user=user, overseen_cluster_ids=overseen_cluster_ids(user))
