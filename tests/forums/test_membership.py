"""Who sees a forum and what of it: members only, by role; a referent only as an observer and never the facilitating
engagement's details; an advisor facilitator the forum but not other clusters' advice."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import AuditEvent
from forums import permissions, services
from forums.models import ForumMember, MemberRole
from tests.factories.forums import make_forum

pytestmark = pytest.mark.django_db


def test_only_current_members_see_the_forum(forum_world):
    world = forum_world
    seen = {name for name, person in world.people.items() if permissions.forums_visible_to(person).exists()}
    assert seen == {"ceo", "other_ceo", "advisor", "referent"}


@pytest.mark.parametrize("name", ["board_member", "other_advisor", "other_referent", "head_referent", "admin"])
def test_a_non_member_gets_not_found_on_every_forum_page(forum_world, client_as, name):
    world = forum_world
    client = client_as(world.people[name])
    for url in [
        reverse("forums:forum_detail", args=[world.forum.pk]),
        reverse("forums:meeting_detail", args=[world.upcoming.pk]),
        reverse("forums:decision_detail", args=[world.decision.pk]),
    ]:
        assert client.get(url).status_code == 404


def test_a_membership_that_ended_closes_the_forum_to_that_person(forum_world, client_as):
    world = forum_world
    member = ForumMember.objects.get(forum=world.forum, user=world.other_ceo)
    services.end_membership(member=member, ended_by=world.ceo)
    member.refresh_from_db()
    ForumMember.objects.filter(pk=member.pk).update(until=member.since)  # ended before today
    assert client_as(world.other_ceo).get(reverse("forums:forum_detail", args=[world.forum.pk])).status_code == 404


def test_a_referent_may_sit_only_as_an_observer_and_a_refusal_changes_nothing(world):
    forum = make_forum(chair=world.ceo, cluster=world.cluster)
    before = ForumMember.objects.count()
    for role in (MemberRole.MEMBER, MemberRole.CHAIR, MemberRole.FACILITATOR):
        with pytest.raises(ValidationError) as refused:
            services.add_member(forum=forum, person=world.head_referent, role=role, added_by=world.ceo)
        assert refused.value.code == "observer_only"
    assert ForumMember.objects.count() == before
    services.add_member(forum=forum, person=world.head_referent, role=MemberRole.OBSERVER, added_by=world.ceo)
    assert ForumMember.objects.count() == before + 1


def test_the_members_form_refuses_a_referent_as_a_member(forum_world, client_as):
    world = forum_world
    before = ForumMember.objects.count()
    response = client_as(world.ceo).post(
        reverse("forums:members", args=[world.forum.pk]), {"email": world.treasury_referent.email, "role": "member"}
    )
    assert response.status_code == 400
    assert "A ministry referent may sit in a forum only as an observer." in response.content.decode()
    assert ForumMember.objects.count() == before


def test_the_facilitation_hours_show_to_the_engagements_people_only(forum_world, client_as):
    world = forum_world
    url = reverse("forums:forum_detail", args=[world.forum.pk])
    shown = {}
    for name in ("ceo", "advisor", "other_ceo", "referent"):
        response = client_as(world.people[name]).get(url)
        assert response.status_code == 200
        shown[name] = response.context["facilitation"]
    assert shown["ceo"] is not None and shown["advisor"] is not None
    assert (shown["ceo"].entries, shown["ceo"].hours, shown["ceo"].approved_hours) == (2, 5.5, 3)
    assert shown["other_ceo"] is None
    assert shown["referent"] is None


def test_no_work_log_text_reaches_any_forum_page(forum_world, client_as):
    world = forum_world
    urls = [
        reverse("forums:forum_detail", args=[world.forum.pk]),
        reverse("forums:meeting_detail", args=[world.past.pk]),
        reverse("forums:meeting_detail", args=[world.upcoming.pk]),
        reverse("forums:decision_detail", args=[world.decision.pk]),
    ]
    for name in ("ceo", "advisor", "other_ceo", "referent"):
        client = client_as(world.people[name])
        for url in urls:
            page = client.get(url).content.decode()
            assert "הנחיית הפורום: מפגש" not in page
            assert "Work plan and budget for the waste service" not in page  # the engagement's scope


def test_the_facilitator_sees_the_forum_but_not_another_clusters_engagement(forum_world, client_as):
    world = forum_world
    # The other CEO's own forum, facilitated by someone else: the world's advisor is no member there.
    other = make_forum(chair=world.other_ceo, cluster=world.other_cluster, name="פורום אחר")
    assert client_as(world.advisor).get(reverse("forums:forum_detail", args=[other.pk])).status_code == 404
    assert permissions.can_see_facilitation(world.advisor, world.forum) is True
    assert permissions.can_see_facilitation(world.other_ceo, world.forum) is False


def test_only_the_chair_manages_and_the_chair_and_facilitator_run_meetings(forum_world):
    world = forum_world
    roles = {
        name: (
            permissions.can_manage_forum(permissions.membership_of(world.people[name], world.forum)),
            permissions.can_run_meetings(permissions.membership_of(world.people[name], world.forum)),
        )
        for name in ("ceo", "advisor", "other_ceo", "referent", "board_member")
    }
    assert roles == {
        "ceo": (True, True),
        "advisor": (False, True),
        "other_ceo": (False, False),
        "referent": (False, False),
        "board_member": (False, False),
    }


def test_opening_a_forum_is_audited_and_its_opener_chairs_it(world, client_as):
    response = client_as(world.ceo).post(
        reverse("forums:forum_new"),
        {"name": "Welfare forum", "theme": "welfare", "scope_kind": "cluster", "cluster": world.cluster.pk},
    )
    assert response.status_code == 302
    forum = permissions.forums_visible_to(world.ceo).get()
    assert list(forum.members.values_list("user_id", "role")) == [(world.ceo.pk, "chair")]
    assert list(AuditEvent.objects.filter(action="forum_created").values_list("target_id", flat=True)) == [forum.pk]


def test_a_ceo_cannot_open_a_forum_of_another_cluster(world, client_as):
    response = client_as(world.ceo).post(
        reverse("forums:forum_new"),
        {"name": "Welfare forum", "theme": "welfare", "scope_kind": "cluster", "cluster": world.other_cluster.pk},
    )
    assert response.status_code == 400
    assert permissions.forums_visible_to(world.ceo).count() == 0
