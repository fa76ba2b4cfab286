"""Access rules for the forums.

A forum is seen by its current members only; everyone else signed in gets 404 (out of scope), as with engagements.
In the test world's forum the CEO chairs, the advisor facilitates (through an engagement), the other cluster's CEO is
a member and the cluster's Interior referent an observer. The chair keeps members, hosts and the facilitating
engagement (403 for the other members); the chair and the facilitator run meetings; every invitee replies. The
calendar feed is read by its secret token without signing in.
"""

from tests.access_matrix import NOT_FOUND, OK, REDIRECT, Rule, expect

MEMBERS = ("ceo", "other_ceo", "advisor", "referent")
RUNNERS = ("ceo", "advisor")


def members_get(answer_for_members, *, allowed, answer=OK):
    """`answer` for `allowed`, `answer_for_members` for the other members, 404 for everyone else signed in."""
    answers = dict.fromkeys(MEMBERS, answer_for_members) | dict.fromkeys(allowed, answer)
    return expect(default=NOT_FOUND, **answers)


MEMBERS_OK = members_get(OK, allowed=())
CHAIR_ONLY = members_get(403, allowed=("ceo",))
RUNNERS_ONLY = members_get(403, allowed=RUNNERS)
CHAIR_POST = members_get(403, allowed=("ceo",), answer=REDIRECT)
RUNNERS_POST = members_get(403, allowed=RUNNERS, answer=REDIRECT)


def _forum(world):
    from tests.factories.forums import build_forum_world

    build_forum_world(world)
    world.extra["other_member"] = world.forum.members.get(user=world.other_ceo)


def _attachment(world):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    _forum(world)
    name = "forums/test/table.csv"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"a,b\n1,2\n"))
    world.extra["attachment"] = world.upcoming.attachments.create(
        title="Table", file=name, content_type="text/csv", size=8, added_by=world.ceo
    )


def _feed(world):
    from forums.services import calendar_feed_of

    _forum(world)
    world.extra["feed"] = calendar_feed_of(world.ceo)


RULES = [
    Rule("forums:forum_list", expect(default=OK), setup=_forum, note="everyone signed in: their own forums"),
    Rule("forums:forum_new", expect(ceo=OK, other_ceo=OK, editor=OK, admin=OK)),
    Rule("forums:forum_detail", MEMBERS_OK, kwargs=lambda w: {"pk": w.forum.pk}, setup=_forum),
    Rule("forums:members", CHAIR_ONLY, kwargs=lambda w: {"pk": w.forum.pk}, setup=_forum),
    Rule(
        "forums:member_end",
        CHAIR_POST,
        kwargs=lambda w: {"pk": w.forum.pk, "member_pk": w.other_member.pk},
        method="post",
        setup=_forum,
    ),
    Rule("forums:engagement", CHAIR_ONLY, kwargs=lambda w: {"pk": w.forum.pk}, setup=_forum),
    Rule("forums:hosts", CHAIR_ONLY, kwargs=lambda w: {"pk": w.forum.pk}, setup=_forum),
    Rule(
        "forums:host_remove",
        CHAIR_POST,
        kwargs=lambda w: {"pk": w.forum.pk, "host_pk": w.hosts[2].pk},
        method="post",
        setup=_forum,
        note="a host that has not held a meeting",
    ),
    Rule("forums:meeting_new", RUNNERS_ONLY, kwargs=lambda w: {"pk": w.forum.pk}, setup=_forum),
    Rule("forums:meeting_detail", MEMBERS_OK, kwargs=lambda w: {"pk": w.upcoming.pk}, setup=_forum),
    Rule(
        "forums:agenda_add",
        RUNNERS_POST,
        kwargs=lambda w: {"pk": w.upcoming.pk},
        method="post",
        data={"starts_at": "10:00", "duration_minutes": "30", "title": "Budget"},
        setup=_forum,
    ),
    Rule(
        "forums:agenda_remove",
        RUNNERS_POST,
        kwargs=lambda w: {"pk": w.upcoming.pk, "item_pk": w.item.pk},
        method="post",
        setup=_forum,
    ),
    Rule(
        "forums:reply",
        members_get(REDIRECT, allowed=()),
        kwargs=lambda w: {"pk": w.upcoming.pk},
        method="post",
        data={"reply": "yes"},
        setup=_forum,
        note="every invitee answers for themselves",
    ),
    Rule(
        "forums:attendance",
        RUNNERS_POST,
        kwargs=lambda w: {"pk": w.upcoming.pk},
        method="post",
        data=lambda w: {"attended": [str(w.ceo.pk)]},
        setup=_forum,
    ),
    Rule("forums:close", RUNNERS_ONLY, kwargs=lambda w: {"pk": w.upcoming.pk}, setup=_forum),
    Rule(
        "forums:close",
        members_get(403, allowed=()),
        kwargs=lambda w: {"pk": w.past.pk},
        setup=_forum,
        note="a closed meeting cannot be closed again",
    ),
    Rule("forums:attachment_add", RUNNERS_POST, kwargs=lambda w: {"pk": w.upcoming.pk}, method="post", setup=_forum),
    Rule("forums:decision_new", RUNNERS_ONLY, kwargs=lambda w: {"pk": w.past.pk}, setup=_forum),
    Rule("forums:attachment_download", MEMBERS_OK, kwargs=lambda w: {"pk": w.attachment.pk}, setup=_attachment),
    Rule("forums:decision_detail", MEMBERS_OK, kwargs=lambda w: {"pk": w.decision.pk}, setup=_forum),
    Rule(
        "forums:decision_detail",
        members_get(403, allowed=("ceo", "advisor", "other_ceo"), answer=REDIRECT),
        kwargs=lambda w: {"pk": w.decision.pk},
        method="post",
        data={"note": "Draft sent round", "status": "in_progress"},
        setup=_forum,
        note="a follow-up: the owner (the other CEO), the chair and the facilitator",
    ),
    Rule("forums:calendar", expect(default=OK)),
    Rule("forums:calendar_regenerate", expect(default=REDIRECT), method="post"),
    Rule(
        "forums:calendar_feed",
        expect(default=OK, anonymous=OK),
        kwargs=lambda w: {"token": w.feed.token},
        setup=_feed,
        note="the secret address is the key: no sign-in",
    ),
    Rule(
        "forums:calendar_feed",
        expect(default=NOT_FOUND, anonymous=NOT_FOUND),
        kwargs=lambda w: {"token": "not-a-token"},
        note="an unknown or regenerated address",
    ),
]
