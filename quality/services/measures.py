"""Keeping the monthly measures of a cluster's services in step with its inquiries."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from clusters.models import Service

from ..measuring import InquiryFacts, monthly_measures
from ..models import Holiday, Inquiry, Measure, WorkingCalendar
from ..workhours import ClockCalendar
from ..workhours import WorkingCalendar as WorkingHours

FACT_FIELDS = [
    "service_id",
    "authority_id",
    "requested_at",
    "first_response_at",
    "closed_at",
    "status",
    "channel",
    "satisfaction",
    "sla_hours",
]


def calendar_for(cluster_id: int):
    """The cluster's working calendar with the holidays, or clock hours when it has none."""
    setting = WorkingCalendar.objects.filter(cluster_id=cluster_id).first()
    if setting is None:
        return ClockCalendar()
    return WorkingHours(
        day_starts_at=setting.day_starts_at,
        day_ends_at=setting.day_ends_at,
        holidays=Holiday.objects.values_list("date", flat=True),
    )


def _measure_rows(service_id: int, authority_id: int, facts: list, calendar, last_month: date) -> list[Measure]:
    computed = monthly_measures(facts, calendar=calendar, last_month=last_month)
    return [
        Measure(service_id=service_id, authority_id=authority_id, month=month, channel=channel, **values)
        for (month, channel), values in computed.items()
    ]


@transaction.atomic
def recompute_measures(*, cluster_id: int, today: date | None = None) -> int:
    """Recompute every monthly measure of the cluster's services from its inquiries; returns the rows written.

    Idempotent: the measures are replaced by what the inquiries say now. Inquiries are read as a stream, one
    service and authority at a time, so memory stays bounded.
    """
    last_month = (today or timezone.localdate()).replace(day=1)
    calendar = calendar_for(cluster_id)
    service_ids = list(Service.objects.filter(cluster_id=cluster_id).values_list("pk", flat=True))
    Measure.objects.filter(service_id__in=service_ids).delete()
    rows = (
        Inquiry.objects.filter(service_id__in=service_ids)
        .order_by("service_id", "authority_id")
        .values_list(*FACT_FIELDS)
        .iterator(chunk_size=5000)
    )
    written, pending, key, facts = 0, [], None, []
    for service_id, authority_id, requested, responded, closed, status, channel, satisfaction, sla in rows:
        if (service_id, authority_id) != key:
            if key is not None:
                pending.extend(_measure_rows(*key, facts, calendar, last_month))
            key, facts = (service_id, authority_id), []
            if len(pending) >= 2000:
                Measure.objects.bulk_create(pending)
                written, pending = written + len(pending), []
        facts.append(
            InquiryFacts(
                requested_at=requested,
                first_response_at=responded,
                closed_at=closed,
                is_closed=status == Inquiry.Status.CLOSED,
                channel=channel,
                satisfaction=satisfaction,
                sla_hours=sla,
            )
        )
    if key is not None:
        pending.extend(_measure_rows(*key, facts, calendar, last_month))
    Measure.objects.bulk_create(pending)
    return written + len(pending)
