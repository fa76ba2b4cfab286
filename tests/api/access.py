"""Access rules for the api app: the public pages and open data answer everyone, signed in or not; the preview
with the publish switches is the cluster's CEO's (its board reads nothing there, everyone else finds nothing)."""

from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Rule, expect

everyone = expect(default=OK, anonymous=OK)
cluster_pk = {"kwargs": lambda w: {"pk": w.cluster.pk}}

RULES = [
    Rule("public:index", everyone),
    Rule("public:cluster", everyone, **cluster_pk),
    Rule("public:cluster_csv", everyone, **cluster_pk),
    Rule("public:cluster_json", everyone, **cluster_pk),
    Rule("public:national_csv", everyone),
    Rule("public:national_json", everyone),
    Rule("sitemap", everyone),
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
