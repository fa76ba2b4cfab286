"""Each member's weekly digest of their forums: sent once a week when there is something in it, in their language,
with the meetings ahead, the actions they own and the week's decisions; a kind people can turn off."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.notifications import kind_code
from forums import digests, tasks
from forums.models import Decision, Meeting
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _digests():
    return sorted(OutboxMessage.objects.filter(key__startswith="forum-digest:").values_list("key", flat=True))


def test_every_member_gets_one_digest_a_week(forum_world, django_capture_on_commit_callbacks):
    world = forum_world
    with django_capture_on_commit_callbacks(execute=True):
        sent = digests.send_weekly_digests()
        assert digests.send_weekly_digests() == sent  # claimed again, but the outbox keeps one a person and week
    members = {world.ceo, world.advisor, world.other_ceo, world.referent}
    keys = _digests()
    assert sent == len(members) == len(keys)
    year, week, _day = timezone.localdate().isocalendar()
    assert all(key.startswith(f"forum-digest:{year}-W{week:02d}:") for key in keys)
    assert {int(key.rsplit(":", 1)[1]) for key in keys} == {person.pk for person in members}
    next_week = timezone.localdate() + timedelta(days=7)
    assert digests.send_weekly_digests(today=next_week) >= 1
    assert len(_digests()) > len(keys)


def test_the_digest_lists_the_meeting_ahead_and_the_actions_owned(
    forum_world, mailoutbox, django_capture_on_commit_callbacks
):
    world = forum_world
    world.other_ceo.preferred_language = "en"
    world.other_ceo.save(update_fields=["preferred_language"])
    Decision.objects.filter(pk=world.decision.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_weekly_digests()
    by_recipient = {mail.to[0]: mail for mail in mailoutbox}
    owner = by_recipient[world.other_ceo.email]  # owns the decision
    assert reverse("forums:meeting_detail", args=[world.upcoming.pk]) in owner.body
    assert reverse("forums:decision_detail", args=[world.decision.pk]) in owner.body
    assert "overdue" in owner.body
    assert reverse("forums:decision_detail", args=[world.decision.pk]) not in by_recipient[world.ceo.email].body
    assert reverse("notifications:preferences") in owner.body


def test_the_digest_is_written_in_the_recipients_language(forum_world, mailoutbox, django_capture_on_commit_callbacks):
    world = forum_world
    for person, language in ((world.referent, "ar"), (world.ceo, "he"), (world.advisor, "en")):
        person.preferred_language = language
        person.save(update_fields=["preferred_language"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_weekly_digests()
    subjects = {mail.to[0]: mail.subject for mail in mailoutbox}
    assert subjects[world.advisor.email] == "Your forums this week"
    assert subjects[world.ceo.email] == "הפורומים שלך השבוע"
    ceo = next(mail for mail in mailoutbox if mail.to == [world.ceo.email])
    assert "Not answered" not in ceo.body and "התשובה שלך:" in ceo.body  # the reply's name in Hebrew too
    assert subjects[world.referent.email] == "منتدياتك هذا الأسبوع"


def test_nobody_gets_an_empty_digest(forum_world):
    world = forum_world
    later = timezone.now() + timedelta(days=60)
    Meeting.objects.filter(pk=world.upcoming.pk).update(starts_at=later, ends_at=later + timedelta(hours=2))
    Decision.objects.update(status="done", decided_on=timezone.localdate() - timedelta(days=30))
    assert digests.send_weekly_digests() == 0
    assert _digests() == []


def test_the_digest_is_a_scheduled_task_and_a_kind_people_can_turn_off(forum_world):
    assert kind_code("forum-digest") == "forum_digest"
    assert tasks.send_weekly_digests.delay().get() == 4
