"""The knowledge centre: articles, case studies, sources and templates, tagged by needs and service domains."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from advisors.models import Need, split_codes
from clusters.models import Cluster
from clusters.reference import ServiceDomain


class KnowledgeKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    CASE_STUDY = "case_study", _("Case study")
    SOURCE = "source", pgettext_lazy("knowledge kind", "Source")
    TEMPLATE = "template", pgettext_lazy("knowledge kind", "Template")


class SubKind(models.TextChoices):
    """What kind of source or template an item is (articles and case studies have none)."""

    STUDY = "study", _("Study")
    LAW = "law", _("Law")
    GOVERNMENT_DECISION = "government_decision", _("Government decision")
    DATASET = "dataset", _("Dataset")
    TENDER = "tender", _("Tender")
    SERVICE_AGREEMENT = "service_agreement", _("Service agreement between authorities")
    BOARD_RESOLUTION = "board_resolution", _("Board resolution")


SOURCE_SUBKINDS = (SubKind.STUDY, SubKind.LAW, SubKind.GOVERNMENT_DECISION, SubKind.DATASET)
TEMPLATE_SUBKINDS = (SubKind.TENDER, SubKind.SERVICE_AGREEMENT, SubKind.BOARD_RESOLUTION)


class KnowledgeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("knowledge status", "Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", pgettext_lazy("knowledge status", "Published")


class KnowledgeLanguage(models.TextChoices):
    HEBREW = "he", _("Hebrew")
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class KnowledgeItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=KnowledgeStatus.PUBLISHED)

    def for_lists(self):
        return self.select_related("cluster").prefetch_related("needs")

    def with_domain(self, code: str):
        return self.filter(domains__contains=f",{code},")


class KnowledgeItem(models.Model):
    """One piece of knowledge. Editors of the national unit publish; a cluster's CEO may propose a case study of
    their own cluster, which an editor reviews like any draft. Nothing is copied from an engagement: the CEO writes
    what the cluster chooses to share."""

    kind = models.CharField(_("kind"), max_length=16, choices=KnowledgeKind.choices)
    subkind = models.CharField(_("type"), max_length=24, choices=SubKind.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("text"), blank=True)
    link = models.URLField(_("link"), blank=True, help_text=_("Where the source can be read, if it is online."))
    language = models.CharField(
        _("language"), max_length=2, choices=KnowledgeLanguage.choices, default=KnowledgeLanguage.HEBREW
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    needs = models.ManyToManyField(Need, related_name="knowledge_items", blank=True, verbose_name=_("needs"))
    domains = models.CharField(_("service domains"), max_length=400, blank=True)
    ministries = models.ManyToManyField(
        "network.Ministry", related_name="knowledge_items", blank=True, verbose_name=_("ministries")
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knowledge_cases",
        verbose_name=_("cluster"),
        help_text=_("The cluster whose experience a case study tells."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=KnowledgeStatus.choices, default=KnowledgeStatus.DRAFT, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("sent for review at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    return_reason = models.CharField(_("reason for returning"), max_length=500, blank=True)
    # Normalised words of title, summary and text for the Hebrew and Arabic search (advisors.search).
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = KnowledgeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="source") & Q(subkind__in=[c.value for c in SOURCE_SUBKINDS]))
                | (Q(kind="template") & Q(subkind__in=[c.value for c in TEMPLATE_SUBKINDS]))
                | (Q(kind__in=["article", "case_study"]) & Q(subkind="")),
                name="knowledge_subkind_fits_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False, published_by__isnull=False),
                name="knowledge_published_has_publisher",
            ),
            models.CheckConstraint(
                condition=~Q(kind="case_study") | Q(cluster__isnull=False), name="knowledge_case_has_cluster"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == KnowledgeStatus.PUBLISHED

    @property
    def domain_codes(self) -> list[str]:
        return split_codes(self.domains)

    @property
    def domain_labels(self) -> list[str]:
        return [str(ServiceDomain(code).label) for code in self.domain_codes if code in ServiceDomain]

    @property
    def kind_label(self) -> str:
        if self.subkind:
            return f"{self.get_kind_display()} · {self.get_subkind_display()}"
        return self.get_kind_display()


def attachment_path(instance, filename: str) -> str:
    return f"network/knowledge/{instance.item_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Attachment(models.Model):
    """A file attached to a knowledge item, checked by its content like a deliverable (accounts.uploads)."""

    item = models.ForeignKey(
        KnowledgeItem, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("knowledge item")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]
