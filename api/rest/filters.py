"""Filters of the API lists: by cluster, by period and by status. They narrow a list already scoped to the person."""

import django_filters as filters
from django import forms
from drf_spectacular.utils import extend_schema_field

LARGEST_ID = 2**63 - 1  # the largest key the databases hold: a larger number is a bad request, not a crash


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", LARGEST_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(filters.NumberFilter):
    field_class = IdField


class YearField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1900, max_value=2999, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2999})
class YearFilter(filters.NumberFilter):
    field_class = YearField


class ClusterFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region")
    stage = filters.CharFilter(field_name="stage")


class ByCluster(filters.FilterSet):
    cluster = IdFilter(field_name="cluster_id")


class AuthorityFilter(filters.FilterSet):
    cluster = IdFilter(method="of_cluster")
    kind = filters.CharFilter(field_name="kind")

    def of_cluster(self, queryset, name, value):
        return queryset.filter(memberships__cluster_id=value, memberships__left_on__isnull=True)


class ServiceFilter(ByCluster):
    status = filters.CharFilter(field_name="status")
    level = filters.CharFilter(field_name="level")


class GoalFilter(filters.FilterSet):
    cluster = IdFilter(field_name="service__cluster_id")
    service = IdFilter(field_name="service_id")
    kind = filters.CharFilter(field_name="kind")
    is_active = filters.BooleanFilter(field_name="is_active")


class MeasurementFilter(filters.FilterSet):
    cluster = IdFilter(field_name="goal__service__cluster_id")
    goal = IdFilter(field_name="goal_id")
    period_from = filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_to = filters.DateFilter(field_name="period_start", lookup_expr="lte")


class WorkPlanFilter(ByCluster):
    year = YearFilter(field_name="year")
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


class QualityMeasureFilter(filters.FilterSet):
    cluster = IdFilter(field_name="service__cluster_id")
    service = IdFilter(field_name="service_id")
    authority = IdFilter(field_name="authority_id")
    channel = filters.CharFilter(field_name="channel")
    month_from = filters.DateFilter(field_name="month", lookup_expr="gte")
    month_to = filters.DateFilter(field_name="month", lookup_expr="lte")
