from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusters.models import Cluster, Rebaseline, StrategicPlan, WorkPlan


class AccessLogEntry(models.Model):
    """One oversight page view: who looked at which cluster's page, when. Rows are only ever added."""

    class Page(models.TextChoices):
        DASHBOARD = "dashboard", _("Dashboard")
        CLUSTER = "cluster", _("Cluster")
        FINDING_FORM = "finding_form", _("New finding")
        FINDINGS = "findings", _("Findings")
        EXPORT_CSV = "export_csv", _("CSV export")
        EXPORT_XLSX = "export_xlsx", _("XLSX export")
        WORK_PLAN_QUEUE = "plan_queue", _("Work plans to review")
        WORK_PLAN_REVIEW = "plan_review", _("Work plan review")
        REVIEW_OUTCOME = "review_outcome", _("Work plan review outcome")
        REBASELINE_QUEUE = "rebase_queue", _("Re-baselined goals")
        REBASELINE_QUERY = "rebase_query", _("Re-baselining query")
        FINDINGS_CSV = "findings_csv", _("Findings CSV export")
        FINDINGS_XLSX = "findings_xlsx", _("Findings XLSX export")
        PLAN_QUEUE_CSV = "plan_queue_csv", _("Work plans to review CSV export")
        PLAN_QUEUE_XLSX = "plan_queue_xlsx", _("Work plans to review XLSX export")
        REBASE_QUEUE_CSV = "rebase_csv", _("Re-baselined goals CSV export")
        REBASE_QUEUE_XLSX = "rebase_xlsx", _("Re-baselined goals XLSX export")
        REPORTS = "reports", _("Reports")
        REPORT = "report", _("Report")
        REPORT_QUEUE = "report_queue", _("Reports queue")
        REPORT_RETURN = "report_return", _("Return a report")
        REPORTS_CSV = "reports_csv", _("Reports CSV export")
        REPORTS_XLSX = "reports_xlsx", _("Reports XLSX export")
        ENGAGEMENTS_CSV = "engagements_csv", _("Cluster engagements CSV export")
        ENGAGEMENTS_XLSX = "engagements_xlsx", _("Cluster engagements XLSX export")
        STRATEGY_QUEUE = "strategy_queue", _("Strategic plans to review")
        STRATEGY_REVIEW = "strategy_review", _("Strategic plan review")
        STRATEGY_QUEUE_CSV = "strategy_csv", _("Strategic plans to review CSV export")
        STRATEGY_QUEUE_XLSX = "strategy_xlsx", _("Strategic plans to review XLSX export")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Empty for pages about many clusters (the dashboard and its exports).
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    page = models.CharField(_("page"), max_length=16, choices=Page.choices)
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self):
        return f"{self.user_id} {self.page} {self.cluster_id} {self.viewed_at:%Y-%m-%d %H:%M}"


class FindingQuerySet(models.QuerySet):
    def overdue(self, on=None):
        return self.exclude(state=Finding.State.CLOSED).filter(due_on__lt=on or timezone.localdate())


