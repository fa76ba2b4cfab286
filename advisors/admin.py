from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from config.admin_lists import LargeListAdmin

from . import services
from .models import AdvisorOrganisation, AdvisorProfile, ControlMandate, Need, NeedGroup, Shortlist, ShortlistEntry


@admin.register(AdvisorOrganisation)
class AdvisorOrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "relationship_model", "vetting_state", "vetting_decided_at")
    list_filter = ("vetting_state", "kind", "relationship_model")
    search_fields = ("name", "contact_email")
    # Vetting goes through the curator's pages, which record who decided, when and why, and email the decision.
    readonly_fields = ("vetting_state", "vetting_decided_at", "vetting_decided_by", "vetting_reason", "applied_by")


@admin.register(AdvisorProfile)
class AdvisorProfileAdmin(LargeListAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "organisation", "is_published", "last_confirmed_at", "review_count")
    list_filter = ("is_published", "organisation__vetting_state")
    search_fields = ("person__full_name", "person__email", "organisation__name")
    list_select_related = ("person", "organisation")
    # The track record is pushed by the engagements app through services.update_track_record.
    readonly_fields = (
        "completed_engagements",
        "review_count",
        "rating_expertise",
        "rating_responsiveness",
        "rating_goals",
        "rating_value",
        "rating_overall",
        "rating_distributions",
        "needs_served",
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The search document follows every edit, as it does when the advisor saves through the site.
        services.refresh_search_text(form.instance)


@admin.register(NeedGroup)
class NeedGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "label_he", "label_ar", "label_en", "position")


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ("code", "group", "label_he", "position")
    list_filter = ("group",)


class ShortlistEntryInline(admin.TabularInline):
    model = ShortlistEntry
    extra = 0


@admin.register(Shortlist)
class ShortlistAdmin(SimpleHistoryAdmin):
    list_display = ("title", "cluster", "need", "created_by", "created_at")
    inlines = [ShortlistEntryInline]


@admin.register(ControlMandate)
class ControlMandateAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "cluster", "body", "kind", "starts_on", "ends_on")
    list_filter = ("kind",)
    search_fields = ("organisation__name", "body")
