"""Access rules for the engagements app.

An engagement is seen by its two sides only: the cluster (its CEO, and its board members read-only) and the
advisor on it. Another cluster's CEO, other advisors, referents, curators and admins get a 404 for it (oversight
reads summaries through engagements.selectors, never these pages). Visible but not allowed (the advisor trying
the CEO's actions, or the reverse, and a board member trying either): 403.
"""

from datetime import date
from decimal import Decimal

from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Rule, expect, only


def _engagements(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from advisors.models import VettingState
    from engagements import services
    from tests.factories.advisors import make_profile
    from tests.factories.engagements import active_engagement, draft_engagement, goal_of

    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    world.extra["profile"] = make_profile(person=world.advisor, organisation=world.organisation)
    goal = goal_of(world.cluster)
    world.extra["engagement"] = active_engagement(
        cluster=world.cluster, ceo=world.ceo, profile=world.profile, goals=[goal]
    )
    world.extra["draft"] = draft_engagement(cluster=world.cluster, ceo=world.ceo, profile=world.profile)
    world.extra["entry"] = services.log_work(
        engagement=world.engagement,
        advisor=world.advisor,
        worked_on=date(2026, 3, 2),
        hours=Decimal(2),
        activity="advice",
        text="Workshop",
    )
    world.extra["returned"] = services.log_work(
        engagement=world.engagement,
        advisor=world.advisor,
        worked_on=date(2026, 3, 3),
        hours=Decimal(1),
        activity="advice",
        text="Call",
    )
    services.return_work_log(entry=world.returned, returned_by=world.ceo, reason="Which call?")
    world.extra["deliverable"] = services.add_deliverable(
        engagement=world.engagement,
        added_by=world.advisor,
        milestone="Phase 1",
        title="Report",
        upload=SimpleUploadedFile("report.pdf", b"%PDF-1.7\n"),
    )
    completed = active_engagement(cluster=world.cluster, ceo=world.ceo, profile=world.profile)
    services.complete_engagement(engagement=completed, completed_by=world.ceo)
    world.extra["completed"] = completed
    world.extra["client_review"] = services.submit_review(
        engagement=completed, author=world.ceo, text="Good", expertise=4, responsiveness=4, goals=4, value=4
    )
    services.submit_review(engagement=completed, author=world.advisor, text="Fine")


def _shortlisted(world):
    from advisors import services as advisor_services
    from advisors.models import Need

    _engagements(world)
    shortlist = advisor_services.create_shortlist(
        cluster=world.cluster,
        need=Need.objects.get(code="management.workplan_budget"),
        title="Budget",
        created_by=world.ceo,
    )
    world.extra["shortlist_entry"] = advisor_services.add_to_shortlist(
        shortlist=shortlist, profile=world.profile, note="", added_by=world.ceo
    )


SIDES_ONLY = expect(default=NOT_FOUND, ceo=OK, advisor=OK, board_member=OK)
CEO_ACTS = expect(default=NOT_FOUND, ceo=REDIRECT, advisor=FORBIDDEN, board_member=FORBIDDEN)
ADVISOR_ACTS = expect(default=NOT_FOUND, advisor=REDIRECT, ceo=FORBIDDEN, board_member=FORBIDDEN)

RULES = [
    Rule(
        "engagements:list",
        only("ceo", "other_ceo", "advisor", "other_advisor", "board_member"),
        setup=_engagements,
        note="the board reads its cluster's engagements",
    ),
    Rule(
        "engagements:new",
        only("ceo", "other_ceo"),
        data=lambda w: {"profile": w.profile.pk},
        setup=_engagements,
        note="opened from an advisor's profile; only cluster CEOs commit a cluster",
    ),
    Rule("engagements:approvals", only("ceo", "other_ceo"), setup=_engagements),
    Rule("engagements:detail", SIDES_ONLY, kwargs=lambda w: {"pk": w.engagement.pk}, setup=_engagements),
    Rule(
        "engagements:transition",
        CEO_ACTS,
        kwargs=lambda w: {"pk": w.draft.pk, "action": "propose"},
        method="post",
        setup=_engagements,
    ),
    Rule(
        "engagements:log_work",
        expect(default=NOT_FOUND, advisor=OK, ceo=FORBIDDEN, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.engagement.pk},
        setup=_engagements,
    ),
    Rule(
        "engagements:approve_period",
        CEO_ACTS,
        kwargs=lambda w: {"pk": w.engagement.pk},
        method="post",
        data={"start": "2026-03-02", "end": "2026-03-08"},
        setup=_engagements,
    ),
    Rule(
        "engagements:extend_budget",
        CEO_ACTS,
        kwargs=lambda w: {"pk": w.engagement.pk},
        method="post",
        data={"added_hours": "10", "added_amount": "0", "reason": "Phase 2"},
        setup=_engagements,
    ),
    Rule(
        "engagements:add_deliverable",
        ADVISOR_ACTS,
        kwargs=lambda w: {"pk": w.engagement.pk},
        method="post",
        data={"milestone": "Phase 2", "title": "Slides", "link": "https://example.org/slides"},
        setup=_engagements,
    ),
    Rule(
        "engagements:work_log_decide",
        CEO_ACTS,
        kwargs=lambda w: {"pk": w.entry.pk, "decision": "approve"},
        method="post",
        setup=_engagements,
    ),
    Rule(
        "engagements:work_log_fix",
        expect(default=NOT_FOUND, advisor=OK, ceo=FORBIDDEN, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.returned.pk},
        setup=_engagements,
    ),
    Rule(
        "engagements:deliverable_download",
        SIDES_ONLY,
        kwargs=lambda w: {"pk": w.deliverable.pk},
        setup=_engagements,
        note="files are served only through this permission-checked view",
    ),
    Rule(
        "engagements:review",
        expect(default=NOT_FOUND, ceo=FORBIDDEN, advisor=FORBIDDEN, board_member=FORBIDDEN),
        kwargs=lambda w: {"pk": w.engagement.pk},
        method="post",
        setup=_engagements,
        note="an active engagement cannot be reviewed yet",
    ),
    Rule(
        "engagements:review_reply",
        ADVISOR_ACTS,
        kwargs=lambda w: {"pk": w.client_review.pk},
        method="post",
        data={"reply": "Thank you"},
        setup=_engagements,
    ),
]

RULES += [
    Rule(
        "engagements:recommendations",
        only("ceo", "other_ceo"),
        setup=_engagements,
        note="advisors ranked for the CEO's cluster; the old catalogue page advisors:recommendations is gone",
    ),
    Rule(
        "engagements:new",
        expect(default=FORBIDDEN, ceo=OK, other_ceo=NOT_FOUND),
        data=lambda w: {"entry": w.shortlist_entry.pk},
        setup=_shortlisted,
        note="opened from a shortlist entry: only the CEO of the shortlist's cluster (else 404)",
    ),
]

# --- optional requests: the CEO of the cluster and the listed advisors who cover the need ----------------------


def _requests(world):
    from advisors.models import VettingState
    from tests.factories.advisors import make_profile
    from tests.factories.requests import open_request, proposal_to

    for organisation in (world.organisation, world.other_organisation):
        organisation.vetting_state = VettingState.VETTED
        organisation.save(update_fields=["vetting_state"])
    make_profile(person=world.advisor, organisation=world.organisation)
    # Listed too, but for another need: the request stays out of their sight.
    make_profile(person=world.other_advisor, organisation=world.other_organisation, needs=("partnership.forums",))
    world.extra["brief"] = open_request(cluster=world.cluster, ceo=world.ceo)
    world.extra["proposal"] = proposal_to(world.brief, world.advisor)


ADVISORS = only("advisor", "other_advisor")
# Requests are the CEO's procurement: the board does not see them (unlike the engagements themselves).
REQUEST_SIDES = expect(default=NOT_FOUND, ceo=OK, advisor=OK)
REQUEST_CEO_ACTS = expect(default=NOT_FOUND, ceo=REDIRECT, advisor=FORBIDDEN)
REQUEST_ADVISOR_ACTS = expect(default=NOT_FOUND, advisor=REDIRECT, ceo=FORBIDDEN)

RULES += [
    Rule("engagements:requests", only("ceo", "other_ceo"), setup=_requests),
    Rule("engagements:request_new", only("ceo", "other_ceo"), setup=_requests),
    Rule(
        "engagements:open_requests",
        ADVISORS,
        setup=_requests,
        note="an advisor whose profile is not listed gets an empty state",
    ),
    Rule("engagements:my_proposals", ADVISORS, setup=_requests),
    Rule(
        "engagements:request_detail",
        REQUEST_SIDES,
        kwargs=lambda w: {"pk": w.brief.pk},
        setup=_requests,
        note="only listed advisors covering the need see an open request; referents and other CEOs none",
    ),
    Rule(
        "engagements:request_end",
        REQUEST_CEO_ACTS,
        kwargs=lambda w: {"pk": w.brief.pk, "action": "close"},
        method="post",
        setup=_requests,
    ),
    Rule(
        "engagements:proposal_edit",
        expect(default=NOT_FOUND, advisor=OK, ceo=FORBIDDEN),
        kwargs=lambda w: {"pk": w.proposal.pk},
        setup=_requests,
    ),
    Rule(
        "engagements:proposal_withdraw",
        REQUEST_ADVISOR_ACTS,
        kwargs=lambda w: {"pk": w.proposal.pk},
        method="post",
        setup=_requests,
    ),
    Rule(
        "engagements:proposal_shortlist",
        REQUEST_CEO_ACTS,
        kwargs=lambda w: {"pk": w.proposal.pk},
        method="post",
        setup=_requests,
    ),
]

# The cluster's spending against the work plan: its CEO and board read it; everyone else finds no such cluster.
RULES += [
    Rule(
        "engagements:plan_burn",
        expect(default=NOT_FOUND, ceo=OK, board_member=OK),
        kwargs=lambda w: {"pk": w.cluster.pk},
        note="the work-plan page loads it as a fragment",
    ),
]
