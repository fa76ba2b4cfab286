"""Knowledge centre workflows: drafting, proposing a case, review and publication, attachments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from accounts.services import record_event
from accounts.uploads import check_upload
from advisors.models import join_codes
from advisors.search import search_document
from clusters.models import Cluster

from ..models import Attachment, KnowledgeItem, KnowledgeKind, KnowledgeStatus

EDITABLE_FIELDS = ("kind", "subkind", "title", "summary", "body", "link", "language", "translation_of")


def _apply(item: KnowledgeItem, *, needs, domains, ministries, **fields) -> None:
    for name, value in fields.items():
        if name in EDITABLE_FIELDS:
            setattr(item, name, value)
    item.domains = join_codes(domains or [])
    item.search_text = search_document(item.title, item.summary, item.body)
    item.updated_at = timezone.now()
    item.full_clean(exclude=["author", "needs", "ministries"])
    item.save()
    item.needs.set(needs or [])
    item.ministries.set(ministries or [])


@transaction.atomic
def create_item(*, author: User, needs=(), domains=(), ministries=(), request=None, **fields) -> KnowledgeItem:
    """An editor drafts an item of any kind; it stays a draft until sent for review and published."""
    item = KnowledgeItem(author=author)
    _apply(item, needs=needs, domains=domains, ministries=ministries, **fields)
    record_event(action="knowledge_created", actor=author, target=item, request=request)
    return item


@transaction.atomic
def propose_case(
    *, cluster: Cluster, author: User, needs=(), domains=(), ministries=(), request=None, **fields
) -> KnowledgeItem:
    """A CEO proposes a case study of their own cluster's experience: it goes straight to the editors' review.

    Only what the CEO writes is shared; nothing is taken from the cluster's engagements.
    """
    fields = {**fields, "kind": KnowledgeKind.CASE_STUDY, "subkind": ""}
    item = KnowledgeItem(author=author, cluster=cluster)
    _apply(item, needs=needs, domains=domains, ministries=ministries, **fields)
    item.status = KnowledgeStatus.IN_REVIEW
    item.submitted_at = timezone.now()
    item.save(update_fields=["status", "submitted_at"])
    record_event(action="case_proposed", actor=author, target=item, request=request, data={"cluster": cluster.pk})
    return item


@transaction.atomic
def update_item(
    *, item: KnowledgeItem, edited_by: User, needs=(), domains=(), ministries=(), request=None, **fields
) -> KnowledgeItem:
    if item.kind == KnowledgeKind.CASE_STUDY:
        fields = {**fields, "kind": KnowledgeKind.CASE_STUDY, "subkind": ""}
    _apply(item, needs=needs, domains=domains, ministries=ministries, **fields)
    return item


def _move(item: KnowledgeItem, source: str, **changes) -> bool:
    """Change the status only if it is still `source` (two editors acting at once: one wins)."""
    updated = KnowledgeItem.objects.filter(pk=item.pk, status=source).update(**changes)
    item.refresh_from_db()
    return bool(updated)


@transaction.atomic
def submit_item(*, item: KnowledgeItem, submitted_by: User, request=None) -> KnowledgeItem:
    """Draft → in review."""
    if not _move(item, KnowledgeStatus.DRAFT, status=KnowledgeStatus.IN_REVIEW, submitted_at=timezone.now()):
        raise ValidationError(gettext("Only a draft can be sent for review."))
    record_event(action="knowledge_submitted", actor=submitted_by, target=item, request=request)
    return item


@transaction.atomic
def publish_item(*, item: KnowledgeItem, published_by: User, request=None) -> KnowledgeItem:
    """In review → published, by an editor."""
    if not _move(
        item,
        KnowledgeStatus.IN_REVIEW,
        status=KnowledgeStatus.PUBLISHED,
        published_at=timezone.now(),
        published_by=published_by,
        return_reason="",
    ):
        raise ValidationError(gettext("Only an item in review can be published."))
    record_event(action="knowledge_published", actor=published_by, target=item, request=request)
    return item


@transaction.atomic
def return_item(*, item: KnowledgeItem, returned_by: User, reason: str, request=None) -> KnowledgeItem:
    """In review → draft, with the reason the author reads."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("Say why the item goes back to its author.")})
    if not _move(item, KnowledgeStatus.IN_REVIEW, status=KnowledgeStatus.DRAFT, return_reason=reason[:500]):
        raise ValidationError(gettext("Only an item in review can be returned."))
    record_event(action="knowledge_returned", actor=returned_by, target=item, request=request, data={"reason": reason})
    return item


@transaction.atomic
def add_attachment(*, item: KnowledgeItem, title: str, upload, added_by: User) -> Attachment:
    """Attach a file, checked by its content like an engagement's deliverable (accounts.uploads)."""
    content_type = check_upload(upload, max_bytes=settings.NETWORK_MAX_UPLOAD_BYTES)
    return Attachment.objects.create(
        item=item,
        title=title.strip() or upload.name,
        file=upload,
        content_type=content_type,
        size=upload.size,
        added_by=added_by,
    )
