"""The demo forum: a roaming district managers' forum, seeded once."""

import io

import pytest
from django.core.management import call_command

from forums.models import Decision, Forum, Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_forum_is_seeded_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    forum = Forum.objects.get()
    members = dict(forum.members.values_list("user__email", "role"))
    assert members == {
        "ceo@demo.test": "chair",
        "advisor@demo.test": "facilitator",
        "ceo2@demo.test": "member",
        "board@demo.test": "member",
        "referent@demo.test": "observer",
    }
    assert forum.hosts.count() == 5
    assert forum.facilitating_engagement is not None
    assert forum.facilitating_engagement.advisor.person.email == "advisor@demo.test"
    past, upcoming = Meeting.objects.filter(forum=forum).order_by("starts_at")
    assert (past.status, bool(past.minutes), upcoming.status, upcoming.agenda.count()) == ("closed", True, "planned", 3)
    assert upcoming.host == forum.hosts.get(position=2)  # the rotation's next after the past meeting's host
    assert Decision.objects.filter(meeting=past, goals__isnull=False).distinct().count() == 2
