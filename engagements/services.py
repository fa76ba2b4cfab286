"""Workflows of the engagements app: the lifecycle, work logs, budget, deliverables and reviews.

Every state change is a conditional UPDATE on the state it leaves, so two people acting at once cannot both
succeed; a refused change raises EngagementError with a translated message and writes nothing.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from accounts.services import record_event
from advisors.models import AdvisorProfile, ControlMandate, Need, RatingDimension
from advisors.selectors import barring_mandate, barring_mandates
from advisors.services import update_track_record
from clusters.models import Cluster, Goal
from outbox.services import dispatch_task

from . import permissions
from .models import (
    TRANSITIONS,
    BudgetExtension,
    Deliverable,
    Engagement,
    Review,
    ReviewSide,
    State,
    Transition,
    WorkLog,
    WorkLogState,
)

OVERSIGHT_ROLES_OVER_A_CLUSTER = (Role.REFERENT_INTERIOR, Role.REFERENT_TREASURY)
QUARTER = Decimal("0.25")
# The conflict-of-interest declaration an advisor confirms on accepting, offered in the advisor's language; the text
# they confirm is stored as they saw it.
DECLARATION_TEXT_DEFAULT = gettext_lazy(
    "I declare that neither I nor my organisation hold any oversight or control function for this cluster, "
    "and that we have held none in the cooling-off period."
)


class EngagementError(ValidationError):
    """A refused workflow step; the message is translated and says why."""


# --- conflict of interest ---------------------------------------------------------------------------------------


def conflict_of_interest(*, profile: AdvisorProfile, cluster: Cluster, on: date | None = None) -> str | None:
    """Why this advisor cannot be engaged by this cluster, or None.

    Refused: an advisor who holds, or held within COOLING_OFF_MONTHS, a referent role over the cluster or the
    head referent's national role; an advisor whose organisation holds or held a control or audit mandate over it.
    """
    months = settings.COOLING_OFF_MONTHS
    roles = RoleAssignment.objects.filter(user_id=profile.person_id).current_or_within(months, on=on)
    over_cluster = roles.of_roles(OVERSIGHT_ROLES_OVER_A_CLUSTER).for_scope(cluster)
    national = roles.filter(role=Role.HEAD_REFERENT)
    if over_cluster.exists() or national.exists():
        return _(
            "This advisor holds, or held in the last %(months)d months, an oversight role over this cluster, "
            "so the cluster cannot engage them."
        ) % {"months": months}
    mandate = barring_mandate(organisation_id=profile.organisation_id, cluster_id=cluster.pk, on=on)
    if mandate is not None:
        return _(
            "The advisor's organisation holds, or held in the last %(months)d months, a %(kind)s mandate over "
            "this cluster for %(body)s, so the cluster cannot engage its advisors."
        ) % {"months": months, "kind": mandate.get_kind_display(), "body": mandate.body}
    return None


def mandate_conflict(engagement: Engagement, *, on: date | None = None) -> ControlMandate | None:
    """On an active engagement, the control or audit mandate that now bars the advisor's organisation, or None.

    Such an engagement takes no more work logs; the CEO must close it, or the mandate must end.
    """
    if engagement.state != State.ACTIVE:
        return None
    return barring_mandate(organisation_id=engagement.advisor.organisation_id, cluster_id=engagement.cluster_id, on=on)


# --- lifecycle -----------------------------------------------------------------------------------------------------


def _notify(engagement: Engagement, action: str) -> None:
    # Each transition happens at most once per engagement, so the engagement and the action name the cause.
    dispatch_task(
        key=f"engagement-transition:{engagement.pk}:{action}",
        task="engagements.tasks.send_transition_email",
        args=(engagement.pk, action),
    )


def _move(*, engagement: Engagement, action: str, by: User, reason: str = "", request=None, **values) -> Engagement:
    """Apply one transition with a conditional UPDATE; refuse it if the engagement is no longer in the source state."""
    source, target = TRANSITIONS[action]
    now = timezone.now()
    updated = Engagement.objects.filter(pk=engagement.pk, state=source).update(state=target, **values)
    if not updated:
        current = Engagement.objects.get(pk=engagement.pk).get_state_display()
        raise EngagementError(
            _("This change cannot be made to the engagement in its current state (%(state)s).") % {"state": current}
        )
    Transition.objects.create(engagement=engagement, from_state=source, to_state=target, at=now, by=by, reason=reason)
    record_event(
        action=f"engagement_{action}",
        actor=by,
        target=engagement,
        request=request,
        data={"reason": reason} if reason else {},
    )
    engagement.refresh_from_db()
    _notify(engagement, action)
    return engagement


def _validate_terms(
    *,
    cluster: Cluster,
    profile: AdvisorProfile,
    model: str,
    goals,
    starts_on: date,
    ends_on: date,
    budget_hours,
    budget_amount,
) -> None:
    if profile.organisation.relationship_model != model:
        raise EngagementError(_("The advisor's organisation does not offer this relationship model."))
    if not profile.organisation.is_vetted or profile.suspended_at is not None:
        raise EngagementError(
            _("This advisor cannot be engaged: their profile or organisation is not in the catalogue.")
        )
    if any(goal.service.cluster_id != cluster.pk for goal in goals):
        raise EngagementError(_("Goals served must be goals of this cluster."))
    if ends_on < starts_on:
        raise EngagementError(_("The end date must not be before the start date."))
    if not (budget_hours and budget_hours > 0) and not (budget_amount and budget_amount > 0):
        raise EngagementError(_("Give a budget in hours, in shekels, or both."))


@transaction.atomic
def create_engagement(
    *,
    cluster: Cluster,
    profile: AdvisorProfile,
    model: str,
    needs: list[Need],
    goals: list[Goal],
    scope: str,
    starts_on: date,
    ends_on: date,
    budget_hours: Decimal | None = None,
    budget_amount: Decimal | None = None,
    hourly_rate: Decimal | None = None,
    created_by: User,
    request: HttpRequest | None = None,
) -> Engagement:
    """The cluster's CEO drafts an engagement with an advisor. Nobody above the cluster can."""
    if not permissions.can_create_engagement(created_by, cluster):
        raise EngagementError(_("Only the cluster's CEO can open an engagement for the cluster."))
    goals = list(Goal.objects.filter(pk__in=[g.pk for g in goals]).select_related("service"))
    _validate_terms(
        cluster=cluster,
        profile=profile,
        model=model,
        goals=goals,
        starts_on=starts_on,
        ends_on=ends_on,
        budget_hours=budget_hours,
        budget_amount=budget_amount,
    )
    if not needs:
        raise EngagementError(_("Choose at least one need the engagement addresses."))
    conflict = conflict_of_interest(profile=profile, cluster=cluster)
    if conflict:
        raise EngagementError(conflict)
    if hourly_rate is None:
        hourly_rate = (Decimal(profile.day_rate) / 8).quantize(Decimal("0.01"))
    engagement = Engagement.objects.create(
        cluster=cluster,
        advisor=profile,
        model=model,
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        budget_hours=budget_hours,
        budget_amount=budget_amount,
        hourly_rate=hourly_rate,
        created_by=created_by,
    )
    engagement.needs.set(needs)
    engagement.goals.set(goals)
    record_event(action="engagement_created", actor=created_by, target=engagement, request=request)
    return engagement


