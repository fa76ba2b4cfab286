"""The dashboard's rows: every overseen cluster with its facts and red / amber / green assessment.

Reads the clusters app only through clusters.selectors; the number of queries does not depend on the number of
clusters, goals or measurements.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from clusters import selectors as cluster_selectors
from clusters.models import Service
from engagements import selectors as engagement_selectors
from quality import selectors as quality_selectors

from .effort import Effort, effort_by_cluster
from .models import Finding
from .reports import ReportFacts, report_facts_by_cluster
from .rules import STATUS_ORDER, Assessment, ClusterFacts, Thresholds, assess


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
    # this year's work plan: spending against its budget
    burn: engagement_selectors.PlanBurn = engagement_selectors.PlanBurn()
    facts: ClusterFacts | None = None  # what the rules read (kept with the day's status, see oversight/kept.py)
    kept_key: tuple | None = None  # the key a row read from a kept snapshot was read under (oversight/kept.py)

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
        response_worsening_months=settings.OVERSIGHT_RESPONSE_WORSENING_MONTHS,
        min_core_services=settings.CLUSTERS_MIN_CORE_SERVICES,
        max_core_services=settings.CLUSTERS_MAX_CORE_SERVICES,
        burn_over_margin=Decimal(str(settings.OVERSIGHT_BURN_OVER_MARGIN)),
        burn_under_margin=Decimal(str(settings.OVERSIGHT_BURN_UNDER_MARGIN)),
    )


def dashboard_rows(*, clusters, today=None) -> list[DashboardRow]:
    """One row per cluster of the queryset, in its order (a fixed number of queries whatever the number of rows,
    engagements, work logs or reports)."""
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
    burn = engagement_selectors.plan_burn_by_cluster(
        cluster_ids=ids,
        year=today.year,
        today=today,
        summaries=summaries,
        goals={g.goal.pk: g.goal for cluster_goals in goals.values() for g in cluster_goals},
    )
    pilots = cluster_selectors.undecided_pilots_by_cluster(cluster_ids=ids)
    limits = thresholds()
    worsening = quality_selectors.worsening_response_by_cluster(
        cluster_ids=ids,
        today=today,
        months=settings.OVERSIGHT_RESPONSE_WORSENING_MONTHS,
        min_percent=settings.OVERSIGHT_RESPONSE_WORSENING_PERCENT,
    )
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
            worsening_services=[item.service_name for item in worsening.get(cluster.pk, [])],
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
                facts=facts,
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


# --- for the api app: what the public and the API read of oversight --------------------------------------------


def published_reports_by_cluster(*, cluster_ids, published_goal_names=None) -> dict[int, list]:
    """The accepted reports of these clusters with at least one public section, newest period first, as
    PublishedReport (the latest accepted version of each; three queries). Goal figures keep only the goals named in
    `published_goal_names` ({cluster_id: set of names}), so an unpublished goal never appears through a report."""
    from .models import PeriodicReport, ReportVersion
    from .publication import ACCEPTED_STATES, SECTIONS, PublishedReport

    any_public = None
    for field, _label in SECTIONS.values():
        condition = {field: True}
        any_public = Q(**condition) if any_public is None else any_public | Q(**condition)
    reports = list(
        PeriodicReport.objects.filter(any_public, cluster_id__in=list(cluster_ids)).order_by("-period_start", "pk")
    )
    versions = {}
    for version in ReportVersion.objects.filter(report__in=reports, state__in=ACCEPTED_STATES).order_by("number"):
        versions[version.report_id] = version
    steps = _acceptance_dates([v.pk for v in versions.values()])
    result = {cluster_id: [] for cluster_id in cluster_ids}
    for report in reports:
        version = versions.get(report.pk)
        if version is None:
            continue
        snapshot = version.snapshot or {}
        names = (published_goal_names or {}).get(report.cluster_id, set())
        goals = [
            {key: goal.get(key) for key in ("service", "goal", "status", "percent", "current", "target")}
            for goal in snapshot.get("goals", [])
            if goal.get("goal") in names
        ]
        result[report.cluster_id].append(
            PublishedReport(
                report_id=report.pk,
                cluster_id=report.cluster_id,
                period_start=report.period_start,
                period_end=report.period_end,
                version=version.number,
                accepted_on=steps.get(version.pk),
                narrative=snapshot.get("narrative", "") if report.is_narrative_public else None,
                goals=goals if report.is_goals_public else None,
                risks=snapshot.get("risks", "") if report.is_risks_public else None,
                requests=snapshot.get("requests", "") if report.is_requests_public else None,
            )
        )
    return result


def _acceptance_dates(version_ids) -> dict:
    from .models import ReportStep

    dates = {}
    for version_id, at in ReportStep.objects.filter(
        version_id__in=version_ids, action=ReportStep.Action.ACCEPT
    ).values_list("version_id", "at"):
        dates[version_id] = timezone.localdate(at)
    return dates


def accepted_reports_for_publication(*, cluster_id: int) -> list:
    """The cluster's reports with an accepted version, newest first, for the CEO's publish switches (one query)."""
    from .models import PeriodicReport
    from .publication import ACCEPTED_STATES

    return list(
        PeriodicReport.objects.filter(cluster_id=cluster_id, versions__state__in=ACCEPTED_STATES)
        .distinct()
        .order_by("-period_start")
    )


def report_sections():
    """The public sections of a report's summary: {name: label}."""
    from .publication import SECTIONS

    return {name: label for name, (_field, label) in SECTIONS.items()}


def public_sections_of(report) -> set[str]:
    from .publication import public_sections_of as sections

    return sections(report)


def clusters_overseen_by(user):
    """The clusters a referent oversees (all of them for the head referent; none for anyone else)."""
    from .permissions import clusters_overseen_by as overseen

    return overseen(user)


def is_referent(user) -> bool:
    from .permissions import is_referent as referent

    return referent(user)


def reports_visible_to(user):
    """Periodic reports the person reads on the pages, with their versions (newest last) prefetched."""
    from django.db.models import Prefetch

    from .models import PeriodicReport, ReportVersion
    from .report_permissions import reports_visible_to as visible

    if not user.is_authenticated:
        return PeriodicReport.objects.none()
    return visible(user).prefetch_related(Prefetch("versions", queryset=ReportVersion.objects.order_by("number")))


def status_records_visible_to(user):
    """The daily red / amber / green statuses of the clusters a referent oversees; none for anyone else."""
    from .models import StatusRecord

    if not user.is_authenticated or not is_referent(user):
        return StatusRecord.objects.none()
    # the dashboard's snapshots are not part of the answer: a page of records is not read with them
    return StatusRecord.objects.filter(cluster__in=clusters_overseen_by(user)).defer("snapshot", "snapshot_digest")
