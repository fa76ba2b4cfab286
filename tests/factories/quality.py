"""Building inquiries files and a cluster ready to import them."""

import csv
import io
from dataclasses import dataclass
from datetime import time

from quality.models import ServiceCode, WorkingCalendar
from tests.factories.clusters import ServiceFactory, cluster_with_members

COLUMNS = [
    "service_request_id",
    "service_code",
    "authority_cbs_code",
    "requested_datetime",
    "updated_datetime",
    "closed_datetime",
    "first_response_datetime",
    "status",
    "channel",
    "satisfaction",
    "sla_hours",
]


@dataclass
class QualitySetup:
    cluster: object
    authorities: list
    service: object
    other_service: object


def quality_setup(cluster, *, authorities: int = 2, calendar: bool = True) -> QualitySetup:
    """The cluster with member authorities, two services with codes W1 and S1, and a working calendar 08–16."""
    members = cluster_with_members(cluster, authorities)
    service = ServiceFactory(cluster=cluster, name_he="רווחה", name_en="Welfare", domain="welfare")
    other = ServiceFactory(cluster=cluster, name_he="פסולת", name_en="Waste", domain="waste")
    service.participants.set(members)
    other.participants.set(members)
    ServiceCode.objects.create(cluster=cluster, service=service, code="W1", name="פניות רווחה")
    ServiceCode.objects.create(cluster=cluster, service=other, code="S1", name="פינוי אשפה")
    if calendar:
        WorkingCalendar.objects.create(cluster=cluster, day_starts_at=time(8), day_ends_at=time(16))
    return QualitySetup(cluster, members, service, other)


def csv_bytes(rows, columns=COLUMNS, encoding="utf-8") -> bytes:
    """A CSV file: `rows` are dicts (missing columns empty) or lists."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns] if isinstance(row, dict) else row)
    return buffer.getvalue().encode(encoding)


def inquiry_row(request_id, authority, **values) -> dict:
    row = {
        "service_request_id": request_id,
        "service_code": "W1",
        "authority_cbs_code": authority.cbs_code,
        "requested_datetime": "2026-03-01T09:00:00+02:00",
        "status": "open",
        "channel": "phone",
    }
    row.update(values)
    return row
