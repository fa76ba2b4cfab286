"""Access rules for the clusters app: the cluster's CEO and board see it; everyone else, even another cluster's
CEO, finds nothing (404). Only the CEO writes; only a board member approves the work plan."""

from datetime import date
from decimal import Decimal

from tests.access_matrix import BAD_REQUEST, FORBIDDEN, NOT_FOUND, OK, REDIRECT, Rule, expect, only


def _goal(world):
    from tests.factories.clusters import AuthorityFactory, GoalFactory, MembershipFactory, ServiceFactory

    authority = AuthorityFactory()
    MembershipFactory(cluster=world.cluster, authority=authority)
    service = ServiceFactory(cluster=world.cluster)
    service.participants.add(authority)
    world.extra["service"] = service
    world.extra["goal"] = GoalFactory(service=service)


def _plan_in_review(world):
    from clusters.models import WorkPlan, WorkPlanItem

    plan = WorkPlan.objects.create(cluster=world.cluster, year=date.today().year, status=WorkPlan.Status.BOARD_REVIEW)
    WorkPlanItem.objects.create(plan=plan, title="Tender", starts_on=date.today(), ends_on=date.today())


def _plan_draft(world):
    from clusters.models import WorkPlan, WorkPlanItem

    plan = WorkPlan.objects.create(cluster=world.cluster, year=date.today().year)
    WorkPlanItem.objects.create(plan=plan, title="Tender", starts_on=date.today(), ends_on=date.today())


def _plan_approved(world):
    from django.utils import timezone

    from clusters.models import WorkPlan, WorkPlanItem

    plan = WorkPlan.objects.create(
        cluster=world.cluster, year=date.today().year, status=WorkPlan.Status.APPROVED, approved_at=timezone.now()
    )
    WorkPlanItem.objects.create(plan=plan, title="Tender", starts_on=date.today(), ends_on=date.today())


cluster_readers = expect(default=NOT_FOUND, ceo=OK, board_member=OK)
cluster_pk = {"kwargs": lambda w: {"pk": w.cluster.pk}}

RULES = [
    # With one cluster the landing page is that cluster's overview.
    Rule("clusters:home", only("ceo", "other_ceo", "board_member")),
    Rule("clusters:overview", cluster_readers, **cluster_pk),
    Rule("clusters:service", cluster_readers, kwargs=lambda w: {"pk": w.service.pk}, setup=_goal),
    Rule("clusters:goal", cluster_readers, kwargs=lambda w: {"pk": w.goal.pk}, setup=_goal),
    Rule(
        "clusters:measurement_create",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.goal.pk},
        method="post",
        data={"period_kind": "quarter", "period": "2025-Q2", "value": str(Decimal(900_000)), "source": "ledger"},
        setup=_goal,
        note="GET shows the form to the CEO and refuses the board member the same way",
    ),
    Rule("clusters:work_plan", cluster_readers, **cluster_pk),
    Rule(
        "clusters:work_plan_submit",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        setup=_plan_draft,
        **cluster_pk,
    ),
    Rule(
        "clusters:work_plan_approve",
        expect(default=NOT_FOUND, ceo=FORBIDDEN, board_member=REDIRECT),
        method="post",
        setup=_plan_in_review,
        **cluster_pk,
    ),
    # Referents, advisors and everyone outside the cluster find nothing: oversight never edits a work plan.
    Rule(
        "clusters:work_plan_reopen",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        setup=_plan_approved,
        **cluster_pk,
    ),
]

RULES += [
    Rule(
        "clusters:goal_create",
        expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.service.pk},
        setup=_goal,
    ),
    Rule(
        "clusters:goal_rebaseline",
        expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.goal.pk},
        setup=_goal,
    ),
    Rule(
        "clusters:goal_activate",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.goal.pk},
        method="post",
        setup=_goal,
    ),
]

RULES += [
    Rule("clusters:service_create", expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN), **cluster_pk),
    Rule(
        "clusters:service_edit",
        expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.service.pk},
        setup=_goal,
    ),
    Rule(
        "clusters:service_status",
        expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.service.pk},
        setup=_goal,
    ),
]


def _item(world):
    from clusters.models import WorkPlan, WorkPlanItem

    plan = WorkPlan.objects.create(cluster=world.cluster, year=date.today().year)
    world.extra["item"] = WorkPlanItem.objects.create(
        plan=plan, title="Tender", starts_on=date.today(), ends_on=date.today()
    )


RULES += [
    Rule(
        "clusters:work_plan_item_remove",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.item.pk},
        method="post",
        setup=_item,
    ),
]


