from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from config.admin_lists import LargeListAdmin

from . import services
from .models import AuditEvent, Invitation, RoleAssignment, User, audit_action_labels


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ("role", "scope_type", "scope_id", "starts_on", "ended_on", "end_reason", "granted_by")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(LargeListAdmin, SimpleHistoryAdmin, BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "is_active", "is_staff", "date_joined")
    search_fields = ("email", "full_name")
    list_filter = ("is_active", "is_staff")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_language")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    """Grants go through the grant_role service, so the separation rule and the audit apply here too."""

    list_display = ("user", "role", "scope_type", "scope_id", "starts_on", "ended_on")
    list_filter = ("role",)
    search_fields = ("user__email",)
    autocomplete_fields = ("user",)
    readonly_fields = ("granted_by", "granted_at", "ended_by")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return (*self.readonly_fields, "user", "role", "scope_type", "scope_id", "starts_on")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            if "ended_on" in form.changed_data and obj.ended_on:
                services.end_role(
                    assignment=RoleAssignment.objects.get(pk=obj.pk),
                    ended_by=request.user,
                    reason=obj.end_reason,
                    on=obj.ended_on,
                    request=request,
                )
            return
        created = services.grant_role(
            user=obj.user,
            role=obj.role,
            scope=obj.scope,
            granted_by=request.user,
            starts_on=obj.starts_on,
            request=request,
        )
        obj.pk = created.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "role", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("role",)
    search_fields = ("email",)
    readonly_fields = [f.name for f in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False


class AuditActionFilter(admin.SimpleListFilter):
    """The actions to filter by, from every app's declared labels: not a DISTINCT over every event ever recorded."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return sorted(audit_action_labels().items(), key=lambda item: str(item[1]))

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(LargeListAdmin, admin.ModelAdmin):
    list_display = ("at", "actor", "action_label", "target_repr", "ip_address")
    list_filter = (AuditActionFilter,)
    search_fields = ("actor__email", "target_repr")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
