"""Each person's calendar address (a secret token in the URL, regenerable) and the iCalendar feed it serves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..calendar import feed_for
from ..models import CalendarFeed


def calendar(request):
    """The person's calendar address, to subscribe to in a calendar app."""
    feed = services.calendar_feed_of(request.user)
    url = request.build_absolute_uri(reverse("forums:calendar_feed", args=[feed.token]))
    return render(request, "forums/calendar.html", {"feed_url": url})


@require_POST
def calendar_regenerate(request):
    services.regenerate_calendar_feed(user=request.user, request=request)
    messages.success(request, gettext("A new calendar address was made; the old one no longer works."))
    return redirect("forums:calendar")


@login_not_required
@require_safe
def calendar_feed(request, token):
    """The meetings of the token holder's forums as iCalendar. An unknown or old token is 404."""
    feed = CalendarFeed.objects.filter(token=token, user__is_active=True).select_related("user").first()
    if feed is None:
        raise Http404
    response = HttpResponse(feed_for(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="forums.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
