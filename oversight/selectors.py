"""The dashboard's rows: every overseen cluster with its facts and red / amber / green assessment.

Reads the clusters app only through clusters.selectors; the number of queries does not depend on the number of
clusters, goals or measurements.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from clusters import selectors as cluster_selectors
from clusters.models import Service
from engagements import selectors as engagement_selectors

from .effort import Effort, effort_by_cluster
from .models import Finding
from .reports import ReportFacts, report_facts_by_cluster
from .rules import STATUS_ORDER, Assessment, ClusterFacts, Thresholds, assess
from .spending import PlanBurn, burn_by_cluster


@dataclass(frozen=True)
class DashboardRow:
    cluster: object
    members: int
    core_services: list
    operating_core_services: int
    goals: list  # GoalWithProgress of core-service goals
    domains: set
    work_plan_status: str | None
    ceo_vacant_since: object
    overdue_findings: int
    assessment: Assessment
    reports: ReportFacts
    effort: Effort = Effort()  # engagement effort this year
    burn: PlanBurn = PlanBurn()  # this year's work plan: spending against its budget

    @property
    def status(self) -> str:
        return self.assessment.status


def thresholds() -> Thresholds:
    return Thresholds(
        core_service_grace_months=settings.OVERSIGHT_CORE_SERVICE_GRACE_MONTHS,
        ceo_vacancy_days=settings.OVERSIGHT_CEO_VACANCY_DAYS,
        work_plan_due_month=settings.OVERSIGHT_WORK_PLAN_DUE_MONTH,
        work_plan_due_day=settings.OVERSIGHT_WORK_PLAN_DUE_DAY,
        report_overdue_red_days=settings.OVERSIGHT_REPORT_OVERDUE_RED_DAYS,
        min_core_services=settings.CLUSTERS_MIN_CORE_SERVICES,
        max_core_services=settings.CLUSTERS_MAX_CORE_SERVICES,
        burn_over_margin=Decimal(str(settings.OVERSIGHT_BURN_OVER_MARGIN)),
        burn_under_margin=Decimal(str(settings.OVERSIGHT_BURN_UNDER_MARGIN)),
    )


def dashboard_rows(*, clusters, today=None) -> list[DashboardRow]:
    """One row per cluster of the queryset, in its order (sixteen queries whatever the number of rows, engagements,
    work logs or reports)."""
    today = today or timezone.localdate()
    clusters = list(clusters)
    ids = [c.pk for c in clusters]
    members = cluster_selectors.member_counts_by_cluster(cluster_ids=ids)
    services = cluster_selectors.services_by_cluster(cluster_ids=ids)
    goals = cluster_selectors.goals_with_progress_by_cluster(cluster_ids=ids, today=today)
    vacancies = cluster_selectors.ceo_vacancies_by_cluster(clusters=clusters)
    plans = cluster_selectors.work_plan_statuses_by_cluster(cluster_ids=ids, year=today.year)
    overdue = dict(
        Finding.objects.overdue(today)
        .filter(cluster_id__in=ids)
        .values("cluster_id")
        .annotate(count=Count("pk"))
        .values_list("cluster_id", "count")
    )
    reports = report_facts_by_cluster(clusters=clusters, today=today)
    summaries = engagement_selectors.engagement_summaries(
        cluster_ids=ids, period_start=date(today.year, 1, 1), period_end=date(today.year, 12, 31)
    )
    effort = effort_by_cluster(cluster_ids=ids, year=today.year, summaries=summaries)
    burn = burn_by_cluster(
        cluster_ids=ids,
        year=today.year,
        today=today,
        summaries=summaries,
        goals={g.goal.pk: g.goal for cluster_goals in goals.values() for g in cluster_goals},
    )
    pilots = cluster_selectors.undecided_pilots_by_cluster(cluster_ids=ids)
    limits = thresholds()
    rows = []
    for cluster in clusters:
        core = [s for s in services[cluster.pk] if s.level == Service.Level.CORE]
        core_ids = {s.pk for s in core}
        core_goals = [g for g in goals[cluster.pk] if g.goal.service_id in core_ids]
        latest = [g.latest.period_start for g in goals[cluster.pk] if g.latest]
        operating = sum(1 for s in core if s.status == Service.Status.OPERATING)
        facts = ClusterFacts(
            today=today,
            incorporated_on=cluster.incorporated_by,
            is_forming=cluster.stage == cluster.Stage.FORMING,
            operating_core_services=operating,
            goal_statuses=[g.progress.status for g in core_goals],
            latest_measurement_on=max(latest) if latest else None,
            ceo_vacant_since=vacancies[cluster.pk],
            work_plan_status=plans[cluster.pk],
            overdue_findings=overdue.get(cluster.pk, 0),
            overdue_reports=len(reports[cluster.pk].overdue),
            oldest_overdue_report_due_on=reports[cluster.pk].oldest_overdue_due_on,
            missed_pilot_reviews=[p.review_due_on for p in pilots[cluster.pk] if p.review_due_on < today],
            burn_share=burn[cluster.pk].total.share if burn[cluster.pk].total else None,
            expected_burn_share=burn[cluster.pk].total.expected_share if burn[cluster.pk].total else None,
        )
        rows.append(
            DashboardRow(
                cluster=cluster,
                members=members[cluster.pk],
                core_services=core,
                operating_core_services=operating,
                goals=core_goals,
                domains={s.domain for s in services[cluster.pk]},
                work_plan_status=plans[cluster.pk],
                ceo_vacant_since=vacancies[cluster.pk],
                overdue_findings=overdue.get(cluster.pk, 0),
                assessment=assess(facts, limits),
                reports=reports[cluster.pk],
                effort=effort[cluster.pk],
                burn=burn[cluster.pk],
            )
        )
    return rows


SORTS = {
    "name": lambda row: str(row.cluster.name),
    "stage": lambda row: row.cluster.stage,
    "members": lambda row: row.members,
    "services": lambda row: row.operating_core_services,
    "status": lambda row: STATUS_ORDER[row.status],
}
