"""Work-plan reviews and re-baselined goals: the referent's queues, decisions and the follow-up lists.

Reads the clusters app only through clusters.selectors (work_plans_for_review, rebaselines_for_review). Decisions
are audited; an illegal transition (a board approval already decided, a plan no longer approved, an acknowledged
re-baselining) is refused and writes nothing.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import MAX_ID
from accounts.models import User
from accounts.services import record_event
from clusters import selectors as cluster_selectors
from clusters import services as cluster_services
from outbox.services import dispatch_task

from .models import Finding, RebaselineReview, WorkPlanReview

AWAITING, APPROVED, RETURNED, IN_REVISION = "awaiting", "approved", "returned", "in_revision"
PLAN_STATES = {
    AWAITING: _("Awaiting review"),
    APPROVED: _("Approved"),
    RETURNED: _("Returned, awaiting revision"),
    IN_REVISION: _("Returned, being revised"),
}
PENDING, ACKNOWLEDGED, QUERIED = "pending", RebaselineReview.State.ACKNOWLEDGED, RebaselineReview.State.QUERIED
REBASELINE_STATES = {PENDING: _("To acknowledge"), ACKNOWLEDGED: _("Acknowledged"), QUERIED: _("Queried")}


@dataclass(frozen=True)
class FindingInput:
    severity: str
    text: str
    due_on: date


def raise_findings(*, cluster_id: int, findings: list[FindingInput], raised_by: User, request=None, **review) -> None:
    """The findings a review decision raises on the cluster, each linked to its review (`work_plan_review=` or
    `strategic_plan_review=`) and audited."""
    for item in findings:
        finding = Finding.objects.create(
            cluster_id=cluster_id,
            raised_by=raised_by,
            severity=item.severity,
            text=item.text,
            due_on=item.due_on,
            **review,
        )
        record_event(action="finding_raised", actor=raised_by, target=finding, request=request)


# Work plans ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanQueueRow:
    cluster: object
    year: int
    plan_id: int
    plan: object | None  # the approved plan (with items) or None when it was reopened for revision
    state: str
    review: WorkPlanReview | None  # the decision on the current board approval, or the latest return

    @property
    def state_label(self):
        return PLAN_STATES[self.state]

    @property
    def items(self) -> list:
        return list(self.plan.items.all()) if self.plan else []

    @property
    def item_count(self) -> int | None:
        """How many items the approved plan has (counted with the plan when read `summarised`)."""
        if self.plan is None:
            return None
        return self.plan.item_count if hasattr(self.plan, "item_count") else len(self.items)

    @property
    def budget(self) -> Decimal | None:
        if self.plan is None:
            return None
        if hasattr(self.plan, "items_budget"):
            return self.plan.items_budget
        return sum((item.budget_amount for item in self.items), Decimal(0))

    @property
    def is_awaiting(self) -> bool:
        return self.state == AWAITING


@dataclass(frozen=True)
class PlanQueueKey:
    """A row of the work-plan queue before its plan and review are read: what sorting, filtering and paging need."""

    cluster: object
    year: int
    plan_id: int
    approved: bool  # the plan is board-approved (otherwise it was returned and reopened for revision)
    state: str
    review_id: int | None


_PLAN_ORDER = {AWAITING: 0, RETURNED: 1, IN_REVISION: 2, APPROVED: 3}


def plan_queue_keys(*, clusters, plan_id: int | None = None) -> list[PlanQueueKey]:
    """The queue's rows in order (awaiting, returned, being revised, approved; then cluster and year), read as plain
    values: every board-approved plan of these clusters (or only `plan_id`) with its review state, and the returned
    plans being revised. Two queries whatever the number of plans; `read_plan_rows` reads a page of them whole."""
    if plan_id is not None and not 0 < plan_id <= MAX_ID:  # an id from the path no row can have
        return []
    clusters = {c.pk: c for c in clusters}
    plans = cluster_selectors.approved_work_plans(cluster_ids=list(clusters))
    reviews = WorkPlanReview.objects.filter(cluster_id__in=list(clusters))
    if plan_id is not None:
        plans = plans.filter(pk=plan_id)
        reviews = reviews.filter(plan_id=plan_id)
    plans = plans.order_by("approved_at", "pk").values_list("pk", "cluster_id", "year", "approved_at")
    reviews = list(reviews.values_list("pk", "plan_id", "plan_approved_at", "decision", "cluster_id", "year"))
    decided = {(plan, approved_at): (pk, decision) for pk, plan, approved_at, decision, _cluster, _year in reviews}
    keys = []
    approved_ids = set()
    for pk, cluster_id, year, approved_at in plans:
        approved_ids.add(pk)
        review_id, decision = decided.get((pk, approved_at), (None, AWAITING))
        keys.append(PlanQueueKey(clusters[cluster_id], year, pk, True, decision, review_id))
    latest = {}
    for review in reviews:  # newest first
        latest.setdefault(review[1], review)
    for pk, plan, _approved_at, decision, cluster_id, year in latest.values():
        if plan not in approved_ids and decision == WorkPlanReview.Decision.RETURNED:
            keys.append(PlanQueueKey(clusters[cluster_id], year, plan, False, IN_REVISION, pk))
    keys.sort(key=lambda key: (_PLAN_ORDER[key.state], str(key.cluster.name), key.year))
    return keys


def read_plan_rows(
    keys: list[PlanQueueKey], *, with_items: bool = True, summarised: bool = False
) -> list[PlanQueueRow]:
    """The queue's rows of these keys, in their order, with their approved plans (and with `with_items` the plans'
    items and goals; with `summarised` only their number of items and budget, in the plans' query) and reviews
    read: two queries, four with the items, whatever the keys."""
    keys = list(keys)
    # each read even when none of the keys has a plan or a decision (no row has id 0): every page, the same queries
    plans = cluster_selectors.work_plans_for_review(
        cluster_ids={key.cluster.pk for key in keys} or [0],
        plan_ids=[key.plan_id for key in keys if key.approved] or [0],
        with_items=with_items,
        summarised=summarised,
    )
    plans = {plan.pk: plan for plan in plans}
    review_ids = [key.review_id for key in keys if key.review_id is not None] or [0]
    reviews = WorkPlanReview.objects.filter(pk__in=review_ids).select_related("decided_by").in_bulk()
    return [
        PlanQueueRow(
            key.cluster,
            key.year,
            key.plan_id,
            plans[key.plan_id] if key.approved else None,
            key.state,
            reviews.get(key.review_id),
        )
        for key in keys
    ]


def plan_queue(*, clusters, plan_id: int | None = None, with_items: bool = True) -> list[PlanQueueRow]:
    """Every row of the queue of these clusters (or only `plan_id`'s), whole (`plan_queue_keys`, `read_plan_rows`):
    for the exports and one plan's page; the queue's page reads only its own rows."""
    return read_plan_rows(plan_queue_keys(clusters=clusters, plan_id=plan_id), with_items=with_items)


def awaiting_plan_count(*, cluster_ids) -> int:
    """How many rows of `plan_queue` for these clusters await review, counted in the database (one query): a
    board-approved plan whose current board approval has no decision."""
    decided = WorkPlanReview.objects.filter(plan_id=OuterRef("pk"), plan_approved_at=OuterRef("approved_at"))
    return cluster_selectors.approved_work_plans(cluster_ids=cluster_ids).exclude(Exists(decided)).count()


def plan_for_review(*, clusters, plan_id: int) -> PlanQueueRow | None:
    """One row of the queue (None when the plan is not board-approved or returned in these clusters)."""
    return next((row for row in plan_queue(clusters=clusters, plan_id=plan_id) if row.plan_id == plan_id), None)


@transaction.atomic
def decide_work_plan(
    *,
    plan,
    decision: str,
    decided_by: User,
    note: str = "",
    findings: list[FindingInput] = (),
    request=None,
) -> WorkPlanReview | None:
    """Approve a board-approved plan, or return it with at least one finding.

    Returns None (nothing written) when the plan is no longer approved by the board or this board approval was
    already decided. Raises ValueError for a return without findings.
    """
    if decision not in WorkPlanReview.Decision.values:
        raise ValueError(f"unknown decision {decision}")
    if decision == WorkPlanReview.Decision.RETURNED and not findings:
        raise ValueError("a returned work plan needs at least one finding")
    current = next(
        (p for p in cluster_selectors.work_plans_for_review(cluster_ids=[plan.cluster_id]) if p.pk == plan.pk), None
    )
    if current is None or current.approved_at != plan.approved_at:
        return None
    try:
        with transaction.atomic():
            review = WorkPlanReview.objects.create(
                plan_id=plan.pk,
                cluster_id=plan.cluster_id,
                year=plan.year,
                plan_approved_at=plan.approved_at,
                decision=decision,
                decided_by=decided_by,
                note=note,
            )
    except IntegrityError:
        return None
    raise_findings(
        cluster_id=plan.cluster_id, findings=findings, raised_by=decided_by, request=request, work_plan_review=review
    )
    cluster_services.record_ministry_decision(
        plan_id=plan.pk,
        decision=decision,
        decided_at=review.decided_at,
        reviewed_approval_at=review.plan_approved_at,
        findings=len(findings),
        review_id=review.pk,
    )
    record_event(
        action=f"work_plan_review_{decision}",
        actor=decided_by,
        target=review,
        request=request,
        data={"plan": plan.pk, "year": plan.year, "findings": len(findings)},
    )
    dispatch_task(
        key=f"work-plan-decision:{review.pk}",
        task="oversight.notifications.notify_work_plan_decision",
        args=(review.pk,),
    )
    return review


def follow_up(*, review: WorkPlanReview) -> list[Finding]:
    """What the cluster must do next after a review: the findings raised in it, then every other finding of the
    cluster still open or answered, by due date (one query)."""
    findings = (
        Finding.objects.filter(cluster_id=review.cluster_id)
        .exclude(state=Finding.State.CLOSED)
        .select_related("work_plan_review")
    )
    raised_here = [f for f in findings if f.work_plan_review_id == review.pk]
    others = [f for f in findings if f.work_plan_review_id != review.pk]
    return raised_here + others


# Re-baselined goals ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RebaselineRow:
    rebaseline: object
    cluster: object
    review: RebaselineReview | None

    @property
    def state(self) -> str:
        return self.review.state if self.review else PENDING

    @property
    def state_label(self):
        return REBASELINE_STATES[self.state]

    @property
    def can_be_decided(self) -> bool:
        return self.state != ACKNOWLEDGED


def rebaseline_rows(*, clusters, rebaseline_id: int | None = None) -> list[RebaselineRow]:
    """Every re-baselining of these clusters' goals (or only `rebaseline_id`) with its review state; three queries
    whatever the number."""
    if rebaseline_id is not None and not 0 < rebaseline_id <= MAX_ID:  # an id from the path no row can have
        return []
    cluster_ids = [c.pk for c in clusters]
    rebaselines = cluster_selectors.rebaselines_for_review(cluster_ids=cluster_ids, rebaseline_id=rebaseline_id)
    reviews = RebaselineReview.objects.filter(cluster_id__in=cluster_ids)
    if rebaseline_id is not None:
        reviews = reviews.filter(rebaseline_id=rebaseline_id)
    reviews = {r.rebaseline_id: r for r in reviews.select_related("decided_by").prefetch_related("findings")}
    return [RebaselineRow(r, r.goal.service.cluster, reviews.get(r.pk)) for r in rebaselines]


@transaction.atomic
def acknowledge_rebaseline(*, rebaseline, acknowledged_by: User, request=None) -> RebaselineReview | None:
    """Acknowledge a pending or queried re-baselining; None (nothing written) when it was already acknowledged."""
    cluster_id = rebaseline.goal.service.cluster_id
    review, created = RebaselineReview.objects.select_for_update().get_or_create(
        rebaseline_id=rebaseline.pk,
        defaults={
            "cluster_id": cluster_id,
            "state": RebaselineReview.State.ACKNOWLEDGED,
            "decided_by": acknowledged_by,
        },
    )
    if not created:
        if review.state == RebaselineReview.State.ACKNOWLEDGED:
            return None
        review.state, review.decided_by, review.decided_at = (
            RebaselineReview.State.ACKNOWLEDGED,
            acknowledged_by,
            timezone.now(),
        )
        review.save(update_fields=["state", "decided_by", "decided_at"])
    record_event(
        action="rebaseline_acknowledged",
        actor=acknowledged_by,
        target=review,
        request=request,
        data={"goal": rebaseline.goal_id},
    )
    return review


@transaction.atomic
def query_rebaseline(*, rebaseline, queried_by: User, finding: FindingInput, request=None) -> RebaselineReview | None:
    """Query a re-baselining: a finding on the cluster tied to it, which the CEO answers. A re-baselining may be
    queried again while it is not acknowledged; None (nothing written) once acknowledged."""
    cluster_id = rebaseline.goal.service.cluster_id
    review, created = RebaselineReview.objects.select_for_update().get_or_create(
        rebaseline_id=rebaseline.pk,
        defaults={"cluster_id": cluster_id, "state": RebaselineReview.State.QUERIED, "decided_by": queried_by},
    )
    if not created:
        if review.state == RebaselineReview.State.ACKNOWLEDGED:
            return None
        review.decided_by, review.decided_at = queried_by, timezone.now()
        review.save(update_fields=["decided_by", "decided_at"])
    raised = Finding.objects.create(
        cluster_id=cluster_id,
        raised_by=queried_by,
        severity=finding.severity,
        text=finding.text,
        due_on=finding.due_on,
        rebaseline_review=review,
    )
    record_event(action="finding_raised", actor=queried_by, target=raised, request=request)
    record_event(
        action="rebaseline_queried", actor=queried_by, target=review, request=request, data={"goal": rebaseline.goal_id}
    )
    return review
