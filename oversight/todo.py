"""What the CEO and the referents should act on now in oversight (accounts.todo gathers it for the home pages)."""

from django.conf import settings
from django.db.models import OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.counts import count_of
from accounts.roles import Role
from accounts.todo import Todo
from clusters.models import Cluster

from .models import Finding, ReportVersion
from .permissions import findings_visible_to, is_referent
from .reports import latest_versions, report_facts_by_cluster
from .reviews import RETURNED, awaiting_plan_count, plan_queue_keys
from .selectors import clusters_overseen_by
from .strategy_reviews import awaiting_strategy_count


def needs_doing(user) -> list[Todo]:
    items = []
    ceo_of = user.scope_ids(Role.CLUSTER_CEO)
    if ceo_of:
        items += _for_ceo(user, ceo_of)
    if is_referent(user):
        items += _for_referent(user)
    return items


def _latest_versions(cluster_ids):
    return latest_versions().filter(report__cluster_id__in=cluster_ids)


def _for_ceo(user, cluster_ids) -> list[Todo]:
    """Four queries: the clusters with their findings to answer and reports returned counted, report facts, the
    plan queue (two)."""
    open_findings = findings_visible_to(user).filter(cluster_id=OuterRef("pk"), state=Finding.State.OPEN)
    returned = latest_versions().filter(report__cluster_id=OuterRef("pk"), state=ReportVersion.State.RETURNED)
    clusters = list(
        Cluster.objects.filter(pk__in=cluster_ids)
        .annotate(findings_to_answer=count_of(open_findings), reports_returned=count_of(returned))
        .order_by("pk")
    )
    to_answer = sum(cluster.findings_to_answer for cluster in clusters)
    returned_reports = sum(cluster.reports_returned for cluster in clusters)
    facts = report_facts_by_cluster(clusters=clusters)
    overdue = sum(len(fact.overdue) for fact in facts.values())
    returned_plans = [key for key in plan_queue_keys(clusters=clusters) if key.state == RETURNED]
    reports = reverse("oversight:reports")
    items = [
        Todo(
            to_answer,
            ngettext(
                "%(count)s finding of the ministry to answer", "%(count)s findings of the ministry to answer", to_answer
            )
            % {"count": to_answer},
            reverse("oversight:findings") + "?state=open",
        ),
        Todo(
            overdue,
            ngettext("%(count)s periodic report overdue", "%(count)s periodic reports overdue", overdue)
            % {"count": overdue},
            reports,
        ),
        Todo(
            returned_reports,
            ngettext(
                "%(count)s periodic report returned to you: fix and resubmit it",
                "%(count)s periodic reports returned to you: fix and resubmit them",
                returned_reports,
            )
            % {"count": returned_reports},
            reports,
        ),
    ]
    if returned_plans:
        count = len(returned_plans)
        items.append(
            Todo(
                count,
                ngettext(
                    "%(count)s work plan the ministry returned: revise it",
                    "%(count)s work plans the ministry returned: revise them",
                    count,
                )
                % {"count": count},
                reverse("clusters:work_plan", kwargs={"pk": returned_plans[0].cluster.pk}),
            )
        )
    return items


def _for_referent(user) -> list[Todo]:
    """A fixed number of queries: the clusters overseen (none for the head referent, who oversees every cluster),
    reports awaiting this referent's step, the plan and strategic-plan queues, overdue findings."""
    overseen = clusters_overseen_by(user)
    if user.has_role(Role.HEAD_REFERENT):
        # every cluster, as a subquery: no list of every cluster's id to send
        overseen = interior = treasury = overseen.values("pk")
    else:
        overseen = set(overseen.values_list("pk", flat=True))
        interior = user.scope_ids(Role.REFERENT_INTERIOR) & overseen
        treasury = user.scope_ids(Role.REFERENT_TREASURY) & overseen
    awaiting = Q(state=ReportVersion.State.SUBMITTED, report__cluster_id__in=interior)
    if settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION:
        awaiting |= Q(state=ReportVersion.State.ACCEPTED, report__cluster_id__in=treasury)
    reports = _latest_versions(overseen).filter(awaiting).count()
    reviewed = interior  # a Treasury referent only reads plans
    plans = awaiting_plan_count(cluster_ids=reviewed)
    strategies = awaiting_strategy_count(cluster_ids=reviewed)
    overdue = findings_visible_to(user).overdue(timezone.localdate()).count()
    return [
        Todo(
            reports,
            ngettext(
                "%(count)s periodic report awaiting your review",
                "%(count)s periodic reports awaiting your review",
                reports,
            )
            % {"count": reports},
            reverse("oversight:report_queue"),
        ),
        Todo(
            plans,
            ngettext("%(count)s work plan awaiting review", "%(count)s work plans awaiting review", plans)
            % {"count": plans},
            reverse("oversight:plan_queue"),
        ),
        Todo(
            strategies,
            ngettext(
                "%(count)s strategic plan awaiting review", "%(count)s strategic plans awaiting review", strategies
            )
            % {"count": strategies},
            reverse("oversight:strategy_queue"),
        ),
        Todo(
            overdue,
            ngettext("%(count)s finding past its due date", "%(count)s findings past their due date", overdue)
            % {"count": overdue},
            reverse("oversight:findings"),
        ),
    ]
