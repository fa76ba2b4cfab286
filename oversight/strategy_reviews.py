"""Strategic-plan reviews: the board-approved plan versions of the overseen clusters, and the referent's decision
(approve, or return with findings). Reads clusters only through clusters.selectors; a version is decided once, and
the cluster's CEO is emailed once of it."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from accounts.fields import MAX_ID
from accounts.models import User
from accounts.services import record_event
from clusters import selectors as cluster_selectors
from outbox.services import dispatch_task

from .models import StrategicPlanReview
from .reviews import FindingInput, raise_findings

AWAITING = "awaiting"
STATES = {
    AWAITING: _("Awaiting review"),
    StrategicPlanReview.Decision.APPROVED: _("Approved"),
    StrategicPlanReview.Decision.RETURNED: _("Returned with findings"),
}


@dataclass(frozen=True)
class StrategyQueueRow:
    plan: object
    cluster: object
    review: StrategicPlanReview | None

    @property
    def state(self) -> str:
        return self.review.decision if self.review else AWAITING

    @property
    def state_label(self):
        return STATES[self.state]

    @property
    def is_awaiting(self) -> bool:
        return self.review is None


def strategy_queue(*, clusters, plan_id: int | None = None) -> list[StrategyQueueRow]:
    """Every board-approved plan version of these clusters (or only `plan_id`) with its decision, awaiting ones
    first (two queries)."""
    if plan_id is not None and not 0 < plan_id <= MAX_ID:  # an id from the path no row can have
        return []
    ids = [c.pk for c in clusters]
    plans = cluster_selectors.strategic_plans_for_review(cluster_ids=ids, plan_id=plan_id)
    reviews = StrategicPlanReview.objects.filter(cluster_id__in=ids)
    if plan_id is not None:
        reviews = reviews.filter(plan_id=plan_id)
    reviews = {r.plan_id: r for r in reviews.select_related("decided_by")}
    rows = [StrategyQueueRow(plan, plan.cluster, reviews.get(plan.pk)) for plan in plans]
    rows.sort(key=lambda row: (not row.is_awaiting, str(row.cluster.name), row.plan.version))
    return rows


def awaiting_strategy_count(*, cluster_ids) -> int:
    """How many rows of `strategy_queue` for these clusters await review, counted in the database (one query)."""
    decided = StrategicPlanReview.objects.filter(plan_id=OuterRef("pk"))
    return cluster_selectors.approved_strategic_plans(cluster_ids=cluster_ids).exclude(Exists(decided)).count()


@transaction.atomic
def decide_strategic_plan(
    *, plan, decision: str, decided_by: User, note: str = "", findings: list[FindingInput] = (), request=None
) -> StrategicPlanReview | None:
    """Approve a board-approved plan version, or return it with at least one finding. None (nothing written) when the
    version is not board-approved or was decided already; ValueError for a return without findings."""
    if decision not in StrategicPlanReview.Decision.values:
        raise ValueError(f"unknown decision {decision}")
    if decision == StrategicPlanReview.Decision.RETURNED and not findings:
        raise ValueError("a returned strategic plan needs at least one finding")
    approved = {p.pk for p in cluster_selectors.strategic_plans_for_review(cluster_ids=[plan.cluster_id])}
    if plan.pk not in approved:
        return None
    try:
        with transaction.atomic():
            review = StrategicPlanReview.objects.create(
                plan_id=plan.pk, cluster_id=plan.cluster_id, decision=decision, decided_by=decided_by, note=note
            )
    except IntegrityError:
        return None
    raise_findings(
        cluster_id=plan.cluster_id,
        findings=findings,
        raised_by=decided_by,
        request=request,
        strategic_plan_review=review,
    )
    record_event(
        action=f"strategic_plan_review_{decision}",
        actor=decided_by,
        target=review,
        request=request,
        data={"plan": plan.pk, "version": plan.version, "findings": len(findings)},
    )
    dispatch_task(
        key=f"strategic-plan-decision:{review.pk}",
        task="oversight.notifications.notify_strategic_plan_decision",
        args=(review.pk,),
    )
    return review
