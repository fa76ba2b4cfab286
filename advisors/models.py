from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import RoleAssignment
from clusters.models import Cluster
from clusters.reference import Region, ServiceDomain


def in_language(obj, prefix: str) -> str:
    """The `<prefix>_<language>` attribute in the active language, falling back to Hebrew, Arabic, English."""
    language = (get_language() or "he")[:2]
    for code in (language, "he", "ar", "en"):
        value = getattr(obj, f"{prefix}_{code}", "")
        if value:
            return value
    return ""


def split_codes(value: str) -> list[str]:
    return [code for code in value.split(",") if code]


def join_codes(codes) -> str:
    """Codes are stored framed by commas (",north,south,") so one LIKE '%,north,%' finds a code on any database."""
    codes = sorted(set(codes))
    return f",{','.join(codes)}," if codes else ""


class NeedGroup(models.Model):
    """A group of support needs (data/needs.json), loaded by a data migration."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    label_he = models.CharField(_("label (Hebrew)"), max_length=200)
    label_ar = models.CharField(_("label (Arabic)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("need group")
        verbose_name_plural = _("need groups")
        ordering = ["position", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return in_language(self, "label")


class Need(models.Model):
    """A support need a cluster CEO may have and an advisor may cover."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    group = models.ForeignKey(NeedGroup, on_delete=models.PROTECT, related_name="needs", verbose_name=_("group"))
    label_he = models.CharField(_("label (Hebrew)"), max_length=300)
    label_ar = models.CharField(_("label (Arabic)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["group__position", "position", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return in_language(self, "label")


class OrganisationKind(models.TextChoices):
    CONSULTING_FIRM = "consulting_firm", _("Consulting firm")
    PARTNER_INSTITUTE = "partner_institute", _("Partner institute")
    ACADEMIC = "academic", _("Academic institution")
    NGO = "ngo", _("Non-profit organisation")
    SOLE_TRADER = "sole_trader", _("Sole trader")


class RelationshipModel(models.TextChoices):
    SUPPLIER = "supplier", _("Supplier")
    PARTNER = "partner", _("Partner")


class VettingState(models.TextChoices):
    APPLIED = "applied", _("Applied")
    VETTED = "vetted", _("Vetted")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class AdvisorOrganisationQuerySet(models.QuerySet):
    def vetted(self):
        return self.filter(vetting_state=VettingState.VETTED)

    def awaiting_vetting(self):
        return self.filter(vetting_state=VettingState.APPLIED)


class AdvisorOrganisation(models.Model):
    """A body advisors belong to: a consulting firm, a partner institute, an academic unit, an NGO or a sole trader.

    Only a vetted organisation's profiles appear in the catalogue. The curator's last decision is kept on the row
    (who, when, why) and every earlier one in its history.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=24, choices=OrganisationKind.choices, default=OrganisationKind.CONSULTING_FIRM
    )
    relationship_model = models.CharField(
        _("relationship model offered"),
        max_length=16,
        choices=RelationshipModel.choices,
        default=RelationshipModel.SUPPLIER,
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    vetting_state = models.CharField(
        _("vetting state"), max_length=16, choices=VettingState.choices, default=VettingState.APPLIED, db_index=True
    )
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )
    vetting_decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    vetting_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    vetting_reason = models.TextField(_("reason"), blank=True)
    role_assignments = GenericRelation(
        RoleAssignment,
        content_type_field="scope_type",
        object_id_field="scope_id",
        related_query_name="organisation",
    )

    objects = AdvisorOrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("advisor organisation")
        verbose_name_plural = _("advisor organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vetting_state__in=VettingState.values), name="organisation_vetting_state_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"),
            models.CheckConstraint(
                condition=Q(relationship_model__in=RelationshipModel.values),
                name="organisation_relationship_model_valid",
            ),
            # Refusing or suspending an organisation always says why.
            models.CheckConstraint(
                condition=Q(vetting_state__in=[VettingState.APPLIED, VettingState.VETTED]) | ~Q(vetting_reason=""),
                name="organisation_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_vetted(self) -> bool:
        return self.vetting_state == VettingState.VETTED


class Orientation(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    HANDS_ON = "hands_on", _("Hands-on executive")
    BOTH = "both", _("Supportive and hands-on")


class SpokenLanguage(models.TextChoices):
    HEBREW = "he", _("Hebrew")
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    AMHARIC = "am", _("Amharic")
    FRENCH = "fr", _("French")


class RatingDimension(models.TextChoices):
    EXPERTISE = "expertise", _("Expertise")
    RESPONSIVENESS = "responsiveness", _("Responsiveness")
    GOALS = "goals", _("Contribution to goals")
    VALUE = "value", _("Value for money")


def freshness_cutoff(now: datetime | None = None) -> datetime:
    """Profiles confirmed before this moment are overdue and leave the catalogue."""
    return (now or timezone.now()) - relativedelta(months=settings.ADVISORS_RECONFIRM_MONTHS)


class AdvisorProfileQuerySet(models.QuerySet):
    def listed(self, now: datetime | None = None):
        """Profiles the catalogue shows: checked by a curator, published, fresh, not suspended, of a vetted
        organisation."""
        return self.filter(
            is_published=True,
            checked_at__isnull=False,
            suspended_at__isnull=True,
            organisation__vetting_state=VettingState.VETTED,
            last_confirmed_at__gte=freshness_cutoff(now),
        )

    def awaiting_check(self):
        """New profiles no curator has checked yet, in any organisation."""
        return self.filter(checked_at__isnull=True)

    def for_cards(self):
        return self.select_related("person", "organisation").prefetch_related("needs")


class AdvisorProfile(models.Model):
    """An advisor's catalogue profile. One per person; the person belongs to the profile's organisation.

    The track-record columns (completed engagements, ratings, distributions) are written only by
    `advisors.services.update_track_record`, which the engagements app calls when reviews are revealed.
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advisor_profile", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        AdvisorOrganisation, on_delete=models.PROTECT, related_name="profiles", verbose_name=_("organisation")
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    bio_he = models.TextField(_("bio (Hebrew)"), blank=True)
    bio_ar = models.TextField(_("bio (Arabic)"), blank=True)
    bio_en = models.TextField(_("bio (English)"), blank=True)
    needs = models.ManyToManyField(Need, related_name="profiles", verbose_name=_("needs covered"), blank=True)
    domains = models.CharField(_("core-service domains"), max_length=400, blank=True)
    regions = models.CharField(_("regions served"), max_length=200, blank=True)
    languages = models.CharField(_("languages spoken"), max_length=100, blank=True)
    orientation = models.CharField(
        _("orientation"), max_length=16, choices=Orientation.choices, default=Orientation.BOTH
    )
    day_rate = models.PositiveIntegerField(_("day rate (₪)"))
    available_from = models.DateField(_("available from"), null=True, blank=True)
    days_per_month = models.PositiveSmallIntegerField(_("days per month"), default=0)
    is_published = models.BooleanField(_("published"), default=False)
    last_confirmed_at = models.DateTimeField(_("last confirmed"), default=timezone.now)
    reminder_sent_at = models.DateTimeField(_("reconfirmation reminder sent"), null=True, blank=True)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suspended by"),
    )
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    # A new profile waits for a curator's check before the catalogue lists it, even in a vetted organisation.
    checked_at = models.DateTimeField(_("checked by a curator at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    # Names and bios normalised for search (advisors.search.search_document); written by the service that saves.
    search_text = models.TextField(editable=False, blank=True)
    # Track record, pushed down by the engagements app.
    completed_engagements = models.PositiveIntegerField(_("completed engagements"), default=0)
    review_count = models.PositiveIntegerField(_("reviews"), default=0)
    rating_expertise = models.DecimalField(_("expertise"), max_digits=3, decimal_places=2, null=True, blank=True)
    rating_responsiveness = models.DecimalField(
        _("responsiveness"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    rating_goals = models.DecimalField(
        _("contribution to goals"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    rating_value = models.DecimalField(_("value for money"), max_digits=3, decimal_places=2, null=True, blank=True)
    # Mean of the four dimensions, only when enough reviews exist to show it: what sorting and filtering read.
    rating_overall = models.DecimalField(
        _("overall rating"), max_digits=3, decimal_places=2, null=True, blank=True, db_index=True
    )
    # {"expertise": [count of 1s, 2s, 3s, 4s, 5s], ...}
    rating_distributions = models.JSONField(_("rating distributions"), default=dict, blank=True)
    # {"<need code>": number of completed engagements that served it}
    needs_served = models.JSONField(_("needs served"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AdvisorProfileQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("advisor profile")
        verbose_name_plural = _("advisor profiles")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=~(Q(bio_he="") & Q(bio_ar="") & Q(bio_en="")), name="profile_has_a_bio"),
            models.CheckConstraint(condition=Q(days_per_month__lte=31), name="profile_days_per_month_valid"),
            models.CheckConstraint(condition=Q(orientation__in=Orientation.values), name="profile_orientation_valid"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"profile_{name}_between_1_and_5",
                )
                for name in (
                    "rating_expertise",
                    "rating_responsiveness",
                    "rating_goals",
                    "rating_value",
                    "rating_overall",
                )
            ],
            models.CheckConstraint(
                condition=Q(suspended_at__isnull=True) | ~Q(suspension_reason=""), name="profile_suspension_has_reason"
            ),
        ]
        # the curator's profiles to check, oldest first, a page at a time: read in order, not sorted, and counted
        # from the index alone (the organisation decides which count)
        indexes = [
            models.Index(
                fields=["created_at", "id", "organisation"],
                name="profile_awaiting_check",
                condition=Q(checked_at__isnull=True),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.person.get_full_name()

    @property
    def bio(self) -> str:
        return in_language(self, "bio")

    @property
    def domain_codes(self) -> list[str]:
        return split_codes(self.domains)

    @property
    def region_codes(self) -> list[str]:
        return split_codes(self.regions)

    @property
    def language_codes(self) -> list[str]:
        return split_codes(self.languages)

    @property
    def domain_labels(self) -> list[str]:
        return [str(ServiceDomain(code).label) for code in self.domain_codes if code in ServiceDomain.values]

    @property
    def region_labels(self) -> list[str]:
        return [str(Region(code).label) for code in self.region_codes if code in Region.values]

    @property
    def language_labels(self) -> list[str]:
        return [str(SpokenLanguage(code).label) for code in self.language_codes if code in SpokenLanguage.values]

    @property
    def confirmation_due_at(self) -> datetime:
        return self.last_confirmed_at + relativedelta(months=settings.ADVISORS_RECONFIRM_MONTHS)

    @property
    def is_overdue(self) -> bool:
        return self.confirmation_due_at <= timezone.now()

    @property
    def is_listed(self) -> bool:
        return (
            self.is_published
            and self.checked_at is not None
            and self.suspended_at is None
            and self.organisation.vetting_state == VettingState.VETTED
            and not self.is_overdue
        )

    @property
    def is_awaiting_check(self) -> bool:
        return self.checked_at is None

    @property
    def shows_ratings(self) -> bool:
        """Ratings are shown only from a minimum number of reviews, so no single reviewer can be recognised."""
        return self.review_count >= settings.ADVISORS_MIN_REVIEWS_SHOWN

    @property
    def ratings(self) -> list[dict]:
        """Per dimension: label, average, distribution as (stars, count, percent) from 5 down to 1."""
        rows = []
        for dimension in RatingDimension:
            counts = list(self.rating_distributions.get(dimension.value, [0] * 5))
            total = sum(counts) or 1
            rows.append(
                {
                    "code": dimension.value,
                    "label": dimension.label,
                    "average": getattr(self, f"rating_{dimension.value}"),
                    "distribution": [
                        (stars, counts[stars - 1], round(100 * counts[stars - 1] / total)) for stars in range(5, 0, -1)
                    ],
                }
            )
        return rows

    @property
    def top_needs_served(self) -> list[tuple[str, int]]:
        return sorted(self.needs_served.items(), key=lambda item: (-item[1], item[0]))[:3]


class Shortlist(models.Model):
    """A cluster CEO's shortlist of advisors for one need, and, once they choose, the record of why."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster"))
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="shortlists", verbose_name=_("need"))
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class Outcome(models.TextChoices):
    PENDING = "pending", _("Not decided yet")
    CHOSEN = "chosen", _("Chosen")
    NOT_SUITABLE = "not_suitable", _("Not suitable")


class ShortlistEntry(models.Model):
    shortlist = models.ForeignKey(
        Shortlist, on_delete=models.CASCADE, related_name="entries", verbose_name=_("shortlist")
    )
    profile = models.ForeignKey(
        AdvisorProfile, on_delete=models.PROTECT, related_name="shortlist_entries", verbose_name=_("advisor")
    )
    note = models.TextField(_("note"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shortlist entry")
        verbose_name_plural = _("shortlist entries")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shortlist", "profile"], name="shortlist_entry_unique"),
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="shortlist_outcome_valid"),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.NOT_SUITABLE) | ~Q(outcome_reason=""),
                name="shortlist_not_suitable_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.shortlist}: {self.profile}"


class MandateKind(models.TextChoices):
    CONTROL = "control", _("Control")
    AUDIT = "audit", _("Audit")


class ControlMandateQuerySet(models.QuerySet):
    def current_or_within(self, months: int, on=None):
        """Mandates in force, or ended less than `months` months ago (the cooling-off window)."""
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on - relativedelta(months=months)))

    def barring(self, on=None):
        """Mandates that bar their organisation from the cluster on `on` (today by default): in force, recorded to
        start later, or ended within COOLING_OFF_MONTHS."""
        return self.current_or_within(settings.COOLING_OFF_MONTHS, on=on)


class ControlMandate(models.Model):
    """An organisation designated by a ministry to control or audit a cluster, recorded by admins.

    While it is in force and for the cooling-off period after it ends, the organisation's advisors cannot be
    engaged by that cluster.
    """

    organisation = models.ForeignKey(
        AdvisorOrganisation, on_delete=models.PROTECT, related_name="control_mandates", verbose_name=_("organisation")
    )
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+", verbose_name=_("cluster"))
    body = models.CharField(_("ministry or body"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=MandateKind.choices, default=MandateKind.CONTROL)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = ControlMandateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control mandate")
        verbose_name_plural = _("control mandates")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=MandateKind.values), name="mandate_kind_valid"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="mandate_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.cluster} ({self.get_kind_display()})"
