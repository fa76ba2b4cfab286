from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from accounts.forms import form_error_messages

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
    """A refused form's errors as messages, each field's named by its label (for a form posted from another page)."""
    for message in form_error_messages(form):
        messages.error(request, message)
