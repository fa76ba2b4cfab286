"""Who may see and do what in the national cluster.

Published knowledge and the playbook are read by everyone who holds a role; drafts by their author and the
editors. Editors of the national unit publish knowledge, revise playbook pages and post calls; a cluster's CEO
proposes case studies of their own cluster, suggests playbook changes and records the cluster's applications.
"""

from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.roles import Role

from .models import Application, Attachment, Call, KnowledgeItem, KnowledgeStatus, PlaybookSuggestion, SuggestionStatus


def is_editor(user: User) -> bool:
    return user.has_role(Role.KNOWLEDGE_EDITOR)


def can_read_network(user: User) -> bool:
    """Anyone holding a role reads published knowledge and the playbook."""
    return bool(user.is_authenticated and user.roles)


def ceo_clusters(user: User) -> set[int]:
    return user.scope_ids(Role.CLUSTER_CEO)


def knowledge_visible_to(user: User) -> QuerySet[KnowledgeItem]:
    """Editors see every item; other readers the published ones and their own drafts; people without a role none."""
    if is_editor(user):
        return KnowledgeItem.objects.all()
    if not can_read_network(user):
        return KnowledgeItem.objects.none()
    return KnowledgeItem.objects.filter(Q(status=KnowledgeStatus.PUBLISHED) | Q(author=user))


def attachments_visible_to(user: User) -> QuerySet[Attachment]:
    return Attachment.objects.filter(item__in=knowledge_visible_to(user)).select_related("item")


def can_create_knowledge(user: User) -> bool:
    return is_editor(user)


def can_propose_case(user: User) -> bool:
    return bool(ceo_clusters(user))


def can_edit_knowledge(user: User, item: KnowledgeItem) -> bool:
    """Editors edit any item; an author edits their own draft (a returned item is a draft again)."""
    if is_editor(user):
        return True
    return item.author_id == user.pk and item.status == KnowledgeStatus.DRAFT


def can_submit_knowledge(user: User, item: KnowledgeItem) -> bool:
    return item.status == KnowledgeStatus.DRAFT and (item.author_id == user.pk or is_editor(user))


def can_publish_knowledge(user: User, item: KnowledgeItem) -> bool:
    return is_editor(user) and item.status == KnowledgeStatus.IN_REVIEW


def can_return_knowledge(user: User, item: KnowledgeItem) -> bool:
    return is_editor(user) and item.status == KnowledgeStatus.IN_REVIEW


def can_edit_playbook(user: User) -> bool:
    return is_editor(user)


def can_suggest_playbook_change(user: User) -> bool:
    return bool(ceo_clusters(user))


def suggestions_visible_to(user: User) -> QuerySet[PlaybookSuggestion]:
    """Editors see every suggestion; a CEO those they made; others none."""
    queryset = PlaybookSuggestion.objects.select_related("ministry", "cluster", "suggested_by", "based_on")
    if is_editor(user):
        return queryset
    return queryset.filter(suggested_by=user) if ceo_clusters(user) else queryset.none()


def can_decide_suggestion(user: User, suggestion: PlaybookSuggestion) -> bool:
    return is_editor(user) and suggestion.status == SuggestionStatus.OPEN


def can_see_calls(user: User) -> bool:
    return is_editor(user) or bool(ceo_clusters(user))


def calls_visible_to(user: User) -> QuerySet[Call]:
    """Editors see every call, drafts too; a CEO the posted ones; others none (the JSON feed is public)."""
    if is_editor(user):
        return Call.objects.all()
    if ceo_clusters(user):
        return Call.objects.posted()
    return Call.objects.none()


def can_manage_calls(user: User) -> bool:
    return is_editor(user)


def applications_visible_to(user: User) -> QuerySet[Application]:
    """A CEO sees the applications of the clusters they run; nobody else here (oversight reads outcomes only)."""
    return Application.objects.filter(cluster_id__in=ceo_clusters(user)).select_related("call", "cluster")


def can_update_application(user: User, application: Application) -> bool:
    return application.cluster_id in ceo_clusters(user) and bool(application.next_statuses)