def _measurement(world):
    from clusters import services

    _goal(world)
    world.extra["measurement"] = services.record_measurement(
        goal=world.goal,
        period_kind="quarter",
        period_start=date(2025, 1, 1),
        value=Decimal(950_000),
        authority_values={},
        source="ledger",
        entered_by=None,
    )


RULES += [
    Rule(
        "clusters:measurement_correct",
        expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.measurement.pk},
        setup=_measurement,
    ),
]

RULES += [
    Rule(
        "clusters:incorporation",
        expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN),
        note="GET: only the cluster's CEO gets the form; the board member reads the cluster but may not change it",
        **cluster_pk,
    ),
    Rule(
        "clusters:incorporation",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        data={"incorporated_on": "2018-06-01", "source": "statutory order"},
        note="only the cluster's CEO enters the incorporation date",
        **cluster_pk,
    ),
]


def _strategic_plan(status):
    def setup(world):
        from clusters import strategy

        plan = strategy.start_strategic_plan(
            cluster=world.cluster,
            fields={"title": "Plan", "vision": "v", "strategic_goals": "g", "starts_year": 2026, "ends_year": 2030},
            started_by=world.ceo,
        )
        strategy.add_outcome(plan=plan, horizon="short", channel="urban", title="o", measured_by=[], added_by=world.ceo)
        if status != "draft":
            strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo)
        world.extra["strategic_plan"] = plan

    return {"kwargs": lambda w: {"pk": w.strategic_plan.pk}, "setup": setup}


def _pilot(world):
    from clusters import services
    from clusters.models import WorkPlan

    plan = WorkPlan.objects.create(cluster=world.cluster, year=date.today().year)
    item = services.add_work_plan_item(
        plan=plan,
        title="Pilot",
        budget_line="",
        budget_amount=Decimal(0),
        owner="",
        starts_on=date.today(),
        ends_on=date.today(),
        goals=[],
        pilot_starts_on=date.today(),
    )
    world.extra["pilot"] = item.pilot


# The strategic plan: the CEO and the board read every version; only the CEO drafts and edits a draft; only a
# board member approves a version with the board. Everyone else, referents included, finds nothing here: oversight
# reads the board-approved versions in its own review pages.
RULES += [
    Rule(
        "clusters:strategic_plan",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        data={"title": "Plan", "vision": "v", "strategic_goals": "g", "starts_year": "2026", "ends_year": "2030"},
        note="GET shows the CEO the form and the board member that there is no plan yet",
        **cluster_pk,
    ),
    Rule("clusters:strategic_plan_version", cluster_readers, **_strategic_plan("draft")),
    Rule("clusters:strategic_plan_print", cluster_readers, **_strategic_plan("draft")),
    Rule(
        "clusters:strategic_plan_pdf",
        cluster_readers,
        note="the printable view as a PDF: the same readers, the same refusals",
        **_strategic_plan("draft"),
    ),
    Rule(
        "clusters:strategic_plan_edit",
        # the CEO's incomplete plan comes back on the plan page with its errors (400)
        expect(default=NOT_FOUND, ceo=BAD_REQUEST, board_member=FORBIDDEN),
        method="post",
        data={"plan-title": "New"},
        **_strategic_plan("draft"),
    ),
    Rule(
        "clusters:strategic_plan_outcome_add",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        data={"outcome-horizon": "long", "outcome-channel": "social", "outcome-title": "x"},
        **_strategic_plan("draft"),
    ),
    Rule(
        "clusters:strategic_plan_milestone_add",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        data={"milestone-title": "x", "milestone-due_on": "2027-01-01", "milestone-channel": "social"},
        **_strategic_plan("draft"),
    ),
    Rule(
        "clusters:strategic_plan_submit",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        **_strategic_plan("draft"),
    ),
    Rule(
        "clusters:strategic_plan_approve",
        expect(default=NOT_FOUND, ceo=FORBIDDEN, board_member=REDIRECT),
        method="post",
        **_strategic_plan("board_review"),
    ),
    Rule(
        "clusters:pilot_decide",
        expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.pilot.pk},
        setup=_pilot,
    ),
]


def _line(world):
    from clusters.models import WorkPlan, WorkPlanItem

    plan = WorkPlan.objects.create(cluster=world.cluster, year=date.today().year)
    world.extra["line"] = WorkPlanItem.objects.create(
        plan=plan, title="Tender", starts_on=date.today(), ends_on=date.today()
    )


RULES += [
    Rule(
        "clusters:spending_create",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        data=lambda w: {"item": w.line.pk, "amount": "100", "spent_on": date.today().isoformat(), "description": "x"},
        setup=_line,
        note="only the cluster's CEO records spending on its work plan",
        **cluster_pk,
    ),
]
