"""Access rules for the quality app: the cluster's CEO, board and referents read its service-quality figures
(aggregates only); only the CEO imports inquiries, keeps the service codes and links goals; the head referent
compares nationally. Anyone outside the cluster finds nothing (404)."""

from tests.access_matrix import BAD_REQUEST, FORBIDDEN, NOT_FOUND, OK, REDIRECT, Rule, expect, only

readers = ("ceo", "board_member", "referent", "treasury_referent", "head_referent")
not_managers = ("board_member", "referent", "treasury_referent", "head_referent")


def _service(world):
    from tests.factories.clusters import ServiceFactory

    world.extra["service"] = ServiceFactory(cluster=world.cluster)


def _member(world):
    from tests.factories.clusters import cluster_with_members

    world.extra["member"] = cluster_with_members(world.cluster, 1)[0]


def _code(world):
    from quality.models import ServiceCode
    from tests.factories.clusters import ServiceFactory

    service = ServiceFactory(cluster=world.cluster)
    world.extra["code"] = ServiceCode.objects.create(cluster=world.cluster, service=service, code="W1")


cluster_pk = {"kwargs": lambda w: {"pk": w.cluster.pk}}
readable = expect(default=NOT_FOUND, **dict.fromkeys(readers, OK))
managed = expect(default=NOT_FOUND, ceo=OK, **dict.fromkeys(not_managers, FORBIDDEN))

RULES = [
    Rule(
        "quality:home",
        expect(
            head_referent=OK,
            **dict.fromkeys(
                ("ceo", "other_ceo", "board_member", "referent", "treasury_referent", "other_referent"), REDIRECT
            ),
        ),
        note="a person with one cluster goes straight to it; the head referent sees the list of all",
    ),
    Rule("quality:national", only("head_referent")),
    Rule("quality:national_export", only("head_referent"), kwargs=lambda w: {"fmt": "csv"}),
    Rule("quality:cluster", readable, **cluster_pk),
    Rule("quality:cluster_export", readable, kwargs=lambda w: {"pk": w.cluster.pk, "fmt": "xlsx"}),
    Rule("quality:upload", managed, **cluster_pk),
    Rule("quality:codes", managed, **cluster_pk),
    Rule(
        "quality:code_remove",
        expect(default=NOT_FOUND, ceo=REDIRECT, **dict.fromkeys(not_managers, FORBIDDEN)),
        method="post",
        kwargs=lambda w: {"pk": w.code.pk},
        setup=_code,
    ),
    Rule(
        "quality:authority", readable, kwargs=lambda w: {"pk": w.cluster.pk, "authority_pk": w.member.pk}, setup=_member
    ),
    Rule(
        "quality:authority_export",
        readable,
        kwargs=lambda w: {"pk": w.cluster.pk, "authority_pk": w.member.pk, "fmt": "csv"},
        setup=_member,
    ),
    Rule("quality:service", readable, kwargs=lambda w: {"pk": w.service.pk}, setup=_service),
    Rule("quality:service_export", readable, kwargs=lambda w: {"pk": w.service.pk, "fmt": "csv"}, setup=_service),
    Rule(
        "quality:goal_link",
        expect(default=NOT_FOUND, ceo=BAD_REQUEST, **dict.fromkeys(not_managers, FORBIDDEN)),
        method="post",
        kwargs=lambda w: {"pk": w.service.pk},
        setup=_service,
        note="the CEO's invalid choice comes back on the service page with the error (400)",
    ),
]
