"""The notification centre (list, mark read) and email preferences: each person's own, nobody else's."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from . import notifications
from .forms import EmailPreferencesForm
from .pagination import CountlessPaginator

PAGE_SIZE = 20


def _page_number(value) -> int:
    """A page number from the query string: 1 for anything but a whole number of up to six digits."""
    text = str(value or "")
    return int(text) if text.isdecimal() and text.isascii() and 1 <= len(text) <= 6 and int(text) >= 1 else 1


def notification_list(request):
    page = CountlessPaginator(notifications.notifications_visible_to(request.user), PAGE_SIZE).get_page(
        _page_number(request.GET.get("page"))
    )
    return render(request, "accounts/notification_list.html", {"page": page})


def _back_to_list(request):
    page = _page_number(request.POST.get("page"))
    url = reverse("notifications:list")
    return redirect(f"{url}?page={page}" if page > 1 else url)


@require_POST
def notification_read(request, pk):
    """Mark one notification read; "open" goes on to its page. With htmx, only the item and the bell are redrawn."""
    notification = get_object_or_404(notifications.notifications_visible_to(request.user), pk=pk)
    notifications.mark_read(notification=notification)
    is_ours = url_has_allowed_host_and_scheme(notification.link, allowed_hosts={request.get_host()})
    if "open" in request.POST and notification.link and is_ours:
        return redirect(notification.link)
    if request.htmx:
        notification.refresh_from_db()
        request.user.refresh_from_db(fields=["unread_notifications"])
        return render(
            request, "accounts/notification_list.html#item", {"notification": notification, "swap_bell": True}
        )
    return _back_to_list(request)


@require_POST
def notification_read_all(request):
    count = notifications.mark_all_read(user=request.user)
    if count:
        messages.success(request, gettext("All notifications are marked read."))
    return _back_to_list(request)


def email_preferences(request):
    kinds = notifications.kinds_for(request.user)
    # With every box unticked the POST is empty, yet the form is bound: it turns those kinds off.
    data = request.POST if request.method == "POST" else None
    form = EmailPreferencesForm(data, kinds=kinds, initial_choices=notifications.email_choices(request.user))
    if request.method == "POST" and form.is_valid():
        notifications.save_email_preferences(user=request.user, choices=form.cleaned_data)
        messages.success(request, gettext("Your email preferences were saved."))
        return redirect("notifications:preferences")
    return render(request, "accounts/email_preferences.html", {"form": form}, status=400 if form.errors else 200)
