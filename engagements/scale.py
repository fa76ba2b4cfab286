"""Synthetic engagements and work logs at scale. See accounts/scale.py.

Every engagement lies within three years back and its work logs within its dates and never in the future; an
advisor never logs more than 24 hours a day across engagements; hours are in quarter-hour steps; the hours logged
(approved or waiting) stay within the budget in hours and in shekels, as `engagements.services.log_work` requires.
One engagement of the first synthetic cluster carries a long history (BIG_ENGAGEMENT_LOGS entries) at every size.
"""

from collections import defaultdict
from datetime import timedelta
from decimal import ROUND_CEILING, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum

from accounts.models import AuditEvent
from accounts.scale import ScaleContext
from advisors.models import RatingDimension
from advisors.services import update_track_record
from clusters.scale import aware

from .models import (
    ActivityKind,
    Engagement,
    Review,
    ReviewSide,
    State,
    Transition,
    WorkLog,
    WorkLogState,
)
from .services import DECLARATION_TEXT_DEFAULT

ENGAGEMENTS_PER_CLUSTER = 24  # eight a year for three years
LOGS_PER_ENGAGEMENT = (110, 220)
BIG_ENGAGEMENT_LOGS = 4000
HOURS = [Decimal(h) for h in ("0.75", "1", "1.5", "2", "2.5", "3", "4", "5", "6")]
ACTIVITIES = ActivityKind.values
TEXTS = [
    "ניתוח עלויות השירות ברשויות החברות",
    "הנחיית פורום מנהלי התפעול",
    "טיוטת תוכנית העבודה",
    "פגישה עם משרד הפנים",
    "הכנת מסמך דרישות למכרז",
    "ליווי ועדת ההיגוי",
]
APPROVAL_LAG_DAYS = 14
LOG_COLUMNS = [
    "id",
    "engagement_id",
    "advisor_id",
    "worked_on",
    "hours",
    "activity",
    "text",
    "state",
    "submitted_at",
    "decided_at",
    "decided_by_id",
    "return_reason",
    "escalated_at",
]
AUDIT_COLUMNS = ["id", "at", "actor_id", "action", "target_type_id", "target_id", "target_repr", "user_agent", "data"]


def _span(ctx: ScaleContext, rng):
    """Dates and state of one ordinary engagement."""
    today = ctx.today
    starts_on = today - timedelta(days=rng.randint(30, 3 * 365 - 30))
    ends_on = starts_on + timedelta(days=rng.randint(120, 365))
    state = (State.COMPLETED if rng.random() < 0.9 else State.TERMINATED) if ends_on < today else State.ACTIVE
    return starts_on, ends_on, state


