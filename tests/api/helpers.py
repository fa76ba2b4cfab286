"""A cluster with public and private things in it, for the public pages' tests."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from engagements import services as engagement_services
from engagements.models import Review
from oversight.models import PeriodicReport, ReportStep, ReportVersion
from tests.factories.advisors import make_profile
from tests.factories.clusters import GoalFactory, MeasurementFactory, MembershipFactory, ServiceFactory
from tests.factories.engagements import active_engagement
from tests.factories.oversight import EMPTY_SNAPSHOT, FindingFactory

MARKER = "UNPUBLISHED-MARKER-7f3a"


def published_goal(cluster, *, name="Waste collection cost", measurements=1, **values):
    service = ServiceFactory(cluster=cluster)
    goal = GoalFactory(service=service, name=name, is_public=True, **values)
    for index in range(measurements):
        MeasurementFactory(
            goal=goal, period_start=date(2025 - index // 4, 10 - 3 * (index % 4), 1), value=Decimal(900_000)
        )
    return goal


def accepted_report(cluster, ceo, *, snapshot_goals=(), version_fields=None, snapshot_extra=None, **sections):
    """An accepted report, its version written whole at once: an accepted version cannot be changed afterwards."""
    report = PeriodicReport.objects.create(
        cluster=cluster,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        due_on=date(2026, 4, 30),
        opened_by=ceo,
        **sections,
    )
    version = ReportVersion.objects.create(
        report=report,
        number=1,
        state=ReportVersion.State.ACCEPTED,
        created_by=ceo,
        snapshot={**EMPTY_SNAPSHOT, "goals": list(snapshot_goals), **(snapshot_extra or {})},
        **(version_fields or {}),
    )
    ReportStep.objects.create(version=version, action=ReportStep.Action.ACCEPT, actor=ceo)
    return report


def published_strategic_plan(cluster, ceo, board_member, *, goals=(), pilot_reason="Worked", budget=Decimal(120_000)):
    """A board-approved strategic plan the CEO published, with an outcome, a milestone and a decided pilot on a
    board-approved work plan (budgets not published)."""
    from clusters import services, strategy
    from clusters.models import Cluster, Pilot, WorkPlan

    plan = strategy.start_strategic_plan(
        cluster=cluster,
        fields={
            "title": "Growing together",
            "vision": "A cluster where every resident gets the service",
            "strategic_goals": "Cheaper waste\nMore coverage",
            "starts_year": 2026,
            "ends_year": 2030,
        },
        started_by=ceo,
    )
    strategy.add_outcome(
        plan=plan, horizon="short", channel="urban", title="Joint tender signed", measured_by=goals, added_by=ceo
    )
    strategy.add_milestone(plan=plan, title="Tender published", due_on=date(2027, 3, 1), channel="urban", added_by=ceo)
    strategy.submit_strategic_plan(plan=plan, submitted_by=ceo)
    strategy.approve_strategic_plan(plan=plan, approved_by=board_member)
    today = timezone.localdate()
    work_plan = services.start_work_plan(cluster=cluster, year=today.year, started_by=ceo)
    item = services.add_work_plan_item(
        plan=work_plan,
        title="Recycling pilot",
        budget_line="7.1",
        budget_amount=budget,
        owner="CEO",
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year, 12, 31),
        goals=[],
        pilot_starts_on=date(today.year, 1, 15),
    )
    WorkPlan.objects.filter(pk=work_plan.pk).update(status=WorkPlan.Status.APPROVED, approved_at=timezone.now())
    Pilot.objects.filter(item=item).update(
        decision="scale", decided_on=today, decided_by=ceo, reason=pilot_reason, evidence=[{"goal": pilot_reason}]
    )
    Cluster.objects.filter(pk=cluster.pk).update(is_strategic_plan_public=True)
    return plan


def plant_private_markers(world) -> None:
    """The marker in everything that must never be public: an unpublished goal, a work log, a finding, a review,
    the unpublished sections of an accepted report and an unpublished goal's line in its snapshot."""
    cluster = world.cluster
    MembershipFactory(cluster=cluster)
    published_goal(cluster, name="Published saving")
    private = GoalFactory(service=ServiceFactory(cluster=cluster), name=f"Goal {MARKER}")
    MeasurementFactory(goal=private, period_start=date(2025, 10, 1), value=Decimal(900_000), source=MARKER)
    profile = make_profile()
    today = timezone.localdate()
    engagement = active_engagement(
        cluster=cluster,
        ceo=world.ceo,
        profile=profile,
        scope=f"Scope {MARKER}",
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year, 12, 31),
    )
    entry = engagement_services.log_work(
        engagement=engagement,
        advisor=profile.person,
        worked_on=today,
        hours=Decimal(2),
        activity="advice",
        text=f"Work log {MARKER}",
    )
    engagement_services.approve_work_log(entry=entry, approved_by=world.ceo)
    Review.objects.create(
        engagement=engagement,
        side="client",
        author=world.ceo,
        text=f"Review {MARKER}",
        revealed_at=timezone.now(),
        **dict.fromkeys(("expertise", "responsiveness", "goals", "value"), 4),
    )
    FindingFactory(cluster=cluster, raised_by=world.referent, text=f"Finding {MARKER}")
    accepted_report(
        cluster,
        world.ceo,
        is_narrative_public=True,
        is_goals_public=True,
        snapshot_goals=[
            {"service": "s", "goal": "Published saving", "status": "on_track", "percent": 40},
            {"service": "s", "goal": f"Goal {MARKER}", "status": "on_track", "percent": 10},
        ],
        version_fields={"risks": MARKER, "requests": MARKER},
        snapshot_extra={"risks": f"Risk {MARKER}", "requests": f"Request {MARKER}"},
    )
    # The published strategic plan: its pilot's reason and evidence, and the unpublished goal measuring its outcome,
    # stay private; so do a later draft version, oversight's review of the plan and its finding.
    from clusters import strategy
    from oversight import strategy_reviews
    from oversight.reviews import FindingInput

    plan = published_strategic_plan(cluster, world.ceo, world.board_member, goals=[private], pilot_reason=MARKER)
    strategy_reviews.decide_strategic_plan(
        plan=plan,
        decision="returned",
        decided_by=world.referent,
        note=f"Note {MARKER}",
        findings=[FindingInput(severity="high", text=f"Plan finding {MARKER}", due_on=date(2030, 1, 1))],
    )
    strategy.start_strategic_plan(
        cluster=cluster,
        fields={
            "title": f"Draft {MARKER}",
            "vision": f"Vision {MARKER}",
            "strategic_goals": MARKER,
            "starts_year": 2027,
            "ends_year": 2031,
        },
        started_by=world.ceo,
    )
    # Quality measures are published: aggregates, with nothing of the inquiries (whose text holds the marker).
    from clusters.models import Cluster
    from quality.models import Inquiry, Measure

    service = private.service
    authority = cluster.memberships.first().authority
    Inquiry.objects.create(
        service=service, authority=authority, request_id=f"R-{MARKER}", requested_at=timezone.now(), status="open"
    )
    Measure.objects.create(service=service, authority=authority, month=date(2026, 1, 1), inquiries=1)
    Cluster.objects.filter(pk=cluster.pk).update(is_quality_public=True)
