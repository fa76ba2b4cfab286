"""The calendar feed: RFC 5545 read back by a parser, with escaping, folding at 75 octets, CRLF, UIDs and UTC."""

from datetime import UTC, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from forums import services
from forums.models import CalendarFeed
from tests.factories.forums import at

pytestmark = pytest.mark.django_db

TITLE = 'תקציב; שירותים, ו\\גם "חירום" – מפגש ארוך מאוד שכותרתו עוברת בהרבה את שבעים וחמישה האוקטטים של שורה'


def _feed(client, user):
    feed = services.calendar_feed_of(user)
    return client.get(reverse("forums:calendar_feed", args=[feed.token]))


def test_the_feed_lists_the_meetings_of_the_persons_forums_and_parses_back(forum_world, client):
    world = forum_world
    day = timezone.localdate() + timedelta(days=20)
    meeting = services.schedule_meeting(
        forum=world.forum,
        starts_at=at(day, 9, 30),
        ends_at=at(day, 12),
        title=TITLE,
        location="Karmiel, hall 2; floor 3",
        created_by=world.ceo,
    )
    response = _feed(client, world.referent)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    # CRLF line ends only, every line at most 75 octets, the long title folded onto continuation lines
    lines = raw.split(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    unfolded = raw.replace(b"\r\n ", b"")
    assert (
        b"SUMMARY:"
        + f"{world.forum.name}: ".encode()
        + (TITLE.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").encode())
        in unfolded
    )
    assert b"LOCATION:Karmiel\\, hall 2\\; floor 3" in unfolded

    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0"
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(events) == 3  # the past meeting, the upcoming one and this one
    event = events[f"forum-meeting-{meeting.pk}@127.0.0.1"]  # the host of PLATFORM_URL
    assert str(event["SUMMARY"]) == f"{world.forum.name}: {TITLE}"
    assert str(event["LOCATION"]) == "Karmiel, hall 2; floor 3"
    assert event.decoded("DTSTART") == at(day, 9, 30).astimezone(UTC)
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert event.decoded("DTEND") == at(day, 12).astimezone(UTC)
    assert event["DTSTART"].to_ical().endswith(b"Z")
    assert event["DTSTAMP"].to_ical().endswith(b"Z")
    assert reverse("forums:meeting_detail", args=[meeting.pk]) in str(event["URL"])


def test_the_feed_carries_the_agenda_but_never_the_minutes_or_decisions(forum_world, client):
    world = forum_world
    raw = _feed(client, world.ceo).content.replace(b"\r\n ", b"")
    calendar = Calendar.from_ical(raw)
    descriptions = [str(event.get("DESCRIPTION", "")) for event in calendar.walk("VEVENT")]
    assert any("09:00 פתיחה" in text for text in descriptions)
    assert all("סוכם על נוהל משותף" not in text and "לגבש נוהל משותף" not in text for text in descriptions)


def test_a_person_outside_the_forum_gets_an_empty_calendar(forum_world, client):
    calendar = Calendar.from_ical(_feed(client, forum_world.board_member).content)
    assert calendar.walk("VEVENT") == []


def test_regenerating_the_address_ends_the_old_one(forum_world, client_as):
    world = forum_world
    old = services.calendar_feed_of(world.ceo).token
    client = client_as(world.ceo)
    assert client.post(reverse("forums:calendar_regenerate")).status_code == 302
    new = CalendarFeed.objects.get(user=world.ceo).token
    assert new != old
    client.logout()
    assert client.get(reverse("forums:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("forums:calendar_feed", args=[new])).status_code == 200
    page = client_as(world.ceo).get(reverse("forums:calendar"))
    assert new in page.content.decode()
