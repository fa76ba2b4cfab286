"""The ministry playbook: a page per ministry or agency, kept as numbered versions, reviewed twice a year."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advisors.models import in_language
from clusters.models import Cluster


class PlaybookSection(models.TextChoices):
    """The sections of a playbook page; a suggestion names the one it would change."""

    FUNDS = "funds", _("What it funds or regulates for clusters")
    PROCEDURES = "procedures", _("Procedures and forms")
    CONTACTS = "contacts", _("Roles to contact")
    TIMELINES = "timelines", _("Typical timelines")
    PITFALLS = "pitfalls", _("Pitfalls")


class Ministry(models.Model):
    """A government ministry or agency clusters deal with. Its page is the latest PlaybookVersion."""

    slug = models.SlugField(_("short name"), max_length=40, unique=True)
    name_he = models.CharField(_("name (Hebrew)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    # The review due date the editors were last reminded of: one reminder per due date.
    reminded_for = models.DateField(_("review reminder sent for"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def review_due_on(self):
        """Pages are reviewed twice a year: six months (NETWORK_PLAYBOOK_REVIEW_MONTHS) after the last review."""
        if self.last_reviewed_on is None:
            return None
        return self.last_reviewed_on + relativedelta(months=settings.NETWORK_PLAYBOOK_REVIEW_MONTHS)

    @property
    def is_review_due(self) -> bool:
        due = self.review_due_on
        return due is None or due <= timezone.localdate()


class PlaybookVersion(models.Model):
    """One version of a ministry's page. Versions are never edited: a change is a new version."""

    ministry = models.ForeignKey(Ministry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    funds = models.TextField(PlaybookSection.FUNDS.label, blank=True)
    procedures = models.TextField(PlaybookSection.PROCEDURES.label, blank=True)
    contacts = models.TextField(
        PlaybookSection.CONTACTS.label, blank=True, help_text=_("Roles and units, never names or personal details.")
    )
    timelines = models.TextField(PlaybookSection.TIMELINES.label, blank=True)
    pitfalls = models.TextField(PlaybookSection.PITFALLS.label, blank=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("playbook version")
        verbose_name_plural = _("playbook versions")
        ordering = ["ministry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["ministry", "number"], name="playbook_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="playbook_version_number_positive"),
        ]

    def __str__(self):
        return f"{self.ministry} v{self.number}"

    def sections(self) -> list[tuple[str, str, str]]:
        """(code, label, text) of each section, in page order."""
        return [(code, str(label), getattr(self, code)) for code, label in PlaybookSection.choices]


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PlaybookSuggestion(models.Model):
    """A CEO's suggested change to one section of a page; an editor accepts it (a new version) or declines it."""

    ministry = models.ForeignKey(Ministry, on_delete=models.CASCADE, related_name="suggestions")
    based_on = models.ForeignKey(
        PlaybookVersion, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("based on version")
    )
    section = models.CharField(_("section"), max_length=16, choices=PlaybookSection.choices)
    text = models.TextField(_("suggested text"), max_length=4000)
    reason = models.CharField(_("why"), max_length=500, blank=True)
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+", verbose_name=_("cluster"))
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("suggested by")
    )
    suggested_at = models.DateTimeField(_("suggested at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)
    version = models.ForeignKey(
        PlaybookVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accepted_suggestions",
        verbose_name=_("version it became"),
    )

    class Meta:
        verbose_name = _("playbook suggestion")
        verbose_name_plural = _("playbook suggestions")
        ordering = ["suggested_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(decided_at__isnull=False, decided_by__isnull=False),
                name="playbook_suggestion_decided_with_who_and_when",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(version__isnull=False),
                name="playbook_suggestion_accepted_has_version",
            ),
        ]

    def __str__(self):
        return f"{self.ministry}: {self.get_section_display()}"
