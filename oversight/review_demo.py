"""Demo work-plan reviews and a re-baselined goal, for the demo referent (referent@demo.test).

The first demo cluster (ceo@ and board@demo.test) drafted this year's plan and its board approved it; the referent
returned it with a finding, so the CEO can reopen and revise it. The second cluster's plan is approved by its board
and awaits review (that cluster has no demo board member, so the approved plan is written directly). A goal of the
first cluster was re-baselined and awaits acknowledgement.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.demo import demo_user
from clusters import selectors as cluster_selectors
from clusters import services as cluster_services
from clusters.models import Cluster, Goal, WorkPlan, WorkPlanItem
from clusters.models.strategy import add_months

from . import reviews
from .models import WorkPlanReview

ITEMS = [
    ("מכרז משותף לאיסוף פסולת", "6100", Decimal(180_000)),
    ("הקמת מוקד שירות אזורי", "6200", Decimal(95_000)),
]


def _items(plan: WorkPlan, year: int) -> None:
    for title, line, amount in ITEMS:
        WorkPlanItem.objects.create(
            plan=plan,
            title=title,
            budget_line=line,
            budget_amount=amount,
            owner='מנכ"ל האשכול',
            starts_on=date(year, 2, 1),
            ends_on=date(year, 11, 30),
        )


def _pilot(plan: WorkPlan, cluster) -> None:
    """A pilot eight months in, serving the strategic plan's first outcome: its nine-month review is coming up."""
    started = add_months(timezone.localdate(), -8)
    goals = list(Goal.objects.filter(service__cluster=cluster).order_by("pk")[:1])
    item = cluster_services.add_work_plan_item(
        plan=plan,
        title="פיילוט: שירות וטרינרי משותף (נתוני הדגמה)",
        budget_line="6300",
        budget_amount=Decimal(120_000),
        owner='מנכ"ל האשכול',
        starts_on=started,
        ends_on=add_months(started, 12),
        goals=goals,
        outcome=cluster_selectors.outcomes_to_serve(cluster=cluster).first(),
        pilot_starts_on=started,
    )
    cluster_services.record_spending(
        item=item,
        amount=Decimal(95_000),
        spent_on=add_months(started, 2),
        description="רכישת ציוד לפיילוט (נתוני הדגמה)",
        recorded_by=demo_user("ceo@demo.test"),
    )


def seed(*, stdout) -> None:
    clusters = list(Cluster.objects.exclude(cbs_code=None).order_by("cbs_code")[:2])
    if len(clusters) < 2 or WorkPlanReview.objects.exists():
        return
    first, second = clusters
    year = timezone.localdate().year
    referent, ceo, board = (demo_user(f"{name}@demo.test") for name in ("referent", "ceo", "board"))

    if not WorkPlan.objects.filter(cluster=first, year=year).exists():
        plan = cluster_services.start_work_plan(cluster=first, year=year, started_by=ceo)
        _items(plan, year)
        _pilot(plan, first)
        cluster_services.submit_work_plan(plan=plan, submitted_by=ceo)
        cluster_services.approve_work_plan(plan=plan, approved_by=board)
        plan.refresh_from_db()
        if plan.status == WorkPlan.Status.APPROVED:
            reviews.decide_work_plan(
                plan=plan,
                decision=WorkPlanReview.Decision.RETURNED,
                decided_by=referent,
                note="התוכנית אינה מקצה תקציב למדידת יעד החיסכון.",
                findings=[
                    reviews.FindingInput(
                        severity="medium",
                        text="נא להוסיף לתוכנית סעיף תקציב למדידה הרבעונית של יעד החיסכון בפסולת.",
                        due_on=timezone.localdate() + timedelta(days=21),
                    )
                ],
            )

    if not WorkPlan.objects.filter(cluster=second, year=year).exists():
        plan = WorkPlan.objects.create(
            cluster=second,
            year=year,
            status=WorkPlan.Status.APPROVED,
            submitted_at=timezone.now() - timedelta(days=10),
            approved_at=timezone.now() - timedelta(days=3),
        )
        _items(plan, year)

    if not cluster_selectors.rebaselines_for_review(cluster_ids=[first.pk]):
        goal = Goal.objects.filter(service__cluster=first).order_by("pk").first()
        if goal is not None:
            cluster_services.rebaseline_goal(
                goal=goal,
                baseline_value=(goal.baseline_value * Decimal("0.9")).quantize(Decimal("0.01")),
                baseline_on=goal.baseline_on,
                reason="נתוני הבסיס של 2024 כללו עלויות חד-פעמיות של פינוי פסולת חריג; הבסיס תוקן לפי הדוחות המבוקרים.",
                changed_by=ceo,
            )
    stdout.write("oversight: a work plan returned with a finding, one awaiting review, a re-baselined goal")
