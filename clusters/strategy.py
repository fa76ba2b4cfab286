"""Workflows of the strategic plan and of pilots: each one a transaction, audited.

A plan version is edited only while it is a draft: every edit is a conditional write on the draft status, so an
edit that arrives after the plan went to the board (or was approved) is refused and writes nothing.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import record_event

from .models import Milestone, Outcome, Pilot, StrategicPlan, StrategicPlanApproval, WorkPlanItem
from .progress import Point, compute_progress
from .services import board_member_ids

PLAN_FIELDS = ("title", "vision", "strategic_goals", "starts_year", "ends_year")


def _draft(plan_id: int) -> StrategicPlan | None:
    return StrategicPlan.objects.select_for_update().filter(pk=plan_id, status=StrategicPlan.Status.DRAFT).first()


@transaction.atomic
def start_strategic_plan(*, cluster, fields: dict, started_by: User) -> StrategicPlan | None:
    """Draft the cluster's first plan, or a new version of its latest approved plan (the logic model and timeline
    copied, then these fields). None when a version is already in the making."""
    latest = StrategicPlan.objects.filter(cluster=cluster).order_by("-version").first()
    if latest is not None and latest.status != StrategicPlan.Status.APPROVED:
        return None
    try:
        with transaction.atomic():
            plan = StrategicPlan.objects.create(
                cluster=cluster,
                version=(latest.version + 1) if latest else 1,
                based_on=latest,
                created_by=started_by,
                **{name: fields[name] for name in PLAN_FIELDS},
            )
    except IntegrityError:  # another version was started at the same moment
        return None
    if latest is not None:
        for outcome in latest.outcomes.prefetch_related("measured_by"):
            copy = Outcome.objects.create(
                plan=plan, horizon=outcome.horizon, channel=outcome.channel, title=outcome.title
            )
            copy.measured_by.set(outcome.measured_by.all())
        Milestone.objects.bulk_create(
            Milestone(plan=plan, title=m.title, due_on=m.due_on, channel=m.channel) for m in latest.milestones.all()
        )
    record_event(action="strategic_plan_started", actor=started_by, target=plan, data={"version": plan.version})
    return plan


@transaction.atomic
def update_strategic_plan(*, plan: StrategicPlan, fields: dict, updated_by: User) -> bool:
    """Change a draft's vision, goals, title and years; False (nothing written) once it is no longer a draft."""
    draft = _draft(plan.pk)
    if draft is None:
        return False
    for name in PLAN_FIELDS:
        setattr(draft, name, fields[name])
    draft.save(update_fields=list(PLAN_FIELDS))
    record_event(action="strategic_plan_changed", actor=updated_by, target=draft)
    return True


@transaction.atomic
def add_outcome(*, plan: StrategicPlan, horizon: str, channel: str, title: str, measured_by, added_by: User):
    """Add an outcome to a draft's logic model, measured by goals of the cluster; None once it is not a draft."""
    if _draft(plan.pk) is None:
        return None
    outcome = Outcome.objects.create(plan=plan, horizon=horizon, channel=channel, title=title)
    outcome.measured_by.set(measured_by)
    record_event(action="strategic_plan_outcome_added", actor=added_by, target=plan, data={"title": title})
    return outcome


@transaction.atomic
def remove_outcome(*, outcome: Outcome, removed_by: User) -> bool:
    """Remove an outcome from a draft (not one a work-plan item serves); False when it cannot go."""
    if _draft(outcome.plan_id) is None or outcome.work_plan_items.exists():
        return False
    record_event(
        action="strategic_plan_outcome_removed", actor=removed_by, target=outcome.plan, data={"title": outcome.title}
    )
    outcome.delete()
    return True


@transaction.atomic
def add_milestone(*, plan: StrategicPlan, title: str, due_on: date, channel: str, added_by: User):
    """Add a dated step to a draft's timeline; None once it is not a draft."""
    if _draft(plan.pk) is None:
        return None
    milestone = Milestone.objects.create(plan=plan, title=title, due_on=due_on, channel=channel)
    record_event(action="strategic_plan_milestone_added", actor=added_by, target=plan, data={"title": title})
    return milestone


