"""What the CEO and the advisor should act on now in engagements (accounts.todo gathers it for the home pages)."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.counts import count_of
from accounts.roles import Role
from accounts.todo import Todo
from clusters.models import Cluster

from .models import PROPOSAL_PENDING_STATES, Engagement, Proposal, Request, RequestState, State, WorkLog, WorkLogState
from .requests import listed_profile_of, open_requests_for


def week_start(day):
    """The Sunday that starts the work week of `day`."""
    return day - timedelta(days=(day.weekday() + 1) % 7)


def needs_doing(user) -> list[Todo]:
    items = []
    ceo_of = user.scope_ids(Role.CLUSTER_CEO)
    if ceo_of:
        items += _for_ceo(ceo_of)
    if user.has_role(Role.ADVISOR):
        items += _for_advisor(user)
    return items


def _for_ceo(cluster_ids) -> list[Todo]:
    """One query: each cluster's entries awaiting approval, open requests with proposals to decide and draft
    engagements, counted on the clusters."""
    deciding = Request.objects.filter(cluster_id=OuterRef("pk"), state=RequestState.OPEN).filter(
        Exists(Proposal.objects.filter(request=OuterRef("pk"), state__in=PROPOSAL_PENDING_STATES))
    )
    counts = list(
        Cluster.objects.filter(pk__in=cluster_ids)
        .annotate(
            waiting=count_of(
                WorkLog.objects.filter(engagement__cluster_id=OuterRef("pk"), state=WorkLogState.SUBMITTED)
            ),
            with_proposals=count_of(deciding),
            drafts=count_of(Engagement.objects.filter(cluster_id=OuterRef("pk"), state=State.DRAFT)),
        )
        .values_list("waiting", "with_proposals", "drafts")
    )
    waiting, with_proposals, drafts = (sum(column) for column in zip(*counts, strict=True)) if counts else (0, 0, 0)
    return [
        Todo(
            waiting,
            ngettext("%(count)s work log awaiting your approval", "%(count)s work logs awaiting your approval", waiting)
            % {"count": waiting},
            reverse("engagements:approvals"),
        ),
        Todo(
            with_proposals,
            ngettext(
                "%(count)s open request with proposals to decide",
                "%(count)s open requests with proposals to decide",
                with_proposals,
            )
            % {"count": with_proposals},
            reverse("engagements:requests"),
        ),
        Todo(
            drafts,
            ngettext(
                "%(count)s draft engagement not yet proposed", "%(count)s draft engagements not yet proposed", drafts
            )
            % {"count": drafts},
            reverse("engagements:list"),
        ),
    ]


def _for_advisor(user) -> list[Todo]:
    """Four queries: the advisor's engagements (to accept, without a log this week), returned entries, the listed
    profile and its needs, the open requests not yet answered."""
    since = week_start(timezone.localdate())
    logged_this_week = WorkLog.objects.filter(engagement=OuterRef("pk"), advisor=user, worked_on__gte=since)
    counts = (
        Engagement.objects.filter(advisor__person=user)
        .annotate(logged=Exists(logged_this_week))
        .aggregate(
            to_accept=Count("pk", filter=Q(state=State.PROPOSED)),
            quiet=Count("pk", filter=Q(state=State.ACTIVE, logged=False)),
        )
    )
    returned = WorkLog.objects.filter(advisor=user, state=WorkLogState.RETURNED).count()
    profile = listed_profile_of(user)
    unanswered = open_requests_for(profile).filter(answered=False).count() if profile is not None else 0
    engagements = reverse("engagements:list")
    to_accept, quiet = counts["to_accept"], counts["quiet"]
    return [
        Todo(
            to_accept,
            ngettext(
                "%(count)s engagement waiting for your acceptance",
                "%(count)s engagements waiting for your acceptance",
                to_accept,
            )
            % {"count": to_accept},
            engagements,
        ),
        Todo(
            returned,
            ngettext(
                "%(count)s work log returned to you: fix it", "%(count)s work logs returned to you: fix them", returned
            )
            % {"count": returned},
            engagements,
        ),
        Todo(
            quiet,
            ngettext(
                "%(count)s active engagement without a work log this week",
                "%(count)s active engagements without a work log this week",
                quiet,
            )
            % {"count": quiet},
            engagements,
        ),
        Todo(
            unanswered,
            ngettext(
                "%(count)s open request for your needs not yet answered",
                "%(count)s open requests for your needs not yet answered",
                unanswered,
            )
            % {"count": unanswered},
            reverse("engagements:open_requests"),
        ),
    ]
