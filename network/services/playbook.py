"""Playbook workflows: an editor revises a page (a new version), a CEO suggests a change, an editor decides it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from accounts.services import record_event
from clusters.models import Cluster

from ..models import Ministry, PlaybookSection, PlaybookSuggestion, PlaybookVersion, SuggestionStatus

SECTION_CODES = [code for code, _label in PlaybookSection.choices]


def latest_version(ministry: Ministry) -> PlaybookVersion | None:
    return ministry.versions.order_by("-number").first()


@transaction.atomic
def publish_version(*, ministry: Ministry, edited_by: User | None, change_note: str = "", request=None, **sections):
    """A new version of the page from the given sections (the others carried over), reviewed today.

    The ministry row is locked, so two editors saving at once get consecutive numbers.
    """
    ministry = Ministry.objects.select_for_update().get(pk=ministry.pk)
    previous = latest_version(ministry)
    number = (ministry.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    values = {code: (getattr(previous, code) if previous else "") for code in SECTION_CODES}
    values.update({code: text.strip() for code, text in sections.items() if code in SECTION_CODES})
    try:
        with transaction.atomic():
            version = PlaybookVersion.objects.create(
                ministry=ministry, number=number, created_by=edited_by, change_note=change_note[:300], **values
            )
    except IntegrityError as error:
        raise ValidationError(
            gettext("Someone saved this page at the same moment: reload it and try again.")
        ) from error
    Ministry.objects.filter(pk=ministry.pk).update(last_reviewed_on=timezone.localdate())
    record_event(
        action="playbook_version_published", actor=edited_by, target=ministry, request=request, data={"version": number}
    )
    return version


@transaction.atomic
def suggest_change(
    *, ministry: Ministry, cluster: Cluster, suggested_by: User, section: str, text: str, reason: str = "", request=None
) -> PlaybookSuggestion:
    """A CEO suggests new text for one section of the current version."""
    if section not in SECTION_CODES:
        raise ValidationError(gettext("Choose the section to change."))
    suggestion = PlaybookSuggestion.objects.create(
        ministry=ministry,
        based_on=latest_version(ministry),
        section=section,
        text=text.strip(),
        reason=reason.strip()[:500],
        cluster=cluster,
        suggested_by=suggested_by,
    )
    record_event(action="playbook_suggestion_made", actor=suggested_by, target=suggestion, request=request)
    return suggestion


def _claim(suggestion: PlaybookSuggestion, decided_by: User, status: str, note: str, version=None) -> bool:
    """Decide the suggestion only if it is still open (two editors at once: one wins)."""
    return bool(
        PlaybookSuggestion.objects.filter(pk=suggestion.pk, status=SuggestionStatus.OPEN).update(
            status=status, decided_by=decided_by, decided_at=timezone.now(), decision_note=note[:500], version=version
        )
    )


@transaction.atomic
def accept_suggestion(
    *, suggestion: PlaybookSuggestion, decided_by: User, text: str | None = None, note: str = "", request=None
) -> PlaybookVersion:
    """The suggestion (as the editor may have reworded it) becomes the section's text in a new version."""
    if suggestion.status != SuggestionStatus.OPEN:
        raise ValidationError(gettext("This suggestion was already decided."))
    final = (text if text is not None and text.strip() else suggestion.text).strip()
    version = publish_version(
        ministry=suggestion.ministry,
        edited_by=decided_by,
        change_note=gettext("Suggested by the CEO of %(cluster)s") % {"cluster": suggestion.cluster.name},
        **{suggestion.section: final},
    )
    if not _claim(suggestion, decided_by, SuggestionStatus.ACCEPTED, note, version=version):
        raise ValidationError(gettext("This suggestion was already decided."))
    suggestion.refresh_from_db()
    record_event(action="playbook_suggestion_accepted", actor=decided_by, target=suggestion, request=request)
    return version


@transaction.atomic
def decline_suggestion(*, suggestion: PlaybookSuggestion, decided_by: User, note: str, request=None) -> None:
    if not note.strip():
        raise ValidationError({"note": gettext("Say why the suggestion is declined.")})
    if not _claim(suggestion, decided_by, SuggestionStatus.DECLINED, note.strip()):
        raise ValidationError(gettext("This suggestion was already decided."))
    suggestion.refresh_from_db()
    record_event(action="playbook_suggestion_declined", actor=decided_by, target=suggestion, request=request)
