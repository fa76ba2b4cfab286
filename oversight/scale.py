"""Synthetic oversight at scale: referents, findings, work-plan reviews, three years of quarterly periodic reports
and today's kept statuses. See accounts/scale.py."""

from datetime import timedelta

from django.conf import settings

from accounts.roles import Role
from accounts.scale import ScaleContext, create_people, grant_roles, person_name
from clusters.models import WorkPlan
from clusters.scale import aware

from .digests import record_statuses
from .models import Finding, PeriodicReport, ReportStep, ReportVersion, WorkPlanReview
from .reports import period_containing

CLUSTERS_PER_REFERENT = 5
REPORTED_PERIODS = 12  # three years of quarters
TEXTS = {
    "narrative": "השירותים המשותפים פועלים ברוב הרשויות; החיסכון מתקדם לפי התוכנית.",
    "risks": "עיכוב אפשרי במכרז ההמשך.",
    "requests": "סיוע בהסדרת ההתקשרות עם המשרד.",
}


def _snapshot(cluster, period) -> dict:
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
        "cluster": cluster.name_he,
        "goals": [],
        "engagements": [],
        "total_hours": "0",
        "total_cost": "0",
        **TEXTS,
    }


def _periods(today, count: int) -> list:
    """The last `count` periods whose reporting window has opened, oldest first."""
    period = period_containing(today)
    periods = []
    while len(periods) < count:
        period = period_containing(period.start - timedelta(days=1))
        periods.append(period)
    return list(reversed(periods))


