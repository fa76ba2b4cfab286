from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q
from django.db.models.functions import Round
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.counts import count_of
from advisors.models import AdvisorProfile, Need, RelationshipModel
from clusters.models import Cluster, Goal


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    TERMINATED = "terminated", _("Terminated")


# Which state each transition leaves from and goes to; the services refuse anything else.
TRANSITIONS = {
    "propose": (State.DRAFT, State.PROPOSED),
    "accept": (State.PROPOSED, State.ACTIVE),
    "decline": (State.PROPOSED, State.DECLINED),
    "withdraw": (State.PROPOSED, State.WITHDRAWN),
    "complete": (State.ACTIVE, State.COMPLETED),
    "terminate": (State.ACTIVE, State.TERMINATED),
}
CLOSED_STATES = frozenset({State.COMPLETED, State.DECLINED, State.WITHDRAWN, State.TERMINATED})
STATES_WITH_REASON = [State.DECLINED, State.WITHDRAWN, State.TERMINATED]


class EngagementQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state=State.ACTIVE)

    def for_lists(self):
        return self.select_related("cluster", "advisor__person", "advisor__organisation")

    def with_entry_counts(self):
        """Each engagement with its entries awaiting approval (`waiting`) and returned (`returned`), each counted on
        the work-log index (engagement, state) rather than by joining every work log to the rows and grouping."""

        def in_state(state):
            return count_of(WorkLog.objects.filter(engagement=OuterRef("pk"), state=state))

        return self.annotate(waiting=in_state(WorkLogState.SUBMITTED), returned=in_state(WorkLogState.RETURNED))


class Engagement(models.Model):
    """The contract between a cluster (the client) and an advisor (a supplier or a partner)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+", verbose_name=_("cluster"))
    advisor = models.ForeignKey(
        AdvisorProfile, on_delete=models.PROTECT, related_name="engagements", verbose_name=_("advisor")
    )
    model = models.CharField(_("relationship model"), max_length=16, choices=RelationshipModel.choices)
    needs = models.ManyToManyField(Need, related_name="engagements", verbose_name=_("needs addressed"))
    goals = models.ManyToManyField(Goal, related_name="engagements", verbose_name=_("goals served"), blank=True)
    scope = models.TextField(_("scope"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    budget_hours = models.DecimalField(_("budget (hours)"), max_digits=8, decimal_places=2, null=True, blank=True)
    budget_amount = models.DecimalField(_("budget (₪)"), max_digits=12, decimal_places=2, null=True, blank=True)
    hourly_rate = models.DecimalField(_("hourly rate (₪)"), max_digits=8, decimal_places=2)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_reason = models.TextField(_("reason"), blank=True)
    declaration_text = models.TextField(_("declaration"), blank=True)
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    # When the CEO was told that a control mandate now bars the advisor's organisation (sent once per engagement).
    mandate_conflict_notified_at = models.DateTimeField(_("mandate conflict notified at"), null=True, blank=True)

    objects = EngagementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Lists of engagements newest first (admin) stop after a page instead of joining and sorting them all.
            models.Index(fields=["-created_at", "-id"], name="engagement_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=State.values), name="engagement_state_valid"),
            models.CheckConstraint(condition=Q(model__in=RelationshipModel.values), name="engagement_model_valid"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="engagement_ends_after_start"),
            models.CheckConstraint(
                condition=Q(budget_hours__gt=0) | Q(budget_amount__gt=0), name="engagement_has_budget"
            ),
            models.CheckConstraint(condition=Q(hourly_rate__gte=0), name="engagement_rate_not_negative"),
            models.CheckConstraint(
                condition=~Q(state__in=STATES_WITH_REASON) | ~Q(close_reason=""), name="engagement_closing_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[State.ACTIVE, State.COMPLETED, State.TERMINATED])
                | (Q(declared_at__isnull=False) & ~Q(declaration_text="")),
                name="engagement_accepted_with_declaration",
            ),
        ]

    def __str__(self):
        return f"{self.cluster} — {self.advisor}"

    @property
    def is_active(self) -> bool:
        return self.state == State.ACTIVE

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES

    @property
    def review_window_ends_at(self):
        """When reviews not yet written together are revealed (ENGAGEMENTS_REVIEW_WINDOW_DAYS after completion)."""
        if self.state != State.COMPLETED or self.closed_at is None:
            return None
        return self.closed_at + timedelta(days=settings.ENGAGEMENTS_REVIEW_WINDOW_DAYS)


class Transition(models.Model):
    """One change of an engagement's state: when, by whom, and why where a reason is required."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("from"), max_length=16, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=16, choices=State.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.engagement}: {self.from_state} → {self.to_state}"