@transaction.atomic
def propose_engagement(*, engagement: Engagement, proposed_by: User, request: HttpRequest | None = None) -> Engagement:
    """The CEO sends a draft to the advisor, after the conflict-of-interest check."""
    if not permissions.is_ceo_of(proposed_by, engagement):
        raise EngagementError(_("Only the cluster's CEO can propose this engagement."))
    conflict = conflict_of_interest(profile=engagement.advisor, cluster=engagement.cluster)
    if conflict:
        raise EngagementError(conflict)
    return _move(engagement=engagement, action="propose", by=proposed_by, request=request, proposed_at=timezone.now())


@transaction.atomic
def withdraw_engagement(
    *, engagement: Engagement, withdrawn_by: User, reason: str, request: HttpRequest | None = None
) -> Engagement:
    if not permissions.is_ceo_of(withdrawn_by, engagement):
        raise EngagementError(_("Only the cluster's CEO can withdraw this proposal."))
    return _close(engagement=engagement, action="withdraw", by=withdrawn_by, reason=reason, request=request)


@transaction.atomic
def accept_engagement(
    *, engagement: Engagement, accepted_by: User, declaration: str, request: HttpRequest | None = None
) -> Engagement:
    """The advisor accepts, declaring they hold no oversight or control function for the cluster."""
    if not permissions.is_advisor_on(accepted_by, engagement):
        raise EngagementError(_("Only the advisor this engagement was proposed to can accept it."))
    if not str(declaration).strip():
        raise EngagementError(
            {"declaration": _("Accepting requires the declaration of no oversight or control function.")}
        )
    conflict = conflict_of_interest(profile=engagement.advisor, cluster=engagement.cluster)
    if conflict:
        raise EngagementError(conflict)
    now = timezone.now()
    return _move(
        engagement=engagement,
        action="accept",
        by=accepted_by,
        request=request,
        accepted_at=now,
        declaration_text=str(declaration).strip(),
        declared_at=now,
    )


