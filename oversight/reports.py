"""Periodic reports: reporting periods, the platform's draft, the review workflow and the rates on the dashboard.

Periods last OVERSIGHT_REPORT_PERIOD_MONTHS months, aligned on January; the first starts on
OVERSIGHT_REPORTS_START. A cluster reports once it is past the forming stage (from its incorporation date when
recorded). The reporting window opens when the period ends; the report is due OVERSIGHT_REPORT_DUE_DAYS days
later. A due period without a submitted report is overdue.

Workflow of a version: draft -> submitted -> returned (with findings) -> submitted ... -> accepted by the
Interior referent -> confirmed by the Treasury referent (when OVERSIGHT_REPORT_TREASURY_CONFIRMATION; otherwise
acceptance is final). Submission freezes a snapshot of the drafted data and the CEO's texts. A final version never
changes; a correction is a new version of the same report.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import record_event
from clusters import selectors as cluster_selectors
from clusters.models import Cluster
from engagements import selectors as engagement_selectors
from outbox.services import dispatch_task

from .models import Finding, PeriodicReport, ReportStep, ReportVersion, StatusRecord
from .notifications import REPORT_SUBJECTS
from .report_permissions import (
    can_confirm_report,
    can_review_report,
    can_start_correction,
    can_write_report,
    is_ceo_of,
)
from .rules import _add_months


class ReportError(Exception):
    """A transition that is not allowed; the message is translated and shown to the person."""


# --- periods ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    due_on: date

    @property
    def window_opens(self) -> date:
        return self.end + timedelta(days=1)

    @property
    def label(self) -> str:
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        if months == 12:
            return str(self.start.year)
        if months == 3:
            return f"{self.start.year} Q{(self.start.month - 1) // 3 + 1}"
        if months == 6:
            return f"{self.start.year} H{(self.start.month - 1) // 6 + 1}"
        if months == 1:
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y-%m}–{self.end:%Y-%m}"

    @property
    def key(self) -> str:
        return self.start.isoformat()

    def is_open(self, today: date) -> bool:
        return today >= self.window_opens

    def is_due(self, today: date) -> bool:
        """The due date has passed: a report not submitted by now is overdue."""
        return today > self.due_on


def period_containing(day: date, months: int | None = None) -> Period:
    months = months or settings.OVERSIGHT_REPORT_PERIOD_MONTHS
    start = date(day.year, (day.month - 1) // months * months + 1, 1)
    end = _add_months(start, months) - timedelta(days=1)
    return Period(start, end, end + timedelta(days=settings.OVERSIGHT_REPORT_DUE_DAYS))


def reporting_starts_on(cluster: Cluster) -> date | None:
    """The first day of the first period the cluster reports on; None while it is forming."""
    if cluster.stage == Cluster.Stage.FORMING:
        return None
    start = period_containing(settings.OVERSIGHT_REPORTS_START).start
    if cluster.incorporated_on:
        start = max(start, period_containing(cluster.incorporated_on).start)
    return start


def cluster_periods(cluster: Cluster, today: date) -> list[Period]:
    """Every period of the cluster from its first one up to and including the period running today (oldest first)."""
    first = reporting_starts_on(cluster)
    periods = []
    if first is None:
        return periods
    period = period_containing(first)
    while period.start <= today:
        periods.append(period)
        period = period_containing(period.end + timedelta(days=1))
    return periods


def period_starting(cluster: Cluster, start: date, today: date) -> Period | None:
    """The cluster's period starting on `start`, or None when the cluster has no such period."""
    return next((p for p in cluster_periods(cluster, today) if p.start == start), None)


# --- the platform's draft -------------------------------------------------------------------------------------


def _decimal(value) -> str | None:
    return None if value is None else format(value, "f")


def drafted_data(*, cluster: Cluster, period: Period) -> dict:
    """What the platform drafts for a period, as plain JSON: goal progress with the period's measurements and the
    engagement summaries (organisation, model, needs, goals served, approved hours and ₪, state). Nothing private."""
    goals = []
    for item in cluster_selectors.goals_with_progress(cluster=cluster):
        in_period = [m for m in item.goal.measurements.all() if period.start <= m.period_start <= period.end]
        goals.append(
            {
                "service": str(item.goal.service.name),
                "goal": str(item.goal.name),
                "status": item.progress.status,
                "percent": item.progress.percent,
                "current": _decimal(item.progress.current),
                "target": _decimal(item.progress.target),
                "measurements": [{"period": m.period_label, "value": _decimal(m.value)} for m in in_period],
            }
        )
    engagements = [
        {
            "organisation": summary.advisor_organisation,
            "model": summary.model,
            "needs": summary.needs,
            "goals_served": summary.goals_served,
            "hours": str(summary.approved_hours.quantize(Decimal("0.01"))),
            "cost": str(summary.approved_cost),
            "state": summary.state,
        }
        for summary in engagement_selectors.engagement_summaries(
            cluster_ids=[cluster.pk], period_start=period.start, period_end=period.end
        )
    ]
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
        "cluster": str(cluster.name),
        "goals": goals,
        "engagements": engagements,
        "total_hours": str(sum((Decimal(e["hours"]) for e in engagements), Decimal(0))),
        "total_cost": str(sum((Decimal(e["cost"]) for e in engagements), Decimal(0))),
    }


