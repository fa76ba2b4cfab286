"""Access rules for the api app: the public pages and open data answer everyone, signed in or not; the preview
with the publish switches is the cluster's CEO's (its board reads nothing there, everyone else finds nothing)."""

from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Rule, expect

everyone = expect(default=OK, anonymous=OK)


def _forget(cluster):
    """The public pages' cache outlives a test: a cluster's pages are built afresh for each rule."""
    from api.public import pages

    pages.forget_cluster(cluster.pk)


def _quality_published(world):
    from django.core.cache import cache

    from clusters.models import Cluster

    Cluster.objects.filter(pk=world.cluster.pk).update(is_quality_public=True)
    _forget(world.cluster)
    cache.clear()  # the public pages' cache outlives a test: nothing cached before may answer for this one


cluster_pk = {"kwargs": lambda w: {"pk": w.cluster.pk}}

RULES = [
    Rule("public:index", everyone),
    Rule("public:cluster", everyone, **cluster_pk),
    Rule("public:cluster_csv", everyone, **cluster_pk),
    Rule("public:cluster_json", everyone, **cluster_pk),
    Rule(
        "public:cluster_quality_csv",
        everyone,
        setup=_quality_published,
        note="answers everyone once the CEO publishes the measures; not found before",
        **cluster_pk,
    ),
    Rule(
        "public:cluster_quality_csv",
        expect(default=NOT_FOUND, anonymous=NOT_FOUND),
        setup=lambda w: _forget(w.cluster),
        **cluster_pk,
    ),
    Rule("public:national_csv", everyone),
    Rule("public:clusters_csv", everyone),
    Rule("public:national_json", everyone),
    Rule("sitemap", everyone),
    Rule("public:publish_home", expect(default=FORBIDDEN, ceo=REDIRECT, other_ceo=REDIRECT)),
    Rule("public:preview", expect(default=NOT_FOUND, ceo=OK, board_member=FORBIDDEN), **cluster_pk),
    Rule(
        "public:preview",
        expect(default=NOT_FOUND, ceo=REDIRECT, board_member=FORBIDDEN),
        method="post",
        data={"goal": []},
        note="only the CEO's publish switches change what is public",
        **cluster_pk,
    ),
]


# --- the read-only API --------------------------------------------------------------------------------------------
# Lists answer everyone signed in, each holding only what the person reads (an empty list for the others: see
# test_api.py); a detail outside the person's scope is not found. Anonymous requests get 401 from the API itself.

UNAUTHORISED = 401
cluster_data_readers = ("ceo", "board_member", "referent", "treasury_referent", "head_referent")
referents = ("referent", "treasury_referent", "head_referent")
api_list = expect(default=OK, anonymous=UNAUTHORISED)


def api_rows(cluster, ceo, advisor=None) -> dict:
    """One of each kind of row the API serves, all of this cluster."""
    from datetime import date
    from decimal import Decimal

    from django.utils import timezone

    from clusters.models import WorkPlan
    from oversight.models import StatusRecord
    from quality.models import Measure
    from tests.factories.advisors import make_profile
    from tests.factories.clusters import GoalFactory, MeasurementFactory, MembershipFactory, ServiceFactory
    from tests.factories.engagements import active_engagement
    from tests.factories.oversight import report_in_state

    membership = MembershipFactory(cluster=cluster)
    service = ServiceFactory(cluster=cluster)
    goal = GoalFactory(service=service)
    today = timezone.localdate()
    profile = make_profile(person=advisor) if advisor else make_profile()
    return {
        "authority": membership.authority,
        "service": service,
        "goal": goal,
        "measurement": MeasurementFactory(goal=goal, value=Decimal(900_000)),
        "work_plan": WorkPlan.objects.create(cluster=cluster, year=today.year),
        "engagement": active_engagement(
            cluster=cluster,
            ceo=ceo,
            profile=profile,
            starts_on=date(today.year, 1, 1),
            ends_on=date(today.year, 12, 31),
        ),
        "report": report_in_state(cluster, ceo, "submitted"),
        "status": StatusRecord.objects.create(cluster=cluster, day=today, status="amber", rules=["report_overdue"]),
        "quality_measure": Measure.objects.create(
            service=service,
            authority=membership.authority,
            month=date(today.year, 1, 1),
            inquiries=40,
            closed=30,
            close_median_hours=Decimal("12.50"),
            within_sla_share=Decimal("75.0"),
            satisfaction_4=3,
        ),
    }


def api_world(world):
    """One of each kind of row the API serves, all of world.cluster (the engagement is world.advisor's)."""
    world.extra.update(api_rows(world.cluster, world.ceo, world.advisor))


def _detail(row):
    return {"kwargs": lambda w: {"pk": getattr(w, row).pk}, "setup": api_world}


def readers(*actors):
    return expect(default=NOT_FOUND, anonymous=UNAUTHORISED, **dict.fromkeys(actors, OK))


API_DETAILS = [
    ("api:cluster-detail", "cluster", readers(*cluster_data_readers)),
    ("api:authority-detail", "authority", readers(*cluster_data_readers)),
    ("api:service-detail", "service", readers(*cluster_data_readers)),
    ("api:goal-detail", "goal", readers(*cluster_data_readers)),
    ("api:measurement-detail", "measurement", readers(*cluster_data_readers)),
    ("api:work-plan-detail", "work_plan", readers(*cluster_data_readers)),
    ("api:quality-measure-detail", "quality_measure", readers(*cluster_data_readers)),
    # the engagement's advisor reads its summary; advisors never read anything of oversight
    ("api:engagement-detail", "engagement", readers(*cluster_data_readers, "advisor")),
    ("api:report-detail", "report", readers(*cluster_data_readers)),
    ("api:status-detail", "status", readers(*referents)),
]
API_LISTS = [
    "api:cluster-list",
    "api:authority-list",
    "api:service-list",
    "api:goal-list",
    "api:measurement-list",
    "api:work-plan-list",
    "api:quality-measure-list",
    "api:engagement-list",
    "api:report-list",
    "api:status-list",
]


def _own_token(world):
    from api import tokens

    world.extra["token"], _secret = tokens.create_token(user=world.ceo, name="BI", days=30)


RULES += [
    Rule("api:schema", everyone),
    Rule("api:docs", everyone),
    *[Rule(name, api_list, setup=api_world) for name in API_LISTS],
    *[Rule(name, expected, **_detail(row)) for name, row, expected in API_DETAILS],
    *[
        Rule(name, expect(default=FORBIDDEN, anonymous=UNAUTHORISED), method="post", data={}, note="never writes")
        for name in API_LISTS
    ],
    Rule("tokens:list", expect(default=OK)),
    Rule(
        "tokens:revoke",
        expect(default=NOT_FOUND, ceo=REDIRECT),
        method="post",
        kwargs=lambda w: {"pk": w.token.pk},
        setup=_own_token,
        note="only the token's owner revokes it",
    ),
]