class BudgetExtension(models.Model):
    """Budget the CEO added to an engagement, so logging may go past the original budget."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="extensions")
    added_hours = models.DecimalField(_("added hours"), max_digits=8, decimal_places=2, default=Decimal(0))
    added_amount = models.DecimalField(_("added amount (₪)"), max_digits=12, decimal_places=2, default=Decimal(0))
    reason = models.TextField(_("reason"))
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("extended by")
    )
    extended_at = models.DateTimeField(_("extended at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget extension")
        verbose_name_plural = _("budget extensions")
        ordering = ["extended_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(added_hours__gte=0, added_amount__gte=0) & (Q(added_hours__gt=0) | Q(added_amount__gt=0)),
                name="extension_adds_something",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="extension_has_reason"),
        ]

    def __str__(self):
        return f"{self.engagement}: +{self.added_hours} h, +{self.added_amount} ₪"


class ActivityKind(models.TextChoices):
    ADVICE = "advice", _("Advice")
    COACHING = "coaching", _("Coaching")
    FORUM = "forum", _("Forum facilitation")
    ANALYSIS = "analysis", _("Analysis")
    DOCUMENTS = "documents", _("Document preparation")
    MINISTRY_MEETING = "ministry_meeting", _("Meeting with a ministry")
    OTHER = "other", _("Other")


class WorkLogState(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class WorkLogQuerySet(models.QuerySet):
    def awaiting_approval(self):
        return self.filter(state=WorkLogState.SUBMITTED)

    def approved(self):
        return self.filter(state=WorkLogState.APPROVED)


class WorkLog(models.Model):
    """Hours an advisor worked on an engagement on one day. Approved entries are locked."""

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="work_logs")
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("advisor")
    )
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    activity = models.CharField(_("activity"), max_length=20, choices=ActivityKind.choices)
    text = models.TextField(_("what was done"))
    goals = models.ManyToManyField(Goal, related_name="+", verbose_name=_("goals served"), blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=WorkLogState.choices, default=WorkLogState.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    objects = WorkLogQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work log entry")
        verbose_name_plural = _("work log entries")
        ordering = ["-worked_on", "-pk"]
        indexes = [
            models.Index(fields=["advisor", "worked_on"]),
            # Approved hours of an engagement in a period (oversight's summaries and effort) read only this index.
            models.Index(fields=["engagement", "state", "worked_on", "hours"], name="work_log_engagement_period"),
            # Lists of entries newest first (admin, approvals) stop after a page instead of sorting every entry.
            models.Index(fields=["-worked_on", "-id"], name="work_log_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=Decimal("0.25"), hours__lte=24), name="work_log_hours_between_quarter_and_24"
            ),
            # Quarter-hour steps: four times the hours is a whole number (works on SQLite and PostgreSQL).
            models.CheckConstraint(
                condition=Exact(F("hours") * 4, Round(F("hours") * 4)), name="work_log_hours_in_quarter_steps"
            ),
            models.CheckConstraint(condition=Q(state__in=WorkLogState.values), name="work_log_state_valid"),
            models.CheckConstraint(condition=Q(activity__in=ActivityKind.values), name="work_log_activity_valid"),
            models.CheckConstraint(
                condition=~Q(state=WorkLogState.RETURNED) | ~Q(return_reason=""), name="work_log_return_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.engagement} {self.worked_on}: {self.hours}"

    @property
    def is_locked(self) -> bool:
        return self.state == WorkLogState.APPROVED

    @cached_property
    def cost(self) -> Decimal:
        return self.hours * self.engagement.hourly_rate


# Deliverables go to the default storage under MEDIA_ROOT, which is outside the web root and has no URL:
# only a permission-checked view serves them.


def deliverable_path(instance, filename: str) -> str:
    return f"engagements/{instance.engagement_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Deliverable(models.Model):
    """A file or a link the advisor delivered, tied to a milestone."""

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="deliverables")
    milestone = models.CharField(_("milestone"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=deliverable_path, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    link = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")), name="deliverable_file_or_link"
            ),
        ]

    def __str__(self):
        return self.title


class ReviewSide(models.TextChoices):
    CLIENT = "client", _("The cluster's review of the advisor")
    ADVISOR = "advisor", _("The advisor's review of the engagement")


class Review(models.Model):
    """A review written after completion; hidden from the other side until both are in or the window passes."""

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="reviews")
    side = models.CharField(_("side"), max_length=8, choices=ReviewSide.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    expertise = models.PositiveSmallIntegerField(_("expertise"), null=True, blank=True)
    responsiveness = models.PositiveSmallIntegerField(_("responsiveness"), null=True, blank=True)
    goals = models.PositiveSmallIntegerField(_("contribution to goals"), null=True, blank=True)
    value = models.PositiveSmallIntegerField(_("value for money"), null=True, blank=True)
    text = models.TextField(_("review"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    revealed_at = models.DateTimeField(_("revealed at"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "side"], name="review_one_per_side"),
            models.CheckConstraint(condition=Q(side__in=ReviewSide.values), name="review_side_valid"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"review_{name}_between_1_and_5",
                )
                for name in ("expertise", "responsiveness", "goals", "value")
            ],
            # The cluster's review rates every dimension.
            models.CheckConstraint(
                condition=~Q(side=ReviewSide.CLIENT)
                | Q(expertise__isnull=False, responsiveness__isnull=False, goals__isnull=False, value__isnull=False),
                name="review_client_rates_every_dimension",
            ),
            models.CheckConstraint(
                condition=Q(reply="") | Q(side=ReviewSide.CLIENT), name="review_reply_only_to_client_review"
            ),
        ]

    def __str__(self):
        return f"{self.engagement}: {self.get_side_display()}"


# --- optional requests (briefs) and the advisors' proposals; workflows in engagements/requests.py ---------------


class RequestState(models.TextChoices):
    OPEN = "open", _("Open for proposals")
    CLOSED = "closed", _("Request closed")
    WITHDRAWN = "withdrawn", _("Request withdrawn")


class Request(models.Model):
    """A cluster CEO's brief for one need, open to the listed advisors who cover that need until the answer-by date."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+", verbose_name=_("cluster"))
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="requests", verbose_name=_("need"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("brief"))
    goals = models.ManyToManyField(Goal, related_name="+", verbose_name=_("goals served"), blank=True)
    budget_hint = models.CharField(_("budget hint"), max_length=200, blank=True)
    starts_on = models.DateField(_("wished start"), null=True, blank=True)
    ends_on = models.DateField(_("wished end"), null=True, blank=True)
    answer_by = models.DateField(_("answer by"))
    state = models.CharField(
        _("state"), max_length=16, choices=RequestState.choices, default=RequestState.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    shortlist = models.ForeignKey(
        "advisors.Shortlist",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shortlist"),
    )

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=RequestState.values), name="request_state_valid"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="request_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == RequestState.OPEN

    @property
    def takes_proposals(self) -> bool:
        return self.is_open and timezone.localdate() <= self.answer_by


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting the cluster's decision")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    CHOSEN = "chosen", _("Chosen by the cluster")
    NOT_CHOSEN = "not_chosen", _("Not chosen")
    WITHDRAWN = "withdrawn", _("Withdrawn by the advisor")


