"""Access rules for the national cluster.

Everyone holding a role reads published knowledge and the playbook; editors of the national unit publish and post
calls; a cluster's CEO proposes cases, suggests playbook changes, sees the calls ranked for the cluster and records
its applications. People without a role get nothing; the JSON feed of open calls is public.
"""

from tests.access_matrix import BAD_REQUEST, NOT_FOUND, OK, REDIRECT, Rule, expect, only

READERS_OK = expect(default=OK, no_role=403)


def _content(world):
    from tests.factories.network import make_application, make_call, make_item, make_suggestion

    world.extra["item"] = make_item(author=world.editor, published_by=world.editor)
    world.extra["draft"] = make_item(author=world.editor, status="draft")
    world.extra["in_review"] = make_item(author=world.editor, status="in_review")
    world.extra["case"] = make_item(author=world.ceo, kind="case_study", cluster=world.cluster, status="draft")
    world.extra["attachment"] = world.item.attachments.create(
        title="Table", file="network/knowledge/table.csv", content_type="text/csv", size=10, added_by=world.editor
    )
    world.extra["call"] = make_call(created_by=world.editor)
    world.extra["draft_call"] = make_call(created_by=world.editor, is_posted=False)
    world.extra["application"] = make_application(call=world.call, cluster=world.cluster, recorded_by=world.ceo)
    world.extra["suggestion"] = make_suggestion(cluster=world.cluster, suggested_by=world.ceo)


def _storage(world):
    from django.core.files.storage import default_storage

    _content(world)
    if not default_storage.exists("network/knowledge/table.csv"):
        from django.core.files.base import ContentFile

        default_storage.save("network/knowledge/table.csv", ContentFile(b"a,b\n1,2\n"))


RULES = [
    Rule("network:editor_home", only("editor"), setup=_content),
    Rule("network:knowledge_list", READERS_OK, setup=_content),
    Rule("network:knowledge_new", only("editor")),
    Rule("network:propose_case", only("ceo", "other_ceo")),
    Rule(
        "network:knowledge_detail",
        READERS_OK | {"no_role": NOT_FOUND},
        kwargs=lambda w: {"pk": w.item.pk},
        setup=_content,
        note="a published item: every reader",
    ),
    Rule(
        "network:knowledge_detail",
        expect(default=NOT_FOUND, editor=OK),
        kwargs=lambda w: {"pk": w.draft.pk},
        setup=_content,
        note="an editor's draft: editors only",
    ),
    Rule(
        "network:knowledge_detail",
        expect(default=NOT_FOUND, editor=OK, ceo=OK),
        kwargs=lambda w: {"pk": w.case.pk},
        setup=_content,
        note="a CEO's case draft: its author and the editors",
    ),
    Rule(
        "network:knowledge_edit",
        expect(default=NOT_FOUND, editor=OK, ceo=OK),
        kwargs=lambda w: {"pk": w.case.pk},
        setup=_content,
    ),
    Rule(
        "network:knowledge_edit",
        expect(default=403, no_role=NOT_FOUND, editor=OK),
        kwargs=lambda w: {"pk": w.item.pk},
        setup=_content,
        note="a published item: only editors edit it",
    ),
    Rule(
        "network:knowledge_transition",
        expect(default=NOT_FOUND, editor=REDIRECT),
        kwargs=lambda w: {"pk": w.in_review.pk, "action": "publish"},
        method="post",
        setup=_content,
        note="publishing: an item in review is seen by editors only",
    ),
    Rule(
        "network:knowledge_transition",
        expect(default=NOT_FOUND, editor=REDIRECT, ceo=REDIRECT),
        kwargs=lambda w: {"pk": w.case.pk, "action": "submit"},
        method="post",
        setup=_content,
        note="the author (or an editor) sends a draft for review",
    ),
    Rule(
        "network:knowledge_transition",
        expect(default=403, no_role=NOT_FOUND),
        kwargs=lambda w: {"pk": w.item.pk, "action": "publish"},
        method="post",
        setup=_content,
        note="a published item cannot be published again",
    ),
    Rule(
        "network:attachment_add",
        # the editor's empty form comes back on the item's page with its errors (400)
        expect(default=403, no_role=NOT_FOUND, editor=BAD_REQUEST),
        kwargs=lambda w: {"pk": w.item.pk},
        method="post",
        setup=_content,
    ),
    Rule(
        "network:attachment_download",
        READERS_OK | {"no_role": NOT_FOUND},
        kwargs=lambda w: {"pk": w.attachment.pk},
        setup=_storage,
    ),
    Rule("network:reading_list", READERS_OK, kwargs=lambda w: {"code": "management.coaching"}, setup=_content),
    Rule("network:ministry_list", READERS_OK),
    Rule("network:ministry_detail", READERS_OK, kwargs=lambda w: {"slug": "interior"}, setup=_content),
    Rule(
        "network:ministry_version",
        READERS_OK,
        kwargs=lambda w: {"slug": "interior", "number": 1},
        setup=_content,
    ),
    Rule("network:ministry_edit", only("editor"), kwargs=lambda w: {"slug": "interior"}, setup=_content),
    Rule("network:suggest_change", only("ceo", "other_ceo"), kwargs=lambda w: {"slug": "interior"}, setup=_content),
    Rule(
        "network:decide_suggestion",
        expect(default=NOT_FOUND, editor=REDIRECT, ceo=403),
        kwargs=lambda w: {"pk": w.suggestion.pk, "decision": "decline"},
        method="post",
        data={"note": "Covered elsewhere"},
        setup=_content,
        note="the CEO who suggested sees it but cannot decide it",
    ),
    Rule("network:call_list", only("ceo", "other_ceo", "editor"), setup=_content),
    Rule("network:call_new", only("editor")),
    Rule("network:call_feed", dict.fromkeys(expect(), OK), setup=_content, note="public"),
    Rule(
        "network:call_detail",
        expect(default=NOT_FOUND, ceo=OK, other_ceo=OK, editor=OK),
        kwargs=lambda w: {"pk": w.call.pk},
        setup=_content,
    ),
    Rule(
        "network:call_detail",
        expect(default=NOT_FOUND, editor=OK),
        kwargs=lambda w: {"pk": w.draft_call.pk},
        setup=_content,
        note="a call not posted yet: editors only",
    ),
    Rule(
        "network:call_edit",
        expect(default=NOT_FOUND, ceo=403, other_ceo=403, editor=OK),
        kwargs=lambda w: {"pk": w.call.pk},
        setup=_content,
    ),
    Rule(
        "network:application_new",
        expect(default=NOT_FOUND, ceo=OK, other_ceo=OK, editor=403),
        kwargs=lambda w: {"pk": w.call.pk},
        setup=_content,
    ),
    Rule("network:application_list", only("ceo", "other_ceo"), setup=_content),
    Rule(
        "network:application_update",
        expect(default=NOT_FOUND, ceo=OK),
        kwargs=lambda w: {"pk": w.application.pk},
        setup=_content,
        note="only the CEO of the applying cluster",
    ),
    Rule("network:digest_preferences", READERS_OK),
]
