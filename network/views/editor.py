"""The editors' desk: what waits for them across the knowledge centre, the playbook and the calls."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from accounts.todo import needs_doing

from .. import permissions
from ..models import Call, KnowledgeItem, KnowledgeStatus, Ministry, PlaybookSuggestion, SuggestionStatus


def editor_home(request):
    """Items in review (oldest first), drafts, open playbook suggestions, pages due for review, calls."""
    if not permissions.is_editor(request.user):
        raise PermissionDenied
    items = KnowledgeItem.objects.select_related("cluster", "author")
    ministries = list(Ministry.objects.all())
    return render(
        request,
        "network/editor_home.html",
        {
            "in_review": list(items.filter(status=KnowledgeStatus.IN_REVIEW).order_by("submitted_at", "pk")),
            "drafts": list(items.filter(status=KnowledgeStatus.DRAFT).order_by("-updated_at", "-pk")),
            "suggestions": list(
                PlaybookSuggestion.objects.filter(status=SuggestionStatus.OPEN)
                .select_related("ministry", "cluster", "suggested_by")
                .order_by("suggested_at", "pk")
            ),
            "due_ministries": [ministry for ministry in ministries if ministry.is_review_due],
            "calls": list(Call.objects.filter(deadline__gte=timezone.localdate()).order_by("deadline", "pk")),
            "needs_doing": needs_doing(request.user),
        },
    )
