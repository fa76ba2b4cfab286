"""Workflows of the clusters app: each one a transaction, audited where people act."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from accounts.services import record_event

from .models import (
    AuthorityValue,
    Cluster,
    Goal,
    Measurement,
    Pilot,
    Rebaseline,
    Service,
    ServiceStatusChange,
    Spending,
    WorkPlan,
    WorkPlanApproval,
    WorkPlanItem,
)
from .progress import Point, compute_progress


@transaction.atomic
def save_service(*, service: Service, participants, saved_by: User) -> Service:
    """Create or update a service line and its participating authorities."""
    created = service.pk is None
    if created:
        service.status_since = service.status_since or timezone.localdate()
    service.save()
    service.participants.set(participants)
    record_event(action="service_created" if created else "service_changed", actor=saved_by, target=service)
    return service


@transaction.atomic
def set_incorporation(*, cluster, incorporated_on: date, source: str, set_by: User) -> None:
    """The CEO (or an admin) records the exact incorporation date and where it comes from."""
    type(cluster).objects.filter(pk=cluster.pk).update(
        incorporated_on=incorporated_on, incorporated_year=incorporated_on.year, incorporation_source=source
    )
    cluster.incorporated_on, cluster.incorporated_year, cluster.incorporation_source = (
        incorporated_on,
        incorporated_on.year,
        source,
    )
    record_event(
        action="cluster_incorporation_set", actor=set_by, target=cluster, data={"on": incorporated_on.isoformat()}
    )


@transaction.atomic
def end_membership(*, membership, left_on: date, ended_by: User | None) -> bool:
    """An authority leaves a cluster: the membership is ended, never deleted."""
    changed = type(membership).objects.filter(pk=membership.pk, left_on__isnull=True).update(left_on=left_on)
    if changed:
        record_event(action="membership_ended", actor=ended_by, target=membership)
    return bool(changed)


@transaction.atomic
def change_service_status(
    *, service: Service, status: str, changed_on: date, changed_by: User | None, note: str = ""
) -> None:
    """Move a service to a new status; the change is dated and kept."""
    Service.objects.filter(pk=service.pk).update(status=status, status_since=changed_on)
    service.status, service.status_since = status, changed_on
    ServiceStatusChange.objects.create(
        service=service, status=status, changed_on=changed_on, changed_by=changed_by, note=note
    )


@transaction.atomic
def create_goal(*, service: Service, fields: dict, created_by: User) -> Goal:
    """Add a draft goal to a service; its baseline may change freely until it is activated."""
    goal = Goal.objects.create(service=service, **fields)
    record_event(action="goal_created", actor=created_by, target=goal)
    return goal


@transaction.atomic
def set_goal_computed(*, goal: Goal, computed_from: str) -> None:
    """From now on the goal's measurements are computed (`computed_from` says from what) and never typed."""
    Goal.objects.filter(pk=goal.pk).update(computed_from=computed_from[:200])
    goal.computed_from = computed_from[:200]


@transaction.atomic
def set_draft_baseline(*, goal: Goal, baseline_value: Decimal, baseline_on: date) -> bool:
    """Change the baseline of a goal that is not active yet; False when it has become active meanwhile."""
    changed = Goal.objects.filter(pk=goal.pk, is_active=False).update(
        baseline_value=baseline_value, baseline_on=baseline_on
    )
    return bool(changed)


@transaction.atomic
def activate_goal(*, goal: Goal, activated_by: User | None) -> None:
    """From now on the goal's baseline changes only by re-baselining with a reason."""
    Goal.objects.filter(pk=goal.pk).update(is_active=True)
    goal.is_active = True
    record_event(action="goal_activated", actor=activated_by, target=goal)


