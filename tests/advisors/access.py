"""Access rules for the advisors app.

The catalogue is for the people who choose advisors (cluster CEOs) and those who look after it (curators).
Ministry referents never choose or rate advisors, so they get nothing from it; neither do board members,
and advisors see only their own profile, never their competitors' track records.
"""

from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Rule, expect, only


def _catalogue(world):
    """The first organisation vetted with its advisor listed; the other organisation applied, its advisor not."""
    from advisors import services
    from advisors.models import Need, VettingState
    from tests.factories.advisors import ensure_needs, make_profile

    ensure_needs()
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    world.extra["profile"] = make_profile(person=world.advisor, organisation=world.organisation)
    world.extra["unlisted_profile"] = make_profile(person=world.other_advisor, organisation=world.other_organisation)
    world.extra["shortlist"] = services.create_shortlist(
        cluster=world.cluster, need=Need.objects.get(code="management.coaching"), title="", created_by=world.ceo
    )
    world.extra["entry"] = services.add_to_shortlist(
        shortlist=world.shortlist, profile=world.profile, note="", added_by=world.ceo
    )


RULES = [
    Rule("advisors:home", only("advisor", "other_advisor", "org_manager")),
    Rule("advisors:apply", only("no_role"), note="only a person without any role may apply"),
    Rule("advisors:catalogue", only("ceo", "other_ceo", "curator"), setup=_catalogue),
    Rule(
        "advisors:my_profile",
        only("advisor", "other_advisor", answer=REDIRECT),
        setup=_catalogue,
        note="an advisor with a profile is sent to its edit page",
    ),
    Rule(
        "advisors:profile_detail",
        expect(default=NOT_FOUND, ceo=OK, other_ceo=OK, advisor=OK, org_manager=OK, curator=OK),
        kwargs=lambda w: {"pk": w.profile.pk},
        setup=_catalogue,
        note="a listed profile",
    ),
    Rule(
        "advisors:profile_detail",
        expect(default=NOT_FOUND, other_advisor=OK, curator=OK),
        kwargs=lambda w: {"pk": w.unlisted_profile.pk},
        setup=_catalogue,
        note="a profile of an organisation not vetted: a 404 for CEOs even by direct URL",
    ),
    Rule(
        "advisors:profile_edit",
        expect(default=NOT_FOUND, advisor=OK, org_manager=OK, ceo=FORBIDDEN, other_ceo=FORBIDDEN, curator=FORBIDDEN),
        kwargs=lambda w: {"pk": w.profile.pk},
        setup=_catalogue,
    ),
    Rule(
        "advisors:profile_reconfirm",
        expect(
            default=NOT_FOUND,
            advisor=REDIRECT,
            org_manager=REDIRECT,
            ceo=FORBIDDEN,
            other_ceo=FORBIDDEN,
            curator=FORBIDDEN,
        ),
        kwargs=lambda w: {"pk": w.profile.pk},
        method="post",
        setup=_catalogue,
    ),
    Rule(
        "advisors:profile_suspend",
        only("curator", answer=REDIRECT),
        kwargs=lambda w: {"pk": w.profile.pk},
        method="post",
        data={"reason": "Complaint under review"},
        setup=_catalogue,
    ),
    Rule(
        "advisors:profile_check",
        only("curator", answer=REDIRECT),
        kwargs=lambda w: {"pk": w.profile.pk},
        method="post",
        setup=_catalogue,
        note="checking a new profile so the catalogue may list it is the curator's alone",
    ),
    Rule(
        "advisors:organisation_edit",
        expect(default=NOT_FOUND, org_manager=OK),
        kwargs=lambda w: {"pk": w.organisation.pk},
    ),
    Rule("advisors:curator_home", only("curator")),
    Rule("advisors:organisations", only("curator")),
    Rule("advisors:statistics", only("curator"), setup=_catalogue),
    Rule("advisors:organisation_review", only("curator"), kwargs=lambda w: {"pk": w.other_organisation.pk}),
    Rule(
        "advisors:organisation_decide",
        only("curator", answer=REDIRECT),
        kwargs=lambda w: {"pk": w.other_organisation.pk, "decision": "vet"},
        method="post",
    ),
    Rule("advisors:shortlist_list", only("ceo", "other_ceo"), setup=_catalogue),
    Rule(
        "advisors:shortlist_add",
        # Another CEO may not add to this cluster's shortlist: the form refuses it and sends them back.
        only("ceo", "other_ceo", answer=REDIRECT),
        method="post",
        data=lambda w: {"profile": w.profile.pk, "shortlist": w.shortlist.pk, "note": "Strong on budgets"},
        setup=_catalogue,
    ),
    Rule(
        "advisors:shortlist_detail",
        expect(default=NOT_FOUND, ceo=OK),
        kwargs=lambda w: {"pk": w.shortlist.pk},
        setup=_catalogue,
    ),
    Rule(
        "advisors:shortlist_export",
        expect(default=NOT_FOUND, ceo=OK),
        kwargs=lambda w: {"pk": w.shortlist.pk},
        setup=_catalogue,
    ),
    Rule(
        "advisors:shortlist_outcome",
        expect(default=NOT_FOUND, ceo=REDIRECT),
        kwargs=lambda w: {"pk": w.entry.pk},
        method="post",
        data={"outcome": "chosen", "reason": ""},
        setup=_catalogue,
    ),
]

__all__ = ["RULES"]
