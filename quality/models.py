"""Residents' inquiries per service and authority, and the monthly service-quality measures computed from them.

No personal data is kept: an inquiry is its authority, service, the request id of the source system, its dates,
status, channel, satisfaction score and SLA. Names, phones, emails, addresses, ID numbers and free text are
dropped at import and never reach these tables.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusters.models import Authority, Cluster, Goal, Service


class ServiceCode(models.Model):
    """How a call centre or CRM names a cluster service: a code, a name, or both. Kept by the cluster's CEO."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="service_codes")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_codes")
    code = models.CharField(_("service code"), max_length=64, blank=True)
    name = models.CharField(_("service name in the file"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("service code")
        verbose_name_plural = _("service codes")
        ordering = ["code", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(code="") | ~Q(name=""), name="service_code_has_code_or_name"),
            models.UniqueConstraint(fields=["cluster", "code"], condition=~Q(code=""), name="service_code_unique"),
            models.UniqueConstraint(fields=["cluster", "name"], condition=~Q(name=""), name="service_name_unique"),
        ]

    def __str__(self):
        return self.code or self.name


class Holiday(models.Model):
    """A day off in the Israeli working calendar (loaded from data/israeli_holidays.csv)."""

    date = models.DateField(_("date"), unique=True)
    name_he = models.CharField(_("name (Hebrew)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name_he}"


class WorkingCalendar(models.Model):
    """A cluster's working hours: Sunday to Thursday between these times, holidays off.

    Without a calendar, durations are counted in clock hours.
    """

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, related_name="working_calendar")
    day_starts_at = models.TimeField(_("working day starts at"), default="08:00")
    day_ends_at = models.TimeField(_("working day ends at"), default="16:00")

    class Meta:
        verbose_name = _("working calendar")
        verbose_name_plural = _("working calendars")
        constraints = [
            models.CheckConstraint(condition=Q(day_ends_at__gt=F("day_starts_at")), name="working_day_ends_after_start")
        ]

    def __str__(self):
        return f"{self.cluster_id} {self.day_starts_at}–{self.day_ends_at}"


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WEB = "web", _("Website")
    APP = "app", _("App")
    EMAIL = "email", pgettext_lazy("channel", "Email")
    WHATSAPP = "whatsapp", _("WhatsApp")
    WALK_IN = "walk_in", _("In person")
    OTHER = "other", pgettext_lazy("channel", "Other")


class ImportRun(models.Model):
    """One import of an inquiries file: who, when, which file, and what it did."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="inquiry_imports")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    dropped_columns = models.JSONField(_("columns dropped"), default=list, blank=True)

    class Meta:
        verbose_name = _("inquiries import")
        verbose_name_plural = _("inquiries imports")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} {self.started_at:%Y-%m-%d}"


class InquiryQuerySet(models.QuerySet):
    def of_cluster(self, cluster_id: int):
        return self.filter(service__cluster_id=cluster_id)


class Inquiry(models.Model):
    """One resident's inquiry as the source system exported it, without anything that identifies the resident."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("inquiry", "Open")
        CLOSED = "closed", pgettext_lazy("inquiry", "Closed")

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="inquiries")
    request_id = models.CharField(_("request id"), max_length=64)
    requested_at = models.DateTimeField(_("requested at"))
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    was_reopened = models.BooleanField(_("reopened"), default=False)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.OTHER)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    sla_hours = models.DecimalField(_("SLA (hours)"), max_digits=7, decimal_places=2, null=True, blank=True)
    # The import that last read this row, and its line there: a second line with the same id is a duplicate.
    last_import = models.ForeignKey(ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    last_import_line = models.PositiveIntegerField(null=True, blank=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "request_id"], name="inquiry_unique_request_id"),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__range=(1, 5)), name="inquiry_satisfaction_1_5"
            ),
            models.CheckConstraint(
                condition=Q(sla_hours__isnull=True) | Q(sla_hours__gt=0), name="inquiry_sla_positive"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=F("requested_at")),
                name="inquiry_closed_after_requested",
            ),
            models.CheckConstraint(
                condition=Q(first_response_at__isnull=True) | Q(first_response_at__gte=F("requested_at")),
                name="inquiry_response_after_requested",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="inquiry_closed_has_date"
            ),
        ]
        indexes = [models.Index(fields=["service", "authority", "requested_at"], name="inquiry_service_month")]

    def __str__(self):
        return f"{self.authority_id}/{self.request_id}"


