"""Meetings: the roaming order of hosts, closing only with minutes, replies, attendance and attachments."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from forums import services
from forums.models import Invitation, Meeting, MeetingAttachment, MeetingStatus
from tests.access_matrix import changed_tables, fingerprint
from tests.factories.forums import at, make_forum

pytestmark = pytest.mark.django_db


def _meeting(forum, by, days, host=None, is_national=False):
    day = timezone.localdate() + timedelta(days=days)
    return services.schedule_meeting(
        forum=forum, starts_at=at(day, 9), ends_at=at(day, 12), host=host, is_national=is_national, created_by=by
    )


def test_the_roaming_order_suggests_the_host_after_the_last_meetings_host(world):
    forum = make_forum(chair=world.ceo, cluster=world.cluster)
    hosts = [services.add_host(forum=forum, office=f"Office {n}", added_by=world.ceo) for n in range(1, 6)]
    assert services.suggested_host(forum) == hosts[0]  # no meeting yet: the first host
    order = []
    for days in range(0, 35 * 6, 35):
        host = services.suggested_host(forum)
        order.append(host.office)
        _meeting(forum, world.ceo, days - 400, host=host)
    assert order == ["Office 1", "Office 2", "Office 3", "Office 4", "Office 5", "Office 1"]


def test_a_national_meeting_does_not_move_the_rotation(world):
    forum = make_forum(chair=world.ceo, cluster=world.cluster)
    hosts = [services.add_host(forum=forum, office=f"Office {n}", added_by=world.ceo) for n in range(1, 4)]
    _meeting(forum, world.ceo, -70, host=hosts[1])
    _meeting(forum, world.ceo, -35, host=hosts[0], is_national=True)
    assert services.suggested_host(forum) == hosts[2]


def test_the_rotation_follows_the_chairs_order_after_a_host_leaves(world):
    forum = make_forum(chair=world.ceo, cluster=world.cluster)
    hosts = [services.add_host(forum=forum, office=f"Office {n}", added_by=world.ceo) for n in range(1, 5)]
    _meeting(forum, world.ceo, -35, host=hosts[1])
    services.remove_host(host=hosts[2], removed_by=world.ceo)
    assert list(forum.hosts.values_list("office", "position")) == [("Office 1", 1), ("Office 2", 2), ("Office 4", 3)]
    assert services.suggested_host(forum) == hosts[3]


def test_closing_without_minutes_is_refused_and_changes_nothing(forum_world, client_as):
    world = forum_world
    url = reverse("forums:close", args=[world.upcoming.pk])
    client = client_as(world.advisor)
    before = fingerprint()
    for minutes in ("", "   \n  "):
        response = client.post(url, {"minutes": minutes})
        assert response.status_code == 400
    assert changed_tables(before, fingerprint()) == []
    with pytest.raises(ValidationError) as refused:
        services.close_meeting(meeting=world.upcoming, minutes=" ", closed_by=world.advisor)
    assert refused.value.code == "minutes_required"
    assert changed_tables(before, fingerprint()) == []
    assert Meeting.objects.get(pk=world.upcoming.pk).status == MeetingStatus.PLANNED


def test_the_database_refuses_a_closed_meeting_without_minutes(forum_world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=forum_world.upcoming.pk).update(status=MeetingStatus.CLOSED, closed_at=timezone.now())


def test_closing_with_minutes_keeps_them_and_is_audited(forum_world, client_as):
    world = forum_world
    response = client_as(world.advisor).post(
        reverse("forums:close", args=[world.upcoming.pk]), {"minutes": "Agreed on a shared procedure."}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=world.upcoming.pk)
    assert (meeting.status, meeting.minutes, meeting.closed_by_id) == (
        "closed",
        "Agreed on a shared procedure.",
        world.advisor.pk,
    )
    assert AuditEvent.objects.filter(action="meeting_closed", target_id=meeting.pk).count() == 1
    # closed once: a second close is refused (403, the form is gone) and changes nothing
    again = client_as(world.advisor).post(reverse("forums:close", args=[world.upcoming.pk]), {"minutes": "Other"})
    assert again.status_code == 403
    assert Meeting.objects.get(pk=world.upcoming.pk).minutes == "Agreed on a shared procedure."


def test_every_current_member_is_invited_and_answers_for_themselves(forum_world, client_as):
    world = forum_world
    invited = set(Invitation.objects.filter(meeting=world.upcoming).values_list("user_id", flat=True))
    assert invited == {world.ceo.pk, world.advisor.pk, world.other_ceo.pk, world.referent.pk}
    response = client_as(world.referent).post(reverse("forums:reply", args=[world.upcoming.pk]), {"reply": "maybe"})
    assert response.status_code == 302
    replies = dict(Invitation.objects.filter(meeting=world.upcoming).values_list("user_id", "reply"))
    assert replies == {
        world.ceo.pk: "pending",
        world.advisor.pk: "pending",
        world.other_ceo.pk: "pending",
        world.referent.pk: "maybe",
    }


def test_a_closed_meeting_takes_no_replies(forum_world, client_as):
    world = forum_world
    response = client_as(world.referent).post(reverse("forums:reply", args=[world.past.pk]), {"reply": "yes"})
    assert response.status_code == 302
    assert Invitation.objects.get(meeting=world.past, user=world.referent).reply == "pending"


def test_attendance_marks_the_invitees(forum_world, client_as):
    world = forum_world
    client_as(world.advisor).post(
        reverse("forums:attendance", args=[world.upcoming.pk]), {"attended": [world.ceo.pk, world.referent.pk]}
    )
    attended = dict(Invitation.objects.filter(meeting=world.upcoming).values_list("user_id", "attended"))
    assert attended == {world.ceo.pk: True, world.referent.pk: True, world.advisor.pk: False, world.other_ceo.pk: False}


def test_an_attachment_is_checked_and_served_only_to_members(forum_world, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = forum_world
    url = reverse("forums:attachment_add", args=[world.upcoming.pk])
    fake = SimpleUploadedFile("slides.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    client_as(world.advisor).post(url, {"title": "Slides", "file": fake})
    assert MeetingAttachment.objects.count() == 0
    good = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 a small pdf", content_type="application/pdf")
    client_as(world.advisor).post(url, {"title": "Slides", "file": good})
    attachment = MeetingAttachment.objects.get()
    assert (attachment.content_type, attachment.size) == ("application/pdf", 20)
    download = reverse("forums:attachment_download", args=[attachment.pk])
    response = client_as(world.referent).get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 a small pdf"
    assert client_as(world.board_member).get(download).status_code == 404


def test_an_attachment_too_large_is_refused(forum_world, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FORUMS_MAX_UPLOAD_BYTES = 10
    world = forum_world
    big = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 " + b"x" * 20, content_type="application/pdf")
    client_as(world.advisor).post(
        reverse("forums:attachment_add", args=[world.upcoming.pk]), {"title": "S", "file": big}
    )
    assert MeetingAttachment.objects.count() == 0


def test_a_meeting_must_end_after_it_starts(forum_world, client_as):
    world = forum_world
    before = Meeting.objects.count()
    response = client_as(world.ceo).post(
        reverse("forums:meeting_new", args=[world.forum.pk]),
        {"day": (timezone.localdate() + timedelta(days=30)).isoformat(), "starts": "12:00", "ends": "09:00"},
    )
    assert response.status_code == 400
    assert Meeting.objects.count() == before


def test_the_meeting_form_suggests_the_next_host(forum_world, client_as):
    world = forum_world
    response = client_as(world.ceo).get(reverse("forums:meeting_new", args=[world.forum.pk]))
    # past at host 1, upcoming at host 2: next is host 3
    assert response.context["suggested"] == world.hosts[2]
    assert response.context["form"].initial["host"] == world.hosts[2].pk


def test_an_unused_forum_has_a_chair_who_cannot_leave_alone(world):
    forum = make_forum(chair=world.ceo, cluster=world.cluster)
    with pytest.raises(ValidationError):
        services.end_membership(member=forum.members.get(), ended_by=world.ceo)
    assert forum.members.get().until is None