class Finding(models.Model):
    """A referent's note on a cluster, answered by the cluster's CEO and closed by a referent."""

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("finding state", "Open")
        ANSWERED = "answered", pgettext_lazy("finding state", "Answered")
        CLOSED = "closed", pgettext_lazy("finding state", "Closed")

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    text = models.TextField(_("finding"))
    due_on = models.DateField(_("due date"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Set when the finding was raised in a work-plan review or as a query on a re-baselined goal.
    work_plan_review = models.ForeignKey(
        "WorkPlanReview", on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )
    rebaseline_review = models.ForeignKey(
        "RebaselineReview", on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )
    strategic_plan_review = models.ForeignKey(
        "StrategicPlanReview", on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )
    # The periodic report version whose review raised this finding, if any.
    report_version = models.ForeignKey(
        "ReportVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["open", "answered", "closed"]), name="finding_state_valid"),
            models.CheckConstraint(condition=Q(severity__in=["low", "medium", "high"]), name="finding_severity_valid"),
            models.CheckConstraint(
                condition=Q(state="open") | ~Q(answer="") | Q(state="closed"), name="finding_answered_has_answer"
            ),
            models.CheckConstraint(
                condition=~Q(state="closed") | Q(closed_at__isnull=False), name="finding_closed_has_date"
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_overdue(self) -> bool:
        return self.state != self.State.CLOSED and self.due_on < timezone.localdate()


class StatusRecordQuerySet(models.QuerySet):
    def set_aside(self, *, cluster_ids, today=None) -> int:
        """Stop the dashboard reading today's kept rows of these clusters: they are computed live until the status
        task records them again. Called in the transaction of a change the status depends on."""
        today = today or timezone.localdate()
        return self.filter(cluster_id__in=list(cluster_ids), day=today).update(snapshot=None, snapshot_digest="")


class StatusRecord(models.Model):
    """A cluster's red / amber / green status as recomputed on one day, kept so changes can be reported."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster"))
    day = models.DateField(_("day"))
    status = models.CharField(_("status"), max_length=8)
    rules = models.JSONField(_("rules that fired"), default=list)
    # The day's dashboard row, which the dashboard reads instead of recomputing it (oversight/kept.py); null when a
    # change since has set it aside.
    snapshot = models.JSONField(_("dashboard row"), null=True, blank=True, editable=False)
    # A digest of the snapshot (oversight.kept.snapshot_digest): a process that has read a snapshot already reads
    # only its digest, not the snapshot again.
    snapshot_digest = models.CharField(_("dashboard row digest"), max_length=32, blank=True, editable=False)

    objects = StatusRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("status record")
        verbose_name_plural = _("status records")
        ordering = ["-day", "cluster_id"]
        constraints = [models.UniqueConstraint(fields=["cluster", "day"], name="status_record_once_a_day")]
        # the national view reads one day's records of every cluster (the unique index leads with the cluster)
        indexes = [models.Index(fields=["day", "cluster"], name="status_record_by_day")]

    def __str__(self):
        return f"{self.cluster_id} {self.day} {self.status}"


class DigestDelivery(models.Model):
    """That a referent's weekly digest for the week starting on `week_of` was sent: a digest goes out once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_of = models.DateField(_("week of"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [models.UniqueConstraint(fields=["user", "week_of"], name="digest_once_a_week")]

    def __str__(self):
        return f"{self.user_id} {self.week_of}"


class WorkPlanReview(models.Model):
    """A referent's decision on one board approval of a cluster's work plan: approved, or returned with findings.

    A returned plan is reopened by the CEO in clusters, revised and approved by the board again; that new board
    approval (a later `plan_approved_at`) arrives for a new review.
    """

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with findings")

    plan = models.ForeignKey(WorkPlan, on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    plan_approved_at = models.DateTimeField(_("approved by the board at"))
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("work plan review")
        verbose_name_plural = _("work plan reviews")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "plan_approved_at"], name="work_plan_review_once_per_approval"),
            models.CheckConstraint(
                condition=Q(decision__in=["approved", "returned"]), name="work_plan_review_decision_valid"
            ),
        ]

    def __str__(self):
        return f"{self.cluster_id} {self.year} {self.decision}"


class StrategicPlanReview(models.Model):
    """A referent's decision on one board-approved version of a cluster's strategic plan: approved, or returned with
    findings. An approved version is never edited, so a returned plan comes back as a new version."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with findings")

    plan = models.OneToOneField(StrategicPlan, on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("strategic plan review")
        verbose_name_plural = _("strategic plan reviews")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["approved", "returned"]), name="strategic_plan_review_decision_valid"
            ),
        ]

    def __str__(self):
        return f"{self.plan_id} {self.decision}"


class RebaselineReview(models.Model):
    """A referent's reading of one re-baselined goal: acknowledged, or queried (with a finding the CEO answers).

    A queried re-baselining may be acknowledged later; an acknowledged one is final.
    """

    class State(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        QUERIED = "queried", _("Queried")

    rebaseline = models.OneToOneField(Rebaseline, on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("re-baselining review")
        verbose_name_plural = _("re-baselining reviews")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["acknowledged", "queried"]), name="rebaseline_review_state_valid"
            ),
        ]

    def __str__(self):
        return f"{self.rebaseline_id} {self.state}"


class PeriodicReport(models.Model):
    """A cluster's report for one reporting period; its content lives in versions (a correction is a new one)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_on = models.DateField(_("due date"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    # The first submission of the first version: what completeness and the on-time rate count.
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    # The sections of the accepted report's summary the cluster's CEO publishes (each off until they do).
    is_narrative_public = models.BooleanField(_("narrative is public"), default=False)
    is_goals_public = models.BooleanField(_("goal figures are public"), default=False)
    is_risks_public = models.BooleanField(_("risks are public"), default=False)
    is_requests_public = models.BooleanField(_("requests are public"), default=False)

    class Meta:
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        ordering = ["-period_start", "cluster_id"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "period_start"], name="report_one_per_cluster_period"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="report_period_ordered"),
        ]

    def __str__(self):
        return f"{self.cluster} {self.period_start:%Y-%m-%d}"

    @property
    def is_submitted_on_time(self) -> bool | None:
        """None until first submitted; then whether that was by the due date."""
        if self.first_submitted_at is None:
            return None
        return timezone.localdate(self.first_submitted_at) <= self.due_on


class ReportVersion(models.Model):
    """One version of a periodic report: drafted, submitted (snapshot frozen), returned, accepted, confirmed."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")
        CONFIRMED = "confirmed", _("Confirmed")

    report = models.ForeignKey(PeriodicReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    narrative = models.TextField(_("narrative"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    requests = models.TextField(_("requests"), blank=True)
    # The drafted data and texts as they were at the latest submission; never changed afterwards.
    snapshot = models.JSONField(_("snapshot"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_number_unique"),
            # A correction starts only once the previous version is final: one open version per report.
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(state__in=["draft", "submitted", "returned"]),
                name="report_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "submitted", "returned", "accepted", "confirmed"]),
                name="report_version_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(snapshot__isnull=False), name="report_version_submitted_has_snapshot"
            ),
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class ReportStep(models.Model):
    """One transition of a report version: what happened, who did it, when. Rows are only ever added."""

    class Action(models.TextChoices):
        OPEN = "open", _("Draft opened")
        SUBMIT = "submit", _("Submitted")
        RETURN = "return", _("Returned with findings")
        RESUBMIT = "resubmit", _("Resubmitted")
        ACCEPT = "accept", _("Accepted")
        CONFIRM = "confirm", _("Confirmed by the Treasury")
        CORRECT = "correct", _("Correction started")

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="steps")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.version} {self.action}"


class ReportReminder(models.Model):
    """A reminder sent to a cluster's CEO about one period's report; one of each kind, so reminders are sent once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period start"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "period_start", "kind"], name="report_reminder_once"),
        ]

    def __str__(self):
        return f"{self.cluster_id} {self.period_start:%Y-%m-%d} {self.kind}"
