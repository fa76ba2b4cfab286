"""Access rules for the oversight app: referents read the clusters they oversee and raise findings; the cluster's
CEO and board read its findings and the CEO answers; advisors and organisation managers get nothing."""

from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Rule, expect, only

referents = ("referent", "treasury_referent", "head_referent")


def _finding(world):
    from tests.factories.oversight import FindingFactory

    world.extra["finding"] = FindingFactory(cluster=world.cluster, raised_by=world.referent)


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
]