def _close(*, engagement: Engagement, action: str, by: User, reason: str, request: HttpRequest | None) -> Engagement:
    """Withdraw, decline or terminate: a closing transition that needs a reason, kept on the engagement."""
    reason = _required_reason(reason)
    return _move(
        engagement=engagement,
        action=action,
        by=by,
        reason=reason,
        request=request,
        closed_at=timezone.now(),
        close_reason=reason,
    )


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise EngagementError({"reason": _("A reason is required.")})
    return reason


@transaction.atomic
def decline_engagement(
    *, engagement: Engagement, declined_by: User, reason: str, request: HttpRequest | None = None
) -> Engagement:
    if not permissions.is_advisor_on(declined_by, engagement):
        raise EngagementError(_("Only the advisor this engagement was proposed to can decline it."))
    return _close(engagement=engagement, action="decline", by=declined_by, reason=reason, request=request)


@transaction.atomic
def complete_engagement(
    *, engagement: Engagement, completed_by: User, request: HttpRequest | None = None
) -> Engagement:
    """The CEO completes an active engagement; the advisor's track record counts it."""
    if not permissions.is_ceo_of(completed_by, engagement):
        raise EngagementError(_("Only the cluster's CEO can complete this engagement."))
    engagement = _move(
        engagement=engagement, action="complete", by=completed_by, request=request, closed_at=timezone.now()
    )
    push_track_record(profile_id=engagement.advisor_id)
    return engagement


@transaction.atomic
def terminate_engagement(
    *, engagement: Engagement, terminated_by: User, reason: str, request: HttpRequest | None = None
) -> Engagement:
    if not permissions.is_ceo_of(terminated_by, engagement):
        raise EngagementError(_("Only the cluster's CEO can terminate this engagement."))
    return _close(engagement=engagement, action="terminate", by=terminated_by, reason=reason, request=request)


# --- budget --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    hours: Decimal | None
    amount: Decimal | None
    approved_hours: Decimal
    approved_amount: Decimal
    pending_hours: Decimal

    @property
    def percent_used(self) -> Decimal:
        """The larger of hours used and money used, as a percentage of the budget (approved entries only)."""
        shares = []
        if self.hours:
            shares.append(100 * self.approved_hours / self.hours)
        if self.amount:
            shares.append(100 * self.approved_amount / self.amount)
        return max(shares).quantize(Decimal("0.1")) if shares else Decimal(0)

    @property
    def is_warning(self) -> bool:
        return self.percent_used >= settings.ENGAGEMENTS_BUDGET_WARNING_PERCENT


