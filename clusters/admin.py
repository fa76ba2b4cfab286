from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from config.admin_lists import LargeListAdmin

from .models import (
    Authority,
    AuthorityValue,
    Cluster,
    Goal,
    Measurement,
    Membership,
    Rebaseline,
    Service,
    ServiceStatusChange,
    WorkPlan,
    WorkPlanApproval,
    WorkPlanItem,
)


@admin.register(Authority)
class AuthorityAdmin(SimpleHistoryAdmin):
    list_display = ("name_he", "name_en", "code_type", "cbs_code", "kind", "population", "socioeconomic_cluster")
    list_filter = ("kind", "region", "code_type")
    search_fields = ("name_he", "name_ar", "name_en", "cbs_code")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["authority"]


@admin.register(Cluster)
class ClusterAdmin(SimpleHistoryAdmin):
    list_display = ("name_he", "name_en", "cbs_code", "stage", "region")
    list_filter = ("stage", "region")
    search_fields = ("name_he", "name_ar", "name_en")
    inlines = [MembershipInline]


class ServiceStatusChangeInline(admin.TabularInline):
    model = ServiceStatusChange
    extra = 0


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ("name_he", "cluster", "level", "domain", "status", "is_demo")
    list_filter = ("level", "domain", "status", "is_demo")
    search_fields = ("name_he", "name_en")
    filter_horizontal = ("participants",)
    inlines = [ServiceStatusChangeInline]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ("name", "service", "kind", "baseline_value", "is_active", "is_demo")
    list_filter = ("kind", "is_active", "is_demo")


@admin.register(Rebaseline)
class RebaselineAdmin(admin.ModelAdmin):
    list_display = ("goal", "old_value", "new_value", "changed_by", "changed_at")


class AuthorityValueInline(admin.TabularInline):
    model = AuthorityValue
    extra = 0


@admin.register(Measurement)
class MeasurementAdmin(LargeListAdmin, SimpleHistoryAdmin):
    list_display = ("goal", "period_kind", "period_start", "value", "entered_by", "is_demo")
    inlines = [AuthorityValueInline]


class WorkPlanItemInline(admin.StackedInline):
    model = WorkPlanItem
    extra = 0


class WorkPlanApprovalInline(admin.TabularInline):
    model = WorkPlanApproval
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(SimpleHistoryAdmin):
    list_display = ("cluster", "year", "status", "approved_at")
    inlines = [WorkPlanItemInline, WorkPlanApprovalInline]
