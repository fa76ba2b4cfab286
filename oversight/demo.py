"""Demo referent assignments: the Interior and Treasury referents oversee the first clusters; two findings."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from accounts import services
from accounts.demo import demo_user
from accounts.roles import Role
from clusters.models import Cluster

from . import reports, review_demo
from .models import Finding, PeriodicReport
from .services import raise_finding

DEMO_FINDINGS = [
    (Finding.Severity.HIGH, "מכרז איסוף הפסולת המשותף טרם פורסם; נא לעדכן את לוח הזמנים.", -14),
    (Finding.Severity.MEDIUM, "המדידה הרבעונית של יעד החיסכון בפסולת חסרה; נא להזין אותה.", 30),
]


def seed(*, stdout) -> None:
    clusters = list(Cluster.objects.order_by("cbs_code")[:4])
    referent = demo_user("referent@demo.test")
    for cluster in clusters:
        services.grant_role(user=referent, role=Role.REFERENT_INTERIOR, scope=cluster)
        services.grant_role(user=demo_user("treasury@demo.test"), role=Role.REFERENT_TREASURY, scope=cluster)
    if clusters and not Finding.objects.filter(cluster=clusters[0], raised_by=referent).exists():
        today = timezone.localdate()
        for severity, text, due_in_days in DEMO_FINDINGS:
            raise_finding(
                cluster=clusters[0],
                raised_by=referent,
                severity=severity,
                text=text,
                due_on=today + timedelta(days=due_in_days),
            )
    stdout.write("oversight: referent assignments for 4 clusters, two findings")
    review_demo.seed(stdout=stdout)

    seed_reports(stdout=stdout)


def seed_reports(*, stdout) -> None:
    """Periodic reports of the first two demo clusters: the CEO's cluster has an accepted report, a returned one
    with a finding and one awaiting review; the second cluster's latest report is overdue."""
    first, second = list(Cluster.objects.exclude(cbs_code=None).order_by("cbs_code")[:2])
    if PeriodicReport.objects.filter(cluster=first).exists():
        return
    today = timezone.localdate()
    for cluster in (first, second):
        if cluster.stage == Cluster.Stage.FORMING:
            Cluster.objects.filter(pk=cluster.pk).update(stage=Cluster.Stage.OPERATING)
            cluster.stage = Cluster.Stage.OPERATING
    due = [p for p in reports.cluster_periods(first, today) if p.is_due(today)]
    ceo, referent, treasury = (demo_user(f"{name}@demo.test") for name in ("ceo", "referent", "treasury"))
    ceo2 = demo_user("ceo2@demo.test")
    texts = {
        "narrative": "שירות איסוף הפסולת המשותף פועל בכל הרשויות; החיסכון מתקרב ליעד.",
        "risks": "עיכוב אפשרי במכרז ההמשך.",
        "requests": "סיוע בהסדרת ההתקשרות עם משרד הפנים.",
    }
    plans = ["accepted", "returned", "submitted"][-len(due) :] if due else []
    for period, plan in zip(due[-len(plans) :], plans, strict=True):
        report = reports.open_report(cluster=first, period_start=period.start, opened_by=ceo)
        version = report.versions.get()
        reports.save_report_texts(version=version, edited_by=ceo, **texts)
        reports.submit_report(version=version, submitted_by=ceo)
        if plan == "accepted":
            reports.accept_report(version=version, accepted_by=referent)
            if settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION:
                reports.confirm_report(version=version, confirmed_by=treasury)
        elif plan == "returned":
            reports.return_report(
                version=version,
                returned_by=referent,
                findings=[
                    {
                        "severity": Finding.Severity.MEDIUM,
                        "text": "נא לפרט את עלויות הבסיס של שירות הפסולת ברבעון.",
                        "due_on": today + timedelta(days=21),
                    }
                ],
            )
        # The demo's reports were sent on time.
        PeriodicReport.objects.filter(pk=report.pk).update(
            first_submitted_at=timezone.make_aware(datetime.combine(period.due_on - timedelta(days=3), time(12)))
        )
    if due:  # the second cluster drafted its latest report but did not submit it: overdue
        reports.open_report(cluster=second, period_start=due[-1].start, opened_by=ceo2)
    stdout.write(f"oversight: periodic reports for {len(plans)} periods, one overdue")
