from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster


class AccessLogEntry(models.Model):
    """One oversight page view: who looked at which cluster's page, when. Rows are only ever added."""

    class Page(models.TextChoices):
        DASHBOARD = "dashboard", _("Dashboard")
        CLUSTER = "cluster", _("Cluster")
        FINDING_FORM = "finding_form", _("New finding")
        FINDINGS = "findings", _("Findings")
        EXPORT_CSV = "export_csv", _("CSV export")
        EXPORT_XLSX = "export_xlsx", _("XLSX export")
        REPORTS = "reports", _("Reports")
        REPORT = "report", _("Report")
        REPORT_QUEUE = "report_queue", _("Reports queue")
        REPORT_RETURN = "report_return", _("Return a report")
        REPORTS_CSV = "reports_csv", _("Reports CSV export")
        REPORTS_XLSX = "reports_xlsx", _("Reports XLSX export")

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
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

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
