"""What the API returns: each field named and typed here, so the schema is stable and nothing else leaks out.

Engagements are summaries (organisation, model, needs, goals served, approved hours and cost): never work-log text,
deliverables, reviews or scope.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusters import selectors as cluster_selectors


class ClusterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cbs_code = serializers.IntegerField(allow_null=True)
    name_he = serializers.CharField()
    name_ar = serializers.CharField()
    name_en = serializers.CharField()
    region = serializers.CharField()
    stage = serializers.CharField()
    incorporated_on = serializers.DateField(allow_null=True)
    operating_since = serializers.DateField(allow_null=True)


class AuthoritySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code_type = serializers.CharField()
    cbs_code = serializers.IntegerField()
    name_he = serializers.CharField()
    name_ar = serializers.CharField()
    name_en = serializers.CharField()
    kind = serializers.CharField()
    sector = serializers.CharField()
    district = serializers.CharField()
    region = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)
    socioeconomic_cluster = serializers.IntegerField(allow_null=True)
    peripherality_cluster = serializers.IntegerField(allow_null=True)


class ServiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cluster = serializers.IntegerField(source="cluster_id")
    name_he = serializers.CharField()
    name_ar = serializers.CharField()
    name_en = serializers.CharField()
    level = serializers.CharField()
    domain = serializers.CharField()
    status = serializers.CharField()
    status_since = serializers.DateField(allow_null=True)
    started_on = serializers.DateField(allow_null=True)
    participants = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_participants(self, service) -> list[int]:
        return sorted(a.pk for a in service.participants.all())


class ProgressSerializer(serializers.Serializer):
    current = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    percent = serializers.IntegerField(allow_null=True)
    expected_percent = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["on_track", "at_risk", "off_track", "no_data"])
    trend = serializers.ChoiceField(choices=["improving", "worsening", "steady", "unknown"])
    last_measured_period_start = serializers.DateField(allow_null=True)


class GoalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cluster = serializers.IntegerField(source="service.cluster_id")
    service = serializers.IntegerField(source="service_id")
    kind = serializers.CharField()
    name = serializers.CharField()
    name_ar = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.CharField()
    baseline_value = serializers.DecimalField(max_digits=14, decimal_places=2)
    baseline_on = serializers.DateField()
    target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    target_on = serializers.DateField()
    is_active = serializers.BooleanField()
    is_public = serializers.BooleanField()
    progress = serializers.SerializerMethodField()

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, goal) -> dict:
        item = cluster_selectors.progress_of(goal)
        progress = item.progress
        return ProgressSerializer(
            {
                "current": progress.current,
                "percent": progress.percent,
                "expected_percent": int((progress.expected_share * 100).to_integral_value()),
                "status": progress.status,
                "trend": progress.trend,
                "last_measured_period_start": item.latest.period_start if item.latest else None,
            }
        ).data


class MeasurementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cluster = serializers.IntegerField(source="goal.service.cluster_id")
    goal = serializers.IntegerField(source="goal_id")
    period_kind = serializers.CharField()
    period_start = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    source = serializers.CharField()
    entered_at = serializers.DateTimeField()


class WorkPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cluster = serializers.IntegerField(source="cluster_id")
    year = serializers.IntegerField()
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    item_count = serializers.IntegerField()
    approval_count = serializers.IntegerField()


class EngagementSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cluster = serializers.IntegerField(source="cluster_id")
    advisor_organisation = serializers.CharField(source="advisor.organisation.name")
    model = serializers.CharField()
    state = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    budget_hours = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    budget_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    approved_hours = serializers.DecimalField(max_digits=10, decimal_places=2)
    approved_cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    needs = serializers.SerializerMethodField()
    goals_served = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_needs(self, engagement) -> list[str]:
        return sorted(need.code for need in engagement.needs.all())

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_goals_served(self, engagement) -> list[int]:
        return sorted(goal.pk for goal in engagement.goals.all())


class ReportVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    state = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    snapshot = serializers.JSONField(allow_null=True, help_text="The data and texts frozen at submission.")


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cluster = serializers.IntegerField(source="cluster_id")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    due_on = serializers.DateField()
    first_submitted_at = serializers.DateTimeField(allow_null=True)
    state = serializers.SerializerMethodField()
    versions = ReportVersionSerializer(many=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_state(self, report) -> str | None:
        versions = list(report.versions.all())
        return versions[-1].state if versions else None


class StatusRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cluster = serializers.IntegerField(source="cluster_id")
    day = serializers.DateField()
    status = serializers.CharField()
    rules = serializers.JSONField()


class QualityMeasureSerializer(serializers.Serializer):
    """One service's quality in one member authority for one month (channel empty: all channels together).
    Aggregates computed from the imported inquiries; never an inquiry or anything about a resident."""

    id = serializers.IntegerField()
    cluster = serializers.IntegerField(source="service.cluster_id")
    service = serializers.IntegerField(source="service_id")
    authority = serializers.IntegerField(source="authority_id")
    month = serializers.DateField()
    channel = serializers.CharField()
    inquiries = serializers.IntegerField()
    closed = serializers.IntegerField()
    response_median_hours = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    response_p90_hours = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    close_median_hours = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    close_p90_hours = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    with_sla = serializers.IntegerField()
    within_sla = serializers.IntegerField()
    within_sla_share = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    backlog = serializers.IntegerField()
    satisfaction_mean = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    satisfaction_distribution = serializers.ListField(child=serializers.IntegerField(), min_length=5, max_length=5)
