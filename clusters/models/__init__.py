from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import RoleAssignment

from ..reference import Region, ServiceDomain


def _localised(obj) -> str:
    language = (get_language() or "he")[:2]
    return getattr(obj, f"name_{language}", "") or obj.name_he


class LocalisedNameMixin:
    """`display_name`: the name in the active language, falling back to Hebrew (the same as `name` on the models
    whose Hebrew name is `name_he`), so templates name authorities, clusters, services and goals alike."""

    @property
    def display_name(self) -> str:
        return _localised(self)

    @property
    def name_language(self) -> str:
        """The language `display_name` is in: the active one, or Hebrew when it has no name in it."""
        language = (get_language() or "he")[:2]
        return language if getattr(self, f"name_{language}", "") else "he"


class Authority(LocalisedNameMixin, models.Model):
    """A local authority in the CBS register. Keyed by the code type together with the CBS code."""

    class CodeType(models.TextChoices):
        LOCALITY = "locality_code", _("CBS locality code")
        REGIONAL_COUNCIL = "regional_council_code", _("CBS regional council number")

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        LOCAL_COUNCIL = "local_council", _("Local council")
        REGIONAL_COUNCIL = "regional_council", _("Regional council")

    class Sector(models.TextChoices):
        JEWISH = "jewish", _("Jewish")
        ARAB = "arab", _("Arab")
        DRUZE = "druze", _("Druze")
        MIXED = "mixed", _("Mixed")

    code_type = models.CharField(_("code type"), max_length=32, choices=CodeType.choices)
    cbs_code = models.PositiveIntegerField(_("CBS code"))
    name_he = models.CharField(_("name (Hebrew)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    socioeconomic_cluster = models.PositiveSmallIntegerField(_("socio-economic cluster"), null=True, blank=True)
    peripherality_cluster = models.PositiveSmallIntegerField(_("peripherality cluster"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["name_he"]
        constraints = [
            models.UniqueConstraint(fields=["code_type", "cbs_code"], name="authority_unique_cbs_key"),
            models.CheckConstraint(
                condition=Q(socioeconomic_cluster__isnull=True) | Q(socioeconomic_cluster__range=(1, 10)),
                name="authority_socioeconomic_1_10",
            ),
            models.CheckConstraint(
                condition=Q(peripherality_cluster__isnull=True) | Q(peripherality_cluster__range=(1, 10)),
                name="authority_peripherality_1_10",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _localised(self)


class Cluster(LocalisedNameMixin, models.Model):
    """A regional cluster of local authorities: a statutory corporation that pools services.

    The CEO and the board are role assignments scoped to the cluster (accounts.RoleAssignment).
    """

    class Stage(models.TextChoices):
        FORMING = "forming", _("Forming")
        INCORPORATED = "incorporated", _("Incorporated")
        OPERATING = "operating", _("Operating")

    cbs_code = models.PositiveIntegerField(_("CBS cluster code"), unique=True, null=True, blank=True)
    name_he = models.CharField(_("name (Hebrew)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.FORMING)
    formed_on = models.DateField(_("forming since"), null=True, blank=True)
    incorporated_on = models.DateField(_("incorporated on"), null=True, blank=True)
    # Public sources often give only the year; the exact date, when known, is in incorporated_on.
    incorporated_year = models.PositiveSmallIntegerField(_("incorporated in (year)"), null=True, blank=True)
    incorporation_source = models.CharField(_("source of the incorporation date"), max_length=300, blank=True)
    operating_since = models.DateField(_("operating since"), null=True, blank=True)
    ceo_vacant_since = models.DateField(_("CEO seat vacant since"), null=True, blank=True)
    # The CEO's publish switches for the public page and open data (each off until the CEO turns it on).
    is_strategic_plan_public = models.BooleanField(_("strategic plan public"), default=False)
    is_plan_budget_public = models.BooleanField(_("plan budgets public"), default=False)
    is_quality_public = models.BooleanField(_("service-quality measures public"), default=False)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    role_assignments = GenericRelation(
        RoleAssignment,
        content_type_field="scope_type",
        object_id_field="scope_id",
        related_query_name="cluster",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["name_he"]
        constraints = [
            models.UniqueConstraint(fields=["name_he"], name="cluster_unique_name_he"),
            models.CheckConstraint(
                condition=Q(incorporated_on__isnull=True)
                | Q(operating_since__isnull=True)
                | Q(operating_since__gte=F("incorporated_on")),
                name="cluster_operates_after_incorporation",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Hebrew."""
        return _localised(self)

    @property
    def incorporated_by(self):
        """The latest day the cluster can have been incorporated: the exact date, else the end of the known year,
        else None (unknown). The rules count from here, so a year-only date never makes a rule fire early."""
        if self.incorporated_on:
            return self.incorporated_on
        if self.incorporated_year:
            return date(self.incorporated_year, 12, 31)
        return None

    @property
    def is_incorporation_known(self) -> bool:
        return bool(self.incorporated_on or self.incorporated_year)


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class Membership(models.Model):
    """An authority's membership of a cluster. Leaving ends the row; rows are never deleted."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        JOINED_LATER = "joined_later", _("Joined later")
        LISTED_BY_CLUSTER = "listed_by_cluster", _("Listed by the cluster")
        PLANNED = "planned", _("Planned")

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="memberships")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["authority__name_he"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "authority"], condition=Q(left_on__isnull=True), name="membership_one_current"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.authority} — {self.cluster}"


class Service(LocalisedNameMixin, models.Model):
    """A service line the cluster runs for some of its member authorities."""

    class Level(models.TextChoices):
        CORE = "core", _("Core service")
        PREFERRED = "preferred", _("Preferred elective service")
        REVENUE = "revenue", _("Revenue-generating project")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        TENDERING = "tendering", _("Tendering")
        OPERATING = "operating", _("Operating")
        SUSPENDED = "suspended", _("Suspended")
        CLOSED = "closed", _("Closed")

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="services")
    name_he = models.CharField(_("name (Hebrew)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.CORE)
    domain = models.CharField(_("domain"), max_length=32, choices=ServiceDomain.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    status_since = models.DateField(_("status since"), null=True, blank=True)
    started_on = models.DateField(_("start date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    participants = models.ManyToManyField(
        Authority, related_name="services", blank=True, verbose_name=_("participating authorities")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["level", "name_he", "pk"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _localised(self)


class ServiceStatusChange(models.Model):
    """One dated change of a service's status."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=16, choices=Service.Status.choices)
    changed_on = models.DateField(_("changed on"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("service status change")
        verbose_name_plural = _("service status changes")
        ordering = ["changed_on", "pk"]

    def __str__(self):
        return f"{self.service_id} {self.status} {self.changed_on}"


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Goal(models.Model):
    """What a service must achieve. Progress is computed from measurements (clusters.progress), never typed."""

    class Kind(models.TextChoices):
        COST_SAVING = "cost_saving", _("Cost saving")
        COVERAGE = "coverage", _("Coverage")
        GAP = "gap", _("Gap between authorities")
        CUSTOM = "custom", _("Custom indicator")

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="goals")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # The name as the CEO typed it (Hebrew, the platform's default), with optional translations.
    name = models.CharField(_("name"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    baseline_value = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    baseline_on = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_percent = models.DecimalField(
        _("target reduction (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    target_on = models.DateField(_("target date"))
    is_active = models.BooleanField(_("active"), default=False)
    # The cluster's CEO publishes a goal and its measurements on the cluster's public page (off until they do).
    is_public = models.BooleanField(_("public"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    # Set by the app that computes the goal's measurements (e.g. service quality): then nobody types them.
    computed_from = models.CharField(_("measurements computed from"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(baseline_value__gte=0), name="goal_baseline_not_negative"),
            models.CheckConstraint(condition=Q(target_on__gt=F("baseline_on")), name="goal_target_after_baseline"),
            # cost saving: a positive baseline cost and a saving between 0 and 100 %; lower cost is better
            models.CheckConstraint(
                condition=~Q(kind="cost_saving")
                | Q(baseline_value__gt=0, target_percent__gt=0, target_percent__lt=100, direction="lower"),
                name="goal_cost_saving_fields",
            ),
            # gap: a positive baseline gap and a reduction between 0 and 100 %; a smaller gap is better
            models.CheckConstraint(
                condition=~Q(kind="gap")
                | Q(baseline_value__gt=0, target_percent__gt=0, target_percent__lte=100, direction="lower"),
                name="goal_gap_fields",
            ),
            # coverage: a target number of authorities above the baseline
            models.CheckConstraint(
                condition=~Q(kind="coverage")
                | Q(target_value__isnull=False, target_value__gt=F("baseline_value"), direction="higher"),
                name="goal_coverage_fields",
            ),
            # custom KPI: a unit and a target that differs from the baseline in the better direction
            models.CheckConstraint(
                condition=~Q(kind="custom")
                | (
                    ~Q(unit="")
                    & (
                        Q(direction="higher", target_value__gt=F("baseline_value"))
                        | Q(direction="lower", target_value__lt=F("baseline_value"))
                    )
                ),
                name="goal_custom_fields",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language, falling back to the name as typed."""
        language = (get_language() or "he")[:2]
        return (getattr(self, f"name_{language}", "") if language != "he" else "") or self.name

    @property
    def name_language(self) -> str:
        """The language `display_name` is in: the active one, or Hebrew (the name as typed) when it has none in it."""
        language = (get_language() or "he")[:2]
        return language if language == "he" or getattr(self, f"name_{language}", "") else "he"

    @property
    def name_includes_service(self) -> bool:
        """Whether the goal's name, as shown in the active language, already says its service's name as shown
        (case-insensitive): the strategic plan's "measured by" names the service only when it does not, so a goal
        called "Waste collection: cost saving" is not followed by "(Waste collection)"."""
        return self.service.name.casefold() in self.display_name.casefold()

    @property
    def target(self) -> Decimal | None:
        """The target in the measured quantity: target cost, covered authorities, gap or KPI value."""
        if self.kind in (self.Kind.COST_SAVING, self.Kind.GAP):
            return (self.baseline_value * (100 - self.target_percent) / 100).quantize(Decimal("0.01"))
        return self.target_value

    @property
    def is_computed(self) -> bool:
        return bool(self.computed_from)

    @property
    def uses_authority_values(self) -> bool:
        return self.kind in (self.Kind.COVERAGE, self.Kind.GAP)


class Rebaseline(models.Model):
    """A change to an active goal's baseline, with its reason: oversight reviews these."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="rebaselines")
    old_value = models.DecimalField(_("old baseline"), max_digits=14, decimal_places=2)
    new_value = models.DecimalField(_("new baseline"), max_digits=14, decimal_places=2)
    old_on = models.DateField(_("old baseline date"))
    new_on = models.DateField(_("new baseline date"))
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    # The goal's progress (share of the way to the target) on the measurements known at the change, computed with
    # the old and with the new baseline: what the re-baselining did to progress. None when there was no data.
    progress_before = models.DecimalField(_("progress before"), max_digits=9, decimal_places=4, null=True, blank=True)
    progress_after = models.DecimalField(_("progress after"), max_digits=9, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("re-baselining")
        verbose_name_plural = _("re-baselinings")
        ordering = ["changed_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="rebaseline_has_reason")]

    def __str__(self):
        return f"{self.goal} {self.old_value} → {self.new_value}"

    @property
    def percent_before(self) -> int | None:
        return None if self.progress_before is None else int((self.progress_before * 100).to_integral_value())

    @property
    def percent_after(self) -> int | None:
        return None if self.progress_after is None else int((self.progress_after * 100).to_integral_value())


class Measurement(models.Model):
    """A goal's value for one period (a month or a quarter). Corrections keep the old values in history."""

    class PeriodKind(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="measurements")
    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["period_start", "pk"]
        # the admin's list in this order reads 50 rows of the index instead of sorting every measurement
        indexes = [models.Index(fields=["period_start", "id"], name="measurement_in_period_order")]
        constraints = [
            models.UniqueConstraint(fields=["goal", "period_start"], name="measurement_one_per_period"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0), name="measurement_value_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(period_start__day=1) & (Q(period_kind="month") | Q(period_start__month__in=[1, 4, 7, 10])),
                name="measurement_period_start_aligned",
            ),
        ]

    def __str__(self):
        return f"{self.goal} {self.period_label}"

    @property
    def period_label(self) -> str:
        if self.period_kind == self.PeriodKind.QUARTER:
            return f"{self.period_start.year} Q{(self.period_start.month - 1) // 3 + 1}"
        return f"{self.period_start:%Y-%m}"


class AuthorityValue(models.Model):
    """One participating authority's value in a measurement (gap and coverage goals)."""

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="authority_values")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("authority value")
        verbose_name_plural = _("authority values")
        ordering = ["authority__name_he"]
        constraints = [
            models.UniqueConstraint(fields=["measurement", "authority"], name="authority_value_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="authority_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.authority_id}: {self.value}"


class WorkPlan(models.Model):
    """The cluster's annual plan: the CEO drafts it, the board approves it, then the ministry reviews it.

    The ministry's latest decision is pushed down by oversight (`services.record_ministry_decision`): it applies to
    the board approval it was made on, so a plan returned, revised and approved by the board again awaits a new
    review.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        BOARD_REVIEW = "board_review", _("Awaiting board approval")
        APPROVED = "approved", _("Approved by the board, ready for oversight")

    class MinistryDecision(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("work plan", "Approved by the ministry")
        RETURNED = "returned", pgettext_lazy("work plan", "Returned by the ministry")

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="work_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted to the board at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    ministry_decision = models.CharField(
        _("ministry's decision"), max_length=8, choices=MinistryDecision.choices, blank=True
    )
    ministry_decided_at = models.DateTimeField(_("ministry's decision at"), null=True, blank=True)
    ministry_reviewed_approval_at = models.DateTimeField(
        _("board approval the ministry reviewed"), null=True, blank=True
    )
    ministry_findings = models.PositiveSmallIntegerField(_("findings raised by the ministry"), default=0)
    ministry_review_id = models.PositiveIntegerField(_("ministry's review"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="work_plan_one_per_year"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False), name="work_plan_approval_dated"
            ),
        ]

    def __str__(self):
        return f"{self.cluster} {self.year}"

    @property
    def ministry_state(self) -> str:
        """Where the plan stands with the ministry: "awaiting" (board-approved, not yet reviewed), "approved" or
        "returned" (this board approval was decided), "revising" (returned and being revised), or "" (not yet)."""
        if self.status == self.Status.APPROVED:
            decided = self.ministry_decision and self.ministry_reviewed_approval_at == self.approved_at
            return self.ministry_decision if decided else "awaiting"
        return "revising" if self.ministry_decision == self.MinistryDecision.RETURNED else ""

    @property
    def status_label(self):
        """The plan's status as its pages show it, with the ministry's decision on the current board approval."""
        return {
            "awaiting": pgettext_lazy("work plan", "Approved by the board, awaiting the ministry's review"),
            "approved": pgettext_lazy("work plan", "Approved by the board and by the ministry"),
            "returned": pgettext_lazy("work plan", "Returned by the ministry with findings to answer"),
            "revising": {
                self.Status.DRAFT: pgettext_lazy("work plan", "Returned by the ministry, being revised (draft)"),
                self.Status.BOARD_REVIEW: pgettext_lazy(
                    "work plan", "Returned by the ministry, revised and awaiting board approval"
                ),
            }.get(self.status),
        }.get(self.ministry_state) or self.get_status_display()


class WorkPlanItem(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("title"), max_length=200)
    budget_line = models.CharField(_("budget line"), max_length=100, blank=True)
    budget_amount = models.DecimalField(_("budget (₪)"), max_digits=14, decimal_places=2, default=0)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    goals = models.ManyToManyField(Goal, related_name="work_plan_items", blank=True, verbose_name=_("goals served"))
    outcome = models.ForeignKey(
        "clusters.Outcome",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_plan_items",
        verbose_name=_("outcome served"),
    )
    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="work_plan_item_dates"),
            models.CheckConstraint(condition=Q(budget_amount__gte=0), name="work_plan_item_budget_not_negative"),
        ]

    def __str__(self):
        return self.title


class WorkPlanApproval(models.Model):
    """One board member's approval of a work plan."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="approvals")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("work plan approval")
        verbose_name_plural = _("work plan approvals")
        ordering = ["approved_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "approved_by"], name="work_plan_approved_once")]

    def __str__(self):
        return f"{self.plan} — {self.approved_by}"


from .strategy import (  # noqa: E402  (the strategy models refer to the ones above)
    Channel,
    Horizon,
    Milestone,
    Outcome,
    Pilot,
    Spending,
    StrategicPlan,
    StrategicPlanApproval,
)

__all__ = [
    "Authority",
    "AuthorityValue",
    "Channel",
    "Cluster",
    "Direction",
    "Goal",
    "Horizon",
    "Measurement",
    "Membership",
    "Milestone",
    "Outcome",
    "Pilot",
    "Rebaseline",
    "Service",
    "ServiceStatusChange",
    "Spending",
    "StrategicPlan",
    "StrategicPlanApproval",
    "WorkPlan",
    "WorkPlanApproval",
    "WorkPlanItem",
]
