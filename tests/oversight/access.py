"""Access rules for the oversight app: referents read the clusters they oversee and raise findings; the cluster's
CEO and board read its findings and the CEO answers; advisors and organisation managers get nothing."""

from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Rule, expect, only

referents = ("referent", "treasury_referent", "head_referent")
# The lists every referent opens (each sees the clusters they oversee): the other cluster's referent too.
national = (*referents, "other_referent")


def other_cluster_hidden(answers: dict) -> dict:
    """The other cluster's referent finds nothing of this cluster: a 404, as for any object outside one's scope."""
    return {**answers, "other_referent": NOT_FOUND}


def _finding(world):
    from tests.factories.oversight import FindingFactory

    world.extra["finding"] = FindingFactory(cluster=world.cluster, raised_by=world.referent)


def _report(state):
    def setup(world):
        from tests.factories.oversight import report_in_state

        world.extra["report"] = report_in_state(world.cluster, world.ceo, state)

    return {"kwargs": lambda w: {"pk": w.report.pk}, "setup": setup}


cluster_pk = {"kwargs": lambda w: {"pk": w.cluster.pk}}
finding_pk = {"kwargs": lambda w: {"pk": w.finding.pk}, "setup": _finding}

RULES = [
    Rule("oversight:home", only(*national)),
    Rule("oversight:export_csv", only(*national)),
    Rule("oversight:export_xlsx", only(*national)),
    Rule("oversight:cluster", expect(default=NOT_FOUND, **dict.fromkeys(referents, OK)), **cluster_pk),
    Rule("oversight:cluster_engagements_csv", other_cluster_hidden(only(*referents)), **cluster_pk),
    Rule("oversight:cluster_engagements_xlsx", other_cluster_hidden(only(*referents)), **cluster_pk),
    Rule(
        "oversight:finding_create",
        expect(default=NOT_FOUND, **dict.fromkeys(referents, REDIRECT)),
        method="post",
        data={"severity": "high", "text": "No tender yet", "due_on": "2030-06-30"},
        note="GET shows the form to referents; everyone else finds no cluster",
        **cluster_pk,
    ),
    Rule("oversight:findings", only(*national, "ceo", "other_ceo", "board_member")),
    Rule(
        "oversight:finding_answer",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN, **dict.fromkeys(referents, FORBIDDEN)),
        method="post",
        data={"answer": "The tender opens next month."},
        **finding_pk,
    ),
    Rule(
        "oversight:finding_close",
        expect(default=NOT_FOUND, ceo=FORBIDDEN, board_member=FORBIDDEN, **dict.fromkeys(referents, REDIRECT)),
        method="post",
        **finding_pk,
    ),
    # Periodic reports: the CEO prepares, the board reads, the Interior referent reviews, the Treasury confirms.
    Rule("oversight:reports", only("ceo", "other_ceo", "board_member")),
    Rule(
        "oversight:report_open",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        kwargs=lambda w: {"pk": w.cluster.pk, "period": "2026-01-01"},
        note="the CEO is sent back with an error (the test cluster is forming) or on to the draft",
    ),
    Rule("oversight:report_queue", only(*national)),
    Rule("oversight:report_queue_csv", only(*national)),
    Rule("oversight:report_queue_xlsx", only(*national)),
    Rule(
        "oversight:report",
        expect(default=NOT_FOUND, ceo=OK, board_member=OK, **dict.fromkeys(referents, OK)),
        **_report("submitted"),
    ),
    Rule(
        "oversight:report_edit",
        expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN, **dict.fromkeys(referents, FORBIDDEN)),
        **_report("draft"),
    ),
    Rule(
        "oversight:report_submit",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN, **dict.fromkeys(referents, FORBIDDEN)),
        method="post",
        **_report("draft"),
    ),
    Rule(
        "oversight:report_accept",
        expect(
            default=NOT_FOUND,
            ceo=FORBIDDEN,
            board_member=FORBIDDEN,
            referent=REDIRECT,
            head_referent=REDIRECT,
            treasury_referent=FORBIDDEN,
        ),
        method="post",
        **_report("submitted"),
    ),
    Rule(
        "oversight:report_return",
        expect(
            default=NOT_FOUND,
            ceo=FORBIDDEN,
            board_member=FORBIDDEN,
            referent=OK,
            head_referent=OK,
            treasury_referent=FORBIDDEN,
        ),
        note="GET shows the findings form to the Interior and head referents",
        **_report("submitted"),
    ),
    Rule(
        "oversight:report_confirm",
        expect(
            default=NOT_FOUND,
            ceo=FORBIDDEN,
            board_member=FORBIDDEN,
            referent=FORBIDDEN,
            head_referent=REDIRECT,
            treasury_referent=REDIRECT,
        ),
        method="post",
        **_report("accepted"),
    ),
    Rule(
        "oversight:report_correct",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN, **dict.fromkeys(referents, FORBIDDEN)),
        method="post",
        **_report("confirmed"),
    ),
]


