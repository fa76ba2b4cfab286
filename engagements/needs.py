"""A cluster's open needs: what it has asked for and no active engagement addresses yet.

Expressed needs come from sources, each a small function `(cluster) -> [(need, source label), ...]` listed in
NEED_SOURCES: the cluster's shortlists on which no advisor has been chosen yet, and its open requests (briefs).

Open needs = expressed needs − needs addressed by the cluster's active engagements. A need addressed only by a
draft, proposed or closed engagement is still open.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from advisors.models import Need
from advisors.selectors import shortlists_without_choice
from clusters.models import Cluster

from .models import Request, RequestState, State

NeedSource = Callable[[Cluster], list[tuple[Need, str]]]


@dataclass
class OpenNeed:
    """One open need and where it comes from (e.g. “shortlist ‘Budget 2026’”), to explain the recommendation."""

    need: Need
    sources: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.need.code


def _shortlist_needs(cluster: Cluster) -> list[tuple[Need, str]]:
    """Needs of the cluster's shortlists with no chosen advisor yet (one query)."""
    return [
        (shortlist.need, _("shortlist “%(title)s”") % {"title": shortlist.title})
        for shortlist in shortlists_without_choice(cluster_id=cluster.pk)
    ]


def _open_request_needs(cluster: Cluster) -> list[tuple[Need, str]]:
    """Needs of the cluster's open requests (briefs), one query."""
    briefs = Request.objects.filter(cluster=cluster, state=RequestState.OPEN).select_related("need__group")
    return [(brief.need, _("request “%(title)s”") % {"title": brief.title}) for brief in briefs.order_by("pk")]


NEED_SOURCES: list[NeedSource] = [_shortlist_needs, _open_request_needs]


def needs_covered_by_active_engagements(*, cluster: Cluster) -> set[str]:
    """Codes of the needs the cluster's active engagements address (one query)."""
    return set(
        Need.objects.filter(engagements__cluster=cluster, engagements__state=State.ACTIVE).values_list(
            "code", flat=True
        )
    )


def open_needs(*, cluster: Cluster) -> list[OpenNeed]:
    """The cluster's open needs with their sources, in taxonomy order.

    Expressed needs (every source in NEED_SOURCES: shortlists without a chosen advisor, and open requests)
    minus the needs addressed by the cluster's active engagements. One query per source plus one, whatever the
    number of shortlists, requests, needs or engagements.
    """
    covered = needs_covered_by_active_engagements(cluster=cluster)
    found: dict[str, OpenNeed] = {}
    for source in NEED_SOURCES:
        for need, label in source(cluster):
            if need.code in covered:
                continue
            item = found.setdefault(need.code, OpenNeed(need=need))
            if label not in item.sources:
                item.sources.append(label)
    return sorted(found.values(), key=lambda item: (item.need.group.position, item.need.position, item.need.code))