def budget_of(engagement: Engagement) -> Budget:
    """Budget (with extensions) and burn: approved hours and their cost at the engagement's hourly rate."""
    extensions = engagement.extensions.aggregate(hours=Sum("added_hours"), amount=Sum("added_amount"))
    logs = engagement.work_logs.all()
    approved = logs.filter(state=WorkLogState.APPROVED).aggregate(hours=Sum("hours"))["hours"] or Decimal(0)
    pending = logs.exclude(state=WorkLogState.APPROVED).aggregate(hours=Sum("hours"))["hours"] or Decimal(0)
    hours = engagement.budget_hours + (extensions["hours"] or 0) if engagement.budget_hours else None
    amount = engagement.budget_amount + (extensions["amount"] or 0) if engagement.budget_amount else None
    return Budget(hours, amount, approved, approved * engagement.hourly_rate, pending)


@transaction.atomic
def extend_budget(
    *,
    engagement: Engagement,
    extended_by: User,
    added_hours: Decimal = Decimal(0),
    added_amount: Decimal = Decimal(0),
    reason: str,
    request: HttpRequest | None = None,
) -> BudgetExtension:
    """The CEO adds budget to an active engagement; the extension is recorded and audited."""
    if not permissions.can_extend_budget(extended_by, engagement):
        raise EngagementError(_("Only the cluster's CEO can extend the budget of an active engagement."))
    reason = _required_reason(reason)
    if added_hours < 0 or added_amount < 0 or (added_hours == 0 and added_amount == 0):
        raise EngagementError(_("An extension adds hours, shekels or both."))
    extension = BudgetExtension.objects.create(
        engagement=engagement,
        added_hours=added_hours,
        added_amount=added_amount,
        reason=reason,
        extended_by=extended_by,
    )
    record_event(
        action="engagement_budget_extended",
        actor=extended_by,
        target=engagement,
        request=request,
        data={"hours": str(added_hours), "amount": str(added_amount)},
    )
    return extension


# --- work logs -----------------------------------------------------------------------------------------------------


def _check_entry(*, engagement: Engagement, advisor: User, worked_on: date, hours: Decimal, exclude_pk=None) -> None:
    if not permissions.is_advisor_on(advisor, engagement):
        raise EngagementError(_("You can log work only on your own engagements."))
    if engagement.state != State.ACTIVE:
        raise EngagementError(_("Work can be logged only on an active engagement."))
    mandate = mandate_conflict(engagement)
    if mandate is not None:
        raise EngagementError(
            _(
                "The advisor's organisation now holds a %(kind)s mandate over this cluster for %(body)s, so this "
                "engagement takes no more work logs. The CEO must close it, or the mandate must end."
            )
            % {"kind": mandate.get_kind_display(), "body": mandate.body}
        )
    # Errors about the date or the hours name their field, so the form marks it (not only a banner).
    if not engagement.starts_on <= worked_on <= engagement.ends_on:
        raise EngagementError(
            {
                "worked_on": _("The date must be within the engagement's dates (%(start)s to %(end)s).")
                % {
                    "start": formats.date_format(engagement.starts_on, "SHORT_DATE_FORMAT"),
                    "end": formats.date_format(engagement.ends_on, "SHORT_DATE_FORMAT"),
                }
            }
        )
    if worked_on > timezone.localdate():
        raise EngagementError({"worked_on": _("Work cannot be logged for a future date.")})
    if hours < QUARTER or hours > 24 or hours % QUARTER:
        raise EngagementError({"hours": _("Hours must be between 0.25 and 24, in quarter-hour steps.")})
    # Lock the advisor's row so two entries for the same day cannot both pass the daily total check.
    User.objects.select_for_update().filter(pk=advisor.pk).first()
    day = WorkLog.objects.filter(advisor=advisor, worked_on=worked_on).exclude(pk=exclude_pk)
    day_total = day.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    if day_total + hours > 24:
        raise EngagementError(
            {
                "hours": _(
                    "At most 24 hours a day across all your engagements; %(logged)s are already logged on that day."
                )
                % {"logged": f"{day_total:.2f}"}
            }
        )
    budget = budget_of(engagement)
    used_hours = budget.approved_hours + budget.pending_hours + hours
    if exclude_pk:
        used_hours -= WorkLog.objects.get(pk=exclude_pk).hours
    over_hours = budget.hours is not None and used_hours > budget.hours
    over_amount = budget.amount is not None and used_hours * engagement.hourly_rate > budget.amount
    if over_hours or over_amount:
        raise EngagementError(
            {"hours": _("This entry would exceed the engagement's budget; ask the CEO to extend it.")}
        )


