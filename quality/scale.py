"""Service quality at scale (accounts/scale.py): a year of synthetic inquiries for every operating service of the
synthetic clusters, in each participating authority, and their monthly measures. Nothing in them identifies a
resident, as in the real imports.

The measures are computed by the same function an import's recomputation uses (measuring.monthly_measures), from
the values just generated rather than read back; inquiries and measures go in by COPY on PostgreSQL.
"""

import random

from accounts.scale import ScaleContext

from .demo import inquiry_values
from .importing.rows import FIELDS as IMPORTED_FIELDS
from .measuring import InquiryFacts, month_from_index, month_index, monthly_measures
from .models import Inquiry, Measure, ServiceCode, WorkingCalendar
from .services.measures import calendar_for

PER_MONTH = 8  # inquiries per authority and service each month (the clusters, not the inquiries, grow with N)
MONTHS = 12
# an inquiry's identity and the fields an import writes
INQUIRY_COLUMNS = ["authority_id", "request_id", *IMPORTED_FIELDS]
MEASURE_FIELDS = [field.attname for field in Measure._meta.concrete_fields if field.name != "id"]


def seed(ctx: ScaleContext) -> None:
    clusters = ctx.data["clusters"]
    operating = {cluster.pk: [] for cluster in clusters}
    for service, members in ctx.data["service_members"]:
        if service.status == service.Status.OPERATING:
            operating[service.cluster_id].append((service, members))
    ctx.bulk(WorkingCalendar, [WorkingCalendar(cluster=cluster) for cluster in clusters])
    ctx.bulk(
        ServiceCode,
        [
            ServiceCode(cluster_id=service.cluster_id, service=service, code=f"S{service.pk}", name=service.name_he)
            for services in operating.values()
            for service, _members in services
        ],
    )
    last_month = ctx.today.replace(day=1)
    months = [month_from_index(month_index(last_month) - back) for back in range(MONTHS - 1, -1, -1)]
    # a random source of its own, so the apps seeded after this one draw the same whatever this one draws
    rng = random.Random(ctx.rng.getrandbits(64))
    progress = ctx.progress("inquiries", len(clusters))
    inquiries = measures = 0
    for cluster in clusters:
        calendar = calendar_for(cluster.pk)
        inquiry_rows, measure_rows = [], []
        for position, (service, members) in enumerate(operating[cluster.pk]):
            # one service in five worsens over its last months, as a referent would want to see
            worsening = (cluster.pk + position) % 5 == 0
            facts_by_authority = {member.pk: [] for member in members}
            for values in inquiry_values(
                service, members, months, ctx.now, rng, worsening=worsening, per_month=PER_MONTH
            ):
                values["was_reopened"] = False
                inquiry_rows.append(tuple(values[column] for column in INQUIRY_COLUMNS))
                facts_by_authority[values["authority_id"]].append(
                    InquiryFacts(
                        requested_at=values["requested_at"],
                        first_response_at=values["first_response_at"],
                        closed_at=values["closed_at"],
                        is_closed=values["status"] == Inquiry.Status.CLOSED,
                        channel=values["channel"],
                        satisfaction=values["satisfaction"],
                        sla_hours=values["sla_hours"],
                    )
                )
            for authority_id, facts in facts_by_authority.items():
                computed = monthly_measures(facts, calendar=calendar, last_month=last_month)
                for (month, channel), figures in computed.items():
                    row = {"service_id": service.pk, "authority_id": authority_id, "month": month, "channel": channel}
                    row.update(figures)
                    measure_rows.append(tuple(row[name] for name in MEASURE_FIELDS))
        ctx.copy_rows(Inquiry, INQUIRY_COLUMNS, inquiry_rows)
        ctx.copy_rows(Measure, MEASURE_FIELDS, measure_rows)
        inquiries += len(inquiry_rows)
        measures += len(measure_rows)
        progress.advance()
    progress.finish(f"{inquiries} inquiries, {measures} monthly measures")