def _share(goal: Goal, *, baseline: Decimal, baseline_on: date) -> Decimal | None:
    """The goal's progress on its current measurements if its baseline were this one."""
    points = [
        Point(m.period_start, m.value, {v.authority_id: v.value for v in m.authority_values.all()})
        for m in goal.measurements.prefetch_related("authority_values")
    ]
    return compute_progress(
        kind=goal.kind,
        baseline=baseline,
        target_value=goal.target_value,
        target_percent=goal.target_percent,
        baseline_on=baseline_on,
        target_on=goal.target_on,
        points=points,
        today=timezone.localdate(),
    ).share


@transaction.atomic
def rebaseline_goal(
    *, goal: Goal, baseline_value: Decimal, baseline_on: date, reason: str, changed_by: User
) -> Rebaseline:
    """Change an active goal's baseline; the old baseline and the reason are kept for oversight to review."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    before = _share(goal, baseline=goal.baseline_value, baseline_on=goal.baseline_on)
    after = _share(goal, baseline=baseline_value, baseline_on=baseline_on)
    rebaseline = Rebaseline.objects.create(
        goal=goal,
        old_value=goal.baseline_value,
        new_value=baseline_value,
        old_on=goal.baseline_on,
        new_on=baseline_on,
        reason=reason,
        changed_by=changed_by,
        progress_before=before,
        progress_after=after,
    )
    goal.baseline_value, goal.baseline_on = baseline_value, baseline_on
    goal._change_reason = reason[:100]
    goal.save(update_fields=["baseline_value", "baseline_on"])
    record_event(action="goal_rebaselined", actor=changed_by, target=goal, data={"reason": reason})
    return rebaseline


@transaction.atomic
def record_measurement(
    *,
    goal: Goal,
    period_kind: str,
    period_start: date,
    value: Decimal | None,
    authority_values: dict,
    source: str,
    entered_by: User | None,
    is_demo: bool = False,
) -> Measurement:
    """Record a goal's value(s) for one period. `authority_values` maps Authority to value (gap, coverage)."""
    measurement = Measurement.objects.create(
        goal=goal,
        period_kind=period_kind,
        period_start=period_start,
        value=value,
        source=source,
        entered_by=entered_by,
        is_demo=is_demo,
    )
    # With history, so that a later correction shows the values it replaced.
    bulk_create_with_history(
        [
            AuthorityValue(measurement=measurement, authority=authority, value=amount)
            for authority, amount in authority_values.items()
            if amount is not None
        ],
        AuthorityValue,
        default_user=entered_by,
    )
    if entered_by is not None:
        record_event(action="measurement_recorded", actor=entered_by, target=measurement)
    return measurement


@transaction.atomic
def correct_measurement(
    *,
    measurement: Measurement,
    value: Decimal | None,
    authority_values: dict | None = None,
    source: str,
    corrected_by: User,
    reason: str,
) -> Measurement:
    """Correct a measurement's value(s) and source, with a reason; the old values stay in its history.

    `authority_values` (gap and coverage goals) maps Authority to the corrected value; an authority left out
    loses its value (the removal is kept in history too).
    """
    locked = Measurement.objects.select_for_update().get(pk=measurement.pk)
    locked.value, locked.source = value, source
    locked._change_reason = reason[:100]
    locked.save(update_fields=["value", "source"])
    if authority_values is not None:
        existing = {row.authority_id: row for row in locked.authority_values.all()}
        for authority, amount in authority_values.items():
            row = existing.pop(authority.pk, None)
            if amount is None:
                if row is not None:
                    existing[authority.pk] = row
                continue
            if row is None:
                row = AuthorityValue(measurement=locked, authority=authority, value=amount)
                row._change_reason = reason[:100]
                row.save()
            elif row.value != amount:
                row.value = amount
                row._change_reason = reason[:100]
                row.save(update_fields=["value"])
        for row in existing.values():
            row._change_reason = reason[:100]
            row.delete()
    record_event(action="measurement_corrected", actor=corrected_by, target=locked, data={"reason": reason})
    return locked