def _approved_plan(world):
    from datetime import date

    from django.utils import timezone

    from clusters.models import WorkPlan, WorkPlanItem

    plan = WorkPlan.objects.create(
        cluster=world.cluster, year=date.today().year, status=WorkPlan.Status.APPROVED, approved_at=timezone.now()
    )
    WorkPlanItem.objects.create(plan=plan, title="Tender", starts_on=date.today(), ends_on=date.today())
    world.extra["plan"] = plan


def _review(world):
    from oversight.models import WorkPlanReview

    _approved_plan(world)
    world.extra["review"] = WorkPlanReview.objects.create(
        plan=world.plan,
        cluster=world.cluster,
        year=world.plan.year,
        plan_approved_at=world.plan.approved_at,
        decision="approved",
        decided_by=world.referent,
    )


def _rebaseline(world):
    from datetime import date
    from decimal import Decimal

    from clusters import services
    from tests.factories.clusters import GoalFactory, ServiceFactory

    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster))
    world.extra["rebaseline"] = services.rebaseline_goal(
        goal=goal,
        baseline_value=Decimal(800_000),
        baseline_on=date(2025, 1, 1),
        reason="The 2024 ledger was incomplete",
        changed_by=world.ceo,
    )


deciders = ("referent", "head_referent")
rebaseline_pk = {"kwargs": lambda w: {"pk": w.rebaseline.pk}, "setup": _rebaseline}

# Work-plan review and re-baselined goals: every referent overseeing the cluster reads; its Interior referent and
# the head referent decide; the cluster's CEO and board read the outcome; advisors and managers get nothing.
RULES += [
    Rule("oversight:findings_csv", only(*national)),
    Rule("oversight:findings_xlsx", only(*national)),
    Rule("oversight:plan_queue", only(*national)),
    Rule("oversight:plan_queue_csv", only(*national)),
    Rule("oversight:plan_queue_xlsx", only(*national)),
    Rule(
        "oversight:plan_review",
        other_cluster_hidden(only(*referents)),
        kwargs=lambda w: {"pk": w.plan.pk},
        setup=_approved_plan,
    ),
    Rule(
        "oversight:review_outcome",
        expect(default=NOT_FOUND, ceo=OK, board_member=OK, **dict.fromkeys(referents, OK)),
        kwargs=lambda w: {"pk": w.review.pk},
        setup=_review,
    ),
    Rule("oversight:rebaseline_queue", only(*national)),
    Rule("oversight:rebaseline_queue_csv", only(*national)),
    Rule("oversight:rebaseline_queue_xlsx", only(*national)),
    Rule(
        "oversight:rebaseline_acknowledge",
        other_cluster_hidden(only(*deciders, answer=REDIRECT)),
        method="post",
        note="the Treasury referent reads the queue but does not decide",
        **rebaseline_pk,
    ),
    Rule("oversight:rebaseline_query", other_cluster_hidden(only(*deciders)), **rebaseline_pk),
]


def _approved_strategic_plan(world):
    from clusters import strategy

    plan = strategy.start_strategic_plan(
        cluster=world.cluster,
        fields={"title": "Plan", "vision": "v", "strategic_goals": "g", "starts_year": 2026, "ends_year": 2030},
        started_by=world.ceo,
    )
    strategy.add_outcome(plan=plan, horizon="short", channel="urban", title="o", measured_by=[], added_by=world.ceo)
    strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo)
    strategy.approve_strategic_plan(plan=plan, approved_by=world.board_member)
    world.extra["strategic_plan"] = plan


# Strategic plans: every referent overseeing the cluster reads the board-approved versions; the deciders decide.
RULES += [
    Rule("oversight:strategy_queue", only(*national)),
    Rule("oversight:strategy_queue_csv", only(*national), setup=_approved_strategic_plan),
    Rule("oversight:strategy_queue_xlsx", only(*national), setup=_approved_strategic_plan),
    Rule(
        "oversight:strategy_review",
        other_cluster_hidden(only(*referents)),
        kwargs=lambda w: {"pk": w.strategic_plan.pk},
        setup=_approved_strategic_plan,
        note="GET shows the version to every referent; only the deciders get the form",
    ),
]
