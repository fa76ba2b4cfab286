from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from .. import permissions


def forum_and_member(request, pk, *, queryset=None):
    """The forum if the person is a current member (404 otherwise), and their membership."""
    visible = permissions.forums_visible_to(request.user)
    forum = get_object_or_404((queryset or visible).filter(pk__in=visible.values("pk")), pk=pk)
    return forum, permissions.membership_of(request.user, forum)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def form_errors(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else message)
