"""Calls workflows: editors post and update calls; a CEO records the cluster's application and its outcome."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from accounts.services import record_event
from advisors.models import join_codes
from clusters.models import Cluster

from ..eligibility import check_eligibility
from ..matching import cluster_facts
from ..models import Application, ApplicationStatus, Call
from ..models.calls import APPLICATION_MOVES

CODE_FIELDS = ("regions", "stages", "authority_kinds", "domains")
PLAIN_FIELDS = (
    "title",
    "funder",
    "ministry",
    "description",
    "link",
    "deadline",
    "amount",
    "matching_share",
    "socioeconomic_min",
    "socioeconomic_max",
    "peripherality_min",
    "peripherality_max",
)


def _apply(call: Call, *, needs=(), is_posted: bool = False, **fields) -> None:
    for name in PLAIN_FIELDS:
        if name in fields:
            setattr(call, name, fields[name])
    for name in CODE_FIELDS:
        if name in fields:
            setattr(call, name, join_codes(fields[name] or []))
    if is_posted and not call.is_posted:
        call.is_posted, call.posted_at = True, timezone.now()
    elif not is_posted:
        call.is_posted, call.posted_at = False, None
    call.full_clean(exclude=["created_by", "needs"])
    call.save()
    call.needs.set(needs or [])


@transaction.atomic
def create_call(*, created_by: User, request=None, **fields) -> Call:
    """An editor enters a call; it is visible to the clusters once posted."""
    call = Call(created_by=created_by)
    _apply(call, **fields)
    record_event(action="call_posted", actor=created_by, target=call, request=request, data={"posted": call.is_posted})
    return call


@transaction.atomic
def update_call(*, call: Call, updated_by: User, request=None, **fields) -> Call:
    _apply(call, **fields)
    record_event(action="call_updated", actor=updated_by, target=call, request=request)
    return call


@transaction.atomic
def record_application(
    *,
    call: Call,
    cluster: Cluster,
    recorded_by: User,
    amount_requested=None,
    goals=(),
    note: str = "",
    request=None,
) -> Application:
    """The CEO records that the cluster intends to apply. Only to an open call the cluster is eligible for, once,
    with goals of the cluster's own services."""
    if not call.is_open:
        raise ValidationError(gettext("This call is closed: its deadline has passed."))
    eligibility = check_eligibility(call, cluster_facts(cluster=cluster))
    if not eligibility.is_eligible:
        raise ValidationError(
            gettext("Your cluster does not meet this call's criteria: %(criteria)s")
            % {"criteria": "; ".join(str(c.explanation) for c in eligibility.unmet)}
        )
    if any(goal.service.cluster_id != cluster.pk for goal in goals):
        raise ValidationError(gettext("Link only goals of your own cluster."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call, cluster=cluster, recorded_by=recorded_by, amount_requested=amount_requested, note=note
            )
    except IntegrityError as error:
        raise ValidationError(gettext("Your cluster already recorded an application to this call.")) from error
    application.goals.set(goals)
    record_event(action="application_recorded", actor=recorded_by, target=application, request=request)
    return application


@transaction.atomic
def update_application(
    *,
    application: Application,
    updated_by: User,
    status: str,
    amount_requested=None,
    amount_won=None,
    goals=None,
    note: str | None = None,
    request=None,
) -> Application:
    """Move an application on (intended → submitted → won / lost). A win records the amount won."""
    current = ApplicationStatus(application.status)
    if status not in APPLICATION_MOVES[current]:
        raise ValidationError(gettext("This application cannot move to that status."))
    if status == ApplicationStatus.WON and amount_won is None:
        raise ValidationError(gettext("Enter the amount won."))
    now = timezone.now()
    changes = {"status": status, "amount_won": amount_won if status == ApplicationStatus.WON else None}
    if status == ApplicationStatus.SUBMITTED:
        changes["submitted_at"] = now
    if status in (ApplicationStatus.WON, ApplicationStatus.LOST):
        changes["decided_at"] = now
    if amount_requested is not None:
        changes["amount_requested"] = amount_requested
    if note is not None:
        changes["note"] = note[:500]
    updated = Application.objects.filter(pk=application.pk, status=current).update(**changes)
    if not updated:
        raise ValidationError(gettext("This application was changed meanwhile: reload the page."))
    if goals is not None:
        if any(goal.service.cluster_id != application.cluster_id for goal in goals):
            raise ValidationError(gettext("Link only goals of your own cluster."))
        application.goals.set(goals)
    application.refresh_from_db()
    record_event(
        action="application_updated", actor=updated_by, target=application, request=request, data={"status": status}
    )
    return application
