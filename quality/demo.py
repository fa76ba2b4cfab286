"""Demo service quality: a year of synthetic inquiries for the services of the first clusters (invented, labelled
as demo data in the interface through the services), with a few authorities clearly better than the others, one
service whose response time worsens in its last months, and a goal computed from the measures."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone, translation

from clusters.models import Cluster, Goal, Service

from .measuring import month_from_index, month_index
from .models import Channel, Inquiry, QualityGoalSource, ServiceCode, WorkingCalendar
from .services.goals import link_goal
from .services.measures import recompute_measures
from .workhours import ISRAEL

CLUSTERS = 4
PER_MONTH = 30  # inquiries per authority and service each month
CHANNELS = [Channel.PHONE] * 5 + [Channel.WEB] * 2 + [Channel.APP] * 2 + [Channel.WHATSAPP, Channel.WALK_IN]


def _working_moment(rng: random.Random, month: date) -> datetime:
    """A random moment in working hours of a working day of the month."""
    while True:
        day = month + timedelta(days=rng.randrange(28))
        if day.weekday() in (4, 5):
            continue
        return datetime.combine(day, time(8), tzinfo=ISRAEL) + timedelta(minutes=rng.randrange(8 * 60))


def _later(moment: datetime, working_hours: float) -> datetime:
    """About that many working hours later (three clock hours per working hour: nights and weekends)."""
    return moment + timedelta(hours=working_hours * 3)


def inquiry_values(service: Service, authorities, months, now, rng, *, worsening: bool, per_month: int = PER_MONTH):
    """The field values of synthetic inquiries: about `per_month` a month in each authority (give or take a
    quarter), the first authorities answering fast and the last ones slowly, none after `now`."""
    spread = per_month * 8 // 30
    sla = Decimal(48)
    for rank, authority in enumerate(authorities):
        pace = 0.5 + 1.5 * rank / max(len(authorities) - 1, 1)
        for position, month in enumerate(months):
            drift = 1 + 0.6 * max(position - len(months) + 3, 0) if worsening else 1
            for number in range(per_month + rng.randrange(-spread, spread + 1)):
                # every draw is taken whatever `now` is, so the same seed gives the same inquiries a minute later
                requested = _working_moment(rng, month)
                responded = _later(requested, rng.expovariate(1 / (4 * pace * drift)))
                closed = _later(responded, rng.expovariate(1 / (20 * pace)))
                left_open = rng.random() < 0.03
                channel = rng.choice(CHANNELS)
                score = min(5, max(1, round(rng.gauss(4.6 - pace, 0.8)))) if rng.random() < 0.4 else None
                if requested > now:
                    continue
                is_open = closed > now or left_open
                yield {
                    "authority_id": authority.pk,
                    "service_id": service.pk,
                    "request_id": f"D{service.pk}-{month:%Y%m}-{number}",
                    "requested_at": requested,
                    "updated_at": min(closed, now),
                    "first_response_at": responded if responded <= now else None,
                    "closed_at": None if is_open else closed,
                    "status": Inquiry.Status.OPEN if is_open else Inquiry.Status.CLOSED,
                    "channel": channel,
                    "satisfaction": score,
                    "sla_hours": sla,
                }


def seed(*, stdout) -> None:
    clusters = list(Cluster.objects.exclude(cbs_code=None).order_by("cbs_code")[:CLUSTERS])
    if not clusters or Inquiry.objects.filter(service__cluster__in=clusters).exists():
        stdout.write("quality: demo inquiries already loaded")
        return
    now = timezone.now()
    this_month = timezone.localdate().replace(day=1)
    months = [month_from_index(month_index(this_month) - back) for back in range(11, -1, -1)]
    rng = random.Random(2026)
    total = 0
    for cluster_number, cluster in enumerate(clusters):
        WorkingCalendar.objects.get_or_create(cluster=cluster)
        services = list(Service.objects.filter(cluster=cluster).prefetch_related("participants"))
        for service_number, service in enumerate(services):
            ServiceCode.objects.get_or_create(
                cluster=cluster, code=f"S{service.pk}", defaults={"service": service, "name": service.name_he}
            )
            authorities = sorted(service.participants.all(), key=lambda a: (a.cbs_code * 7919) % 101)
            rows = [
                Inquiry(**values)
                for values in inquiry_values(
                    service, authorities, months, now, rng, worsening=cluster_number == 1 and service_number == 0
                )
            ]
            Inquiry.objects.bulk_create(rows, batch_size=2000)
            total += len(rows)
        recompute_measures(cluster_id=cluster.pk)
        if services:
            _computed_goal(services[0])
    stdout.write(f"quality: {total} demo inquiries in {len(clusters)} clusters")


def _computed_goal(service: Service) -> None:
    """A demo goal whose monthly measurements are computed from the measures, never typed."""
    today = timezone.localdate()
    goal = Goal.objects.create(
        service=service,
        kind=Goal.Kind.CUSTOM,
        name=f"זמן סגירה חציוני מתחת ל-48 שעות בכל רשות — {service.name_he}",
        unit="שעות",
        direction="lower",
        baseline_value=Decimal(90),
        baseline_on=date(today.year - 1, today.month, 1),
        target_value=Decimal(48),
        target_on=date(today.year + 1, 12, 31),
        is_active=True,
        is_demo=True,
    )
    with translation.override("he"):
        link_goal(goal=goal, metric="close_median_hours", aggregate=QualityGoalSource.Aggregate.WORST, linked_by=None)