@transaction.atomic
def submit_strategic_plan(*, plan: StrategicPlan, submitted_by: User) -> bool:
    """The CEO sends a draft with at least one outcome to the board; False when it cannot go."""
    if not plan.outcomes.exists():
        return False
    changed = StrategicPlan.objects.filter(pk=plan.pk, status=StrategicPlan.Status.DRAFT).update(
        status=StrategicPlan.Status.BOARD_REVIEW, submitted_at=timezone.now()
    )
    if changed:
        record_event(action="strategic_plan_submitted", actor=submitted_by, target=plan)
    return bool(changed)


@transaction.atomic
def approve_strategic_plan(*, plan: StrategicPlan, approved_by: User) -> bool:
    """One board member's approval (as for the annual work plan): the version is approved, and frozen, once every
    current board member has approved it. False when it does not await the board or they approved already."""
    plan = StrategicPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != StrategicPlan.Status.BOARD_REVIEW:
        return False
    _approval, created = StrategicPlanApproval.objects.get_or_create(plan=plan, approved_by=approved_by)
    if created:
        record_event(action="strategic_plan_approved_by_board_member", actor=approved_by, target=plan)
    board = board_member_ids(plan.cluster)
    approvers = set(plan.approvals.values_list("approved_by_id", flat=True))
    if board and board <= approvers:
        plan.status, plan.approved_at = StrategicPlan.Status.APPROVED, timezone.now()
        plan.save(update_fields=["status", "approved_at"])
        record_event(action="strategic_plan_approved", actor=approved_by, target=plan)
    return created


# Pilots ----------------------------------------------------------------------------------------------------------


def measurement_due_on(pilot: Pilot) -> date:
    return pilot.measurement_due_on


def review_due_on(pilot: Pilot) -> date:
    return pilot.review_due_on


def start_pilot(*, item: WorkPlanItem, starts_on: date) -> Pilot:
    return Pilot.objects.create(item=item, starts_on=starts_on)


def pilot_evidence(*, pilot: Pilot, today: date) -> list[dict]:
    """The goals' progress over the pilot: for each goal the item serves, the share of the way to the target on the
    measurements before the pilot started and on all measurements now (percent, or None without data)."""
    evidence = []
    for goal in pilot.item.goals.prefetch_related("measurements__authority_values"):
        points = [
            Point(m.period_start, m.value, {v.authority_id: v.value for v in m.authority_values.all()})
            for m in goal.measurements.all()
        ]
        shares = []
        for subset in ([p for p in points if p.period_start < pilot.starts_on], points):
            share = compute_progress(
                kind=goal.kind,
                baseline=goal.baseline_value,
                target_value=goal.target_value,
                target_percent=goal.target_percent,
                baseline_on=goal.baseline_on,
                target_on=goal.target_on,
                points=subset,
                today=today,
            ).share
            shares.append(None if share is None else int((share * 100).to_integral_value()))
        evidence.append({"goal": goal.pk, "name": goal.name, "at_start": shares[0], "now": shares[1]})
    return evidence


@transaction.atomic
def decide_pilot(*, pilot: Pilot, decision: str, reason: str, decided_by: User) -> bool:
    """The CEO's decision review of a pilot (continue, scale up or stop) with the evidence frozen beside it.

    False (nothing written) when the pilot was decided already."""
    if decision not in Pilot.Decision.values:
        raise ValueError(f"unknown decision {decision}")
    today = timezone.localdate()
    evidence = pilot_evidence(pilot=pilot, today=today)
    changed = Pilot.objects.filter(pk=pilot.pk, decision="").update(
        decision=decision, decided_on=today, decided_by=decided_by, reason=reason, evidence=evidence
    )
    if changed:
        record_event(action="pilot_decided", actor=decided_by, target=pilot, data={"decision": decision})
    return bool(changed)
