"""Reminders of meetings and overdue actions: each sent once, in the recipient's language; the tasks are scheduled;
what needs doing lists unanswered invitations and overdue actions."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.notifications import kind_code
from accounts.todo import needs_doing
from forums import reminders, tasks
from forums.models import Decision, Meeting
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _soon(world):
    """Move the upcoming meeting to tomorrow, inside the two days' notice."""
    starts = timezone.now() + timedelta(days=1)
    Meeting.objects.filter(pk=world.upcoming.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=3))


def _reminders(prefix):
    return sorted(OutboxMessage.objects.filter(key__startswith=prefix).values_list("key", flat=True))


def test_invitees_are_reminded_once_of_a_meeting_soon(forum_world, django_capture_on_commit_callbacks):
    world = forum_world
    assert reminders.send_meeting_reminders() == 0  # ten days ahead: not yet
    _soon(world)
    world.upcoming.invitations.filter(user=world.other_ceo).update(reply="no")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_meeting_reminders() == 3
        assert reminders.send_meeting_reminders() == 0
    assert len(_reminders("forum-meeting-reminder:")) == 3
    assert all(
        key.endswith((f":{world.ceo.pk}", f":{world.advisor.pk}", f":{world.referent.pk}"))
        for key in _reminders("forum-meeting-reminder:")
    )


def test_a_meeting_moved_to_another_time_is_reminded_again_once(forum_world):
    world = forum_world
    _soon(world)
    assert reminders.send_meeting_reminders() == 4
    starts = timezone.now() + timedelta(hours=30)
    Meeting.objects.filter(pk=world.upcoming.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=2))
    assert reminders.send_meeting_reminders() == 4
    assert reminders.send_meeting_reminders() == 0
    assert len(_reminders("forum-meeting-reminder:")) == 8


def test_the_reminder_is_written_in_the_recipients_language(
    forum_world, mailoutbox, django_capture_on_commit_callbacks
):
    world = forum_world
    world.referent.preferred_language = "ar"
    world.referent.save(update_fields=["preferred_language"])
    world.ceo.preferred_language = "he"
    world.ceo.save(update_fields=["preferred_language"])
    _soon(world)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_meeting_reminders()
    by_recipient = {mail.to[0]: mail for mail in mailoutbox}
    assert by_recipient[world.referent.email].subject.startswith("تذكير")
    assert by_recipient[world.ceo.email].subject.startswith("תזכורת")


def test_an_overdue_action_is_reminded_to_its_owner_once(forum_world, mailoutbox, django_capture_on_commit_callbacks):
    world = forum_world
    assert reminders.send_overdue_action_reminders() == 0
    Decision.objects.filter(pk=world.decision.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_overdue_action_reminders() == 1
        assert reminders.send_overdue_action_reminders() == 0
    assert [mail.to for mail in mailoutbox] == [[world.other_ceo.email]]
    assert reverse("forums:decision_detail", args=[world.decision.pk]) in mailoutbox[0].body
    # a new due date, passed again: reminded once more
    Decision.objects.filter(pk=world.decision.pk).update(due_on=timezone.localdate() - timedelta(days=2))
    assert reminders.send_overdue_action_reminders() == 1
    assert len(_reminders("forum-action-overdue:")) == 2


def test_a_done_action_is_never_reminded(forum_world):
    Decision.objects.filter(pk=forum_world.decision.pk).update(
        due_on=timezone.localdate() - timedelta(days=1), status="done"
    )
    assert reminders.send_overdue_action_reminders() == 0


def test_the_forum_emails_are_kinds_people_can_turn_off():
    assert kind_code("forum-invitation") == "forum_meetings"
    assert kind_code("forum-meeting-reminder") == "forum_meetings"
    assert kind_code("forum-action-overdue") == "forum_actions"


def test_the_reminders_are_scheduled_tasks(world):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert sorted(task for task in scheduled if task.startswith("forums.")) == [
        "forums.tasks.send_meeting_reminders",
        "forums.tasks.send_overdue_action_reminders",
        "forums.tasks.send_weekly_digests",
    ]
    assert tasks.send_meeting_reminders.delay().get() == 0
    assert tasks.send_overdue_action_reminders.delay().get() == 0


def test_needs_doing_lists_invitations_to_answer_and_overdue_actions(forum_world):
    world = forum_world
    texts = [item.text for item in needs_doing(world.other_ceo) if item.url.startswith("/forums/")]
    assert texts == ["1 forum meeting invitation to answer"]
    Decision.objects.filter(pk=world.decision.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    world.upcoming.invitations.filter(user=world.other_ceo).update(reply="yes")
    texts = [item.text for item in needs_doing(world.other_ceo) if item.url.startswith("/forums/")]
    assert texts == ["1 forum action of yours overdue"]


@pytest.mark.parametrize(
    ("person", "shown"), [("ceo", True), ("referent", True), ("advisor", True), ("curator", False)]
)
def test_the_navigation_offers_forums_to_the_roles_that_sit_in_them(world, client_as, person, shown):
    response = client_as(world.people[person]).get(reverse("forums:forum_list"))
    names = [item["url_name"] for item in response.context["nav_items"]]
    assert ("forums:forum_list" in names) is shown
