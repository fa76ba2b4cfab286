from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import RoleAssignment


class AdvisorOrganisation(models.Model):
    """A body advisors belong to: a consulting firm, a partner institute, an academic unit, an NGO or a sole trader."""

    name = models.CharField(_("name"), max_length=200)
    role_assignments = GenericRelation(
        RoleAssignment,
        content_type_field="scope_type",
        object_id_field="scope_id",
        related_query_name="organisation",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("advisor organisation")
        verbose_name_plural = _("advisor organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name
