"""What the knowledge editor should act on now (accounts.todo gathers it for the home pages)."""

from django.urls import reverse
from django.utils.translation import ngettext

from accounts.todo import Todo

from . import permissions
from .models import KnowledgeItem, KnowledgeStatus, Ministry, PlaybookSuggestion, SuggestionStatus


def needs_doing(user) -> list[Todo]:
    """Three queries: knowledge items in review, open playbook suggestions, the ministries (14) for reviews due."""
    if not permissions.is_editor(user):
        return []
    in_review = KnowledgeItem.objects.filter(status=KnowledgeStatus.IN_REVIEW).count()
    suggestions = PlaybookSuggestion.objects.filter(status=SuggestionStatus.OPEN).count()
    due = sum(1 for ministry in Ministry.objects.all() if ministry.is_review_due)
    desk = reverse("network:editor_home")
    return [
        Todo(
            in_review,
            ngettext(
                "%(count)s knowledge item waiting for your review",
                "%(count)s knowledge items waiting for your review",
                in_review,
            )
            % {"count": in_review},
            desk,
        ),
        Todo(
            suggestions,
            ngettext(
                "%(count)s suggestion to a playbook page to decide",
                "%(count)s suggestions to playbook pages to decide",
                suggestions,
            )
            % {"count": suggestions},
            desk,
        ),
        Todo(
            due,
            ngettext("%(count)s playbook page due for review", "%(count)s playbook pages due for review", due)
            % {"count": due},
            desk,
        ),
    ]