def seed(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    clusters, ceos = ctx.data["clusters"], ctx.data["ceos"]

    # An Interior and a Treasury referent for every five clusters.
    groups = [
        clusters[start : start + CLUSTERS_PER_REFERENT] for start in range(0, len(clusters), CLUSTERS_PER_REFERENT)
    ]
    people = []
    for number in range(1, len(groups) + 1):
        people.append((f"referent.{number:04d}", person_name(rng, arabic_share=0), "he"))
        people.append((f"treasury.{number:04d}", person_name(rng, arabic_share=0), "he"))
    users = create_people(ctx, people)
    grants, interior_of, treasury_of = [], {}, {}
    for index, group in enumerate(groups):
        interior, treasury = users[2 * index], users[2 * index + 1]
        for cluster in group:
            grants.append((interior, Role.REFERENT_INTERIOR, cluster))
            grants.append((treasury, Role.REFERENT_TREASURY, cluster))
            interior_of[cluster.pk], treasury_of[cluster.pk] = interior, treasury
    grant_roles(ctx, grants, starts_on=today - timedelta(days=3 * 365 + 200))

    # Findings: a few per cluster, some answered or closed, some overdue.
    findings = []
    for cluster in clusters:
        for _ in range(rng.randint(1, 4)):
            state = rng.choice([Finding.State.OPEN, Finding.State.ANSWERED, Finding.State.CLOSED])
            raised = today - timedelta(days=rng.randint(5, 400))
            findings.append(
                Finding(
                    cluster=cluster,
                    raised_by=interior_of[cluster.pk],
                    severity=rng.choice(Finding.Severity.values),
                    text="נא לעדכן את לוח הזמנים של השירות המשותף.",
                    due_on=raised + timedelta(days=rng.randint(14, 60)),
                    state=state,
                    raised_at=aware(raised),
                    answer="" if state == Finding.State.OPEN else "לוח הזמנים עודכן.",
                    answered_by=ceos.get(cluster.pk) if state != Finding.State.OPEN else None,
                    answered_at=aware(raised + timedelta(days=7)) if state != Finding.State.OPEN else None,
                    closed_by=interior_of[cluster.pk] if state == Finding.State.CLOSED else None,
                    closed_at=aware(raised + timedelta(days=10)) if state == Finding.State.CLOSED else None,
                )
            )
    ctx.bulk(Finding, findings)

    # Work plans the board approved in earlier years were approved by the referent; this year's wait in the queue.
    reviews = []
    for plan in ctx.data["work_plans"]:
        if plan.status == WorkPlan.Status.APPROVED and plan.year < today.year:
            reviews.append(
                WorkPlanReview(
                    plan=plan,
                    cluster_id=plan.cluster_id,
                    year=plan.year,
                    plan_approved_at=plan.approved_at,
                    decision=WorkPlanReview.Decision.APPROVED,
                    decided_by=interior_of[plan.cluster_id],
                    decided_at=plan.approved_at + timedelta(days=20),
                )
            )
    ctx.bulk(WorkPlanReview, reviews)

    # Three years of quarterly reports: earlier ones final, the latest in every state of the review.
    periods = _periods(today, REPORTED_PERIODS)
    confirmed = settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION
    reports, plans = [], []
    for cluster in clusters:
        ceo = ceos.get(cluster.pk)
        if ceo is None:
            continue
        for position, period in enumerate(periods):
            latest = position >= len(periods) - 2
            outcome = rng.choice(["submitted", "returned", "draft", "accepted", "missing"]) if latest else "final"
            if outcome == "missing":
                continue
            late = rng.random() < 0.15
            submitted = aware(
                period.due_on + timedelta(days=rng.randint(1, 20))
                if late
                else period.due_on - timedelta(days=rng.randint(1, 25))
            )
            if submitted.date() > today:
                submitted = aware(today)
            reports.append(
                PeriodicReport(
                    cluster=cluster,
                    period_start=period.start,
                    period_end=period.end,
                    due_on=period.due_on,
                    opened_by=ceo,
                    opened_at=aware(period.window_opens),
                    first_submitted_at=None if outcome == "draft" else submitted,
                )
            )
            plans.append((outcome, ceo, interior_of[cluster.pk], treasury_of[cluster.pk], cluster, period, submitted))
    ctx.bulk(PeriodicReport, reports)
    versions, steps_of = [], []
    for report, (outcome, ceo, interior, treasury, cluster, period, submitted) in zip(reports, plans, strict=True):
        if outcome == "final":
            state = ReportVersion.State.CONFIRMED if confirmed else ReportVersion.State.ACCEPTED
        else:
            state = {
                "submitted": ReportVersion.State.SUBMITTED,
                "returned": ReportVersion.State.RETURNED,
                "draft": ReportVersion.State.DRAFT,
                "accepted": ReportVersion.State.ACCEPTED,
            }[outcome]
        is_draft = state == ReportVersion.State.DRAFT
        versions.append(
            ReportVersion(
                report=report,
                number=1,
                state=state,
                snapshot=None if is_draft else _snapshot(cluster, period),
                created_by=ceo,
                created_at=report.opened_at,
                submitted_at=None if is_draft else submitted,
                **TEXTS,
            )
        )
        steps = [(ReportStep.Action.OPEN, ceo, report.opened_at)]
        if not is_draft:
            steps.append((ReportStep.Action.SUBMIT, ceo, submitted))
        if state == ReportVersion.State.RETURNED:
            steps.append((ReportStep.Action.RETURN, interior, submitted + timedelta(days=5)))
        if state in (ReportVersion.State.ACCEPTED, ReportVersion.State.CONFIRMED):
            steps.append((ReportStep.Action.ACCEPT, interior, submitted + timedelta(days=5)))
        if state == ReportVersion.State.CONFIRMED:
            steps.append((ReportStep.Action.CONFIRM, treasury, submitted + timedelta(days=9)))
        steps_of.append(steps)
    ctx.bulk(ReportVersion, versions)
    ctx.bulk(
        ReportStep,
        [
            ReportStep(version=version, action=action, actor=actor, at=at)
            for version, steps in zip(versions, steps_of, strict=True)
            for action, actor, at in steps
        ],
    )
    kept = record_statuses(today=today)
    ctx.stdout.write(
        f"oversight: {len(groups) * 2} referents, {len(findings)} findings, {len(reports)} periodic reports, "
        f"{kept} statuses kept"
    )