def latest_versions():
    """Each report's latest version, as a queryset: those with no newer version of their report (the database
    reads them as one anti-join, not a lookup per report)."""
    newer = ReportVersion.objects.filter(report=OuterRef("report"), number__gt=OuterRef("number"))
    return ReportVersion.objects.exclude(Exists(newer))


def report_period(report: PeriodicReport) -> Period:
    return Period(report.period_start, report.period_end, report.due_on)


# --- workflow -------------------------------------------------------------------------------------------------


def _locked(version: ReportVersion) -> ReportVersion:
    return ReportVersion.objects.select_for_update().select_related("report__cluster").get(pk=version.pk)


def _step(version: ReportVersion, action: str, actor: User, request, **data) -> None:
    ReportStep.objects.create(version=version, action=action, actor=actor)
    StatusRecord.objects.set_aside(cluster_ids=[version.report.cluster_id])  # the reporting record changed
    record_event(
        action=f"report_{action}", actor=actor, target=version, request=request, data={"state": version.state, **data}
    )
    if action in REPORT_SUBJECTS:
        dispatch_task(
            key=f"report-step:{version.pk}:{action}",
            task="oversight.notifications.notify_report_step",
            args=(version.pk, action),
        )


def open_report(*, cluster: Cluster, period_start: date, opened_by: User, request=None) -> PeriodicReport:
    """The cluster's CEO opens the draft of a period whose reporting window is open; opening twice returns the same
    report."""
    if not is_ceo_of(opened_by, cluster.pk):
        raise ReportError(_("Only the cluster's CEO prepares its reports."))
    today = timezone.localdate()
    period = period_starting(cluster, period_start, today)
    if period is None:
        raise ReportError(_("The cluster has no reporting period starting on this date."))
    if not period.is_open(today):
        raise ReportError(_("The reporting window for this period opens on %(day)s.") % {"day": period.window_opens})
    existing = PeriodicReport.objects.filter(cluster=cluster, period_start=period.start).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            report = PeriodicReport.objects.create(
                cluster=cluster,
                period_start=period.start,
                period_end=period.end,
                due_on=period.due_on,
                opened_by=opened_by,
            )
            version = ReportVersion.objects.create(report=report, number=1, created_by=opened_by)
            ReportStep.objects.create(version=version, action=ReportStep.Action.OPEN, actor=opened_by)
            record_event(action="report_open", actor=opened_by, target=version, request=request)
    except IntegrityError:  # opened at the same moment by another request
        return PeriodicReport.objects.get(cluster=cluster, period_start=period.start)
    return report


@transaction.atomic
def save_report_texts(
    *, version: ReportVersion, edited_by: User, narrative: str, risks: str, requests: str, request=None
) -> ReportVersion:
    """The CEO writes the texts of a draft or returned version."""
    version = _locked(version)
    if not can_write_report(edited_by, version):
        raise ReportError(_("This report can no longer be edited."))
    version.narrative, version.risks, version.requests = narrative, risks, requests
    version.save(update_fields=["narrative", "risks", "requests"])
    record_event(action="report_edited", actor=edited_by, target=version, request=request)
    return version


@transaction.atomic
def submit_report(*, version: ReportVersion, submitted_by: User, request=None) -> ReportVersion:
    """The CEO submits (or, after a return, resubmits): the drafted data and texts are frozen in the snapshot."""
    version = _locked(version)
    if not can_write_report(submitted_by, version):
        raise ReportError(_("This report cannot be submitted in its state."))
    if not version.narrative.strip():
        raise ReportError(_("Write the narrative before submitting the report."))
    report = PeriodicReport.objects.select_for_update().get(pk=version.report_id)
    now = timezone.now()
    action = ReportStep.Action.RESUBMIT if version.state == ReportVersion.State.RETURNED else ReportStep.Action.SUBMIT
    version.snapshot = {
        **drafted_data(cluster=report.cluster, period=report_period(report)),
        "narrative": version.narrative,
        "risks": version.risks,
        "requests": version.requests,
    }
    version.state = ReportVersion.State.SUBMITTED
    version.submitted_at = now
    version.save(update_fields=["snapshot", "state", "submitted_at"])
    if report.first_submitted_at is None:
        report.first_submitted_at = now
        report.save(update_fields=["first_submitted_at"])
    _step(version, action, submitted_by, request)
    return version