def seed(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    clusters, ceos = ctx.data["clusters"], ctx.data["ceos"]
    profiles, goals_by_cluster = ctx.data["profiles"], ctx.data["goals_by_cluster"]
    staffed = [cluster for cluster in clusters if cluster.pk in ceos]
    plans = []  # (engagement, number of logs)
    for index, cluster in enumerate(staffed):
        for number in range(ENGAGEMENTS_PER_CLUSTER + (1 if index == 0 else 0)):
            profile = rng.choice(profiles)
            big = index == 0 and number == ENGAGEMENTS_PER_CLUSTER
            if big:
                starts_on, ends_on, state = today - timedelta(days=3 * 365), today + timedelta(days=60), State.ACTIVE
            else:
                starts_on, ends_on, state = _span(ctx, rng)
            rate = (Decimal(profile.day_rate) / 8).quantize(Decimal("1"))
            engagement = Engagement(
                cluster=cluster,
                advisor=profile,
                model=profile.organisation.relationship_model,
                scope=f"{rng.choice(TEXTS)} — {cluster.name_he}",
                starts_on=starts_on,
                ends_on=ends_on,
                hourly_rate=rate,
                state=state,
                created_by=ceos[cluster.pk],
                proposed_at=aware(starts_on - timedelta(days=10)),
                accepted_at=aware(starts_on - timedelta(days=5)),
                declaration_text=DECLARATION_TEXT_DEFAULT,
                declared_at=aware(starts_on - timedelta(days=5)),
                closed_at=aware(ends_on) if state in (State.COMPLETED, State.TERMINATED) else None,
                close_reason="הסתיים התקציב לפני המועד" if state == State.TERMINATED else "",
            )
            big_logs = round(BIG_ENGAGEMENT_LOGS * min(1, ctx.scale))
            plans.append((engagement, big_logs if big else rng.randint(*LOGS_PER_ENGAGEMENT)))

    # Work logs first (in memory), so each budget can be set to cover what was logged.
    day_totals = defaultdict(Decimal)  # (advisor person id, day) -> hours
    logs_of = []
    for engagement, wanted in plans:
        person_id = engagement.advisor.person_id
        last_day = min(engagement.ends_on, today)
        days = (last_day - engagement.starts_on).days + 1
        entries, attempts = [], 0
        while len(entries) < wanted and attempts < 3 * wanted:
            attempts += 1
            worked_on = engagement.starts_on + timedelta(days=rng.randrange(days))
            hours = rng.choice(HOURS)
            if day_totals[(person_id, worked_on)] + hours > 24:
                continue
            day_totals[(person_id, worked_on)] += hours
            entries.append((worked_on, hours))
        logs_of.append(entries)
    for (engagement, _wanted), entries in zip(plans, logs_of, strict=True):
        logged = sum((hours for _day, hours in entries), Decimal(0))
        share = Decimal(rng.randint(55, 97)) / 100 if engagement.state == State.ACTIVE else Decimal("0.98")
        budget_hours = (max(logged, Decimal(10)) / share).quantize(Decimal("1"), rounding=ROUND_CEILING)
        engagement.budget_hours = budget_hours
        if rng.random() < 0.5:  # half also have a budget in shekels, which covers the hours' cost
            engagement.budget_amount = budget_hours * engagement.hourly_rate
    engagements = ctx.bulk(Engagement, [engagement for engagement, _wanted in plans])

    needs_through, goals_through = Engagement.needs.through, Engagement.goals.through
    need_rows, goal_rows, goal_of = [], [], {}
    for engagement in engagements:
        for need in rng.sample(engagement.advisor.scale_needs, min(2, len(engagement.advisor.scale_needs))):
            need_rows.append(needs_through(engagement_id=engagement.pk, need_id=need.pk))
        served = rng.sample(goals_by_cluster[engagement.cluster_id], 2)
        goal_of[engagement.pk] = served[0]
        goal_rows.extend(goals_through(engagement_id=engagement.pk, goal_id=goal.pk) for goal in served)
    ctx.bulk(needs_through, need_rows)
    ctx.bulk(goals_through, goal_rows)
    transitions = []
    for engagement in engagements:
        steps = [
            (State.DRAFT, State.PROPOSED, engagement.proposed_at),
            (State.PROPOSED, State.ACTIVE, engagement.accepted_at),
        ]
        if engagement.closed_at:
            steps.append((State.ACTIVE, engagement.state, engagement.closed_at))
        transitions.extend(
            Transition(
                engagement=engagement,
                from_state=from_state,
                to_state=to_state,
                at=at,
                by=engagement.created_by if to_state != State.ACTIVE else engagement.advisor.person,
                reason=engagement.close_reason if to_state == State.TERMINATED else "",
            )
            for from_state, to_state, at in steps
        )
    ctx.bulk(Transition, transitions)

    total = sum(len(entries) for entries in logs_of)
    progress = ctx.progress("work logs", total)
    recent = today - timedelta(days=APPROVAL_LAG_DAYS)
    ids = iter(ctx.reserve_ids(WorkLog, total))
    audit_ids = iter(ctx.reserve_ids(AuditEvent, 2 * total))
    work_log_type = ContentType.objects.get_for_model(WorkLog).pk
    logs, log_goals, audit = [], [], []

    def flush():
        ctx.copy_rows(WorkLog, LOG_COLUMNS, logs)
        ctx.copy_rows(WorkLog.goals.through, ["worklog_id", "goal_id"], log_goals)
        ctx.copy_rows(AuditEvent, AUDIT_COLUMNS, audit)
        progress.advance(len(logs))
        logs.clear()
        log_goals.clear()
        audit.clear()

    for engagement, entries in zip(engagements, logs_of, strict=True):
        ceo_id, person_id, goal_id = engagement.created_by_id, engagement.advisor.person_id, goal_of[engagement.pk].pk
        is_active = engagement.state == State.ACTIVE
        for worked_on, hours in entries:
            if worked_on > recent and is_active:
                state = WorkLogState.SUBMITTED
            elif is_active and rng.random() < 0.02:
                state = WorkLogState.RETURNED
            else:
                state = WorkLogState.APPROVED
            decided = state != WorkLogState.SUBMITTED
            pk = next(ids)
            submitted_at = aware(worked_on, 18)
            decided_at = aware(worked_on + timedelta(days=rng.randint(1, 7))) if decided else None
            logs.append(
                (
                    pk,
                    engagement.pk,
                    person_id,
                    worked_on,
                    hours,
                    rng.choice(ACTIVITIES),
                    rng.choice(TEXTS),
                    state,
                    submitted_at,
                    decided_at,
                    ceo_id if decided else None,
                    "נא לפרט את הפעילות" if state == WorkLogState.RETURNED else "",
                    None,
                )
            )
            log_goals.append((pk, goal_id))
            target = f"{engagement.pk} {worked_on}: {hours}"
            audit.append((next(audit_ids), submitted_at, person_id, "work_logged", work_log_type, pk, target, "", {}))
            if decided:
                action = "work_log_approved" if state == WorkLogState.APPROVED else "work_log_returned"
                audit.append((next(audit_ids), decided_at, ceo_id, action, work_log_type, pk, target, "", {}))
            if len(logs) >= 10_000:
                flush()
    flush()
    progress.finish(f"{len(engagements)} engagements, {total} work logs")

    # The cluster's review of each completed engagement, revealed, and the advisors' track records from them.
    reviews, distributions, completed, needs_served = [], {}, defaultdict(int), defaultdict(lambda: defaultdict(int))
    codes_of = defaultdict(list)
    for row in needs_through.objects.filter(
        engagement__in=[e for e in engagements if e.state == State.COMPLETED]
    ).values("engagement_id", "need__code"):
        codes_of[row["engagement_id"]].append(row["need__code"])
    for engagement in engagements:
        if engagement.state != State.COMPLETED:
            continue
        scores = {dimension: rng.choice([3, 4, 4, 5, 5]) for dimension in RatingDimension.values}
        reviews.append(
            Review(
                engagement=engagement,
                side=ReviewSide.CLIENT,
                author=engagement.created_by,
                text="ליווי מקצועי",
                submitted_at=engagement.closed_at + timedelta(days=3),
                revealed_at=engagement.closed_at + timedelta(days=17),
                **scores,
            )
        )
        profile_id = engagement.advisor_id
        completed[profile_id] += 1
        counts = distributions.setdefault(profile_id, {d: [0] * 5 for d in RatingDimension.values})
        for dimension, stars in scores.items():
            counts[dimension][stars - 1] += 1
        for code in codes_of[engagement.pk]:
            needs_served[profile_id][code] += 1
    ctx.bulk(Review, reviews)
    for profile_id, count in completed.items():
        update_track_record(
            profile_id=profile_id,
            completed_engagements=count,
            rating_distributions=distributions[profile_id],
            needs_served=dict(needs_served[profile_id]),
        )
    ctx.data.update(engagements=engagements)


def budget_rules_hold(engagement: Engagement) -> bool:
    """Whether the hours logged on the engagement (approved or waiting) fit its budget in hours and in shekels."""
    logged = engagement.work_logs.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    extensions = engagement.extensions.aggregate(hours=Sum("added_hours"), amount=Sum("added_amount"))
    if engagement.budget_hours is not None and logged > engagement.budget_hours + (extensions["hours"] or 0):
        return False
    amount = engagement.budget_amount
    return amount is None or logged * engagement.hourly_rate <= amount + (extensions["amount"] or 0)
