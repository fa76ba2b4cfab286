"""The national cluster in the Django admin: reading and correcting rows. Workflows (publishing, versions,
applications) go through the site's pages, which audit them; the admin shows their results read-only."""

from django.contrib import admin

from .models import Application, Call, KnowledgeItem, Ministry, PlaybookSuggestion, PlaybookVersion


@admin.register(Ministry)
class MinistryAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_he", "name_en", "position", "last_reviewed_on")
    readonly_fields = ("last_reviewed_on", "reminded_for")


@admin.register(PlaybookVersion)
class PlaybookVersionAdmin(admin.ModelAdmin):
    list_display = ("ministry", "number", "created_at", "created_by")
    list_select_related = ("ministry", "created_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PlaybookSuggestion)
class PlaybookSuggestionAdmin(admin.ModelAdmin):
    list_display = ("ministry", "section", "cluster", "status", "suggested_at")
    list_filter = ("status",)
    list_select_related = ("ministry", "cluster")
    readonly_fields = ("status", "decided_by", "decided_at", "version")


@admin.register(KnowledgeItem)
class KnowledgeItemAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "language", "status", "published_at")
    list_filter = ("status", "kind", "language")
    search_fields = ("title", "summary")
    readonly_fields = ("status", "published_at", "published_by", "submitted_at", "return_reason")

    def has_add_permission(self, request):
        return False


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title", "funder", "deadline", "is_posted")
    list_filter = ("is_posted",)
    search_fields = ("title", "funder")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("call", "cluster", "status", "amount_won")
    list_filter = ("status",)
    list_select_related = ("call", "cluster")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