@transaction.atomic
def accept_report(*, version: ReportVersion, accepted_by: User, request=None) -> ReportVersion:
    """The Interior referent accepts a submitted version; from now on it is immutable."""
    version = _locked(version)
    if not can_review_report(accepted_by, version):
        raise ReportError(_("Only a submitted report can be accepted, by the cluster's Interior referent."))
    version.state = ReportVersion.State.ACCEPTED
    version.save(update_fields=["state"])
    _step(version, ReportStep.Action.ACCEPT, accepted_by, request)
    return version


@transaction.atomic
def return_report(*, version: ReportVersion, returned_by: User, findings: list[dict], request=None) -> ReportVersion:
    """The Interior referent returns a submitted version with at least one finding (severity, text, due date).

    The findings join the cluster's findings, linked to this version."""
    version = _locked(version)
    if not can_review_report(returned_by, version):
        raise ReportError(_("Only a submitted report can be returned, by the cluster's Interior referent."))
    if not findings:
        raise ReportError(_("Raise at least one finding to return the report."))
    for finding in findings:
        created = Finding.objects.create(
            cluster=version.report.cluster,
            raised_by=returned_by,
            severity=finding["severity"],
            text=finding["text"],
            due_on=finding["due_on"],
            report_version=version,
        )
        record_event(action="finding_raised", actor=returned_by, target=created, request=request)
    version.state = ReportVersion.State.RETURNED
    version.save(update_fields=["state"])
    _step(version, ReportStep.Action.RETURN, returned_by, request, findings=len(findings))
    return version


@transaction.atomic
def confirm_report(*, version: ReportVersion, confirmed_by: User, request=None) -> ReportVersion:
    """The Treasury referent confirms an accepted version (only where the confirmation is configured)."""
    version = _locked(version)
    if not can_confirm_report(confirmed_by, version):
        raise ReportError(_("Only an accepted report can be confirmed, by the cluster's Treasury referent."))
    accepted_by = version.steps.filter(action=ReportStep.Action.ACCEPT).order_by("-at", "-pk").first()
    if accepted_by and accepted_by.actor_id == confirmed_by.pk:
        # Two levels means two people: the head referent, who may do both, does not confirm their own acceptance.
        raise ReportError(_("The person who accepted a report cannot also confirm it."))
    version.state = ReportVersion.State.CONFIRMED
    version.save(update_fields=["state"])
    _step(version, ReportStep.Action.CONFIRM, confirmed_by, request)
    return version


@transaction.atomic
def start_correction(*, report: PeriodicReport, started_by: User, request=None) -> ReportVersion:
    """The CEO corrects a final report: a new draft version with the last texts; the final version stays."""
    report = PeriodicReport.objects.select_for_update().select_related("cluster").get(pk=report.pk)
    latest = report.versions.order_by("-number").first()
    if latest is None or not can_start_correction(started_by, latest):
        raise ReportError(_("A correction can be started only on a report whose review is complete."))
    version = ReportVersion.objects.create(
        report=report,
        number=latest.number + 1,
        created_by=started_by,
        narrative=latest.narrative,
        risks=latest.risks,
        requests=latest.requests,
    )
    _step(version, ReportStep.Action.CORRECT, started_by, request, corrects=latest.number)
    return version


# --- reading --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodRow:
    """One period of a cluster in the CEO's list: the period and its report's latest version, if any."""

    period: Period
    report: PeriodicReport | None
    latest: ReportVersion | None
    today: date

    @property
    def is_open(self) -> bool:
        return self.period.is_open(self.today)

    @property
    def is_overdue(self) -> bool:
        submitted = self.report is not None and self.report.first_submitted_at is not None
        return self.period.is_due(self.today) and not submitted


def period_rows(*, cluster: Cluster, today: date | None = None) -> list[PeriodRow]:
    """The cluster's periods, newest first, each with its report (two queries)."""
    today = today or timezone.localdate()
    reports = {r.period_start: r for r in PeriodicReport.objects.filter(cluster=cluster)}
    latest = {}
    for version in ReportVersion.objects.filter(report__cluster=cluster).order_by("report_id", "number"):
        latest[version.report_id] = version
    rows = []
    for period in reversed(cluster_periods(cluster, today)):
        report = reports.get(period.start)
        rows.append(PeriodRow(period, report, latest.get(report.pk) if report else None, today))
    return rows


