from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import RoleAssignment


class Cluster(models.Model):
    """A regional cluster of local authorities: a statutory corporation that pools services."""

    cbs_code = models.PositiveIntegerField(_("CBS cluster code"), unique=True, null=True, blank=True)
    name_he = models.CharField(_("name (Hebrew)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
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

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Hebrew."""
        language = (get_language() or "he")[:2]
        return getattr(self, f"name_{language}", "") or self.name_he
