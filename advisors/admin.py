from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AdvisorOrganisation


@admin.register(AdvisorOrganisation)
class AdvisorOrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name",)
    search_fields = ("name",)