@dataclass(frozen=True)
class ReportFacts:
    """A cluster's reporting record for the dashboard."""

    latest_period: str | None  # label of the latest period with a report
    latest_state: str | None  # state of that report's latest version
    overdue: list  # overdue Periods, oldest first
    due_periods: int  # due periods counted in the rates
    submitted: int  # of those, with a submitted report
    on_time: int  # of those, submitted by the due date

    @property
    def latest_state_label(self):
        return ReportVersion.State(self.latest_state).label if self.latest_state else None

    @property
    def oldest_overdue_due_on(self) -> date | None:
        return self.overdue[0].due_on if self.overdue else None

    @property
    def completeness(self) -> int | None:
        return _percent(self.submitted, self.due_periods)

    @property
    def on_time_rate(self) -> int | None:
        return _percent(self.on_time, self.due_periods)

    @property
    def latest_period_label(self) -> str | None:
        """The period the "latest report" column speaks of: the latest overdue one, else the latest reported."""
        return self.overdue[-1].label if self.overdue else self.latest_period

    @property
    def latest_status(self) -> str:
        if self.overdue:
            return _("Overdue")
        return str(self.latest_state_label) if self.latest_state else ""

    @property
    def latest_text(self) -> str:
        """The column as text (for the exports): "Overdue (2026 Q3)", "Accepted (2026 Q2)" or a dash."""
        return f"{self.latest_status} ({self.latest_period_label})" if self.latest_period_label else "—"

    @property
    def completeness_text(self) -> str:
        return rate_text(self.submitted, self.due_periods)

    @property
    def on_time_text(self) -> str:
        return rate_text(self.on_time, self.due_periods)


def rate_text(part: int, whole: int) -> str:
    if not whole:
        return "—"
    return _("%(part)d of %(whole)d (%(percent)d%%)") % {"part": part, "whole": whole, "percent": _percent(part, whole)}


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def report_facts_by_cluster(*, clusters, today: date | None = None) -> dict[int, ReportFacts]:
    """Each cluster's latest report state, overdue periods and rates over the last OVERSIGHT_REPORT_RATE_PERIODS
    due periods; one query whatever the number of clusters."""
    today = today or timezone.localdate()
    ids = [c.pk for c in clusters]
    versions = ReportVersion.objects.filter(report__cluster_id__in=ids).values_list(
        "report__cluster_id", "report__period_start", "report__first_submitted_at", "state"
    )
    by_cluster = {cluster_id: {} for cluster_id in ids}
    for cluster_id, period_start, first_submitted_at, state in versions.order_by("report__period_start", "number"):
        by_cluster[cluster_id][period_start] = (first_submitted_at, state)
    facts = {}
    for cluster in clusters:
        reports = by_cluster[cluster.pk]
        periods = cluster_periods(cluster, today)
        due = [p for p in periods if p.is_due(today)]
        overdue = [p for p in due if reports.get(p.start, (None, None))[0] is None]
        counted = due[-settings.OVERSIGHT_REPORT_RATE_PERIODS :] if settings.OVERSIGHT_REPORT_RATE_PERIODS else []
        submitted = [reports[p.start][0] for p in counted if reports.get(p.start, (None, None))[0] is not None]
        on_time = sum(
            1
            for p in counted
            if reports.get(p.start, (None, None))[0] and timezone.localdate(reports[p.start][0]) <= p.due_on
        )
        latest_start = max(reports) if reports else None
        latest_label = next((p.label for p in periods if p.start == latest_start), None)
        facts[cluster.pk] = ReportFacts(
            latest_period=latest_label,
            latest_state=reports[latest_start][1] if latest_start else None,
            overdue=overdue,
            due_periods=len(counted),
            submitted=len(submitted),
            on_time=on_time,
        )
    return facts


def national_rates(facts) -> dict:
    """Completeness and on-time rates over many clusters' ReportFacts."""
    due = sum(f.due_periods for f in facts)
    submitted = sum(f.submitted for f in facts)
    on_time = sum(f.on_time for f in facts)
    return {
        "due": due,
        "submitted": submitted,
        "on_time": on_time,
        "completeness": rate_text(submitted, due),
        "on_time_rate": rate_text(on_time, due),
    }


def follow_up(*, version: ReportVersion) -> list[Finding]:
    """What the cluster must do next after a review: the findings raised in it, then the cluster's other findings
    that are not closed, by due date."""
    raised = list(Finding.objects.filter(report_version=version).order_by("due_on", "pk"))
    others = list(
        Finding.objects.filter(cluster_id=version.report.cluster_id)
        .exclude(state=Finding.State.CLOSED)
        .exclude(report_version=version)
        .order_by("due_on", "pk")
    )
    return raised + others
