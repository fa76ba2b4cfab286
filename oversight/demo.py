"""Demo referent assignments: the Interior and Treasury referents oversee the first clusters; two findings."""

from datetime import timedelta

from django.utils import timezone

from accounts import services
from accounts.demo import demo_user
from accounts.roles import Role
from clusters.models import Cluster

from . import review_demo
from .models import Finding
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
