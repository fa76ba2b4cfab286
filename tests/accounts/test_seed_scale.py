"""`manage.py seed_demo --scale N`: synthetic data that keeps every rule the workflows keep, repeatable by seed."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.scale import EMAIL_DOMAIN
from advisors.models import AdvisorProfile
from clusters.models import Authority, Cluster, Goal, Membership, Service
from engagements.models import Engagement, WorkLog
from oversight.models import PeriodicReport, StatusRecord
from quality.models import Inquiry, Measure
from quality.services.measures import recompute_measures

pytestmark = pytest.mark.django_db

SMALL = "0.1"  # two clusters, 40 advisors, about 8,000 work logs


def seed_small(seed: str = "7") -> str:
    out = io.StringIO()
    call_command("seed_demo", "--scale", SMALL, "--seed", seed, "--quiet-logins", stdout=out)
    return out.getvalue()


def synthetic_clusters():
    return Cluster.objects.filter(memberships__source__startswith="נתונים סינתטיים").distinct()


def fingerprint() -> dict:
    """The synthetic data by natural values (ids differ between runs)."""
    return {
        "clusters": sorted(
            (c.name_he, c.region, tuple(sorted(c.memberships.values_list("authority__cbs_code", flat=True))))
            for c in synthetic_clusters()
        ),
        "profiles": sorted(
            AdvisorProfile.objects.filter(person__email__endswith=EMAIL_DOMAIN).values_list(
                "person__email", "day_rate", "domains", "regions", "is_published"
            )
        ),
        "work_logs": sorted(
            WorkLog.objects.filter(advisor__email__endswith=EMAIL_DOMAIN).values_list(
                "advisor__email", "engagement__cluster__name_he", "worked_on", "hours", "state"
            )
        ),
        # (the last months' are left out: whether an inquiry is closed yet depends on the minute of the run)
        "inquiries": sorted(
            Inquiry.objects.filter(
                service__cluster__in=synthetic_clusters(), requested_at__lt=timezone.now() - timedelta(days=90)
            ).values_list(
                "service__name_he", "authority__cbs_code", "requested_at", "closed_at", "channel", "satisfaction"
            )
        ),
    }


def measures_of(clusters) -> list[tuple]:
    fields = [field.attname for field in Measure._meta.concrete_fields if field.name != "id"]
    return sorted(Measure.objects.filter(service__cluster__in=clusters).values_list(*fields))


def test_scale_seed_keeps_every_rule_of_clusters_engagements_and_work_logs(settings):
    settings.DEBUG = True
    output = seed_small()
    assert "Synthetic data at scale 0.1 (seed 7)" in output
    assert "VACUUM" not in output  # in the test's transaction, where it may not run

    # Clusters of 5 to 10 authorities of the CBS register.
    clusters = list(synthetic_clusters().annotate(members=Count("memberships", filter=Q(memberships__left_on=None))))
    assert len(clusters) == 2
    assert all(5 <= cluster.members <= 10 for cluster in clusters)
    with open(django_settings.BASE_DIR / "data" / "authorities.csv", encoding="utf-8") as handle:
        register = {(row["code_type"], int(row["cbs_code"])) for row in csv.DictReader(handle)}
    members = set(
        Membership.objects.filter(cluster__in=clusters).values_list("authority__code_type", "authority__cbs_code")
    )
    assert members <= register
    assert Authority.objects.count() == len(register)

    # Work logs inside their engagement's dates, never in the future, 24 hours a day, quarter hours.
    today = timezone.localdate()
    logs = WorkLog.objects.filter(advisor__email__endswith=EMAIL_DOMAIN)
    outside = Q(worked_on__lt=F("engagement__starts_on")) | Q(worked_on__gt=F("engagement__ends_on"))
    assert logs.filter(outside).count() == 0
    assert logs.filter(worked_on__gt=today).count() == 0
    assert logs.exclude(engagement__state__in=["active", "completed", "terminated"]).count() == 0
    bounds = logs.aggregate(low=Min("hours"), high=Max("hours"))
    assert bounds["low"] >= Decimal("0.25")
    assert bounds["high"] <= 24
    assert all((hours * 4) % 1 == 0 for hours in logs.values_list("hours", flat=True).distinct())
    assert logs.values("advisor_id", "worked_on").annotate(total=Sum("hours")).filter(total__gt=24).count() == 0
    assert logs.filter(state="returned", return_reason="").count() == 0

    # The hours logged stay within each engagement's budget, in hours and in shekels.
    engagements = list(
        Engagement.objects.filter(advisor__person__email__endswith=EMAIL_DOMAIN).annotate(
            logged=Sum("work_logs__hours"), entries=Count("work_logs")
        )
    )
    assert len(engagements) == 49  # 24 for each cluster, and the long one
    for engagement in engagements:
        assert engagement.logged <= engagement.budget_hours
        if engagement.budget_amount is not None:
            assert engagement.logged * engagement.hourly_rate <= engagement.budget_amount
    assert max(engagement.entries for engagement in engagements) == 400
    assert logs.count() == sum(engagement.entries for engagement in engagements)

    # The catalogue lists most synthetic profiles: checked by a curator (a few wait for a check), published,
    # confirmed in time, of a vetted organisation.
    synthetic_profiles = AdvisorProfile.objects.filter(person__email__endswith=EMAIL_DOMAIN)
    listed = synthetic_profiles.listed().count()
    assert synthetic_profiles.count() == 40 and 25 <= listed < 40
    assert synthetic_profiles.awaiting_check().exclude(checked_by=None).count() == 0
    assert synthetic_profiles.filter(
        checked_at__isnull=False, checked_by__role_assignments__role="curator"
    ).count() == (synthetic_profiles.filter(checked_at__isnull=False).count())

    # Every work log has its audit event; reports and today's kept statuses exist for every cluster.
    assert AuditEvent.objects.filter(action="work_logged", actor__email__endswith=EMAIL_DOMAIN).count() == logs.count()
    reports = PeriodicReport.objects.filter(cluster__in=clusters)
    assert reports.values("cluster").distinct().count() == 2
    assert StatusRecord.objects.filter(cluster__in=clusters, day=today).count() == 2

    # A year of inquiries for each operating service, from the authorities taking part in it and no other, and the
    # monthly measures computed from them: a fresh computation finds the same.
    operating = Service.objects.filter(cluster__in=clusters, status=Service.Status.OPERATING)
    assert operating.exists()
    for service in operating.prefetch_related("participants"):
        came_from = set(Inquiry.objects.filter(service=service).values_list("authority_id", flat=True).distinct())
        assert came_from == {authority.pk for authority in service.participants.all()}
    synthetic_inquiries = Inquiry.objects.filter(service__cluster__in=clusters)
    assert synthetic_inquiries.exclude(service__status=Service.Status.OPERATING).count() == 0
    assert synthetic_inquiries.filter(requested_at__gt=timezone.now()).count() == 0
    first_month = timezone.localdate().replace(day=1) - relativedelta(months=11)
    assert synthetic_inquiries.filter(requested_at__date__lt=first_month).count() == 0
    assert synthetic_inquiries.filter(requested_at__date__lt=first_month + relativedelta(months=1)).exists()
    kept = measures_of(clusters)
    for cluster in clusters:
        recompute_measures(cluster_id=cluster.pk)
    assert kept and measures_of(clusters) == kept

    # Both clusters publish (two in three do): every goal and the service-quality measures, audited as their CEO's.
    assert all(cluster.is_quality_public for cluster in clusters)
    goals = Goal.objects.filter(service__cluster__in=clusters)
    assert goals.exists() and goals.filter(is_public=False).count() == 0
    assert AuditEvent.objects.filter(action="goals_published", actor__email__endswith=EMAIL_DOMAIN).count() == 2

    # A second run refuses, and changes nothing.
    users = User.objects.count()
    with pytest.raises(CommandError, match="already holds synthetic data"):
        seed_small()
    assert User.objects.count() == users


def test_scale_seed_is_repeatable_with_the_same_seed(settings):
    """The demo data once, then the synthetic data (what --scale adds, accounts.scale.generate) three times on top of
    it, each rolled back: the same seed gives the same data, another seed other data."""
    from accounts import scale

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    prints = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            scale.generate(scale=float(SMALL), seed=seed, stdout=io.StringIO())
            prints.append(fingerprint())
            transaction.set_rollback(True)
    assert prints[0] == prints[1]
    assert prints[0]["work_logs"] != prints[2]["work_logs"]
    assert prints[0]["inquiries"] and prints[0]["inquiries"] != prints[2]["inquiries"]


@pytest.mark.django_db(transaction=True)
def test_the_visibility_map_is_refreshed_outside_a_transaction_on_postgresql():
    from django.db import connection

    from accounts.management.commands.seed_demo import Command

    out = io.StringIO()
    Command(stdout=out).vacuum()
    if connection.vendor != "postgresql":
        assert out.getvalue() == ""
        return
    assert out.getvalue().startswith("VACUUM in ")
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'quality_measure'")
        assert cursor.fetchone() == (True,)