@transaction.atomic
def start_work_plan(*, cluster, year: int, started_by: User) -> WorkPlan:
    """The cluster's work plan for a year, created as a draft if there is none."""
    plan, created = WorkPlan.objects.get_or_create(cluster=cluster, year=year)
    if created:
        record_event(action="work_plan_started", actor=started_by, target=plan)
    return plan


@transaction.atomic
def add_work_plan_item(
    *,
    plan: WorkPlan,
    title: str,
    budget_line: str,
    budget_amount: Decimal,
    owner: str,
    starts_on: date,
    ends_on: date,
    goals,
    outcome=None,
    pilot_starts_on: date | None = None,
) -> WorkPlanItem | None:
    """Add an item to a draft plan, serving an outcome of the strategic plan and run as a pilot from a date when
    given; None when the plan is no longer a draft."""
    if not WorkPlan.objects.select_for_update().filter(pk=plan.pk, status=WorkPlan.Status.DRAFT).exists():
        return None
    item = WorkPlanItem.objects.create(
        plan=plan,
        title=title,
        budget_line=budget_line,
        budget_amount=budget_amount,
        owner=owner,
        starts_on=starts_on,
        ends_on=ends_on,
        outcome=outcome,
    )
    item.goals.set(goals)
    if pilot_starts_on is not None:
        Pilot.objects.create(item=item, starts_on=pilot_starts_on)
    return item


@transaction.atomic
def remove_work_plan_item(*, item: WorkPlanItem, removed_by: User) -> bool:
    """Remove an item from a plan that is still a draft; False when the plan has gone to the board."""
    if not WorkPlan.objects.select_for_update().filter(pk=item.plan_id, status=WorkPlan.Status.DRAFT).exists():
        return False
    record_event(action="work_plan_item_removed", actor=removed_by, target=item.plan, data={"title": item.title})
    item.delete()
    return True


@transaction.atomic
def submit_work_plan(*, plan: WorkPlan, submitted_by: User) -> bool:
    """The CEO sends a draft plan with at least one item to the board; False when it cannot go."""
    if not plan.items.exists():
        return False
    changed = WorkPlan.objects.filter(pk=plan.pk, status=WorkPlan.Status.DRAFT).update(
        status=WorkPlan.Status.BOARD_REVIEW, submitted_at=timezone.now()
    )
    if changed:
        record_event(action="work_plan_submitted", actor=submitted_by, target=plan)
    return bool(changed)


def board_member_ids(cluster) -> set[int]:
    return set(
        RoleAssignment.objects.for_scope(cluster)
        .active()
        .filter(role=Role.BOARD_MEMBER)
        .values_list("user_id", flat=True)
    )