@transaction.atomic
def log_work(
    *,
    engagement: Engagement,
    advisor: User,
    worked_on: date,
    hours: Decimal,
    activity: str,
    text: str,
    goals: list[Goal] | None = None,
    request: HttpRequest | None = None,
) -> WorkLog:
    """The advisor logs hours on their active engagement, within its dates, 24 hours a day and the budget."""
    hours = Decimal(hours)
    _check_entry(engagement=engagement, advisor=advisor, worked_on=worked_on, hours=hours)
    goals = [goal for goal in (goals or []) if goal.service.cluster_id == engagement.cluster_id]
    entry = WorkLog.objects.create(
        engagement=engagement, advisor=advisor, worked_on=worked_on, hours=hours, activity=activity, text=text
    )
    entry.goals.set(goals)
    record_event(action="work_logged", actor=advisor, target=entry, request=request)
    return entry


@transaction.atomic
def resubmit_work_log(
    *,
    entry: WorkLog,
    advisor: User,
    worked_on: date,
    hours: Decimal,
    activity: str,
    text: str,
    goals: list[Goal] | None = None,
    request: HttpRequest | None = None,
) -> WorkLog:
    """The advisor fixes a returned entry (its date, hours, activity, text and goals served) and submits it again.

    `goals` replaces the goals served (only the cluster's goals are kept); None leaves them as they were."""
    if not permissions.can_fix_work_log(advisor, entry):
        raise EngagementError(_("Only a returned entry of yours can be fixed and resubmitted."))
    hours = Decimal(hours)
    _check_entry(engagement=entry.engagement, advisor=advisor, worked_on=worked_on, hours=hours, exclude_pk=entry.pk)
    updated = WorkLog.objects.filter(pk=entry.pk, state=WorkLogState.RETURNED).update(
        worked_on=worked_on,
        hours=hours,
        activity=activity,
        text=text,
        state=WorkLogState.SUBMITTED,
        submitted_at=timezone.now(),
        return_reason="",
        decided_at=None,
        decided_by=None,
        escalated_at=None,
    )
    if not updated:
        raise EngagementError(_("Only a returned entry of yours can be fixed and resubmitted."))
    if goals is not None:
        entry.goals.set([goal for goal in goals if goal.service.cluster_id == entry.engagement.cluster_id])
    record_event(action="work_log_resubmitted", actor=advisor, target=entry, request=request)
    entry.refresh_from_db()
    return entry


@transaction.atomic
def approve_work_log(*, entry: WorkLog, approved_by: User, request: HttpRequest | None = None) -> bool:
    """Approve an entry awaiting approval. Returns False if someone else decided it first (nothing changes)."""
    if not permissions.is_ceo_of(approved_by, entry.engagement):
        raise EngagementError(_("Only the cluster's CEO can approve work logs."))
    updated = WorkLog.objects.filter(pk=entry.pk, state=WorkLogState.SUBMITTED).update(
        state=WorkLogState.APPROVED, decided_at=timezone.now(), decided_by=approved_by
    )
    if updated:
        record_event(action="work_log_approved", actor=approved_by, target=entry, request=request)
    return bool(updated)


