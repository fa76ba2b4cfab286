"""The read-only API: every list scoped in its queryset to what the person may read on the pages (api.rest.scopes),
cursor-paginated, filterable, with ETags. Nothing here writes."""

import hashlib

from django.http import HttpResponseNotModified
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from clusters import selectors as cluster_selectors
from engagements import selectors as engagement_selectors
from oversight import selectors as oversight_selectors
from quality import selectors as quality_selectors

from . import filters, serializers
from .scopes import engagements_of, readable_cluster_ids


class ById(CursorPagination):
    ordering = "pk"
    page_size = 100
    max_page_size = 500
    page_size_query_param = "page_size"


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    """A list and a detail, with an ETag on each answer: a client sending If-None-Match gets 304 when unchanged."""

    pagination_class = ById
    lookup_value_converter = "int"
    filter_backends = [DjangoFilterBackend]

    def get_object(self):
        if int(self.kwargs[self.lookup_url_kwarg or self.lookup_field]) > filters.LARGEST_ID:
            raise NotFound
        return super().get_object()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            tag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["ETag"] = tag
            if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = tag
                return not_modified
        return response


class ClusterViewSet(ReadOnly):
    serializer_class = serializers.ClusterSerializer
    filterset_class = filters.ClusterFilter

    def get_queryset(self):
        return cluster_selectors.clusters_in(cluster_ids=readable_cluster_ids(self.request.user))


class AuthorityViewSet(ReadOnly):
    """The current member authorities of the clusters the person reads."""

    serializer_class = serializers.AuthoritySerializer
    filterset_class = filters.AuthorityFilter

    def get_queryset(self):
        return cluster_selectors.authorities_of_clusters(cluster_ids=readable_cluster_ids(self.request.user))


class ServiceViewSet(ReadOnly):
    serializer_class = serializers.ServiceSerializer
    filterset_class = filters.ServiceFilter

    def get_queryset(self):
        return cluster_selectors.services_of_clusters(cluster_ids=readable_cluster_ids(self.request.user))


class GoalViewSet(ReadOnly):
    """Goals with their computed progress."""

    serializer_class = serializers.GoalSerializer
    filterset_class = filters.GoalFilter

    def get_queryset(self):
        return cluster_selectors.goals_of_clusters(cluster_ids=readable_cluster_ids(self.request.user))


class MeasurementViewSet(ReadOnly):
    serializer_class = serializers.MeasurementSerializer
    filterset_class = filters.MeasurementFilter

    def get_queryset(self):
        return cluster_selectors.measurements_of_clusters(cluster_ids=readable_cluster_ids(self.request.user))


class WorkPlanViewSet(ReadOnly):
    serializer_class = serializers.WorkPlanSerializer
    filterset_class = filters.WorkPlanFilter

    def get_queryset(self):
        return cluster_selectors.work_plans_of_clusters(cluster_ids=readable_cluster_ids(self.request.user))


class QualityMeasureViewSet(ReadOnly):
    """Service-quality measures per service, member authority and month: aggregates of the residents' inquiries,
    read by the same people as the cluster's other figures."""

    serializer_class = serializers.QualityMeasureSerializer
    filterset_class = filters.QualityMeasureFilter

    def get_queryset(self):
        return quality_selectors.measures_of_clusters(cluster_ids=readable_cluster_ids(self.request.user))


class EngagementViewSet(ReadOnly):
    """Engagement summaries: never the advice itself."""

    serializer_class = serializers.EngagementSummarySerializer
    filterset_class = filters.EngagementFilter

    def get_queryset(self):
        return engagement_selectors.engagement_summary_rows(engagements=engagements_of(self.request.user))


class ReportViewSet(ReadOnly):
    """Periodic reports: their state and each version's frozen snapshot."""

    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilter

    def get_queryset(self):
        return oversight_selectors.reports_visible_to(self.request.user)


class StatusRecordViewSet(ReadOnly):
    """Oversight's daily red / amber / green status of each overseen cluster, and the rules that fired."""

    serializer_class = serializers.StatusRecordSerializer
    filterset_class = filters.StatusRecordFilter

    def get_queryset(self):
        return oversight_selectors.status_records_visible_to(self.request.user)
