"""Demo request: the demo cluster asks for help with a shared service; advisor2 has answered. Idempotent."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from advisors.models import AdvisorProfile, Need
from clusters.models import Cluster, Goal

from . import requests
from .models import Request

DEMO_NEED = "core.shared_service_delivery"
DEMO_TITLE = "ליווי הקמת מוקד שירות משותף לרשויות"


def seed_requests(*, ceo: User, stdout) -> None:
    cluster = Cluster.objects.filter(pk__in=ceo.scope_ids(Role.CLUSTER_CEO)).first()
    need = Need.objects.filter(code=DEMO_NEED).first()
    second = AdvisorProfile.objects.filter(person__email="advisor2@demo.test").first()
    if cluster is None or need is None or Request.objects.filter(cluster=cluster, title=DEMO_TITLE).exists():
        stdout.write(f"requests: {Request.objects.count()} requests")
        return
    brief = requests.post_request(
        cluster=cluster,
        need=need,
        title=DEMO_TITLE,
        text=(
            "האשכול מקים מוקד שירות משותף (פניות תושבים ותפעול) לשבע הרשויות החברות. "
            "מבוקש ליווי באפיון השירות, בתמחור ובהכנת תוכנית הפעלה לשנה הראשונה."
        ),
        answer_by=timezone.localdate() + timedelta(days=21),
        goals=list(Goal.objects.filter(service__cluster=cluster, is_active=True)[:1]),
        budget_hint="כ-80 שעות",
        posted_by=ceo,
    )
    if second is not None:
        # The partner institute also covers shared-service delivery, so its advisor may answer.
        second.needs.add(need)
        requests.submit_proposal(
            brief=brief,
            advisor=second.person,
            text="ארבע סדנאות אפיון עם מנהלי השירות ברשויות, מודל תמחור ותוכנית הפעלה מלווה בשלושה חודשים.",
            hours=Decimal(72),
            hourly_rate=Decimal(350),
        )
    stdout.write(f"requests: {Request.objects.count()} requests")
