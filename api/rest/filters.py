"""Filters of the API lists: by cluster, by period and by status. They narrow a list already scoped to the person."""

import django_filters as filters


class ClusterFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region")
    stage = filters.CharFilter(field_name="stage")


class ByCluster(filters.FilterSet):
    cluster = filters.NumberFilter(field_name="cluster_id")


class AuthorityFilter(filters.FilterSet):
    cluster = filters.NumberFilter(method="of_cluster")
    kind = filters.CharFilter(field_name="kind")

    def of_cluster(self, queryset, name, value):
        return queryset.filter(memberships__cluster_id=value, memberships__left_on__isnull=True)


class ServiceFilter(ByCluster):
    status = filters.CharFilter(field_name="status")
    level = filters.CharFilter(field_name="level")


class GoalFilter(filters.FilterSet):
    cluster = filters.NumberFilter(field_name="service__cluster_id")
    service = filters.NumberFilter(field_name="service_id")
    kind = filters.CharFilter(field_name="kind")
    is_active = filters.BooleanFilter(field_name="is_active")


class MeasurementFilter(filters.FilterSet):
    cluster = filters.NumberFilter(field_name="goal__service__cluster_id")
    goal = filters.NumberFilter(field_name="goal_id")
    period_from = filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_to = filters.DateFilter(field_name="period_start", lookup_expr="lte")


class WorkPlanFilter(ByCluster):
    year = filters.NumberFilter(field_name="year")
    status = filters.CharFilter(field_name="status")


class EngagementFilter(ByCluster):
    state = filters.CharFilter(field_name="state")
    period_from = filters.DateFilter(field_name="ends_on", lookup_expr="gte")
    period_to = filters.DateFilter(field_name="starts_on", lookup_expr="lte")


class ReportFilter(ByCluster):
    period_from = filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_to = filters.DateFilter(field_name="period_start", lookup_expr="lte")
    state = filters.CharFilter(method="in_state")

    def in_state(self, queryset, name, value):
        return queryset.filter(versions__state=value).distinct()


class StatusRecordFilter(ByCluster):
    status = filters.CharFilter(field_name="status")
    day_from = filters.DateFilter(field_name="day", lookup_expr="gte")
    day_to = filters.DateFilter(field_name="day", lookup_expr="lte")