class Measure(models.Model):
    """One service's quality in one authority for one month, computed from the inquiries (never typed).

    `channel` is empty for all channels together. Durations are in working hours where the cluster has a working
    calendar, otherwise in clock hours. Inquiries count by the month they were made; the backlog is the inquiries
    still open at the month's end.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="quality_measures")
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, blank=True)
    inquiries = models.PositiveIntegerField(_("inquiries"), default=0)
    closed = models.PositiveIntegerField(_("closed"), default=0)
    response_median_hours = models.DecimalField(
        _("median time to first response (h)"), max_digits=9, decimal_places=2, null=True
    )
    response_p90_hours = models.DecimalField(
        _("90th percentile time to first response (h)"), max_digits=9, decimal_places=2, null=True
    )
    close_median_hours = models.DecimalField(_("median time to close (h)"), max_digits=9, decimal_places=2, null=True)
    close_p90_hours = models.DecimalField(
        _("90th percentile time to close (h)"), max_digits=9, decimal_places=2, null=True
    )
    with_sla = models.PositiveIntegerField(_("inquiries with an SLA"), default=0)
    within_sla = models.PositiveIntegerField(_("closed within the SLA"), default=0)
    within_sla_share = models.DecimalField(
        _("share closed within the SLA (%)"), max_digits=5, decimal_places=1, null=True
    )
    backlog = models.PositiveIntegerField(_("open at month end"), default=0)
    satisfaction_mean = models.DecimalField(_("mean satisfaction"), max_digits=3, decimal_places=2, null=True)
    satisfaction_1 = models.PositiveIntegerField(default=0)
    satisfaction_2 = models.PositiveIntegerField(default=0)
    satisfaction_3 = models.PositiveIntegerField(default=0)
    satisfaction_4 = models.PositiveIntegerField(default=0)
    satisfaction_5 = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("service-quality measure")
        verbose_name_plural = _("service-quality measures")
        ordering = ["month", "service_id", "authority_id", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["service", "authority", "month", "channel"], name="measure_once"),
            models.CheckConstraint(condition=Q(month__day=1), name="measure_month_starts_on_first"),
            models.CheckConstraint(condition=Q(within_sla__lte=F("with_sla")), name="measure_within_sla_le_total"),
            models.CheckConstraint(condition=Q(closed__lte=F("inquiries")), name="measure_closed_le_inquiries"),
        ]
        # one month of many services (the national comparison), and the latest month they were measured in, read
        # backwards from the newest
        indexes = [models.Index(fields=["month", "channel", "service"], name="measure_by_month")]

    def __str__(self):
        return f"{self.service_id}/{self.authority_id} {self.month:%Y-%m} {self.channel or '*'}"

    @property
    def satisfaction_distribution(self) -> list[int]:
        return [self.satisfaction_1, self.satisfaction_2, self.satisfaction_3, self.satisfaction_4, self.satisfaction_5]


class Metric(models.TextChoices):
    """The measures a comparison, a goal or a rule can read; `LOWER_IS_BETTER` says which way is better."""

    CLOSE_MEDIAN = "close_median_hours", _("Median time to close (h)")
    CLOSE_P90 = "close_p90_hours", _("90th percentile time to close (h)")
    RESPONSE_MEDIAN = "response_median_hours", _("Median time to first response (h)")
    RESPONSE_P90 = "response_p90_hours", _("90th percentile time to first response (h)")
    WITHIN_SLA = "within_sla_share", _("Share closed within the SLA (%)")
    INQUIRIES = "inquiries", _("Inquiries")
    BACKLOG = "backlog", _("Open at month end")
    SATISFACTION = "satisfaction_mean", _("Mean satisfaction (1–5)")


LOWER_IS_BETTER = {
    Metric.RESPONSE_MEDIAN,
    Metric.RESPONSE_P90,
    Metric.CLOSE_MEDIAN,
    Metric.CLOSE_P90,
    Metric.BACKLOG,
}


class NationalFigure(models.Model):
    """One domain's national comparison for one month and measure, as computed (quality.selectors): each cluster's
    spread over its services and authorities. Kept with what it was computed from (`basis`: the domain's services
    and their clusters, the number of the month's measures and the newest measure's id), and read while that is
    unchanged. Measures are only ever written as new rows (`quality.services.measures.recompute_measures` replaces
    them, the scale seed adds them), never edited in place, so any change of them changes the basis.
    Aggregates of aggregates: nothing about an inquiry."""

    domain = models.CharField(_("domain"), max_length=32)
    metric = models.CharField(_("measure"), max_length=32, choices=Metric.choices)
    month = models.DateField(_("month"))
    basis = models.CharField(_("computed from"), max_length=64)
    lines = models.JSONField(_("figures by cluster"), default=list)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("national service-quality figure")
        verbose_name_plural = _("national service-quality figures")
        constraints = [
            models.UniqueConstraint(fields=["domain", "metric", "month"], name="national_figure_once"),
        ]

    def __str__(self):
        return f"{self.domain} {self.metric} {self.month:%Y-%m}"


class QualityGoalSource(models.Model):
    """A cluster goal whose measurements are computed from the service's quality measures.

    A gap goal takes each member authority's monthly value of the metric (the gap is best minus worst); a custom
    indicator takes the worst authority's value ("below 48 h in every member authority") or the cluster's median.
    """

    class Aggregate(models.TextChoices):
        AUTHORITIES = "authorities", _("Each authority's value (gap goals)")
        WORST = "worst", _("The worst authority's value")
        MEDIAN = "median", _("The cluster's median")

    goal = models.OneToOneField(Goal, on_delete=models.CASCADE, related_name="quality_source")
    metric = models.CharField(_("measure"), max_length=32, choices=Metric.choices)
    aggregate = models.CharField(_("value taken"), max_length=16, choices=Aggregate.choices)

    class Meta:
        verbose_name = _("service-quality goal source")
        verbose_name_plural = _("service-quality goal sources")

    def __str__(self):
        return f"{self.goal_id} ← {self.metric} ({self.aggregate})"
