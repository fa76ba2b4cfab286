import io

from django.core.management import call_command
from django.utils import timezone

from clusters.models import Cluster
from oversight import reports
from oversight.models import Finding, PeriodicReport, ReportVersion


def test_demo_reports_show_each_state_once(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    first, second = Cluster.objects.exclude(cbs_code=None).order_by("cbs_code")[:2]
    today = timezone.localdate()
    due = [p for p in reports.cluster_periods(first, today) if p.is_due(today)]
    states = list(
        ReportVersion.objects.filter(report__cluster=first)
        .order_by("report__period_start")
        .values_list("state", flat=True)
    )
    assert states == ["confirmed", "returned", "submitted"][-len(due) :]
    assert Finding.objects.filter(report_version__report__cluster=first).count() == (1 if len(due) >= 2 else 0)
    facts = reports.report_facts_by_cluster(clusters=[second], today=today)[second.pk]
    assert [p.start for p in facts.overdue][-1:] == [p.start for p in due][-1:]
    assert PeriodicReport.objects.filter(cluster=second, first_submitted_at=None).count() == 1
