"""Factories for the oversight app's models."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from oversight.models import Finding, PeriodicReport, ReportVersion
from tests.factories import ClusterFactory, UserFactory


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    cluster = factory.SubFactory(ClusterFactory)
    raised_by = factory.SubFactory(UserFactory)
    severity = Finding.Severity.MEDIUM
    text = factory.Sequence(lambda n: f"Finding {n}: the waste tender has not started")
    due_on = date(2030, 1, 1)


# A minimal frozen snapshot, as submit_report writes it.
EMPTY_SNAPSHOT = {
    "period": {"start": "2026-01-01", "end": "2026-03-31", "label": "2026 Q1"},
    "cluster": "",
    "goals": [],
    "engagements": [],
    "total_hours": "0",
    "total_cost": "0",
    "narrative": "The quarter went well.",
    "risks": "",
    "requests": "",
}


class PeriodicReportFactory(DjangoModelFactory):
    class Meta:
        model = PeriodicReport

    cluster = factory.SubFactory(ClusterFactory)
    period_start = date(2026, 1, 1)
    period_end = date(2026, 3, 31)
    due_on = date(2026, 4, 30)
    opened_by = factory.SubFactory(UserFactory)


class ReportVersionFactory(DjangoModelFactory):
    class Meta:
        model = ReportVersion

    report = factory.SubFactory(PeriodicReportFactory)
    number = 1
    state = ReportVersion.State.DRAFT
    narrative = "The quarter went well."
    created_by = factory.LazyAttribute(lambda version: version.report.opened_by)
    snapshot = factory.LazyAttribute(lambda version: None if version.state == "draft" else dict(EMPTY_SNAPSHOT))


def report_in_state(cluster, opened_by, state: str) -> PeriodicReport:
    """A report of the cluster for 2026 Q1 whose only version is in `state`."""
    report = PeriodicReportFactory(cluster=cluster, opened_by=opened_by)
    ReportVersionFactory(report=report, state=state)
    return report
