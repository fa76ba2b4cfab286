"""Each person's calendar feed (iCalendar, RFC 5545) of the meetings of their forums, written with the icalendar
library: text escaped, lines folded at 75 octets, CRLF line ends, a stable UID per meeting, DTSTAMP and times in UTC.

Only what a member already reads on the meeting's page goes in: the forum, the title, the host and place, the agenda's
topics and a link. Never the minutes or the decisions (the address travels in calendar apps).
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import AgendaItem, ForumMember, Meeting, MeetingStatus

PRODID = "-//Regional clusters platform//Forums//HE"


def meetings_for_feed(user):
    """The meetings of the forums the person is a current member of, from a year back (two queries)."""
    forums = ForumMember.objects.current().filter(user=user).values("forum_id")
    since = timezone.now() - timezone.timedelta(days=365)
    return (
        Meeting.objects.filter(forum_id__in=forums, starts_at__gte=since)
        .select_related("forum", "host__authority")
        .prefetch_related(Prefetch("agenda", queryset=AgendaItem.objects.order_by("starts_at", "position", "pk")))
        .order_by("starts_at", "pk")
    )


def _utc(moment):
    return moment.astimezone(UTC)


def feed_for(user) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Forums")
    domain = urlsplit(settings.PLATFORM_URL).hostname or "localhost"
    stamp = _utc(timezone.now()).replace(microsecond=0)
    for meeting in meetings_for_feed(user):
        event = Event()
        event.add("uid", f"forum-meeting-{meeting.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(meeting.starts_at))
        event.add("dtend", _utc(meeting.ends_at))
        summary = f"{meeting.forum.name}: {meeting.title}" if meeting.title else meeting.forum.name
        event.add("summary", summary)
        place = ", ".join(part for part in (str(meeting.host) if meeting.host else "", meeting.location) if part)
        if place:
            event.add("location", place)
        url = settings.PLATFORM_URL + reverse("forums:meeting_detail", args=[meeting.pk])
        agenda = "\n".join(f"{item.starts_at:%H:%M} {item.title}" for item in meeting.agenda.all())
        event.add("description", f"{agenda}\n\n{url}".strip())
        event.add("url", url)
        event.add("sequence", meeting.sequence)
        event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
