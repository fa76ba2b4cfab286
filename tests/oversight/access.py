"""Access rules for the oversight app: referents read the clusters they oversee and raise findings; the cluster's
CEO and board read its findings and the CEO answers; advisors and organisation managers get nothing."""

from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Rule, expect, only

referents = ("referent", "treasury_referent", "head_referent")


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
    Rule("oversight:home", only(*referents)),
    Rule("oversight:export_csv", only(*referents)),
    Rule("oversight:export_xlsx", only(*referents)),
    Rule("oversight:cluster", expect(default=NOT_FOUND, **dict.fromkeys(referents, OK)), **cluster_pk),
    Rule(
        "oversight:finding_create",
        expect(default=NOT_FOUND, **dict.fromkeys(referents, REDIRECT)),
        method="post",
        data={"severity": "high", "text": "No tender yet", "due_on": "2030-06-30"},
        note="GET shows the form to referents; everyone else finds no cluster",
        **cluster_pk,
    ),
    Rule("oversight:findings", only(*referents, "ceo", "other_ceo", "board_member")),
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
    Rule("oversight:report_queue", only(*referents)),
    Rule("oversight:report_queue_csv", only(*referents)),
    Rule("oversight:report_queue_xlsx", only(*referents)),
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
