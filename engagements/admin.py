"""Engagements in Django admin, for platform staff: read lists that stay flat whatever the number of rows
(every column's relation is joined by list_select_related; pages of 50, counted as config.admin_lists says).
Workflows go through the site's pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from config.admin_lists import LargeListAdmin

from .models import Engagement, WorkLog


@admin.register(Engagement)
class EngagementAdmin(LargeListAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "state", "starts_on", "ends_on", "budget_hours", "hourly_rate")
    list_filter = ("state", "model")
    list_select_related = ("cluster", "advisor__person")
    search_fields = ("cluster__name_he", "advisor__person__full_name", "advisor__person__email")
    date_hierarchy = "starts_on"
    raw_id_fields = ("cluster", "advisor", "created_by")
    filter_horizontal = ("needs", "goals")


@admin.register(WorkLog)
class WorkLogAdmin(LargeListAdmin, SimpleHistoryAdmin):
    list_display = ("worked_on", "engagement", "advisor", "hours", "activity", "state")
    list_filter = ("state", "activity")
    list_select_related = ("engagement__cluster", "engagement__advisor__person", "advisor")
    search_fields = ("advisor__email", "advisor__full_name", "engagement__cluster__name_he")
    raw_id_fields = ("engagement", "advisor", "decided_by")
    filter_horizontal = ("goals",)
