"""The cluster's multi-year strategic plan (vision, the logic model of outcomes at three horizons linked to the goals
that measure them, action channels, a timeline), kept in versions, and the pilots of its annual work plans."""

from calendar import monthrange
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


class Horizon(models.TextChoices):
    SHORT = "short", pgettext_lazy("outcome horizon", "Short term")
    MEDIUM = "medium", pgettext_lazy("outcome horizon", "Medium term")
    LONG = "long", pgettext_lazy("outcome horizon", "Long term")


class Channel(models.TextChoices):
    SOCIAL = "social", pgettext_lazy("action channel", "Social")
    EDUCATION = "education", pgettext_lazy("action channel", "Education")
    URBAN = "urban", pgettext_lazy("action channel", "Urban")
    ECONOMIC = "economic", pgettext_lazy("action channel", "Economic")


class StrategicPlanQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=StrategicPlan.Status.APPROVED)


class StrategicPlan(models.Model):
    """One version of a cluster's multi-year plan. The CEO drafts it, the board approves it; an approved version is
    never edited again: a revision is a new version drafted from it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        BOARD_REVIEW = "board_review", _("Awaiting board approval")
        APPROVED = "approved", _("Approved by the board")

    cluster = models.ForeignKey("clusters.Cluster", on_delete=models.PROTECT, related_name="strategic_plans")
    version = models.PositiveSmallIntegerField(_("version"))
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("based on")
    )
    title = models.CharField(_("title"), max_length=200)
    vision = models.TextField(_("vision"))
    strategic_goals = models.TextField(_("strategic goals"), help_text=_("One goal a line."))
    starts_year = models.PositiveSmallIntegerField(_("first year"))
    ends_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted to the board at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = StrategicPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategic plan")
        verbose_name_plural = _("strategic plans")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "version"], name="strategic_plan_version_once"),
            # at most one version in the making (draft or with the board) at a time
            models.UniqueConstraint(
                fields=["cluster"], condition=~Q(status="approved"), name="strategic_plan_one_open_version"
            ),
            models.CheckConstraint(condition=Q(ends_year__gte=F("starts_year")), name="strategic_plan_years"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False), name="strategic_plan_approval_dated"
            ),
        ]

    def __str__(self):
        return f"{self.title} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def goal_lines(self) -> list[str]:
        return [line.strip() for line in self.strategic_goals.splitlines() if line.strip()]


class Outcome(models.Model):
    """One outcome of the plan's logic model, at a horizon and in an action channel, measured by goals (KPIs)."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="outcomes")
    horizon = models.CharField(_("horizon"), max_length=8, choices=Horizon.choices)
    channel = models.CharField(_("action channel"), max_length=12, choices=Channel.choices)
    title = models.CharField(_("outcome"), max_length=300)
    measured_by = models.ManyToManyField(
        "clusters.Goal", related_name="outcomes", blank=True, verbose_name=_("measured by (goals and indicators)")
    )
    history = HistoricalRecords(m2m_fields=[measured_by])

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(horizon__in=["short", "medium", "long"]), name="outcome_horizon"),
            models.CheckConstraint(
                condition=Q(channel__in=["social", "education", "urban", "economic"]), name="outcome_channel"
            ),
        ]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    """A dated step of the plan's timeline."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due on"))
    channel = models.CharField(_("action channel"), max_length=12, choices=Channel.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class StrategicPlanApproval(models.Model):
    """One board member's approval of a strategic plan version."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="approvals")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("strategic plan approval")
        verbose_name_plural = _("strategic plan approvals")
        ordering = ["approved_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "approved_by"], name="strategic_plan_approved_once")]

    def __str__(self):
        return f"{self.plan} — {self.approved_by}"


class Pilot(models.Model):
    """A work-plan item run as an experimental pilot: measured about six months in, reviewed at about nine months
    to continue, scale or stop, with the evidence (the goals' progress over the pilot) kept with the decision."""

    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        SCALE = "scale", _("Scale up")
        STOP = "stop", _("Stop")

    item = models.OneToOneField("clusters.WorkPlanItem", on_delete=models.CASCADE, related_name="pilot")
    starts_on = models.DateField(_("pilot start"))
    measurement_reminded_at = models.DateTimeField(_("measurement reminder sent at"), null=True, blank=True)
    review_reminded_at = models.DateTimeField(_("review reminder sent at"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | (Q(decided_on__isnull=False) & ~Q(reason="")), name="pilot_decision_dated"
            ),
        ]

    def __str__(self):
        return f"{self.item} ({self.starts_on})"

    @property
    def measurement_due_on(self) -> date:
        """The measurement checkpoint: CLUSTERS_PILOT_MEASUREMENT_MONTHS (6) after the start."""
        return add_months(self.starts_on, settings.CLUSTERS_PILOT_MEASUREMENT_MONTHS)

    @property
    def review_due_on(self) -> date:
        """The decision review: CLUSTERS_PILOT_REVIEW_MONTHS (9) after the start."""
        return add_months(self.starts_on, settings.CLUSTERS_PILOT_REVIEW_MONTHS)

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)

    def is_review_missed(self, today: date) -> bool:
        return not self.decision and self.review_due_on < today


class Spending(models.Model):
    """Money the cluster spent on a work-plan line other than approved engagement work (which oversight attributes
    from the engagements themselves): recorded by the CEO."""

    item = models.ForeignKey("clusters.WorkPlanItem", on_delete=models.PROTECT, related_name="spending")
    amount = models.DecimalField(_("amount (₪)"), max_digits=14, decimal_places=2)
    spent_on = models.DateField(_("spent on"))
    description = models.CharField(_("description"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        ordering = ["spent_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="spending_amount_positive")]

    def __str__(self):
        return f"{self.item_id} {self.amount}"