PROPOSAL_PENDING_STATES = (ProposalState.SUBMITTED, ProposalState.SHORTLISTED)
PROPOSAL_TEXT_MAX_LENGTH = 2000


class Proposal(models.Model):
    """An advisor's short answer to a request; one per advisor and request."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("request"))
    advisor = models.ForeignKey(
        AdvisorProfile, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("advisor")
    )
    text = models.CharField(_("proposal"), max_length=PROPOSAL_TEXT_MAX_LENGTH)
    hours = models.DecimalField(_("proposed hours"), max_digits=8, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("proposed amount (₪)"), max_digits=12, decimal_places=2, null=True, blank=True)
    hourly_rate = models.DecimalField(_("hourly rate (₪)"), max_digits=8, decimal_places=2, null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=ProposalState.choices, default=ProposalState.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_sent_at = models.DateTimeField(_("decision sent at"), null=True, blank=True)
    shortlist_entry = models.ForeignKey(
        "advisors.ShortlistEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shortlist entry"),
    )
    engagement = models.OneToOneField(
        Engagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("engagement"),
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "advisor"], name="proposal_one_per_advisor"),
            models.CheckConstraint(condition=Q(state__in=ProposalState.values), name="proposal_state_valid"),
            models.CheckConstraint(
                condition=(Q(hours__isnull=True) | Q(hours__gt=0))
                & (Q(amount__isnull=True) | Q(amount__gt=0))
                & (Q(hourly_rate__isnull=True) | Q(hourly_rate__gte=0)),
                name="proposal_figures_positive",
            ),
            models.CheckConstraint(
                condition=~Q(state=ProposalState.CHOSEN) | Q(engagement__isnull=False),
                name="proposal_chosen_has_engagement",
            ),
        ]

    def __str__(self):
        return f"{self.request}: {self.advisor}"

    @property
    def is_pending(self) -> bool:
        return self.state in PROPOSAL_PENDING_STATES