@transaction.atomic
def return_work_log(*, entry: WorkLog, returned_by: User, reason: str, request: HttpRequest | None = None) -> bool:
    """Return an entry to the advisor with a reason. Returns False if it was already decided."""
    if not permissions.is_ceo_of(returned_by, entry.engagement):
        raise EngagementError(_("Only the cluster's CEO can return work logs."))
    reason = _required_reason(reason)
    updated = WorkLog.objects.filter(pk=entry.pk, state=WorkLogState.SUBMITTED).update(
        state=WorkLogState.RETURNED, decided_at=timezone.now(), decided_by=returned_by, return_reason=reason
    )
    if updated:
        record_event(
            action="work_log_returned", actor=returned_by, target=entry, request=request, data={"reason": reason}
        )
    return bool(updated)


@transaction.atomic
def approve_period(
    *, engagement: Engagement, approved_by: User, start: date, end: date, request: HttpRequest | None = None
) -> int:
    """Approve every entry awaiting approval dated from `start` to `end` (a week or a month). Returns how many."""
    if not permissions.is_ceo_of(approved_by, engagement):
        raise EngagementError(_("Only the cluster's CEO can approve work logs."))
    pending = WorkLog.objects.filter(engagement=engagement, state=WorkLogState.SUBMITTED, worked_on__range=(start, end))
    ids = list(pending.values_list("pk", flat=True))
    updated = WorkLog.objects.filter(pk__in=ids, state=WorkLogState.SUBMITTED).update(
        state=WorkLogState.APPROVED, decided_at=timezone.now(), decided_by=approved_by
    )
    if updated:
        record_event(
            action="work_logs_approved_in_bulk",
            actor=approved_by,
            target=engagement,
            request=request,
            data={"start": start.isoformat(), "end": end.isoformat(), "count": updated},
        )
    return updated


def engagements_barred_by_a_mandate(*, on: date | None = None):
    """Active engagements whose advisor's organisation a control mandate now bars and whose CEO was not told yet."""
    barring = barring_mandates(on=on).filter(
        organisation_id=OuterRef("advisor__organisation_id"), cluster_id=OuterRef("cluster_id")
    )
    return Engagement.objects.filter(state=State.ACTIVE, mandate_conflict_notified_at__isnull=True).filter(
        Exists(barring)
    )


def entries_to_escalate(*, now=None):
    """Entries awaiting approval for longer than ENGAGEMENTS_ESCALATE_AFTER_DAYS and not yet escalated."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ENGAGEMENTS_ESCALATE_AFTER_DAYS)
    return WorkLog.objects.awaiting_approval().filter(submitted_at__lt=cutoff, escalated_at__isnull=True)


# --- deliverables --------------------------------------------------------------------------------------------------


@transaction.atomic
def add_deliverable(
    *,
    engagement: Engagement,
    added_by: User,
    milestone: str,
    title: str,
    upload=None,
    link: str = "",
    request: HttpRequest | None = None,
) -> Deliverable:
    """The advisor adds a file (type sniffed from its content, size limited) or a link, tied to a milestone."""
    from .uploads import check_upload

    if not permissions.can_add_deliverable(added_by, engagement):
        raise EngagementError(_("Deliverables are added by the advisor on an active engagement."))
    if bool(upload) == bool(link):
        raise EngagementError(_("Give either a file or a link."))
    content_type = check_upload(upload) if upload else ""
    deliverable = Deliverable(
        engagement=engagement,
        milestone=milestone.strip(),
        title=title.strip(),
        link=link,
        content_type=content_type,
        added_by=added_by,
    )
    if upload:
        deliverable.file.save(upload.name.rsplit("/", 1)[-1], upload, save=False)
    deliverable.save()
    record_event(action="deliverable_added", actor=added_by, target=engagement, request=request)
    return deliverable


# --- reviews -------------------------------------------------------------------------------------------------------


def push_track_record(*, profile_id: int) -> None:
    """Send the advisor's totals (completed engagements, revealed client reviews, needs served) to the catalogue."""
    completed = Engagement.objects.filter(advisor_id=profile_id, state=State.COMPLETED)
    distributions = {dimension: [0] * 5 for dimension in RatingDimension.values}
    reviews = Review.objects.filter(
        engagement__advisor_id=profile_id, side=ReviewSide.CLIENT, revealed_at__isnull=False
    ).values("expertise", "responsiveness", "goals", "value")
    for review in reviews:
        for dimension in RatingDimension.values:
            distributions[dimension][review[dimension] - 1] += 1
    needs = Counter(completed.values_list("needs__code", flat=True))
    needs.pop(None, None)
    update_track_record(
        profile_id=profile_id,
        completed_engagements=completed.count(),
        rating_distributions=distributions,
        needs_served=dict(needs),
    )


