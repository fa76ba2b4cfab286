"""Calls for proposals and funding, and the clusters' applications to them."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advisors.models import Need, split_codes
from clusters.models import Authority, Cluster, Goal
from clusters.reference import Region, ServiceDomain

from .playbook import Ministry

CLUSTER_SCALE = [MinValueValidator(1), MaxValueValidator(10)]


class CallQuerySet(models.QuerySet):
    def posted(self):
        return self.filter(is_posted=True)

    def open_on(self, day):
        """Posted calls whose deadline has not passed on `day`."""
        return self.posted().filter(deadline__gte=day)

    def for_lists(self):
        return self.select_related("ministry").prefetch_related("needs")


class Call(models.Model):
    """A call for proposals or a funding programme, with who may apply.

    An empty criterion admits every cluster. Codes (regions, stages, kinds, domains) are framed by commas like
    the catalogue's, so one LIKE finds a code on any database.
    """

    title = models.CharField(_("title"), max_length=200)
    funder = models.CharField(_("funder"), max_length=200)
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, null=True, blank=True, related_name="calls", verbose_name=_("ministry")
    )
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link"), blank=True)
    deadline = models.DateField(_("deadline"), db_index=True)
    amount = models.DecimalField(_("amount (₪)"), max_digits=14, decimal_places=2, null=True, blank=True)
    matching_share = models.DecimalField(
        _("matching share (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("The share of the cost the cluster or its authorities must fund themselves."),
    )
    regions = models.CharField(_("regions"), max_length=200, blank=True)
    stages = models.CharField(_("cluster stages"), max_length=100, blank=True)
    authority_kinds = models.CharField(_("authority kinds"), max_length=100, blank=True)
    socioeconomic_min = models.PositiveSmallIntegerField(
        _("socio-economic cluster from"), null=True, blank=True, validators=CLUSTER_SCALE
    )
    socioeconomic_max = models.PositiveSmallIntegerField(
        _("socio-economic cluster to"), null=True, blank=True, validators=CLUSTER_SCALE
    )
    peripherality_min = models.PositiveSmallIntegerField(
        _("peripherality cluster from"), null=True, blank=True, validators=CLUSTER_SCALE
    )
    peripherality_max = models.PositiveSmallIntegerField(
        _("peripherality cluster to"), null=True, blank=True, validators=CLUSTER_SCALE
    )
    domains = models.CharField(_("service domains"), max_length=400, blank=True)
    needs = models.ManyToManyField(Need, related_name="calls", blank=True, verbose_name=_("needs it helps with"))
    is_posted = models.BooleanField(_("posted"), default=False)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(matching_share__gte=0) & Q(matching_share__lte=100), name="call_matching_share_percent"
            ),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="call_amount_positive"),
            models.CheckConstraint(
                condition=Q(socioeconomic_min__isnull=True)
                | Q(socioeconomic_max__isnull=True)
                | Q(socioeconomic_min__lte=models.F("socioeconomic_max")),
                name="call_socioeconomic_range",
            ),
            models.CheckConstraint(
                condition=Q(peripherality_min__isnull=True)
                | Q(peripherality_max__isnull=True)
                | Q(peripherality_min__lte=models.F("peripherality_max")),
                name="call_peripherality_range",
            ),
            models.CheckConstraint(
                condition=Q(is_posted=False) | Q(posted_at__isnull=False), name="call_posted_has_date"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def region_codes(self) -> list[str]:
        return split_codes(self.regions)

    @property
    def stage_codes(self) -> list[str]:
        return split_codes(self.stages)

    @property
    def kind_codes(self) -> list[str]:
        return split_codes(self.authority_kinds)

    @property
    def domain_codes(self) -> list[str]:
        return split_codes(self.domains)

    def criteria_labels(self) -> list[tuple[str, str]]:
        """(criterion, values) for each criterion the call sets, in the active language."""

        def labels(choices, codes):
            return ", ".join(str(choices(code).label) for code in codes if code in choices)

        rows = []
        if self.region_codes:
            rows.append((str(_("Regions")), labels(Region, self.region_codes)))
        if self.stage_codes:
            rows.append((str(_("Cluster stages")), labels(Cluster.Stage, self.stage_codes)))
        if self.kind_codes:
            rows.append((str(_("Authority kinds")), labels(Authority.Kind, self.kind_codes)))
        if self.socioeconomic_min is not None or self.socioeconomic_max is not None:
            rows.append(
                (str(_("Socio-economic cluster")), f"{self.socioeconomic_min or 1}–{self.socioeconomic_max or 10}")
            )
        if self.peripherality_min is not None or self.peripherality_max is not None:
            rows.append(
                (str(_("Peripherality cluster")), f"{self.peripherality_min or 1}–{self.peripherality_max or 10}")
            )
        if self.domain_codes:
            rows.append((str(_("Service domains")), labels(ServiceDomain, self.domain_codes)))
        return rows

    @property
    def is_open(self) -> bool:
        return self.is_posted and self.deadline >= timezone.localdate()


class ApplicationStatus(models.TextChoices):
    INTENDED = "intended", _("Intends to apply")
    SUBMITTED = "submitted", _("Submitted")
    WON = "won", _("Won")
    LOST = "lost", _("Not won")


# The statuses an application may move to from each status.
APPLICATION_MOVES = {
    ApplicationStatus.INTENDED: {ApplicationStatus.SUBMITTED},
    ApplicationStatus.SUBMITTED: {ApplicationStatus.WON, ApplicationStatus.LOST},
    ApplicationStatus.WON: set(),
    ApplicationStatus.LOST: set(),
}


class Application(models.Model):
    """A cluster's application to a call, recorded by its CEO. Oversight reads outcomes only (counts and sums)."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call"))
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="call_applications", verbose_name=_("cluster")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.INTENDED
    )
    amount_requested = models.DecimalField(
        _("amount requested (₪)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_won = models.DecimalField(_("amount won (₪)"), max_digits=14, decimal_places=2, null=True, blank=True)
    goals = models.ManyToManyField(Goal, related_name="call_applications", blank=True, verbose_name=_("goals served"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # When the CEO was reminded of the call's deadline: one reminder per application.
    reminded_at = models.DateTimeField(_("deadline reminder sent at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "cluster"], name="one_application_per_call_and_cluster"),
            models.CheckConstraint(
                condition=~Q(status="won") | Q(amount_won__isnull=False), name="application_won_has_amount"
            ),
            models.CheckConstraint(
                condition=Q(amount_won__isnull=True) | Q(status="won"), name="application_amount_won_only_if_won"
            ),
            models.CheckConstraint(
                condition=(Q(amount_requested__isnull=True) | Q(amount_requested__gte=0))
                & (Q(amount_won__isnull=True) | Q(amount_won__gte=0)),
                name="application_amounts_positive",
            ),
        ]

    def __str__(self):
        return f"{self.cluster} — {self.call}"

    @property
    def next_statuses(self) -> list[str]:
        return sorted(APPLICATION_MOVES[ApplicationStatus(self.status)])