@transaction.atomic
def approve_work_plan(*, plan: WorkPlan, approved_by: User) -> bool:
    """Record one board member's approval; the plan is approved once every current board member has approved."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != WorkPlan.Status.BOARD_REVIEW:
        return False
    _approval, created = WorkPlanApproval.objects.get_or_create(plan=plan, approved_by=approved_by)
    if created:
        record_event(action="work_plan_approved_by_board_member", actor=approved_by, target=plan)
    board = board_member_ids(plan.cluster)
    approvers = set(plan.approvals.values_list("approved_by_id", flat=True))
    if board and board <= approvers:
        plan.status, plan.approved_at = WorkPlan.Status.APPROVED, timezone.now()
        plan.save(update_fields=["status", "approved_at"])
    return created


@transaction.atomic
def reopen_work_plan(*, plan: WorkPlan, reopened_by: User) -> bool:
    """The CEO reopens an approved plan to revise it (e.g. after oversight returned it).

    The board's approvals are withdrawn: the revised plan goes back to a draft and needs the board again.
    Returns False when the plan was not approved.
    """
    changed = WorkPlan.objects.filter(pk=plan.pk, status=WorkPlan.Status.APPROVED).update(
        status=WorkPlan.Status.DRAFT, approved_at=None, submitted_at=None
    )
    if changed:
        withdrawn = WorkPlanApproval.objects.filter(plan=plan).delete()[0]
        record_event(
            action="work_plan_reopened", actor=reopened_by, target=plan, data={"approvals_withdrawn": withdrawn}
        )
    return bool(changed)


def record_ministry_decision(
    *, plan_id: int, decision: str, decided_at, reviewed_approval_at, findings: int, review_id: int
) -> bool:
    """Oversight tells the plan the ministry's decision on one board approval (approved, or returned with
    `findings` findings to answer), so the cluster's pages show it. Ignored when an earlier decision arrives late
    (the plan keeps the latest). Returns whether the plan changed."""
    if decision not in WorkPlan.MinistryDecision.values:
        raise ValueError(f"unknown decision {decision}")
    later = Q(ministry_decided_at__isnull=True) | Q(ministry_decided_at__lte=decided_at)
    return bool(
        WorkPlan.objects.filter(later, pk=plan_id).update(
            ministry_decision=decision,
            ministry_decided_at=decided_at,
            ministry_reviewed_approval_at=reviewed_approval_at,
            ministry_findings=findings,
            ministry_review_id=review_id,
        )
    )


@transaction.atomic
def publish_goals(*, cluster, public_goal_ids, published_by: User, request=None) -> tuple[int, int]:
    """The cluster's CEO chooses which of its goals are public: those in `public_goal_ids` are published, the
    others withdrawn. Audited; returns (published, withdrawn) counts of goals that changed."""
    goals = Goal.objects.filter(service__cluster=cluster)
    wanted = set(public_goal_ids)
    to_publish = list(goals.filter(is_public=False, pk__in=wanted).values_list("pk", flat=True))
    to_withdraw = list(goals.filter(is_public=True).exclude(pk__in=wanted).values_list("pk", flat=True))
    Goal.objects.filter(pk__in=to_publish).update(is_public=True)
    Goal.objects.filter(pk__in=to_withdraw).update(is_public=False)
    if to_publish or to_withdraw:
        record_event(
            action="goals_published",
            actor=published_by,
            target=cluster,
            request=request,
            data={"published": sorted(to_publish), "withdrawn": sorted(to_withdraw)},
        )
    return len(to_publish), len(to_withdraw)


PUBLISH_SWITCHES = ("is_strategic_plan_public", "is_plan_budget_public", "is_quality_public")


def publish_cluster_parts(*, cluster, switches: dict[str, bool], published_by: User, request=None) -> list[str]:
    """The cluster's CEO turns the public page's switches for the strategic plan, the plans' budgets and the
    service-quality measures on or off (`switches` maps each of PUBLISH_SWITCHES to its new value; the ones left out
    keep theirs). Audited when something changed; returns the switches that changed."""
    values = {name: bool(value) for name, value in switches.items() if name in PUBLISH_SWITCHES}
    current = Cluster.objects.filter(pk=cluster.pk).values(*values).get() if values else {}
    changed = sorted(name for name, value in values.items() if current[name] != value)
    if changed:
        Cluster.objects.filter(pk=cluster.pk).update(**{name: values[name] for name in changed})
        for name in changed:
            setattr(cluster, name, values[name])
        record_event(
            action="cluster_parts_published",
            actor=published_by,
            target=cluster,
            request=request,
            data={name: values[name] for name in changed},
        )
    return changed


def record_spending(
    *, item: WorkPlanItem, amount: Decimal, spent_on: date, description: str, recorded_by: User
) -> Spending:
    """The CEO records money spent on a work-plan line (other than approved engagement work)."""
    spending = Spending.objects.create(
        item=item, amount=amount, spent_on=spent_on, description=description, recorded_by=recorded_by
    )
    record_event(
        action="spending_recorded", actor=recorded_by, target=item.plan, data={"item": item.pk, "amount": str(amount)}
    )
    return spending