def _reveal(engagement: Engagement, now) -> int:
    revealed = Review.objects.filter(engagement=engagement, revealed_at__isnull=True).update(revealed_at=now)
    if revealed:
        push_track_record(profile_id=engagement.advisor_id)
    return revealed


@transaction.atomic
def submit_review(
    *,
    engagement: Engagement,
    author: User,
    text: str,
    expertise: int | None = None,
    responsiveness: int | None = None,
    goals: int | None = None,
    value: int | None = None,
    request: HttpRequest | None = None,
) -> Review:
    """The CEO rates the advisor, or the advisor reviews the engagement, once, after completion.

    Both reviews are revealed together when the second arrives (or by reveal_due_reviews after the window). Once
    the window reveals one side's review, the other side can no longer write theirs.
    """
    if not permissions.can_review(author, engagement):
        raise EngagementError(_("Reviews are written by the cluster's CEO and the advisor after completion."))
    side = ReviewSide.CLIENT if permissions.is_ceo_of(author, engagement) else ReviewSide.ADVISOR
    scores = {"expertise": expertise, "responsiveness": responsiveness, "goals": goals, "value": value}
    if side == ReviewSide.CLIENT and any(score not in range(1, 6) for score in scores.values()):
        raise EngagementError(_("Rate each dimension from 1 to 5."))
    if side == ReviewSide.ADVISOR:
        scores = dict.fromkeys(scores)
    # Lock the engagement, so the two sides' reviews (and the check of what is revealed) are taken one at a time.
    locked = Engagement.objects.select_for_update().get(pk=engagement.pk)
    written = list(Review.objects.filter(engagement=engagement))
    if any(review.side == side for review in written):
        raise EngagementError(_("This review has already been written."))
    if permissions.reviews_are_closed(locked, written):
        raise EngagementError(
            _(
                "The review window has ended and the other side's review is revealed, so this engagement takes no "
                "more reviews."
            )
        )
    review = Review.objects.create(engagement=engagement, side=side, author=author, text=text.strip(), **scores)
    record_event(action="review_submitted", actor=author, target=engagement, request=request, data={"side": side})
    if Review.objects.filter(engagement=engagement).count() == 2:
        _reveal(engagement, timezone.now())
        review.refresh_from_db()
    return review


@transaction.atomic
def reveal_due_reviews(*, now=None) -> int:
    """Reveal reviews of engagements completed more than ENGAGEMENTS_REVIEW_WINDOW_DAYS ago. Safe to run twice."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ENGAGEMENTS_REVIEW_WINDOW_DAYS)
    engagements = Engagement.objects.filter(
        state=State.COMPLETED, closed_at__lte=cutoff, reviews__revealed_at__isnull=True
    ).distinct()
    return sum(_reveal(engagement, now) for engagement in engagements)


@transaction.atomic
def reply_to_review(*, review: Review, replied_by: User, reply: str, request: HttpRequest | None = None) -> Review:
    """The advisor adds one reply to the cluster's revealed review."""
    if not permissions.can_reply(replied_by, review):
        raise EngagementError(_("The advisor may add one reply to the cluster's review once it is revealed."))
    reply = _required_reason(reply)
    updated = Review.objects.filter(pk=review.pk, reply="", revealed_at__isnull=False).update(
        reply=reply, replied_at=timezone.now()
    )
    if not updated:
        raise EngagementError(_("The advisor may add one reply to the cluster's review once it is revealed."))
    record_event(action="review_replied", actor=replied_by, target=review.engagement, request=request)
    review.refresh_from_db()
    return review
